"""``/v1/reviews``, ``/v1/golden/{doc}`` and ``/v1/labelstudio``: verdicts on extractions, the golden file
they make, and Label Studio tasks out and annotations back in."""


from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException
from fastapi.responses import Response
from pydantic import Field

from ..db.store import Store
from ..records._base import Record
from ..records.evaluation import GoldDocument
from ..version import extractor_version
from ._context import ApiContext
from .golden import golden_document, golden_json
from .labelstudio import LABEL_CONFIG, analysis_to_task, task_doc_id, task_to_reviews
from .reviews import Review, ReviewIn, add_reviews, review_problem, reviews_of, with_group_ids


class ImportOut(Record):
    """What an import of Label Studio annotations stored."""

    reviews: list[Review]
    skipped: list[str] = Field(default_factory=list, description="items that could not be read, each with its cause")


def _source_path(ctx: ApiContext, store: Store, doc_id: str) -> tuple[str, bool]:
    """The document's source as ``zhengce eval`` finds it from the store's folder (an upload: ``uploads/<name>``;
    an ingested file: its path as ingested), and whether the file holds other documents."""
    source_id, path = store.conn.execute(
        "select s.source_id, s.path from documents d join sources s on s.source_id = d.source_id where d.doc_id = ?", [doc_id]).fetchone()
    count = store.conn.execute("select count(*) from documents where source_id = ?", [source_id]).fetchone()[0]
    p = Path(source_id)
    if p.parent == ctx.uploads.resolve():
        path = f"{p.parent.name}/{p.name}"
    return path, count > 1


def _resolved(r: ReviewIn) -> ReviewIn:
    """The review with its correction's groups stored as the taxonomy's ids."""
    if r.correction is None or r.correction.group_ids is None:
        return r
    return r.model_copy(update={"correction": with_group_ids(r.correction)})


def reviews_router(ctx: ApiContext) -> APIRouter:
    """The routes of reviews, golden files and Label Studio."""
    router = APIRouter(tags=["reviews"])

    @router.post("/reviews", response_model=list[Review], status_code=201)
    def post_reviews(reviews: Annotated[list[ReviewIn], Body(max_length=1000)]) -> list[Review]:
        """Store verdicts: accept, reject or correct a quantity (by its id), add one the program missed, or
        withdraw such an add (``withdraws``: its review id). A
        correction may change the kind (its unit follows) and the groups (``group_ids``: ids or names of
        ``zhengce groups``). One refused review (422, naming it) refuses the whole list: nothing is stored."""
        with ctx.open() as store:
            withdrawn: set[tuple[str, int | None]] = set()
            for r in reviews:
                earlier = reviews_of(store, r.doc_id) if r.action == "withdraw" else []
                problem = review_problem(r, ctx.analysis(store, r.doc_id), earlier)
                if not problem and r.action == "withdraw":
                    if (r.doc_id, r.withdraws) in withdrawn:  # the first withdraw of the list takes it back
                        problem = f"missed span {r.withdraws} of {r.doc_id} is withdrawn twice in this list"
                    withdrawn.add((r.doc_id, r.withdraws))
                if problem:
                    raise HTTPException(422, problem)  # nothing of the batch is stored
            return add_reviews(store, [_resolved(r) for r in reviews])

    @router.get("/reviews/{doc_id}", response_model=list[Review])
    def get_reviews(doc_id: str) -> list[Review]:
        """Every review of a document, oldest first (the newest of a quantity is its verdict)."""
        with ctx.open() as store:
            ctx.analysis(store, doc_id)
            return reviews_of(store, doc_id)

    @router.get("/golden/{doc_id}", response_model=GoldDocument)
    def golden(doc_id: str) -> Response:
        """The reviewed document as a golden file: accepted and corrected values and added misses claimed,
        rejected ones left out, unreviewed ones kept with ``doubt: true`` (scored apart by ``zhengce eval``)."""
        with ctx.open() as store:
            analysis = ctx.analysis(store, doc_id)
            path, several = _source_path(ctx, store, doc_id)
            gold = golden_document(analysis, reviews_of(store, doc_id), path, several)
        return Response(golden_json(gold), media_type="application/json")

    @router.get("/labelstudio/config", response_class=Response, responses={200: {"content": {"application/xml": {}}}})
    def labelstudio_config() -> Response:
        """The Label Studio labelling config that goes with the exported tasks."""
        return Response(LABEL_CONFIG, media_type="application/xml")

    @router.get("/labelstudio/{doc_id}")
    def labelstudio_export(doc_id: str) -> list[dict[str, Any]]:
        """The document as a Label Studio task (a list of one), its quantities as the prediction."""
        with ctx.open() as store:
            return [analysis_to_task(ctx.analysis(store, doc_id), extractor_version())]

    @router.post("/labelstudio/import", response_model=ImportOut, status_code=201)
    def labelstudio_import(tasks: Annotated[list[dict[str, Any]], Body(max_length=1000)]) -> ImportOut:
        """Read a Label Studio JSON export back: each task's annotations stored as reviews."""
        with ctx.open() as store:
            reviews, skipped = [], []
            for task in tasks:
                doc_id = task_doc_id(task)
                if doc_id is None:
                    raise HTTPException(422, "a task without data.doc_id (export the tasks from GET /v1/labelstudio/{doc})")
                part = task_to_reviews(ctx.analysis(store, doc_id), task)
                reviews += part.reviews
                skipped += part.skipped
            return ImportOut(reviews=add_reviews(store, reviews), skipped=skipped)

    return router


__all__ = ["ImportOut", "reviews_router"]
