"""The REST API over the corpus store (``zhengce serve``): ``create_app(store_dir)`` and its settings."""

from .app import create_app
from .limits import ApiSettings

__all__ = ["ApiSettings", "create_app"]
