"""Adding evidence to a hand-written map file in place, keeping everything the historian wrote.

:func:`argmap.save` writes a map anew; this module instead adds ``[[evidence]]`` entries to the
text of an existing TOML map file with tomlkit (a style-preserving TOML library): comments,
blank lines, key order, string styles and every other byte of the file stay as they were. Each
new entry goes after the other evidence of its thesis (or after the last evidence), with a
comment on its header line saying where it came from; the comments that open the next section
stay with the section.

:func:`add_evidence` returns the new text; :func:`check_addition` proves that the new text holds
exactly the old data plus the new entries (the caller also loads it, through the one loader,
before writing anything).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from argmap.errors import MapEditError
from argmap.formats.mapfile import _pair
from argmap.formats.schema import TOML, fields
from argmap.model import Evidence

if TYPE_CHECKING:
    from tomlkit.items import AoT, Table

__all__ = ["PLACEMENTS", "add_evidence", "check_addition", "comment_text", "evidence_entry"]

#: Where new evidence goes: after its thesis's other evidence (else after the last evidence), or
#: after the last evidence of the file.
PLACEMENTS = ("thesis", "end")

_NOT_IN_COMMENT = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def evidence_entry(evidence: Evidence) -> dict[str, Any]:
    """The ``[[evidence]]`` entry of ``evidence`` as the map file holds it: its keys in the
    field table's order, only those with a value.

    Examples:
        >>> from argmap.model import Passage
        >>> ev = Evidence("gage-1", "t", "contests", "the Rebels", Passage("gage", 0, 10, "the Rebels"), note="n")
        >>> evidence_entry(ev)
        {'id': 'gage-1', 'thesis': 't', 'source': 'gage', 'stance': 'contests', 'quote': 'the Rebels', 'note': 'n'}
    """
    out: dict[str, Any] = {}
    for key, field in fields("evidence", TOML).items():
        value = evidence.source if key == "source" else getattr(evidence, field.attribute or "", None)
        if value is None or value == () or (isinstance(value, Mapping) and not value):
            continue  # no value; an empty note or prefix ("") is a value, and reads back as one
        out[key] = field.kind.write(dict(value) if isinstance(value, Mapping) else value)
    return out


def comment_text(text: str, width: int = 160) -> str:
    """``text`` made safe for a TOML comment: one line, no control characters, at most ``width``.

    Examples:
        >>> comment_text("from annotation a\\nb = 1\\r\\x00")
        'from annotation a b = 1'
    """
    text = " ".join(_NOT_IN_COMMENT.sub(" ", text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def add_evidence(
    text: str, entries: Sequence[tuple[Evidence, str]], *, placement: str = "thesis", name: str = "the map file"
) -> str:
    """The map file ``text`` with an ``[[evidence]]`` entry added for each ``(evidence, comment)``.

    Args:
        text: the map file's text (valid TOML).
        entries: the evidence to add, each with the comment for its header line.
        placement: ``"thesis"``: after the last evidence of the same thesis, else after that of
            the nearest thesis listed before it, else after the last evidence; ``"end"``: after
            the last evidence. Where existing entries rely on automatic ids (no ``id`` key), new
            entries go at the end, so that no old entry's id changes.
        name: how messages name the file.

    Returns:
        The new text: the old one with the entries' lines inserted, nothing else changed.

    Raises:
        MapEditError: the file's evidence is not a list of ``[[evidence]]`` tables.
    """
    import tomlkit  # only editing needs it: ``import argmap`` stays light
    from tomlkit.items import AoT

    if placement not in PLACEMENTS:
        raise ValueError(f"placement must be one of {PLACEMENTS}, not {placement!r}")
    doc = tomlkit.parse(text)
    existing = doc.get("evidence")
    if existing is not None and not isinstance(existing, AoT):
        raise MapEditError(
            name, "its evidence is not written as [[evidence]] tables (an inline list?); write each entry as "
            "[[evidence]] with its keys below, or import into a copy saved with argmap.save.",
        )  # fmt: skip
    aot: AoT | None = existing
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"  # the file's own line ends
    order = [t.get("id") for t in doc.get("thesis", []) if isinstance(t, dict)]
    ids_written = aot is None or all("id" in t for t in aot)
    for evidence, comment in entries:
        table = _table(evidence, comment, newline)
        if aot is None:
            aot = tomlkit.aot()
            aot.append(table)
            doc.append("evidence", aot)
            continue
        at = len(aot) - 1
        if placement == "thesis" and ids_written:
            at = _after_thesis(aot, evidence.thesis, order, at)
        _insert_after(aot, at, table)
    return tomlkit.dumps(doc)


def _after_thesis(aot: AoT, thesis: str, order: Sequence[Any], default: int) -> int:
    """The index of the evidence entry that a new one on ``thesis`` goes after."""
    theses = [t.get("thesis") for t in aot]
    candidates = [thesis]
    if thesis in order:  # the theses listed before it, nearest first
        candidates += list(reversed(order[: order.index(thesis)]))
    for wanted in candidates:
        if wanted in theses:
            return len(theses) - 1 - theses[::-1].index(wanted)
    return default


def _table(evidence: Evidence, comment: str, newline: str = "\n") -> Table:
    import tomlkit

    lines = [_pair(key, value) for key, value in evidence_entry(evidence).items()]
    # raw line breaks stand only between lines and inside multi-line strings, which read either kind as "\n"
    block = "\n".join(["[[evidence]]", *lines, ""]).replace("\n", newline)
    table: Table = tomlkit.parse(block)["evidence"][0]
    if comment:
        table.comment(comment_text(comment))
        table.trivia.comment_ws = "  "  # as comments after a value are usually set off
    return table


def _insert_after(aot: AoT, index: int, table: Table) -> None:
    """Insert ``table`` after entry ``index``: the blank line that ends that entry stays with it
    (the new one gets its own), and the comments after it (which open what follows) move below
    the new entry."""
    from tomlkit.items import Whitespace

    body = aot[index].value.body
    tail: list[Any] = []
    while body and body[-1][0] is None:  # trailing comments and blank lines of the entry
        tail.insert(0, body.pop()[1])
    if tail and isinstance(tail[0], Whitespace):
        blank = tail.pop(0)
        body.append((None, blank))
        table.value.body.append((None, Whitespace(blank.s)))
    table.value.body.extend((None, item) for item in tail)
    aot.insert(index + 1, table)


def check_addition(old_text: str, new_text: str, added: Sequence[Mapping[str, Any]], *, name: str) -> None:
    """Prove that ``new_text`` holds exactly the data of ``old_text`` plus the ``added`` evidence
    entries: every old value as it was, every old entry in its order.

    Raises:
        MapEditError: it does not (nothing should be written then).
    """
    old, new = tomllib.loads(old_text), tomllib.loads(new_text)
    old_evidence, new_evidence = old.pop("evidence", []), new.pop("evidence", [])
    problem = ""
    if old != new:
        problem = "other entries than [[evidence]] would change"
    remaining = list(new_evidence)
    for entry in added:
        if dict(entry) in remaining:
            remaining.remove(dict(entry))
        else:
            problem = problem or f"the new entry {entry.get('id')!r} would not read back as written"
    if remaining != old_evidence:
        problem = problem or "the existing [[evidence]] entries would change"
    if problem:
        raise MapEditError(name, f"{problem}. Please report this with the map file; meanwhile import into a copy "
                           "saved with argmap.save.")  # fmt: skip
