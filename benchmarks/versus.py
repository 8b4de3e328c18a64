"""How fast ``argmap.locate`` is against an earlier revision of argmap, on the same machine, now.

The proof issue asked to keep the anchoring speed of argmap 0.1 within 10 %. Figures taken on
other days or machines do not compare, and this shared machine's speed drifts by a third from
one minute to the next, so this script checks the revision out into a temporary git worktree,
starts one worker process for each version, and has them time one run each in turn, round after
round (in a new random order each round): both versions meet the same drift. Printed: each
version's median time a quote and its fastest run's (the machine's noise only ever adds time),
and the ratios.

On H. G. Wells, *The Outline of History* (the first 1 MB, then all 2.4 MB): 1,000 quotes of
100-300 characters cut at word boundaries, exact and with OCR-style noise (those of
``benchmarks/anchor.py``, same seed), each located with ``argmap.locate``, every run starting
with argmap's memos of quotes emptied (as a new process would). A noisy quote either version
refuses is timed all the same ("fuzzy, all"); the noise sometimes makes another word of the
text ('he' read as 'be'), which argmap now refuses as a changed word, with a message, where 0.1
accepted it, so "fuzzy, both accept" also times only the quotes that both versions accept: the
same work done by both.

Run: ``python benchmarks/versus.py [--rev 2bb0038] [--rounds 9]`` from a git checkout.
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
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
V01 = "2bb0038"  # argmap 0.1, before the proof issue
SIZES = {"1 MB": 1_000_000, "2.4 MB": None}


def worker() -> None:
    """Serve the parent, one JSON line in, one out: the argmap on sys.path times what it asks."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import anchor as bench  # the quotes and noise of benchmarks/anchor.py
    from timing import forget_quotes

    import argmap

    tasks: dict[str, tuple[argmap.Source, list[str]]] = {}
    accepted: dict[str, list[int]] = {}
    for label, size in SIZES.items():
        text = bench.WELLS.read_text(encoding="utf-8")[:size]
        source = argmap.Source(key="w", text=text)
        rng = random.Random(1605)
        spans = bench.spans(text, 1000, rng)
        noisy = [bench.add_noise(text[s:e], rng) for s, e in spans]
        tasks[f"{label} exact"] = (source, [text[s:e] for s, e in spans])
        tasks[f"{label} fuzzy, all"] = (source, noisy)
        accepted[label] = [i for i, quote in enumerate(noisy) if _locates(source, quote)]  # and warms up
    print(json.dumps(accepted), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if "both" in request:  # the noisy quotes both versions accept
            for label, chosen in request["both"].items():
                source, noisy = tasks[f"{label} fuzzy, all"]
                tasks[f"{label} fuzzy, both accept"] = (source, [noisy[i] for i in chosen])
            print("{}", flush=True)
            continue
        source, quotes = tasks[request["time"]]
        forget_quotes()
        started = time.perf_counter()
        for quote in quotes:
            _locates(source, quote)
        print(json.dumps((time.perf_counter() - started) / len(quotes)), flush=True)


def _locates(source: Any, quote: str) -> bool:
    import argmap

    try:
        argmap.locate(source, quote)
    except argmap.ArgmapError:
        return False
    return True


class _Worker:
    def __init__(self, tree: Path, folder: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        command = [sys.executable, str(Path(__file__).resolve()), "--worker"]
        self.process = subprocess.Popen(command, env=env, cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)  # fmt: skip

    def read(self) -> Any:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"a worker stopped (exit status {self.process.wait()})")
        return json.loads(line)

    def ask(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        """Let the worker end (its input closed), or stop it."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default=V01, help=f"the revision to compare with; default {V01} (argmap 0.1)")
    parser.add_argument("--rounds", type=int, default=9, help="runs of each version, taken in turn; default 9")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)  # one version's process
    args = parser.parse_args(argv)
    if args.worker:
        worker()
        return 0

    times: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.rev], check=True)
        workers: dict[str, _Worker] = {}
        try:
            workers = {"then": _Worker(old, folder), "now": _Worker(ROOT, folder)}
            accepted = {version: w.read() for version, w in workers.items()}
            both = {label: sorted(set(accepted["then"][label]) & set(accepted["now"][label])) for label in SIZES}
            for w in workers.values():
                w.ask({"both": both})
            tasks = [f"{label} {kind}" for label in SIZES for kind in ("exact", "fuzzy, all", "fuzzy, both accept")]
            order = random.Random(1605)
            for _ in range(args.rounds):
                for task in tasks:
                    versions = list(workers)
                    order.shuffle(versions)
                    for version in versions:
                        times.setdefault(task, {}).setdefault(version, []).append(workers[version].ask({"time": task}))
        finally:
            for w in workers.values():
                w.close()
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=True)

    print(f"argmap.locate on Wells; {args.rev} (then) against this checkout (now), ms a quote")
    print(f"{'':35} {'median':^24} {'fastest run':^24}")
    print(f"{'text, quotes':28} {'quotes':>6} {'then':>7} {'now':>7} {'ratio':>8} {'then':>7} {'now':>7} {'ratio':>8}")
    for task, runs in times.items():
        label = task.split(" ")[0] + " MB"
        count = len(both[label]) if task.endswith("both accept") else 1000
        then, now = statistics.median(runs["then"]), statistics.median(runs["now"])
        fast_then, fast_now = min(runs["then"]), min(runs["now"])
        print(f"{task:28} {count:6} {then * 1e3:7.3f} {now * 1e3:7.3f} {now / then:7.2f}x "
              f"{fast_then * 1e3:7.3f} {fast_now * 1e3:7.3f} {fast_now / fast_then:7.2f}x")  # fmt: skip
    refused = {version: {label: 1000 - len(found[label]) for label in SIZES} for version, found in accepted.items()}
    print(f"\nnoisy quotes refused: then {refused['then']}, now {refused['now']}")
    print(f"{args.rounds} rounds, each a run of every task by both versions in turn; Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
