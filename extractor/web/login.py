"""Signing in to the reviewer when ``zhengce serve --api-key`` is set: ``/login`` (a form for the key, posted
once per browser session) and ``/logout``; :func:`require_sign_in` guards every page (a browser not signed in
is sent to ``/login`` and back). The rules of the cookie and of writes are in :mod:`extractor.api.auth`."""

from __future__ import annotations

import math
import secrets
import threading
import time
from collections import deque
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..api._context import ApiContext
from ..api.auth import SESSION_COOKIE, allowed, safe_next, session_token, signed_in
from .html_base import e, page

login_router = APIRouter(include_in_schema=False)


SWEEP_AT = 1024
"""Past this many addresses remembered (or twice as many as the last sweep kept), a failure sweeps out every
address whose failures have aged out."""


class Attempts:
    """The wrong keys tried at /login, per client address, within a window: a client over the limit is refused
    (429) until its oldest failure ages out, even with the right key, so that guessing stays slow. Kept by the
    app (``app.state.login_attempts``), lost when it stops."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._failed: dict[str, deque[float]] = {}
        self._sweep_at = SWEEP_AT
        self._lock = threading.Lock()

    def _recent(self, host: str, now: float) -> deque[float]:
        times = self._failed.setdefault(host, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            del self._failed[host]  # an address that stopped failing is forgotten
        return times

    def wait_s(self, host: str) -> float:
        """0 if ``host`` may try a key now, else the seconds until it may."""
        now = time.monotonic()
        with self._lock:
            times = self._recent(host, now)
            return times[0] + self.window_s - now if len(times) >= self.limit else 0.0

    def failed(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            if len(self._failed) >= self._sweep_at:  # addresses that failed once and never came back are forgotten too
                for other in list(self._failed):
                    self._recent(other, now)
                self._sweep_at = max(SWEEP_AT, 2 * len(self._failed))  # so that sweeps stay rare while many fail
            self._recent(host, now)
            self._failed.setdefault(host, deque()).append(now)

    def hosts(self) -> int:
        """How many addresses have wrong keys within the window (or not yet swept)."""
        with self._lock:
            return len(self._failed)


class LoginNeeded(Exception):
    """A page was asked for by a browser not signed in; ``target`` is where to come back."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


def _key(request: Request) -> str | None:
    ctx: ApiContext = request.app.state.zhengce
    return ctx.api_key


def require_sign_in(request: Request) -> None:
    """A page's guard: with an API key set, the browser must be signed in (or the client send the key)."""
    if not allowed(request, request.method, _key(request)):
        query = f"?{request.url.query}" if request.url.query else ""
        raise LoginNeeded(request.url.path + query)


def install_login(app: FastAPI) -> None:
    """The login routes (with their :class:`Attempts`), and the answer to :class:`LoginNeeded`: a redirect to the form."""
    settings = app.state.zhengce.settings
    app.state.login_attempts = Attempts(settings.login_attempts, settings.login_window_s)
    app.include_router(login_router)

    @app.exception_handler(LoginNeeded)
    async def to_login(request: Request, exc: LoginNeeded) -> RedirectResponse:
        return RedirectResponse(f"/login?next={quote(exc.target, safe='/')}", status_code=303)


def login_page(target: str, error: str | None = None, signed: bool = False) -> str:
    """The form asking for the key (a password field; the key is posted, never put in the page)."""
    said = f'<p class="error" role="alert">{e(error)}</p>' if error else ""
    out = ('<form method="post" action="/logout"><button type="submit" id="logout">sign out</button></form>'
           if signed else "")
    body = (f"<h1>登录 Sign in</h1>{said}<p>This server asks for its API key (<code>zhengce serve --api-key</code>). "
            "It is asked once; the browser then keeps a session cookie until it is closed.</p>"
            '<form class="query" id="login" method="post" action="/login">'
            '<label>API key <input type="password" name="key" autocomplete="current-password" required autofocus></label> '
            f'<input type="hidden" name="next" value="{e(target)}"><button type="submit">sign in</button></form>{out}')
    return page("sign in", body)


@login_router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/search") -> Response:
    key = _key(request)
    if key is None:
        return RedirectResponse(safe_next(next), status_code=303)
    return HTMLResponse(login_page(safe_next(next), signed=signed_in(request, key)))


@login_router.post("/login", response_class=HTMLResponse)
def login(request: Request, key: Annotated[str, Form(max_length=1000)],
          next: Annotated[str, Form(max_length=2000)] = "/search") -> Response:
    expected = _key(request)
    target = safe_next(next)
    if expected is None:
        return RedirectResponse(target, status_code=303)
    attempts: Attempts = request.app.state.login_attempts
    host = request.client.host if request.client else "?"
    wait = attempts.wait_s(host)
    if wait > 0:
        return HTMLResponse(login_page(target, f"too many wrong keys: try again in {math.ceil(wait)} s"), status_code=429,
                            headers={"Retry-After": str(math.ceil(wait))})
    if not secrets.compare_digest(key.encode(), expected.encode()):
        attempts.failed(host)
        return HTMLResponse(login_page(target, "wrong key"), status_code=401)
    done = RedirectResponse(target, status_code=303)
    done.set_cookie(SESSION_COOKIE, session_token(expected), httponly=True, samesite="strict", path="/",
                    secure=request.url.scheme == "https")
    return done


@login_router.post("/logout")
def logout() -> RedirectResponse:
    done = RedirectResponse("/login", status_code=303)
    done.delete_cookie(SESSION_COOKIE, path="/")
    return done


__all__ = ["Attempts", "LoginNeeded", "install_login", "login_page", "login_router", "require_sign_in"]
