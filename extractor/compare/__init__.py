"""Comparing documents: how they cite, implement, amend and repeal one another (``graph``)."""
