"""The ``zhengce`` command: a thin layer over the library, one module per command.

Every command takes files and folders, reports a bad file in one line naming the file and the cause, goes on
with the rest, and exits non-zero when any file failed.
"""

from __future__ import annotations

from . import compare, diff, eval, export, extract, graph, parse  # noqa: F401  (each module adds its commands)
from ._app import cli, main

__all__ = ["cli", "main"]
