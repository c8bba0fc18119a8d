"""Which extractor made an analysis: the package version and a digest of the code and rule tables behind it.

A stored analysis whose ``extractor_version`` differs from :func:`extractor_version` was made by other code or
other rules, so a store re-analyses its source.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from . import __version__

_PACKAGE = Path(__file__).resolve().parent
NOT_ANALYSIS = frozenset({"cli", "db", "api", "web", "store", "evaluate", "compare"})
"""The subpackages that read, show, compare or serve analyses but take no part in making one: a change to them
leaves every stored analysis current."""


@functools.cache
def extractor_version() -> str:
    """``<package version>+<12 hex digits of the sha256 over every module and data file that makes analyses>``
    (the package but the subpackages of :data:`NOT_ANALYSIS`).

    >>> extractor_version().split("+")[0] == package_version()
    True
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".yaml", ".txt", ".json") and p.is_file()):
        rel = path.relative_to(_PACKAGE).parts
        if "__pycache__" in rel or rel[0] in NOT_ANALYSIS:
            continue
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{package_version()}+{digest.hexdigest()[:12]}"


def package_version() -> str:
    """The package's version (``extractor.__version__``, which pyproject.toml reads too).

    >>> package_version() == __version__
    True
    """
    return __version__


__all__ = ["extractor_version", "package_version"]
