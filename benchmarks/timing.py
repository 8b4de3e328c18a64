"""What the benchmarks share: the median wall time of several runs of an action."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``action``, in seconds."""
    return paired_times(action, runs=runs)[0]


def paired_times(*actions: Callable[[], object], runs: int) -> list[float]:
    """Median wall time of ``runs`` calls of each action, in seconds, the actions called in turn
    (a, b, a, b, ...): this shared machine's speed drifts by a third from one minute to the next,
    and a baseline timed beside its subject meets the same drift."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, kept in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            kept.append(time.perf_counter() - start)
    return [statistics.median(kept) for kept in times]


def forget_quotes() -> None:
    """Empty argmap's memos of quotes and words (``fold``, the slip judge's), so that a run that
    repeats the quotes of the run before costs what a new process's first run would. (The
    source's view and index stay, as a new process reads them from the disk cache; so does the
    count of the source's words, which a new process makes once, for its first approximate
    quote.)"""
    import importlib

    for module, names in (("argmap.text", ("fold",)), ("argmap.slips", ("_key", "slip_distance"))):
        try:
            found = importlib.import_module(module)
        except ImportError:
            continue  # an earlier argmap: no such module, no memos
        for name in names:
            getattr(getattr(found, name, None), "cache_clear", lambda: None)()
