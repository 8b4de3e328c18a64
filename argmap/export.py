"""Exports for other tools: Argdown, AIF (the JSON of OVA and AIFdb), GraphML, and the JSON form.

Each ``to_*`` function is pure and returns text; :func:`export` writes one of them to a file
atomically. What each format keeps:

- **Argdown** (``to_argdown``): each thesis is a statement ``[id]``, each piece of evidence an
  argument ``<id>`` whose text is the quote and its citation; evidence supports (``+``) or
  attacks (``-``) its thesis, and thesis relations are ``+>``/``->`` relations. Sources and
  pages travel as data: the map's title and every source's metadata in the front matter, and
  on each argument ``{source, pages, stance, quote, start, end, match, score, note}``, the
  quote there kept exactly (Argdown text cannot hold line breaks).
- **AIF** (``to_aif``): theses and quotes are I-nodes; each piece of evidence and each
  relation is an RA node (support) or CA node (conflict) with an edge in and an edge out.
  AIF has no place for what argmap knows about sources: authors, titles, pages, offsets,
  match kinds, notes and ids are lost, and node ids are numbers.
- **GraphML** (``to_graphml``): nodes ``source:KEY`` and ``thesis:ID``, evidence as edges from
  source to thesis, relations as edges between theses, every field as a typed attribute
  (strings, integers, doubles; lists joined with ``"; "``); networkx reads it back.
- **JSON** (``"json"``): the full JSON form of :mod:`argmap.jsonform`, paths relative to the
  file written.

Source metadata is every field of :data:`argmap.jsonform.SOURCE_METADATA`, the one list the
map file and the JSON form use too.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import networkx as nx

from argmap.argument_map import ArgumentMap
from argmap.errors import InvalidValueError
from argmap.files import write_atomic
from argmap.jsonform import SOURCE_METADATA, check_texts_on_disk, to_json
from argmap.model import Source, Stance

__all__ = ["FORMATS", "export", "to_aif", "to_argdown", "to_graphml"]

#: The formats :func:`export` writes.
FORMATS = ("argdown", "aif", "graphml", "json")


def export(m: ArgumentMap, path: str | Path, *, to: str) -> None:
    """Write ``m`` to ``path`` in format ``to`` (one of :data:`FORMATS`), atomically.

    Raises:
        InvalidValueError: an unknown format.
        MapSaveError: (JSON form) a source's text differs from its file, to which the JSON
            form would refer.
        OutputError: the file cannot be written.
    """
    path = Path(path)
    if to == "argdown":
        text = to_argdown(m)
    elif to == "aif":
        text = json.dumps(to_aif(m), ensure_ascii=False, indent=2) + "\n"
    elif to == "graphml":
        text = to_graphml(m)
    elif to == "json":
        check_texts_on_disk(m, path)
        text = to_json(m, base=path.parent)
    else:
        raise InvalidValueError("export format", to, " or ".join(repr(f) for f in FORMATS))
    write_atomic(path, text)


# -- Argdown ----------------------------------------------------------------------------------

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
    for name in SOURCE_METADATA:
        value = getattr(source, name)
        if value not in (None, ()):
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


# -- AIF --------------------------------------------------------------------------------------


def to_aif(m: ArgumentMap) -> dict[str, Any]:
    """The map as AIF JSON (``nodes``, ``edges``, ``locutions``), as OVA and AIFdb exchange it.

    Examples:
        >>> from argmap.model import Source
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first"))
        >>> _ = m.add_thesis("t", "The regulars fired first.")
        >>> _ = m.cite("t", "gage", "the Rebels fired first", "contests")
        >>> [(n["nodeID"], n["type"], n["text"]) for n in to_aif(m)["nodes"]]
        [('1', 'I', 'The regulars fired first.'), ('2', 'I', 'the Rebels fired first'), ('3', 'CA', 'Default Conflict')]
        >>> [(e["fromID"], e["toID"]) for e in to_aif(m)["edges"]]
        [('2', '3'), ('3', '1')]
    """
    nodes: list[dict[str, str]] = []
    edges: list[dict[str, str]] = []

    def node(kind: str, text: str) -> str:
        nodes.append({"nodeID": str(len(nodes) + 1), "text": text, "type": kind})
        return nodes[-1]["nodeID"]

    def scheme(stance: Stance, premise: str, conclusion: str) -> None:
        support = stance is Stance.SUPPORTS
        middle = node("RA" if support else "CA", "Default Inference" if support else "Default Conflict")
        for start, end in ((premise, middle), (middle, conclusion)):
            edges.append({"edgeID": str(len(edges) + 1), "fromID": start, "toID": end})

    theses = {t.id: node("I", t.statement) for t in m.theses}
    for ev in m.evidence:
        scheme(ev.stance, node("I", ev.quote), theses[ev.thesis])
    for rel in m.relations:
        scheme(rel.stance, theses[rel.from_thesis], theses[rel.to_thesis])
    return {"nodes": nodes, "edges": edges, "locutions": []}


# -- GraphML ----------------------------------------------------------------------------------


def to_graphml(m: ArgumentMap) -> str:
    """The map as GraphML with typed attributes, which ``networkx.read_graphml`` reads back.

    Examples:
        >>> from argmap.model import Source
        >>> m = ArgumentMap(title="Lexington")
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first", year=1775))
        >>> g = nx.read_graphml(io.StringIO(to_graphml(m)))
        >>> g.nodes["source:gage"]["year"], g.graph["title"]
        (1775, 'Lexington')
    """
    graph = nx.MultiDiGraph()
    for key, value in (("title", m.title), ("description", m.description)):
        if value is not None:
            graph.graph[key] = value
    for source in m.sources:
        attrs = {**_source_dict(source), "path": source.path, "source_kind": source.kind}
        attrs.pop("kind", None)  # a node's "kind" says what it is: "source" or "thesis"
        graph.add_node(f"source:{source.key}", kind="source", **_typed(attrs))
    for thesis in m.theses:
        graph.add_node(
            f"thesis:{thesis.id}",
            **_typed({"kind": "thesis", "id": thesis.id, "statement": thesis.statement, "note": thesis.note}),
        )
    for ev in m.evidence:
        p = ev.passage
        graph.add_edge(f"source:{ev.source}", f"thesis:{ev.thesis}", key=f"evidence:{ev.id}", **_typed({
            "kind": "evidence", "id": ev.id, "stance": ev.stance.value, "quote": ev.quote,
            "prefix": ev.prefix, "suffix": ev.suffix, "occurrence": ev.occurrence, "note": ev.note,
            "start": p.start, "end": p.end, "text": p.text, "pages": p.pages, "match": p.match.value,
            "score": p.score,
        }))  # fmt: skip
    for rel in m.relations:
        graph.add_edge(
            f"thesis:{rel.from_thesis}", f"thesis:{rel.to_thesis}", key=f"relation:{rel.from_thesis}->{rel.to_thesis}",
            **_typed({"kind": "relation", "stance": rel.stance.value, "note": rel.note}),
        )  # fmt: skip
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)
    return out.getvalue().decode("utf-8")


def _typed(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML can type: no ``None``, lists joined with ``"; "``."""
    return {
        k: "; ".join(v) if isinstance(v, tuple | list) else v
        for k, v in attrs.items()
        if v is not None and v != () and v != []
    }
