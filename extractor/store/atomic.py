"""Atomic output files and output locks: ``extractor._atomic``, named here for the store's modules and the
layers above it (the schemas, below the store, import it from ``extractor._atomic``)."""

from __future__ import annotations

from .._atomic import atomic_open, atomic_path, lock_path, output_lock, temp_path, write_atomic

__all__ = ["atomic_open", "atomic_path", "lock_path", "output_lock", "temp_path", "write_atomic"]
