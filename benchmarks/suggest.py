"""How well and how fast does ``m.suggest`` find the evidence? Prints two tables.

**Quality, leave one thesis out.** For every map the project has (the Korean War example, and
the maps over the two Gunpowder Plot books and the two Lexington accounts in tests/data),
each thesis in turn loses all its evidence; ``m.suggest(thesis, k=10)`` then runs on the map
without it, and each of its quotes counts as found at rank r when the r-th suggestion of its
source overlaps it by at least half of the shorter of the two. Printed: recall@5, recall@10 and
MRR (mean of 1/r, 0 past rank 10), over all quotes of the map; goal recall@10 >= 0.7. Also,
**leave one quote out**: the thesis keeps its other evidence, whose words join the query.
Baseline in the same run: the same suggestions ranked by the number of the query's distinct
stems a passage holds (no BM25 weighting, no length or neighbour terms), to show what the
ranking adds.

**Speed** on Wells's *Outline of History* (2.4 MB): building the passage index (sentences,
stems, BM25) once the text's view is made, against making the view itself (the floor any
text pays before a quote is located); reading the index back from the disk cache; one query
(``suggest`` of one thesis, k = 10, with the check that each quote is found again), against
one ``str.find`` scan of the text. Goals: <= 1 s per MB to build, <= 50 ms a query. Medians of
RUNS runs.

**Misses** (``--misses``): for each thesis left out, the rank of each of its quotes among its
source's first 100 suggestions ("-": not among them), to see which quotes the ranking misses and
by how far before changing it.

Run: ``.venv/bin/python benchmarks/suggest.py [--runs N] [--misses]`` (from the checkout; uses a
temporary cache folder).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
MAPS = {
    "Korean War (examples/korean_war)": ROOT / "examples" / "korean_war" / "map.toml",
    "Gunpowder Plot (Gardiner, Gerard)": ROOT / "tests" / "data" / "gunpowder.toml",
    "Lexington (Coburn, Gage)": ROOT / "tests" / "data" / "lexington.toml",
}


def _hit(a: tuple[int, int], b: tuple[int, int]) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _without(m: object, leave: Iterable[str]) -> object:
    import argmap

    assert isinstance(m, argmap.ArgumentMap)
    gone = set(leave)
    rest = argmap.ArgumentMap(m.title)
    for source in m.sources:
        rest.add_source(source)
    for thesis in m.theses:
        rest.add_thesis(thesis.id, thesis.statement, note=thesis.note)
    for ev in m.evidence:
        if ev.id not in gone:
            rest.add_evidence(ev)
    for relation in m.relations:  # relations are the map's, not evidence: they stay
        rest.relate(relation.from_thesis, relation.to_thesis, relation.stance, note=relation.note)
    return rest


def _ranks(m: object, *, per_quote: bool, counting: bool = False) -> list[int | None]:
    """The rank at which each quote of ``m`` comes back (``None``: not in the top 10)."""
    import argmap

    assert isinstance(m, argmap.ArgumentMap)
    ranks: list[int | None] = []
    for thesis in m.theses:
        evidence = m.evidence_for(thesis.id)
        groups = [[ev] for ev in evidence] if per_quote else ([list(evidence)] if evidence else [])
        for group in groups:
            rest = _without(m, (ev.id for ev in group))
            assert isinstance(rest, argmap.ArgumentMap)
            found = _by_count(rest, thesis.id) if counting else rest.suggest(thesis.id, k=10)
            for ev in group:
                home = _home(m, ev.source)
                listed = [s for s in found if s.source == home]
                span = (ev.passage.start, ev.passage.end)
                ranks.append(next((s.rank for s in listed if _hit(span, (s.passage.start, s.passage.end))), None))
    return ranks


def _home(m: object, key: str) -> str:
    """The source under which suggestions from ``key``'s text are listed (the first with that text)."""
    import argmap

    assert isinstance(m, argmap.ArgumentMap)
    text = m.source(key).text
    return next(s.key for s in m.sources if s.text == text and s.extent == m.source(key).extent)


def _by_count(m: object, thesis: str) -> object:
    """Suggestions ranked by how many distinct query stems a passage holds (the baseline)."""
    import numpy as np

    from argmap import retrieval
    from argmap import suggest as suggesting

    original = suggesting.ranking

    def counted(index: retrieval.PassageIndex, terms: dict[str, float]) -> np.ndarray:
        bm25, _held = index.scores_and_counts(terms)
        count = np.zeros(len(index))
        for term in terms:
            t = index.term_ids.get(term)
            if t is not None:
                count[index.indices[int(index.indptr[t]) : int(index.indptr[t + 1])]] += 1.0
        return np.where(bm25 > 0, count + 1e-9 * bm25, 0.0)  # ties broken by BM25, so only the weighting differs

    suggesting.ranking = counted  # type: ignore[assignment]
    try:
        return m.suggest(thesis, k=10)  # type: ignore[attr-defined]
    finally:
        suggesting.ranking = original


def misses(depth: int = 100) -> None:
    """Print, thesis by thesis, the rank of each left-out quote among the first ``depth`` suggestions."""
    import argmap

    for name, path in MAPS.items():
        if not path.exists():
            continue
        m = argmap.load(path)
        print(f"\n# {name}")
        for thesis in m.theses:
            evidence = m.evidence_for(thesis.id)
            if not evidence:
                continue
            rest = _without(m, (ev.id for ev in evidence))
            assert isinstance(rest, argmap.ArgumentMap)
            found = rest.suggest(thesis.id, k=depth)
            print(f"{thesis.id}: {thesis.statement}" + (f" ({thesis.note})" if thesis.note else ""))
            for ev in evidence:
                home = _home(m, ev.source)
                span = (ev.passage.start, ev.passage.end)
                hits = (s.rank for s in found if s.source == home and _hit(span, (s.passage.start, s.passage.end)))
                rank = next(hits, None)
                print(f"  {rank or '-':>4} {ev.source:16} {ev.quote[:100]}")


def _figures(ranks: list[int | None]) -> tuple[float, float, float]:
    n = len(ranks) or 1
    r5 = sum(1 for r in ranks if r is not None and r <= 5) / n
    r10 = sum(1 for r in ranks if r is not None and r <= 10) / n
    mrr = sum(1 / r for r in ranks if r is not None) / n
    return r5, r10, mrr


def quality() -> None:
    import argmap

    print("Leave one thesis out (quotes of the thesis found among its source's top suggestions)")
    print(f"{'map':36} {'theses':>6} {'quotes':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6}   "
          f"{'count baseline R@10':>19}   {'leave one quote out R@10':>24}")  # fmt: skip
    everything: list[int | None] = []
    for name, path in MAPS.items():
        if not path.exists():
            print(f"{name:36} (missing: {path})")
            continue
        m = argmap.load(path)
        ranks = _ranks(m, per_quote=False)
        everything += ranks
        base = _ranks(m, per_quote=False, counting=True)
        single = _ranks(m, per_quote=True)
        r5, r10, mrr = _figures(ranks)
        theses = sum(1 for t in m.theses if m.evidence_for(t.id))
        print(f"{name:36} {theses:6} {len(ranks):6} {r5:6.2f} {r10:6.2f} {mrr:6.2f}   "
              f"{_figures(base)[1]:19.2f}   {_figures(single)[1]:24.2f}")  # fmt: skip
    r5, r10, mrr = _figures(everything)
    print(f"{'all maps':36} {'':6} {len(everything):6} {r5:6.2f} {r10:6.2f} {mrr:6.2f}   (goal: R@10 >= 0.70)")


def speed(runs: int) -> None:
    from timing import median_time  # here: the tests load this file for its maps, from elsewhere

    import argmap
    from argmap import retrieval
    from argmap.text import normalize

    path = CORPUS / "wells-1920-outline-of-history.txt"
    if not path.exists():
        print(f"speed: {path} is missing")
        return
    text = path.read_text(encoding="utf-8")
    mb = len(text.encode("utf-8")) / 1e6
    source = argmap.Source(key="wells", text=text)
    view = source.view
    skipped = source.page_layout.skipped
    bounds = retrieval._bounds(source)
    t_view = median_time(lambda: normalize(text, skipped), runs)
    t_build = median_time(lambda: retrieval.build_index(view, text, skipped, bounds), runs)
    index = retrieval.passage_index(source)  # builds and writes the cache entry
    raw = index.to_bytes()
    t_load = median_time(lambda: retrieval.PassageIndex.from_bytes(raw, len(view.text)), runs)
    retrieval._INDEXES.clear()
    t_cached = median_time(lambda: (retrieval._INDEXES.clear(), retrieval.passage_index(source)), runs)
    m = argmap.ArgumentMap()
    m.add_source(source)
    m.add_thesis("hellenistic", "Alexander's conquests spread Greek culture and learning through the East.")
    m.add_thesis("rome-slaves", "The Roman republic depended on slave labour on the great estates.")
    m.suggest("hellenistic")  # warm: the index in memory
    t_query = median_time(lambda: m.suggest("hellenistic", k=10), runs)
    t_query2 = median_time(lambda: m.suggest("rome-slaves", k=10), runs)
    t_find = median_time(lambda: text.find("zzzz-not-there"), runs)
    print()
    print(f"Speed on Wells, Outline of History ({mb:.1f} MB, {len(index)} passages); medians of {runs} runs")
    print(f"{'step':44} {'time':>10} {'per MB':>10} {'ratio':>14}")
    view_line = f"{'view of the text (baseline: normalize)':44} {t_view * 1e3:8.0f}ms {t_view / mb:9.2f}s"
    print(f"{view_line} {'1.00 x view':>14}")
    print(f"{'index build (passages, stems, BM25)':44} {t_build * 1e3:8.0f}ms {t_build / mb:9.2f}s "
          f"{t_build / t_view:9.2f} x view   (goal <= 1 s/MB)")  # fmt: skip
    print(f"{'index read back from the disk cache':44} {t_cached * 1e3:8.0f}ms {t_cached / mb:9.2f}s "
          f"{t_cached / t_view:9.2f} x view   ({len(raw) / 1e6:.1f} MB entry; decode alone {t_load * 1e3:.0f} ms)")
    print(f"{'query (suggest, k=10), thesis 1':44} {t_query * 1e3:8.1f}ms {'':>10} "
          f"{t_query / t_find:9.1f} x find   (goal <= 50 ms)")  # fmt: skip
    print(f"{'query (suggest, k=10), thesis 2':44} {t_query2 * 1e3:8.1f}ms {'':>10} {t_query2 / t_find:9.1f} x find")
    print(f"{'one str.find scan of the text (baseline)':44} {t_find * 1e3:8.1f}ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--misses", action="store_true", help="each left-out quote's rank out of 100, then stop")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["ARGMAP_CACHE"] = cache
        if args.misses:
            misses()
            return
        if not args.skip_quality:
            quality()
        if not args.skip_speed:
            speed(args.runs)


if __name__ == "__main__":
    sys.exit(main())
