"""The web reviewer: server-rendered pages over the store (document, search, comparison, diff), served by the
API's app (:func:`extractor.web.app.create_app`: the API's app with :data:`extractor.web.pages.router` included)."""
