"""Argdown, the plain-text argument-mapping language: a map as statements, arguments and relations.

Each thesis is a statement ``[id]``, each piece of evidence an argument ``<id>`` whose text is
the quote and its citation; evidence supports (``+``) or attacks (``-``) its thesis, and thesis
relations are ``+>``/``->`` relations. Sources and pages travel as data: the map's title and
every source's metadata in the front matter, and on each argument ``{source, pages, stance,
quote, start, end, match, score, note}``, the quote there kept exactly (Argdown text cannot
hold line breaks). The real parser, ``@argdown/core``, reads it (``tests/interop/argdown``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.errors import expect
from argmap.formats.schema import fields
from argmap.model import Source, Stance

__all__ = ["argdown_text", "to_argdown"]


# Characters the Argdown parser reads as syntax anywhere in a text, escaped by a backslash.
_ARGDOWN_SPECIAL = re.compile(r"([\\\[\]<>{}*_/#@.:=()+\-])")


def argdown_text(text: str) -> str:
    """Text safe in an Argdown statement or argument: one line, every syntax character escaped.

    Examples:
        >>> print(argdown_text("Stalin's *letter*: see [1]\\n(Gottwald)"))
        Stalin's \\*letter\\*\\: see \\[1\\] \\(Gottwald\\)
    """
    flat = "".join(" " if c.isspace() or unicodedata.category(c) in ("Cc", "Cs") else c for c in text)
    flat = re.sub(" {2,}", " ", flat).strip()
    return _ARGDOWN_SPECIAL.sub(r"\\\1", flat)


def _argdown_data(data: dict[str, Any]) -> str:
    """A ``{...}`` data block: YAML flow mapping of JSON strings, braces escaped as \\u."""
    items = []
    for key, value in data.items():
        if value is None or value == []:
            continue
        items.append(f"{key}: {_yaml_json(value, '{}')}")
    return "{" + ", ".join(items) + "}" if items else ""


def _yaml_json(value: object, also: str) -> str:
    """``value`` as JSON (which YAML reads) on one line, every character of ``also`` and every
    unprintable one (line and paragraph separators too) written as a ``\\u`` escape."""
    text = json.dumps(value, ensure_ascii=False)
    return "".join(
        c if c.isprintable() and c not in also else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"
        for c in text
    )


def _argdown_titles(ids: list[str]) -> dict[str, str]:
    """A plain, unique Argdown title for each id (letters, digits, ``-_.:``)."""
    titles: dict[str, str] = {}
    taken: set[str] = set()
    for id in ids:
        base = re.sub(r"[^\w.:\-]+", "-", id, flags=re.ASCII).strip("-") or "x"
        title, n = base, 1
        while title in taken:
            n += 1
            title = f"{base}-{n}"
        taken.add(title)
        titles[id] = title
    return titles


def to_argdown(m: ArgumentMap) -> str:
    """The map in Argdown: theses as statements, evidence as arguments, sources and pages as data.

    Examples:
        >>> from argmap.model import Source
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first"))
        >>> _ = m.add_thesis("regulars-first", "The regulars fired first.")
        >>> _ = m.cite("regulars-first", "gage", "the Rebels fired first", "contests")
        >>> print(to_argdown(m).split("===")[2].strip().split(" {")[0])
        [regulars-first]: The regulars fired first\\.
          - <gage-1>
        <BLANKLINE>
        <gage-1>: the Rebels fired first \\(gage\\)
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    front: dict[str, Any] = {}
    if m.title:
        front["title"] = m.title
    if m.description:
        front["description"] = m.description
    front["sources"] = {s.key: _source_dict(s) for s in m.sources}
    # JSON is YAML; "=" is escaped so that no "===" can end the front matter early.
    lines = ["==="]
    lines += [
        f"{key}: " + json.dumps(value, ensure_ascii=False).replace("=", "\\u003d") for key, value in front.items()
    ]
    lines.append("===")
    if not m.theses:  # Argdown cannot read front matter alone
        lines += ["", "# no theses yet"]
    theses = _argdown_titles([t.id for t in m.theses])
    arguments = _argdown_titles([ev.id for ev in m.evidence])
    for thesis in m.theses:
        data = _argdown_data({"id": thesis.id, "note": thesis.note} if thesis.id != theses[thesis.id] else
                             {"note": thesis.note})  # fmt: skip
        # a statement of control characters only would be empty text, which Argdown refuses
        text = argdown_text(thesis.statement) or argdown_text(repr(thesis.statement))
        lines += ["", f"[{theses[thesis.id]}]: {text}" + (f" {data}" if data else "")]
        for ev in m.evidence_for(thesis.id):
            lines.append(f"  {'+' if ev.stance is Stance.SUPPORTS else '-'} <{arguments[ev.id]}>")
        for rel in m.relations:
            if rel.from_thesis == thesis.id:
                lines.append(f"  {'+>' if rel.stance is Stance.SUPPORTS else '->'} [{theses[rel.to_thesis]}]")
    for ev in m.evidence:
        p = ev.passage
        where = f"{ev.source}, {p.cite()}" if p.pages else ev.source
        data = _argdown_data({
            "id": ev.id if ev.id != arguments[ev.id] else None, "source": ev.source, "pages": list(p.pages),
            "stance": ev.stance.value, "quote": ev.quote, "start": p.start, "end": p.end,
            "match": p.match.value, "score": p.score, "note": ev.note,
        })  # fmt: skip
        lines += ["", f"<{arguments[ev.id]}>: {argdown_text(ev.quote)} {argdown_text(f'({where})')} {data}"]
    return "\n".join(lines) + "\n"


def _source_dict(source: Source) -> dict[str, Any]:
    """A source's key and every metadata field that has a value (lists as lists)."""
    out: dict[str, Any] = {"key": source.key}
    for field in fields("source", "toml").values():
        value = getattr(source, field.attribute) if field.attribute not in (None, "key") else None
        if value not in (None, ()):
            out[field.key] = field.kind.write(value)
    return out
