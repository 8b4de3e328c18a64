"""How fast are positions and comparisons on a large synthetic map? Prints a table.

The map: THESES theses, SOURCES sources, EVIDENCE evidence (each on a random thesis, from a
random source, with a random stance, its passage made directly: no text anchoring) and
RELATIONS random relations between theses. Times are the median of RUNS runs; memory is the
peak traced by tracemalloc during one run of each step (map building excluded).

Run: ``.venv/bin/python benchmarks/compare.py [--theses N --sources N --evidence N --relations N]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable

from argmap import ArgumentMap, DuplicateIdError, Evidence, Source, locate


def build(theses: int, sources: int, evidence: int, relations: int, seed: int = 1) -> ArgumentMap:
    rng = random.Random(seed)
    m = ArgumentMap(title="synthetic")
    keys = [f"s{i}" for i in range(sources)]
    passages = {}
    for key in keys:
        source = m.add_source(Source(key=key, text=f"the words of {key}"))
        passages[key] = locate(source, source.text)  # every piece of a source's evidence quotes its one line
    ids = [f"t{i}" for i in range(theses)]
    for tid in ids:
        m.add_thesis(tid, f"Thesis {tid}.")
    for n in range(evidence):
        key = rng.choice(keys)
        stance = "supports" if rng.random() < 0.6 else "contests"
        m.add_evidence(Evidence(f"e{n}", rng.choice(ids), stance, passages[key].text, passages[key]))
    added = 0
    while added < relations:
        a, b = rng.sample(ids, 2)
        try:
            m.relate(a, b, "supports" if rng.random() < 0.7 else "contests")
        except DuplicateIdError:  # a pair already related: draw again
            continue
        added += 1
    return m


def measure(step: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theses", type=int, default=10_000)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    m = build(args.theses, args.sources, args.evidence, args.relations)
    built = time.perf_counter() - start
    pairs = args.sources * (args.sources - 1) // 2
    print(
        f"map: {args.theses:,} theses, {args.sources} sources, {args.evidence:,} evidence, "
        f"{args.relations:,} relations (built in {built:.1f} s); median of {args.runs} runs"
    )
    keys = [s.key for s in m.sources]
    steps: list[tuple[str, Callable[[], object], str]] = [
        ("all positions", m.positions, "< 1 s"),
        ("compare(a, b), one pair", lambda: m.compare(keys[0], keys[1]), ""),
        (f"compare_all(), {pairs} pairs", m.compare_all, "< 10 s"),
    ]
    print(f"| {'step':32} | {'median s':>9} | {'peak MiB':>9} | goal   |")
    print(f"| {'-' * 32} | {'-' * 9}:| {'-' * 9}:| ------ |")
    for name, step, goal in steps:
        seconds, mib = measure(step, args.runs)
        print(f"| {name:32} | {seconds:9.3f} | {mib:9.1f} | {goal:6} |")


if __name__ == "__main__":
    main()
