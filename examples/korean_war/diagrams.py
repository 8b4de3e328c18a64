"""Diagrams of the flagship example: the full map and the overview, as SVG and PNG.

Run from the repository root::

    python examples/korean_war/diagrams.py            # writes into out/korean_war/
    python examples/korean_war/diagrams.py some/dir   # or anywhere else

or import it: ``write_diagrams(m, out_dir)`` draws any map the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from argmap import ArgumentMap
from argmap.render import render

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out" / "korean_war"


def write_diagrams(m: ArgumentMap, out_dir: str | Path) -> list[Path]:
    """Write the full view and the overview of ``m`` as SVG and PNG into ``out_dir``.

    Returns:
        The files written: ``full.svg``, ``full.png``, ``overview.svg``, ``overview.png``.
    """
    out = Path(out_dir)
    return [
        render(m, out / f"{view}.{fmt}", view=view) for view in ("full", "overview") for fmt in ("svg", "png")
    ]


def main(argv: list[str]) -> None:
    """Build the Korean War map and write its diagrams (into ``argv[0]`` if given)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from build import build_map

    for path in write_diagrams(build_map(), argv[0] if argv else OUT):
        print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
