"""How fast ``argmap.locate`` is against an earlier revision of argmap, on the same machine, now.

The proof issue asked to keep the anchoring speed of argmap 0.1 within 10 %. Figures taken on
other days or machines do not compare, so this script checks the revision out into a temporary
git worktree and times both versions in turn, each in its own process, several rounds: the
medians of each round side by side, and the ratio of their medians.

On H. G. Wells, *The Outline of History* (the first 1 MB, then all 2.4 MB): 1,000 quotes of
100-300 characters cut at word boundaries, exact and with OCR-style noise (those of
``benchmarks/anchor.py``, same seed), each located with ``argmap.locate``; a quote either version
refuses is timed all the same.

Run: ``python benchmarks/versus.py [--rev 2bb0038] [--rounds 3] [--runs 5]`` from a git checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
V01 = "2bb0038"  # argmap 0.1, before the proof issue


def measure(runs: int) -> dict[str, float]:
    """Seconds for 1,000 ``locate`` calls of each kind, median of ``runs`` (the argmap on sys.path)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import anchor as bench  # the quotes and noise of benchmarks/anchor.py
    from timing import forget_quotes, median_time

    import argmap

    figures = {}
    for label, size in (("1 MB", 1_000_000), ("2.4 MB", None)):
        text = bench.WELLS.read_text(encoding="utf-8")[:size]
        source = argmap.Source(key="w", text=text)
        rng = random.Random(1605)
        spans = bench.spans(text, 1000, rng)
        exact = [text[s:e] for s, e in spans]
        noisy = [bench.add_noise(text[s:e], rng) for s, e in spans]
        for kind, quotes in (("exact", exact), ("fuzzy", noisy)):

            def run(quotes: list[str] = quotes, source: argmap.Source = source) -> None:
                forget_quotes()
                for quote in quotes:
                    try:
                        argmap.locate(source, quote)
                    except argmap.ArgmapError:
                        pass

            run()  # warm: the view and the seed index
            figures[f"{label} {kind}"] = median_time(run, runs)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default=V01, help=f"the revision to compare with; default {V01} (argmap 0.1)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each timing both versions; default 3")
    parser.add_argument("--runs", type=int, default=5, help="runs a figure is the median of; default 5")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # one process's share
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.runs)))
        return 0

    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.rev], check=True)
        try:
            figures: dict[str, dict[str, list[float]]] = {"then": {}, "now": {}}
            for _ in range(args.rounds):
                for version, tree in (("then", old), ("now", ROOT)):
                    env = {**os.environ, "PYTHONPATH": str(tree)}
                    command = [sys.executable, str(Path(__file__).resolve()), "--measure", "--runs", str(args.runs)]
                    out = subprocess.run(command, env=env, cwd=folder, check=True, capture_output=True, text=True)
                    for key, seconds in json.loads(out.stdout).items():
                        figures[version].setdefault(key, []).append(seconds)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=True)

    print(f"argmap.locate, 1,000 quotes of Wells; {args.rev} (then) against this checkout (now)")
    print(f"{'text, quotes':16} {'then (ms a quote, each round)':32} {'now':32} ratio of medians")
    for key, then in figures["then"].items():
        now = figures["now"][key]
        print(f"{key:16} {' '.join(f'{s:.3f}' for s in then):32} {' '.join(f'{s:.3f}' for s in now):32} "
              f"{statistics.median(now) / statistics.median(then):.2f}x")  # fmt: skip
    print(f"\n{args.rounds} rounds, each figure the median of {args.runs} runs; Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
