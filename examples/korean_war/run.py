"""The flagship job, end to end: load the Korean War map file, check it, compare, draw, write.

Run from the repository root::

    python examples/korean_war/run.py                 # or: make demo (writes into out/korean_war/)
    python examples/korean_war/run.py some/folder     # anywhere else

It loads ``map.toml`` (every quote located again in ``sources/``), prints per thesis what each
source holds and on which pages, the comparison of the blog with Chen and Yang, the source x
source matrix of disagreements (the blog, the two documents it prints, the chapter) and what
each source contradicts in itself through relations, then writes:

- ``full.svg``/``full.png`` and ``overview.svg``/``overview.png``: the diagrams;
- ``disagreements.svg``: only what is disputed, with its evidence;
- ``comparison.md``: the written comparison of the blog with Chen and Yang, with Chicago
  footnotes and a bibliography;
- ``comparison-letter-chen.md``: the same for Stalin's letter to Gottwald (cited "quoted in"
  the blog that prints it) and Chen and Yang;
- ``map.json``: the full JSON form (passages, pages, hashes of the texts).
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MAP_FILE = HERE / "map.toml"

#: The written comparisons: file name -> the two sources compared.
COMPARISONS = {
    "comparison.md": ("hanngill", "chen"),
    "comparison-letter-chen.md": ("stalin-letter", "chen"),
}

sys.path.insert(0, str(HERE))
from build import format_report  # noqa: E402  (the example's own report, shared with build.py)


def write_outputs(m: argmap.ArgumentMap, out_dir: Path) -> list[Path]:
    """Draw the diagrams, write the comparisons and the JSON form into ``out_dir``."""
    written = [
        argmap.render(m, out_dir / f"{view}.{fmt}", view=view)
        for view in ("full", "overview")
        for fmt in ("svg", "png")
    ]
    written.append(argmap.render(m, out_dir / "disagreements.svg", view="disagreements"))
    for name, (a, b) in COMPARISONS.items():
        written.append(argmap.report.write_markdown(m.compare(a, b), out_dir / name))
    written.append(argmap.save(m, out_dir / "map.json"))
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "out" / "korean_war"
    out_dir.mkdir(parents=True, exist_ok=True)
    m = argmap.load(MAP_FILE)
    print(format_report(m))
    print()
    print(m.compare("hanngill", "chen"))
    print()
    print("Disagreements, source x source (on the diagonal: a source at odds with itself)")
    print(m.compare_all())
    print()
    for source in m.sources:
        inner = m.compare(source.key, source.key).disagreements
        for row in inner:
            for conflict in row.conflicts:
                path = " -> ".join([conflict.origin, *(r.to_thesis for r in conflict.path)])
                print(f"{source.key} is at odds with itself on {row.thesis_id}: {path}")
    print()
    for path in write_outputs(m, out_dir):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
