"""``/v1/documents`` and ``/v1/jobs``: upload and analyse a file, search the store, read a document."""


import asyncio
import datetime as dt
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import Field

from ..db.read import SearchFilters
from ..db.records import SourceAnalysis
from ..db.search import SearchHit, search
from ..db.store import now
from ..records import Analysis, Document, Level, Quantity, Section
from ..records._base import Record
from ..version import extractor_version
from ._context import ApiContext, NotFound
from .jobs import Job, Outcome, PoolFull, get_job, put_job, queued_job
from .jsonld import document_to_jsonld
from .limits import SNIFF_BYTES, SUFFIX, sniff_format

CHUNK = 1 << 20
_BUDGET = re.compile(r"over the (.+?) budget")


class UploadOut(Record):
    """What an upload gives: its job and, when it was analysed at once, the analyses of its documents."""

    job: Job
    analyses: list[Analysis] = Field(default_factory=list)


class SearchPage(Record):
    """One page of a search."""

    page: int
    page_size: int
    total: int
    hits: list[SearchHit]


class Unavailable(HTTPException):
    """503: every analysis process is busy; come back after ``Retry-After`` seconds."""

    def __init__(self, seconds: int) -> None:
        super().__init__(503, "every analysis process is busy; retry later", headers={"Retry-After": str(seconds)})


def error_status(error: str) -> int:
    """The status of an analysis that failed: 504 over the time budget, 413 over another budget, else 422.

    >>> error_status("a.pdf: over the page budget (3 pages, at most 1)"), error_status("x: over the time budget (…)")
    (413, 504)
    >>> error_status("not a PDF")
    422
    """
    m = _BUDGET.search(error)
    if m is None:
        return 422
    return 504 if m.group(1) == "time" else 413


def _save(src: BinaryIO, folder: Path) -> tuple[Path, str, int, bytes]:
    """Copy an upload into a temporary file of ``folder``: its path, sha256, size and first bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    digest, size, head = hashlib.sha256(), 0, b""
    fd, name = tempfile.mkstemp(dir=folder, prefix=".upload-")
    with os.fdopen(fd, "wb") as out:
        src.seek(0)
        while chunk := src.read(CHUNK):
            if len(head) < SNIFF_BYTES:
                head += chunk[: SNIFF_BYTES - len(head)]
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return Path(name), digest.hexdigest(), size, head


def _stored_upload(ctx: ApiContext, path: Path, sha256: str) -> list[Analysis] | None:
    """The stored analyses of an upload already stored from these bytes by this extractor version, else None."""
    with ctx.open() as store:
        source = store.source(path.resolve().as_posix())
        if source is None or source.status == "failed" or source.sha256 != sha256 or source.extractor_version != extractor_version():
            return None
        ids = [r[0] for r in store.conn.execute("select doc_id from documents where source_id = ? order by ordinal", [source.source_id])]
        return store.analyses(ids)


def _write(ctx: ApiContext, result: SourceAnalysis) -> str | None:
    """Store an analysed upload; the error when the store refused it (an id clash)."""
    with ctx.open() as store:
        status = store.write_source(result)
        if status == "failed":
            source = store.source(result.source.source_id)
            error = (source.error if source else None) or "refused by the store"
            with store.transaction():
                store.conn.execute("delete from sources where source_id = ?", [result.source.source_id])
            return error
    return None


def _finish(ctx: ApiContext, job: Job, path: Path, outcome: Outcome, keep_file: bool) -> Job:
    """Store an analysis's outcome and the job's final state; a failed file is removed (nothing stored)."""
    error = outcome if isinstance(outcome, str) else (outcome.error or _write(ctx, outcome))
    if error is not None and not keep_file:
        path.unlink(missing_ok=True)
    doc_ids = [] if error is not None or isinstance(outcome, str) else [a.id for a in outcome.analyses]
    done = job.model_copy(update={"state": "failed" if error else "done", "error": error, "doc_ids": doc_ids, "finished": now()})
    return done


def _put(ctx: ApiContext, job: Job) -> None:
    with ctx.open() as store:
        put_job(store.conn, job)


def documents_router(ctx: ApiContext) -> APIRouter:
    """The routes of documents and jobs."""
    router = APIRouter(tags=["documents"])

    @router.post("/documents", response_model=UploadOut, responses={
        202: {"model": UploadOut, "description": "a large file: queued, see GET /v1/jobs/{id}"},
        413: {"description": "over the size cap or a budget"}, 415: {"description": "not a PDF, DOCX, HTML or text file"},
        422: {"description": "a file that cannot be analysed"}, 503: {"description": "every analysis process is busy"},
        504: {"description": "the analysis overran the request's time"}})
    async def upload(file: Annotated[UploadFile, File(description="a PDF, DOCX, HTML or text file")]) -> Any:
        """Upload a file: small files are analysed at once and their analyses returned; larger ones get 202 and
        a job. The type is read from the bytes, never from the name; the file is stored named by its sha256."""
        pool = ctx.running_pool()
        tmp, sha256, size, head = await run_in_threadpool(_save, file.file, ctx.uploads)
        try:
            if size == 0:
                raise HTTPException(422, "the file is empty")
            fmt = await run_in_threadpool(sniff_format, head, tmp)
            if fmt is None:
                raise HTTPException(415, "not a PDF, DOCX, HTML or text file (judged by its bytes)")
            final = ctx.uploads / f"{sha256[:32]}{SUFFIX[fmt]}"
            existed = final.exists()
            os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
        job = queued_job(Path(file.filename or "").name[:200] or None, fmt, sha256, size)
        stored = await run_in_threadpool(_stored_upload, ctx, final, sha256) if existed else None
        if stored is not None:
            done = job.model_copy(update={"state": "done", "doc_ids": [a.id for a in stored], "finished": now()})
            await run_in_threadpool(_put, ctx, done)
            return UploadOut(job=done, analyses=stored)
        sync = size <= ctx.settings.sync_max_kb * 1024
        try:
            if sync:
                future = pool.submit(str(final), ctx.settings.request_seconds, ctx.budgets)
            else:
                await run_in_threadpool(_put, ctx, job)
                future = pool.submit(str(final), ctx.budgets.max_seconds, ctx.budgets,
                                     on_start=lambda: _put(ctx, job.model_copy(update={"state": "running"})))
        except PoolFull:
            if not existed:
                final.unlink(missing_ok=True)
            if not sync:
                await run_in_threadpool(_drop_job, ctx, job.job_id)
            raise Unavailable(ctx.settings.retry_after) from None
        if not sync:
            future.add_done_callback(lambda f: _put(ctx, _finish(ctx, job, final, f.result(), existed)))
            return JSONResponse(UploadOut(job=job).model_dump(mode="json"), status_code=202,
                                headers={"Location": f"/v1/jobs/{job.job_id}"})
        outcome = await asyncio.wrap_future(future)
        done = await run_in_threadpool(_finish, ctx, job, final, outcome, existed)
        if done.error is not None:
            raise HTTPException(error_status(done.error), f"{job.filename or 'the file'}: {done.error}")
        await run_in_threadpool(_put, ctx, done)
        assert not isinstance(outcome, str)
        return UploadOut(job=done, analyses=outcome.analyses)

    @router.get("/jobs/{job_id}", response_model=Job)
    def job_state(job_id: str) -> Job:
        """An upload's job: queued, running, done (with its documents) or failed (with the cause)."""
        with ctx.open() as store:
            job = get_job(store.conn, job_id)
        if job is None:
            raise NotFound(f"job {job_id}")
        return job

    @router.get("/documents", response_model=SearchPage)
    def list_documents(
        q: Annotated[str, Query(max_length=200, description="words, all required; empty: every document, newest first")] = "",
        region: Annotated[str | None, Query(max_length=100)] = None,
        level: Level | None = None,
        year: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{4})?$", description="2023 or 2020-2023")] = None,
        type: Annotated[str | None, Query(max_length=50, description="通知, 办法; 意见 keeps 实施意见")] = None,
        issuer: Annotated[str | None, Query(max_length=100)] = None,
        benefit: Annotated[str | None, Query(max_length=100)] = None,
        in_force: Annotated[dt.date | None, Query(description="documents in force on this day")] = None,
        page: Annotated[int, Query(ge=1, le=ctx.settings.max_page)] = 1,
    ) -> SearchPage:
        """Search the stored documents by words and fields, a page at a time."""
        years = None
        if year:
            first, _, last = year.partition("-")
            years = (int(first), int(last or first))
        filters = SearchFilters(region=region, level=level, years=years, type=type, issuer=issuer, benefit=benefit, in_force=in_force)
        try:
            with ctx.open() as store:
                hits = search(store, q, filters, limit=None)
        except ValueError as e:
            raise HTTPException(422, str(e)) from None
        size = ctx.settings.page_size
        chosen = hits[(page - 1) * size: page * size]
        return SearchPage(page=page, page_size=size, total=len(hits), hits=chosen)

    @router.get("/documents/{doc_id}", response_model=Document)
    def get_document(doc_id: str) -> Document:
        """A stored document: metadata, article tree and text."""
        with ctx.open() as store:
            return ctx.analysis(store, doc_id).document

    @router.get("/documents/{doc_id}/quantities", response_model=list[Quantity])
    def get_quantities(doc_id: str) -> list[Quantity]:
        """Every quantity extracted from the document, with its evidence."""
        with ctx.open() as store:
            return ctx.analysis(store, doc_id).quantities

    @router.get("/documents/{doc_id}/sections", response_model=list[Section])
    def get_sections(doc_id: str) -> list[Section]:
        """The document's article tree."""
        with ctx.open() as store:
            return ctx.analysis(store, doc_id).document.sections

    @router.get("/documents/{doc_id}/analysis", response_model=Analysis)
    def get_analysis(doc_id: str) -> Analysis:
        """The document's whole analysis (document, quantities, provisions), as ``zhengce extract`` gives it."""
        with ctx.open() as store:
            return ctx.analysis(store, doc_id)

    @router.get("/documents/{doc_id}/html", response_class=HTMLResponse)
    def get_html(doc_id: str) -> HTMLResponse:
        """The document as a page with every extraction highlighted (its text escaped)."""
        from ..store.highlight import document_to_html

        with ctx.open() as store:
            a = ctx.analysis(store, doc_id)
        return HTMLResponse(document_to_html(a.document, a.quantities, []))

    @router.get("/documents/{doc_id}/jsonld", responses={200: {"content": {"application/ld+json": {}}}})
    def get_jsonld(doc_id: str, request: Request) -> JSONResponse:
        """The document's metadata as schema.org Legislation (JSON-LD)."""
        with ctx.open() as store:
            doc = ctx.analysis(store, doc_id).document
        url = str(request.url_for("get_document", doc_id=doc_id))
        return JSONResponse(document_to_jsonld(doc, url), media_type="application/ld+json")

    return router


def _drop_job(ctx: ApiContext, job_id: str) -> None:
    with ctx.open() as store:
        store.conn.execute("delete from jobs where job_id = ?", [job_id])
        store.conn.commit()


__all__ = ["SearchPage", "UploadOut", "documents_router", "error_status"]
