"""Parallel passages side by side, as plain text for a terminal: what a historian reads first.

Each pair: its rank and score, the rare words the two passages share, then the two passages in two
columns headed by source and page, then what differs (numbers and dates, names, negation) and which
evidence of the map already cites either passage. Text from the sources is printed with its control
characters replaced, so a passage cannot move the terminal's cursor or colour it.
"""

from __future__ import annotations

import re
import textwrap

from argmap.model import Passage, Source
from argmap.parallels import Parallels

__all__ = ["side_by_side"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _plain(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _head(source: Source, p: Passage) -> str:
    return f"{source.key}, {p.cite() or 'no page'}"


def side_by_side(found: Parallels, a: Source, b: Source, *, width: int = 100) -> str:
    """The pairs of ``found`` (of sources ``a`` and ``b``) as two columns of ``width`` characters in all.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="Major Pitcairn ordered the rebels at Lexington to disperse."))
        >>> _ = m.add_source(Source(key="coburn", text="At Lexington Pitcairn ordered the minute-men to disperse."))
        >>> print(side_by_side(m.parallels("gage", "coburn"), m.source("gage"), m.source("coburn"), width=60))
        Parallel passages of gage and coburn: 1 pair(s), best first.
        Note: only 1 pair(s) of passages share 3 or more rare words
        <BLANKLINE>
        #1  score 0.6667  shared: disperse, Lexington, ordered, Pitcairn
          gage, no page               | coburn, no page
          Major Pitcairn ordered the  | At Lexington Pitcairn
          rebels at Lexington to      | ordered the minute-men to
          disperse.                   | disperse.
          not yet mapped
        <BLANKLINE>
    """
    column = (width - 5) // 2
    lines = [f"Parallel passages of {_plain(found.a)} and {_plain(found.b)}: {len(found)} pair(s), best first."]
    lines += [f"Note: {_plain(note)}" for note in found.notes]
    for pair in found:
        lines += ["", f"#{pair.rank}  score {pair.score:.4f}  shared: {_plain(', '.join(pair.shared))}"]
        left = textwrap.wrap(_plain(a.words(pair.a.start, pair.a.end)), column) or [""]
        right = textwrap.wrap(_plain(b.words(pair.b.start, pair.b.end)), column) or [""]
        rows = [(_plain(_head(a, pair.a)), _plain(_head(b, pair.b)))]
        rows += [(left[n] if n < len(left) else "", right[n] if n < len(right) else "")
                 for n in range(max(len(left), len(right)))]  # fmt: skip
        lines += [f"  {x:<{column}} | {y}".rstrip() for x, y in rows]
        for difference in pair.differences:
            lines.append(f"  differs: {_plain(difference)}")
        if pair.mapped:
            lines.append(f"  cited by: {_plain(', '.join((*pair.cited_a, *pair.cited_b)))}")
        else:
            lines.append("  not yet mapped")
    return "\n".join(lines) + "\n"
