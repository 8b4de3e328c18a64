"""What the sources hold: positions of each source on each thesis.

Pure functions over a map; they never change it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from argmap.model import Position, Stance

if TYPE_CHECKING:
    from argmap.argument_map import ArgumentMap

__all__ = ["position_of", "positions"]


def position_of(stances: Iterable[Stance]) -> Position:
    """The position that a source's evidence on one thesis amounts to.

    Examples:
        >>> position_of([Stance.SUPPORTS]), position_of([Stance.SUPPORTS, Stance.CONTESTS])
        (<Position.AFFIRMS: 'affirms'>, <Position.MIXED: 'mixed'>)
        >>> position_of([])
        <Position.SILENT: 'silent'>
    """
    seen = set(stances)
    if not seen:
        return Position.SILENT
    if len(seen) == 2:
        return Position.MIXED
    return Position.AFFIRMS if Stance.SUPPORTS in seen else Position.DENIES


def positions(m: ArgumentMap) -> dict[str, dict[str, Position]]:
    """Every source's position on every thesis, in one pass over the evidence.

    Returns ``{thesis_id: {source_key: Position}}`` with theses and sources in map order.
    """
    stances: dict[tuple[str, str], set[Stance]] = {}
    for ev in m.evidence:
        stances.setdefault((ev.thesis, ev.source), set()).add(ev.stance)
    keys = [s.key for s in m.sources]
    return {
        t.id: {key: position_of(stances.get((t.id, key), ())) for key in keys} for t in m.theses
    }
