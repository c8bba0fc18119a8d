"""What every page of the reviewer shares: escaping, the page frame with its navigation, JSON for a script."""

from __future__ import annotations

import html
import json
from urllib.parse import urlencode

KINDS = ("money", "percent", "duration", "age", "count", "date")


def e(s: object) -> str:
    """Text escaped for HTML content and attribute values (quotes included); None is empty."""
    return "" if s is None else html.escape(str(s), quote=True)


def script_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left raw.

    >>> script_json({"a": "</script>"})
    '{"a": "\\\\u003c/script\\\\u003e"}'
    """
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def href(path: str, **params: str | None) -> str:
    """A link to one of the pages with its query (empty values left out), escaped for an attribute."""
    query = urlencode({k: v for k, v in params.items() if v})
    return e(path + ("?" + query if query else ""))


def page(title: str, body: str, *, scripts: tuple[str, ...] = ()) -> str:
    """A whole page: the shared header (links to search, upload, compare, diff), ``body`` (already escaped HTML)."""
    tags = "".join(f'<script src="/static/{e(s)}" defer></script>' for s in scripts)
    return ("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>{e(title)}</title><link rel=\"stylesheet\" href=\"/static/reviewer.css\">{tags}</head><body>"
            "<header class=\"top\"><a href=\"/search\">检索 Search</a> <a href=\"/upload\">上传 Upload</a> <a href=\"/compare\">比较 Compare</a> "
            "<a href=\"/diff\">对照 Diff</a> <a href=\"/docs\">API</a></header>"
            f"<main>{body}</main></body></html>")


__all__ = ["KINDS", "e", "href", "page", "script_json"]
