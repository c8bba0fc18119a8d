"""CPU timing for the linear-time guards of the hostile tests."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def least_cpu(run: Callable[[], object], rounds: int) -> float:
    """The least CPU time of ``rounds`` runs of ``run``, the cyclic collector off during each."""
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            t = time.process_time()
            run()
            best = min(best, time.process_time() - t)
        finally:
            gc.enable()
    return best
