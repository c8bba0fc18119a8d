"""Who may use the app when ``zhengce serve --api-key KEY`` is set: a client with the key, or a browser
signed in through the reviewer's login form.

- A client sends the key itself: ``X-API-Key: KEY`` or ``Authorization: Bearer KEY``.
- A browser posts the key once to ``/login`` and gets a cookie, :data:`SESSION_COOKIE`, holding
  :func:`session_token` (an HMAC of a fixed message under the key: the key itself is never in a cookie nor in
  any page). The cookie is ``HttpOnly`` (no script reads it) and ``SameSite=Strict``.
- The cookie alone lets a browser read (GET, HEAD). A write (POST) with the cookie also needs the header
  :data:`PAGE_HEADER`, which the reviewer's own scripts send: a form or a script of another site cannot add
  a header to a request here without the app's consent (the app answers no CORS preflight), so a page
  elsewhere cannot post reviews or uploads with a signed-in reviewer's cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import HTTPConnection

SESSION_COOKIE = "zhengce_session"
PAGE_HEADER = "X-Zhengce-Page"
"""The header the reviewer's scripts send with each write (any value)."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def session_token(key: str) -> str:
    """The value of the session cookie for ``key``: the same for every browser, void once the key changes.

    >>> session_token("k") == session_token("k") != session_token("K")
    True
    >>> "k" in session_token("k")
    False
    """
    return hmac.new(key.encode(), b"zhengce reviewer session", hashlib.sha256).hexdigest()


def _same(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode(), expected.encode())


def key_given(conn: HTTPConnection) -> str | None:
    """The key a client sent (``X-API-Key``, else a bearer token), or None."""
    key = conn.headers.get("x-api-key")
    auth = conn.headers.get("authorization", "")
    if key is None and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key


def signed_in(conn: HTTPConnection, expected: str) -> bool:
    """The browser holds the session cookie of ``expected`` (whatever the method)."""
    cookie = conn.cookies.get(SESSION_COOKIE)
    return cookie is not None and _same(cookie, session_token(expected))


def allowed(conn: HTTPConnection, method: str, expected: str | None) -> bool:
    """May this request go on: no key is set; the client sent the key; or the browser is signed in and the
    request reads, or is a write sent by the reviewer's scripts (:data:`PAGE_HEADER`)."""
    if expected is None:
        return True
    key = key_given(conn)
    if key is not None:
        return _same(key, expected)
    if not signed_in(conn, expected):
        return False
    return method.upper() in SAFE_METHODS or PAGE_HEADER.lower() in conn.headers


def safe_next(target: str | None) -> str:
    """Where the login form sends the browser afterwards: a path of this app only (no other site).

    >>> [safe_next(x) for x in ("/documents/a?x=1", "//evil.example/", "https://evil.example/", "/\\\\evil", None, "docs")]
    ['/documents/a?x=1', '/search', '/search', '/search', '/search', '/search']
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or any(c < " " for c in target):
        return "/search"
    return target


__all__ = ["PAGE_HEADER", "SESSION_COOKIE", "allowed", "key_given", "safe_next", "session_token", "signed_in"]
