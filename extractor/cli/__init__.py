"""The ``zhengce`` command: a thin layer over the library, one module per command.

Every command takes files and folders, reports a bad file in one line naming the file and the cause, goes on
with the rest, and exits non-zero when any file failed. The commands are imported only when run (``COMMANDS``).
"""

from __future__ import annotations

from ._app import COMMANDS, cli, main

__all__ = ["COMMANDS", "cli", "main"]
