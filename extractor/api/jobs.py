"""The analysis pool of the API and the state of upload jobs, kept in the store.

Analyses run in a bounded pool: ``workers`` forked processes (each one ``extractor.pipeline``'s killable worker,
reused from file to file so spaCy and the rule tables are built once, and killed when a file overruns its time),
fed by as many threads, with at most ``queue`` analyses waiting. A submission beyond that raises
:class:`PoolFull`, which the API answers 503 with ``Retry-After``.

A job's state is a row of the ``jobs`` table, which this module creates in the store's database with
``CREATE TABLE IF NOT EXISTS`` (it is the API's own table, not part of the store's migrated schema), so that
``GET /v1/jobs/{id}`` answers from the store, whichever process asks.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import logging
import os
import queue
import signal
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from typing import Literal

from pydantic import Field

from ..budgets import DEFAULT_BUDGETS, BudgetError, Budgets
from ..db.ingest import analyze_source
from ..db.records import SourceAnalysis
from ..db.store import now
from ..pipeline import _Worker
from ..records._base import Record

log = logging.getLogger(__name__)

JobState = Literal["queued", "running", "done", "failed"]

JOBS_SQL = """create table if not exists jobs (
    job_id text primary key, state text not null, filename text, format text, sha256 text, size integer,
    source_id text, doc_ids text, error text, created text, finished text)"""


class Job(Record):
    """An upload and how its analysis stands."""

    job_id: str
    state: JobState
    filename: str | None = Field(description="the name the client gave the file (kept as a label only; never a path)")
    format: str | None = Field(description="pdf, docx, html or text, as the file's bytes show")
    sha256: str | None
    size: int | None
    doc_ids: list[str] = Field(default_factory=list, description="the documents the file holds, once analysed")
    error: str | None = Field(default=None, description="why the file could not be analysed, in one line")
    created: str
    finished: str | None = None


def ensure_jobs(conn: sqlite3.Connection) -> None:
    """Make the ``jobs`` table when the store has none."""
    conn.execute(JOBS_SQL)
    conn.commit()


def fail_unfinished(conn: sqlite3.Connection) -> int:
    """Mark the jobs a server left queued or running (it stopped or was killed before they ended) as failed;
    returns how many. Called when a server starts: one server serves a store."""
    ensure_jobs(conn)
    cursor = conn.execute("update jobs set state = 'failed', error = 'the server stopped before the analysis ended; upload it again', "
                          "finished = ? where state in ('queued', 'running')", [now()])
    conn.commit()
    return cursor.rowcount


def new_job_id() -> str:
    """A random job id (32 hex digits)."""
    return uuid.uuid4().hex


def put_job(conn: sqlite3.Connection, job: Job) -> None:
    """Write a job's row (insert or replace), committed."""
    ensure_jobs(conn)
    conn.execute(
        "insert or replace into jobs (job_id, state, filename, format, sha256, size, doc_ids, error, created, finished) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [job.job_id, job.state, job.filename, job.format, job.sha256, job.size, json.dumps(job.doc_ids), job.error,
         job.created, job.finished])
    conn.commit()


def get_job(conn: sqlite3.Connection, job_id: str) -> Job | None:
    """A job by its id, or None."""
    ensure_jobs(conn)
    row = conn.execute("select job_id, state, filename, format, sha256, size, doc_ids, error, created, finished "
                       "from jobs where job_id = ?", [job_id]).fetchone()
    if row is None:
        return None
    names = ("job_id", "state", "filename", "format", "sha256", "size", "doc_ids", "error", "created", "finished")
    values = dict(zip(names, row, strict=True))
    values["doc_ids"] = json.loads(values["doc_ids"] or "[]")
    return Job.model_validate(values)


def queued_job(filename: str | None, fmt: str, sha256: str, size: int) -> Job:
    """A new job, queued."""
    return Job(job_id=new_job_id(), state="queued", filename=filename, format=fmt, sha256=sha256, size=size, created=now())


class PoolFull(Exception):
    """Every analysis process is busy and the queue is full."""


Outcome = SourceAnalysis | str
"""What an analysis gives: the source's analysis, or the one line that says why there is none."""


def _analyze(item: tuple[str, Budgets]) -> SourceAnalysis:
    """The unit of work of a pool process: ``analyze_source`` of a path within its budgets."""
    return analyze_source(*item)


class _Task:
    def __init__(self, item: tuple[str, Budgets], seconds: float, future: cf.Future[Outcome], on_start: Callable[[], None] | None) -> None:
        self.item, self.seconds, self.future, self.on_start = item, seconds, future, on_start


class AnalysisPool:
    """``workers`` analysis processes with at most ``queue`` analyses waiting. Start it before use; close it
    at the end (its processes are killed)."""

    def __init__(self, workers: int, queue_size: int) -> None:
        self.workers = workers
        self._slots = threading.BoundedSemaphore(workers + queue_size)
        self._tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._workers: list[_Worker[tuple[str, Budgets], SourceAnalysis]] = []

    def start(self) -> None:
        """Start the threads (each forks its process on its first file)."""
        for n in range(self.workers):
            t = threading.Thread(target=self._serve, name=f"zhengce-api-worker-{n}", daemon=True)
            t.start()
            self._threads.append(t)

    def _serve(self) -> None:
        worker: _Worker[tuple[str, Budgets], SourceAnalysis] = _Worker(_analyze)
        self._workers.append(worker)
        try:
            while (task := self._tasks.get()) is not None:
                if not task.future.set_running_or_notify_cancel():
                    self._slots.release()
                    continue
                try:
                    task.future.set_result(self._run(worker, task))
                except Exception as e:  # the pool outlives any one file
                    log.error("analysis of %s failed", task.item[0], exc_info=e)
                    task.future.set_result("internal error")
                finally:
                    self._slots.release()
        finally:
            worker.stop()

    @staticmethod
    def _run(worker: _Worker[tuple[str, Budgets], SourceAnalysis], task: _Task) -> Outcome:
        if task.on_start is not None:
            task.on_start()
        start = time.monotonic()
        try:
            status, value = worker.run(task.item, task.seconds)
        except OSError:  # the process went away between two files (killed from outside): once more, in a new one
            worker.stop()
            status, value = worker.run(task.item, task.seconds)
        if status == "ok" and isinstance(value, SourceAnalysis):
            return value
        if status == "timeout":
            return BudgetError(task.item[0], "max_seconds", f"stopped after {time.monotonic() - start:.1f} s", task.seconds).cause
        return str(value)

    def submit(self, path: str, seconds: float, budgets: Budgets = DEFAULT_BUDGETS,
               on_start: Callable[[], None] | None = None) -> cf.Future[Outcome]:
        """Analyse the file at ``path`` (a file the API stored) within ``budgets`` and ``seconds`` of wall time
        (``on_start()`` called when a process takes it). Raises PoolFull at once when every process is busy and
        the queue is full."""
        if not self._slots.acquire(blocking=False):
            raise PoolFull()
        future: cf.Future[Outcome] = cf.Future()
        self._tasks.put(_Task((path, budgets), seconds, future, on_start))
        return future

    def close(self) -> None:
        """Stop the threads and kill the processes (a file being analysed ends as an error)."""
        for _ in self._threads:
            self._tasks.put(None)
        for w in self._workers:  # killed here; each thread then ends its worker itself (stop is not thread-safe)
            proc = w.proc
            if proc is not None and proc.pid is not None:
                with contextlib.suppress(OSError):
                    os.kill(proc.pid, signal.SIGKILL)
        for t in self._threads:
            t.join(timeout=10)
        self._threads.clear()
        self._workers.clear()


__all__ = ["AnalysisPool", "Job", "JobState", "Outcome", "PoolFull", "ensure_jobs", "fail_unfinished", "get_job", "new_job_id", "put_job", "queued_job"]
