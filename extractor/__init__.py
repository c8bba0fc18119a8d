"""Zhengce (政策): Chinese official policy documents read into structured, normalized, traceable records."""

__version__ = "0.1.0"
"""The package version, the one source of it (pyproject.toml reads it from here)."""
