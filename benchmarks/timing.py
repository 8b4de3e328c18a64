"""What the benchmarks share: the median wall time of several runs of an action."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``action``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def forget_quotes() -> None:
    """Empty argmap's memos of quotes and words (``fold``, the slip judge's), so that a run that
    repeats the quotes of the run before costs what a new process's first run would. (The
    source's view and index stay: a new process reads them from the disk cache.)"""
    import argmap.slips
    import argmap.text

    for memo in (argmap.text.fold, getattr(argmap.slips, "_key", None), getattr(argmap.slips, "slip_distance", None)):
        getattr(memo, "cache_clear", lambda: None)()  # (an earlier argmap may have none)
