"""Suggested evidence as map-file text: ready-to-paste ``[[evidence]]`` blocks.

Each block names the thesis, the source and the quote (with ``occurrence`` when the source prints
the same words more than once), the pages and the words that matched in a comment; the stance is
left for the historian to choose, commented out, so that a block pasted unread does not load.
"""

from __future__ import annotations

import re

from argmap.formats.mapfile import _pair
from argmap.suggest import Suggestions

__all__ = ["evidence_blocks"]

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


def _comment(text: str) -> str:
    """Text made safe for a TOML comment: no line breaks or control characters."""
    return _UNPRINTABLE.sub(" ", text)


def evidence_blocks(suggestions: Suggestions) -> str:
    """The suggestions as ``[[evidence]]`` blocks of a map file, best first within each source.

    Examples:
        >>> from argmap import ArgumentMap, Source
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text='One of the rebels fired a "shot".'))
        >>> _ = m.add_thesis("who-fired", "The rebels fired first.")
        >>> print(evidence_blocks(m.suggest("who-fired")), end="")
        # Suggested evidence for thesis 'who-fired'. Choose a stance for each block you keep
        # (remove the # before stance = ...), and delete the others.
        # gage: only 1 passage(s) of source 'gage' share words with the thesis
        <BLANKLINE>
        # gage #1, no page; matched: rebels, fired (score 0.2092)
        [[evidence]]
        thesis = "who-fired"
        source = "gage"
        # stance = "supports"  # or "contests": choose, then remove the # at the start of this line
        quote = 'One of the rebels fired a "shot".'
    """
    lines = [
        f"# Suggested evidence for thesis {_comment(repr(suggestions.thesis))}. Choose a stance for each block "
        "you keep",
        "# (remove the # before stance = ...), and delete the others.",
    ]
    lines += [f"# {_comment(key)}: {_comment(note)}" for key, note in suggestions.notes.items()]
    for s in suggestions:
        where = s.passage.cite() or "no page"
        lines += [
            "",
            f"# {_comment(s.source)} #{s.rank}, {_comment(where)}; matched: {_comment(', '.join(s.matched))} "
            f"(score {s.score:.4f})",
            "[[evidence]]",
            _pair("thesis", s.thesis),
            _pair("source", s.source),
            '# stance = "supports"  # or "contests": choose, then remove the # at the start of this line',
            _pair("quote", s.quote),
        ]
        if s.occurrence is not None:
            lines.append(_pair("occurrence", s.occurrence))
    return "\n".join(lines) + "\n"
