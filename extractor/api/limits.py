"""The API's limits and the checks of an upload: its size while it streams in, its type by its bytes.

The limits are one frozen :class:`ApiSettings`, built once and passed to ``create_app``; the document budgets
(pages, characters, time) are the ``Budgets`` of issue 13, given beside them.
"""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

Format = Literal["pdf", "docx", "html", "text"]
SUFFIX: Final[dict[Format, str]] = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}
"""The suffix a stored upload gets from the type its bytes show (never from the client's file name)."""

MB = 1 << 20
SNIFF_BYTES: Final[int] = 64 * 1024
"""How much of the head of a file decides whether it is text or HTML."""

_HTML_MARKS: Final[tuple[bytes, ...]] = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>", b"<table")


class ApiSettings(BaseModel):
    """The limits of ``zhengce serve``: uploads, pages of results, time and the analysis pool."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_upload_mb: float = Field(default=20.0, gt=0, description="largest upload, in MB (413 over it, checked while it streams in)")
    sync_max_kb: float = Field(default=512.0, ge=0, description="uploads up to this size are analysed at once and answered; "
                                                                "larger ones get 202 and a job")
    page_size: int = Field(default=20, gt=0, description="results per page of a search")
    max_page: int = Field(default=1000, gt=0, description="the last page a search serves (a page cap)")
    request_seconds: float = Field(default=60.0, gt=0, description="wall time of an analysis answered at once (504 over it, its worker killed)")
    answer_seconds: float = Field(default=120.0, gt=0, description="wall time of any request (504 over it): above "
                                                                    "request_seconds, so that an analysis's own 504 comes first")
    workers: int = Field(default=2, gt=0, description="analysis processes")
    queue: int = Field(default=8, ge=0, description="analyses that may wait for a free process; more get 503")
    retry_after: int = Field(default=5, gt=0, description="seconds a 503 asks the client to wait (Retry-After)")
    warm: bool = Field(default=True, description="build the extraction pipeline in the server at start, so every "
                                                 "analysis process forked from it starts warm")
    login_attempts: int = Field(default=10, gt=0, description="wrong keys a client may try at /login within login_window_s; "
                                                               "then every attempt gets 429 until the oldest ages out")
    login_window_s: float = Field(default=600.0, gt=0, description="the window of login_attempts, in seconds")

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * MB)


def _is_docx(data: bytes | Path) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    for enc in ("utf-8", "gb18030"):
        try:
            head.decode(enc)
            return True
        except UnicodeDecodeError as e:
            if enc == "utf-8" and e.start >= len(head) - 3:  # a character cut at the end of the head
                return True
    return False


def sniff_format(head: bytes, whole: bytes | Path | None = None) -> Format | None:
    """The format a file's bytes show, or None when they are none of PDF, DOCX, HTML or text.

    ``head`` is the file's first bytes (:data:`SNIFF_BYTES`); ``whole`` the file (or its bytes), needed to tell a
    DOCX from another zip file.

    >>> sniff_format(b"%PDF-1.7\\n..."), sniff_format("<!DOCTYPE html><p>就业</p>".encode()), sniff_format("第一条 就业".encode())
    ('pdf', 'html', 'text')
    >>> sniff_format(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00"), sniff_format(b"PK\\x03\\x04 not a docx")
    (None, None)
    """
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"%PDF-"):
        return "pdf"
    if start.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(whole if whole is not None else head) else None
    if not _is_text(head):
        return None
    lowered = start[:2048].lower()
    if lowered.startswith(b"<") and any(m in lowered for m in _HTML_MARKS):
        return "html"
    return "text"


# -- the upload size cap, while the body streams in ---------------------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(HTTPException):
    """The body of an upload went over the cap while it was read (an HTTPException, so that FastAPI's form
    parsing passes it on as a 413 instead of a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"upload over the size cap of {limit / MB:g} MB")
        self.limit = limit


class _Watched:
    """A ``send`` that notes whether the response has started: after that no error answer can be sent."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


class UploadCap:
    """ASGI middleware: a POST whose ``Content-Length`` says it is over ``limit`` bytes is answered 413 before
    its body is read; one without a length (chunked) is counted as it streams and stopped at the cap, so no
    more than ``limit`` bytes (plus one chunk) are ever read."""

    def __init__(self, app: ASGIApp, limit: int, slack: int = 64 * 1024) -> None:
        self.app = app
        self.limit = limit
        self.slack = slack  # the multipart framing around the file

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT"):
            await self.app(scope, receive, send)
            return
        cap = self.limit + self.slack
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > cap:
            await _send_413(send, self.limit)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge(self.limit)
            return message

        watched = _Watched(send)
        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not watched.started:
                await _send_413(send, self.limit)


class RequestTimeout:
    """ASGI middleware: a request not answered within ``seconds()`` (read at each request) is answered 504.
    The work of a route that runs in a thread goes on to its end, but the client is answered; an analysis has
    its own limit, whose process is killed (``jobs.AnalysisPool``)."""

    def __init__(self, app: ASGIApp, seconds: Callable[[], float]) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        watched = _Watched(send)
        limit = self.seconds()
        try:
            async with asyncio.timeout(limit):
                await self.app(scope, receive, watched)
        except TimeoutError:
            if not watched.started:
                await _send_json(send, 504, {"error": f"not answered within {limit:g} s"})


async def _send_json(send: Send, status: int, payload: dict[str, str]) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


async def _send_413(send: Send, limit: int) -> None:
    body = ('{"error":"upload over the size cap of %g MB"}' % (limit / MB)).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


__all__ = ["SUFFIX", "ApiSettings", "BodyTooLarge", "Format", "RequestTimeout", "UploadCap", "sniff_format"]
