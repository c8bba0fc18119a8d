"""The web reviewer: server-rendered pages over the store (document, search, comparison, diff), served by the
API's app (``extractor.api.app`` includes :data:`extractor.web.pages.router`)."""
