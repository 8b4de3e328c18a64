"""The full JSON form of a map: everything kept, passages included, for tools and archives.

Where the map file (:mod:`argmap.mapfile`) is for people, the JSON form is for programs: it
keeps every field of every value, each passage with its offsets, text, pages, match and
score, a schema version, and the SHA-256 of each source text. A source with a ``path`` is
referenced by that path (relative to the JSON file's folder) and its hash; a source without
one, or every source with ``embed_texts=True``, carries its text.

Loading trusts stored passages only while the hash says the text is the one they were found
in. When a text changed, every quote of that source is located again: if all are found, the
map loads with the new passages and a :class:`~argmap.errors.SourceChangedWarning` reports
which quotes moved and which now match only fuzzily; if any is gone,
:class:`~argmap.errors.SourceChangedError` lists them and nothing is loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError, MapFileError, SourceChangedError, SourceChangedWarning
from argmap.model import Evidence, Match, Passage, Source

__all__ = ["FORMAT", "SCHEMA_VERSION", "from_json", "relative_path", "resolve_path", "text_hash", "to_json"]

#: The ``format`` marker of the JSON form.
FORMAT = "argmap-json"
#: The version of the JSON form this argmap writes; it reads this one and every older one.
SCHEMA_VERSION = 1

# Source fields written besides key, path, text: every metadata field the model has.
_SOURCE_META = tuple(f.name for f in attrs.fields(Source) if f.name not in ("key", "text", "path"))


def text_hash(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes, as ``sha256:HEX``.

    Examples:
        >>> text_hash("")
        'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def relative_path(path: str, base: str | Path | None) -> str:
    """How a file written in folder ``base`` refers to ``path``: relative, with ``/``.

    Examples:
        >>> relative_path("/maps/sources/a.txt", "/maps")
        'sources/a.txt'
    """
    if base is None:
        return Path(path).as_posix()
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix()
    except ValueError:  # another drive (Windows): keep it absolute
        return Path(os.path.abspath(path)).as_posix()


def resolve_path(written: str, base: str | Path | None) -> str:
    """The path a file in folder ``base`` means by ``written`` (absolute when ``base`` is given).

    Examples:
        >>> resolve_path("sources/a.txt", "/maps")
        '/maps/sources/a.txt'
    """
    if base is None:
        return written
    return os.path.abspath(os.path.join(base, written))


def to_json(m: ArgumentMap, *, base: str | Path | None = None, embed_texts: bool = False) -> str:
    """The full JSON form of ``m``: deterministic, indented, UTF-8 text.

    Args:
        m: the map.
        base: the folder the JSON file will live in; source paths are written relative to it
            (as given when ``None``).
        embed_texts: carry every source's text (a self-contained file); otherwise only
            sources without a ``path`` carry theirs.

    Examples:
        >>> m = ArgumentMap(title="t")
        >>> _ = m.add_source(Source(key="s", text="one two"))
        >>> from_json(to_json(m)) == m
        True
    """
    sources = []
    for source in m.sources:
        item: dict[str, Any] = {"key": source.key}
        if source.path is not None:
            item["path"] = relative_path(source.path, base)
        item["sha256"] = text_hash(source.text)
        if embed_texts or source.path is None:
            item["text"] = source.text
        for name in _SOURCE_META:
            value = getattr(source, name)
            item[name] = list(value) if isinstance(value, tuple) else value
        sources.append(item)
    data = {
        "format": FORMAT,
        "version": SCHEMA_VERSION,
        "title": m.title,
        "description": m.description,
        "sources": sources,
        "theses": [{"id": t.id, "statement": t.statement, "note": t.note} for t in m.theses],
        "evidence": [_evidence_json(ev) for ev in m.evidence],
        "relations": [
            {"from": r.from_thesis, "to": r.to_thesis, "stance": r.stance.value, "note": r.note} for r in m.relations
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _evidence_json(ev: Evidence) -> dict[str, Any]:
    p = ev.passage
    return {
        "id": ev.id,
        "thesis": ev.thesis,
        "source": ev.source,
        "stance": ev.stance.value,
        "quote": ev.quote,
        "prefix": ev.prefix,
        "suffix": ev.suffix,
        "occurrence": ev.occurrence,
        "note": ev.note,
        "passage": {
            "start": p.start,
            "end": p.end,
            "text": p.text,
            "pages": list(p.pages),
            "match": p.match.value,
            "score": p.score,
        },
    }


def from_json(text: str, *, base: str | Path | None = None, name: str = "<json>") -> ArgumentMap:
    """Rebuild a map from its JSON form, re-anchoring the quotes of any source text that changed.

    Args:
        text: the JSON form, as :func:`to_json` wrote it.
        base: the folder the JSON file is in; relative source paths are read from there.
        name: how messages name the input (the file's path).

    Returns:
        The map. A :class:`~argmap.errors.SourceChangedWarning` is issued when a source text
        changed but every quote was found again; its ``report`` says which moved or are fuzzy.

    Raises:
        MapFileError: the JSON is malformed, of an unknown version, or names unreadable texts.
        SourceChangedError: a source text changed and some quotes are no longer in it.
    """
    reader = _Reader(name, base)
    m, changed = reader.read(text)
    if reader.problems:
        raise MapFileError(name, reader.problems)
    assert m is not None
    if not changed:
        return m
    # Locate the quotes of changed sources again, in a map holding only those.
    staged = ArgumentMap()
    for source in m.sources:
        staged.add_source(source)
    for thesis in m.theses:
        staged.add_thesis(thesis.id, thesis.statement, note=thesis.note)
    for ev in m.evidence:
        if ev.source in changed:
            staged.add_evidence(ev)
    report = staged.check()
    if not report.ok:
        raise SourceChangedError(name, sorted(changed), report)
    moved = {r.evidence.id: r.passage for r in report.results if r.passage is not None}
    result = ArgumentMap(m.title, description=m.description)
    for source in m.sources:
        result.add_source(source)
    for thesis in m.theses:
        result.add_thesis(thesis.id, thesis.statement, note=thesis.note)
    for ev in m.evidence:
        passage = moved.get(ev.id)
        result.add_evidence(ev if passage is None else attrs.evolve(ev, passage=passage))
    for relation in m.relations:
        result.relate(relation.from_thesis, relation.to_thesis, relation.stance, note=relation.note)
    warnings.warn(SourceChangedWarning(name, sorted(changed), report), stacklevel=2)
    return result


class _Reader:
    """Reads the JSON form, collecting every problem instead of stopping at the first."""

    def __init__(self, name: str, base: str | Path | None) -> None:
        self.name = name
        self.base = base
        self.problems: list[tuple[int | None, str]] = []

    def problem(self, message: str) -> None:
        self.problems.append((None, message))

    def read(self, text: str) -> tuple[ArgumentMap | None, set[str]]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self.problems.append((exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})"))
            return None, set()
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.problem(f'not an argmap JSON form: expected an object with "format": "{FORMAT}"')
            return None, set()
        version = data.get("version")
        if not isinstance(version, int) or not 1 <= version <= SCHEMA_VERSION:
            self.problem(
                f"JSON form version {version!r} is not one this argmap reads (1 to {SCHEMA_VERSION}); "
                "upgrade argmap to read it"
            )
            return None, set()
        self._keys("the map", data, {"format", "version", "title", "description", "sources", "theses",
                                     "evidence", "relations"})  # fmt: skip
        m = ArgumentMap(self._opt(data, "title", str, "the map"), description=self._opt(
            data, "description", str, "the map"))  # fmt: skip
        changed: set[str] = set()
        passages_ok: dict[str, str] = {}
        for n, item in enumerate(self._list(data, "sources"), 1):
            where = f"source #{n}"
            source = self._source(item, where)
            if source is None:
                continue
            with self._catch(where):
                m.add_source(source)
            if text_hash(source.text) != item.get("sha256"):
                changed.add(source.key)
            passages_ok[source.key] = source.text
        for n, item in enumerate(self._list(data, "theses"), 1):
            where = f"thesis #{n}"
            if self._shape(item, where, {"id", "statement", "note"}, {"id", "statement"}):
                with self._catch(where):
                    m.add_thesis(item["id"], item["statement"], note=item.get("note"))
        for n, item in enumerate(self._list(data, "evidence"), 1):
            evidence = self._evidence(item, f"evidence #{n}")
            if evidence is None or evidence.source not in passages_ok:
                continue
            p = evidence.passage
            if evidence.source not in changed and passages_ok[evidence.source][p.start : p.end] != p.text:
                self.problem(
                    f"evidence {evidence.id!r}: its passage text is not at offsets {p.start}-{p.end} of "
                    f"source {evidence.source!r}, although the text's hash is unchanged; the JSON was "
                    "edited by hand: remove the passage's offsets or export the map again"
                )
                continue
            with self._catch(f"evidence {evidence.id!r}"):
                m.add_evidence(evidence)
        for n, item in enumerate(self._list(data, "relations"), 1):
            where = f"relation #{n}"
            if self._shape(item, where, {"from", "to", "stance", "note"}, {"from", "to", "stance"}):
                with self._catch(where):
                    m.relate(item["from"], item["to"], item["stance"], note=item.get("note"))
        return m, changed

    def _source(self, item: Any, where: str) -> Source | None:
        allowed = {"key", "path", "sha256", "text", *_SOURCE_META}
        if not self._shape(item, where, allowed, {"key", "sha256"}):
            return None
        meta: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in item.items() if k in _SOURCE_META}
        path = item.get("path")
        if "text" in item:
            text = item["text"]
        elif path is None:
            self.problem(f"{where} ({item['key']!r}) has neither a text nor a path; add one")
            return None
        else:
            resolved = resolve_path(path, self.base)
            try:
                text = Source.from_file(resolved, key=item["key"]).text
            except ArgmapError as exc:
                self.problem(f"{where} ({item['key']!r}): {exc}")
                return None
        if path is not None:
            path = resolve_path(path, self.base)
        try:
            return Source(key=item["key"], text=text, path=path, **meta)
        except (ArgmapError, TypeError) as exc:
            self.problem(f"{where} ({item['key']!r}): {exc}")
            return None

    def _evidence(self, item: Any, where: str) -> Evidence | None:
        allowed = {"id", "thesis", "source", "stance", "quote", "prefix", "suffix", "occurrence", "note", "passage"}
        if not self._shape(item, where, allowed, {"id", "thesis", "source", "stance", "quote", "passage"}):
            return None
        p = item["passage"]
        if not self._shape(p, f"{where} passage", {"start", "end", "text", "pages", "match", "score"},
                           {"start", "end", "text"}):  # fmt: skip
            return None
        try:
            passage = Passage(
                item["source"], int(p["start"]), int(p["end"]), p["text"], tuple(p.get("pages", ())),
                Match(p.get("match", "exact")), float(p.get("score", 1.0)),
            )  # fmt: skip
            return Evidence(
                item["id"], item["thesis"], item["stance"], item["quote"], passage,
                note=item.get("note"), prefix=item.get("prefix"), suffix=item.get("suffix"),
                occurrence=item.get("occurrence"),
            )  # fmt: skip
        except (ArgmapError, ValueError, TypeError) as exc:
            self.problem(f"{where}: {exc}")
            return None

    # -- shape checks -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _catch(self, where: str) -> Iterator[None]:
        try:
            yield
        except ArgmapError as exc:
            self.problem(f"{where}: {exc}")

    def _list(self, data: Mapping[str, Any], key: str) -> list[Any]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problem(f"{key!r} must be a list, not {type(value).__name__}")
            return []
        return value

    def _opt(self, data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
        value = data.get(key)
        if value is not None and not isinstance(value, kind):
            self.problem(f"{where}: {key!r} must be a {kind.__name__}, not {type(value).__name__}")
            return None
        return value

    def _keys(self, where: str, item: Mapping[str, Any], allowed: set[str]) -> bool:
        unknown = sorted(set(item) - allowed)
        if unknown:
            self.problem(
                f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; known: {', '.join(sorted(allowed))}"
            )
        return not unknown

    def _shape(self, item: Any, where: str, allowed: set[str], required: set[str]) -> bool:
        if not isinstance(item, dict):
            self.problem(f"{where} must be an object, not {type(item).__name__}")
            return False
        ok = self._keys(where, item, allowed)
        missing = sorted(k for k in required if item.get(k) is None)
        if missing:
            self.problem(f"{where}: missing {', '.join(map(repr, missing))}")
        return ok and not missing
