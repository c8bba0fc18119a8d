"""Budgets: how much one input may cost before it is refused. A file over a budget is refused in one line that
names the budget and how to raise it; no input within the budgets runs unbounded in time or memory.

Every budget is a field of :class:`Budgets` (the defaults below), a CLI option (``--max-pages``) and an
environment variable (``ZHENGCE_MAX_PAGES``); the API takes the same settings. The readers and the pipeline take
a ``Budgets`` as an argument: there is no global setting.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from .errors import InputError

Positive = Annotated[float, Field(gt=0)]
PositiveInt = Annotated[int, Field(gt=0)]


class Budgets(BaseModel):
    """The budgets of one document (a file, or each document of a compendium where it says so)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_file_mb: Positive = Field(default=200.0, description="size of the file on disk, in MB")
    max_pages: PositiveInt = Field(default=2000, description="pages of a PDF")
    max_chars: PositiveInt = Field(default=5_000_000, description="characters of the text read from one file")
    max_entry_mb: Positive = Field(default=100.0, description="decompressed size of one entry of a DOCX (zip) file, in MB")
    max_html_depth: PositiveInt = Field(default=1000, description="nesting depth of HTML elements")
    max_ocr_pages: PositiveInt = Field(default=50, description="pages of one PDF sent to OCR (blank pages are never sent)")
    max_seconds: Positive = Field(default=300.0, description="wall time to read and analyse one file, in seconds")
    max_numbers: PositiveInt = Field(default=100_000, description="numbers found in one document (each a quantity of about "
                                     "1.5 KB: the memory of a text of nothing but numbers, '减半'*500000, bounded)")

    @staticmethod
    def option(field: str) -> str:
        """The CLI option of a budget: ``max_pages`` → ``--max-pages``."""
        return "--" + field.replace("_", "-")

    @staticmethod
    def env_var(field: str) -> str:
        """The environment variable of a budget: ``max_pages`` → ``ZHENGCE_MAX_PAGES``."""
        return "ZHENGCE_" + field.upper()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: float | int | None) -> Budgets:
        """The defaults, replaced by the environment's ``ZHENGCE_MAX_*`` and then by ``overrides`` that are not None."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {f: env[cls.env_var(f)] for f in cls.model_fields if cls.env_var(f) in env}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)


DEFAULT_BUDGETS = Budgets()


class BudgetError(InputError):
    """An input over one of its budgets: names the file, the budget, the measure and how to raise it.

    >>> str(BudgetError("a.pdf", "max_pages", "10000 pages", 2000))
    'a.pdf: over the page budget (10000 pages, at most 2000); raise it with --max-pages or ZHENGCE_MAX_PAGES'
    """

    def __init__(self, path: object, field: str, measured: str, limit: float | int) -> None:
        self.field = field
        noun = Budgets.model_fields[field].description or field
        name = {"max_file_mb": "file size", "max_pages": "page", "max_chars": "character", "max_entry_mb": "DOCX entry size",
                "max_html_depth": "HTML depth", "max_ocr_pages": "OCR page", "max_seconds": "time",
                "max_numbers": "number"}.get(field, noun)
        limit_text = f"{limit:g}" if isinstance(limit, float) else str(limit)
        super().__init__(
            path, f"over the {name} budget ({measured}, at most {limit_text}); raise it with {Budgets.option(field)} or {Budgets.env_var(field)}"
        )
