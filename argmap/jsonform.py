"""The full JSON form of a map: everything kept, passages included, for tools and archives.

Where the map file (:mod:`argmap.mapfile`) is for people, the JSON form is for programs: it
keeps every field of every value, each passage with its offsets, text, pages, match and
score, a schema version, and the SHA-256 of each source text. A source with a ``path`` is
referenced by that path (relative to the JSON file's folder) and its hash; a source without
one, or every source with ``embed_texts=True``, carries its text.

Loading proves every quote again: each is located in its source (with its ``prefix``,
``suffix``, ``occurrence`` and ``max_error_rate``) and compared with the stored passage.
When a text changed (its hash differs) and every quote is found, the map loads with the new
passages and a :class:`~argmap.errors.SourceChangedWarning` reports which quotes moved and
which now match only fuzzily; if any is gone, :class:`~argmap.errors.SourceChangedError`
lists them and nothing is loaded. When a text is unchanged but a stored passage is not where
its quote is (the file was edited by hand), a :class:`~argmap.errors.StalePassageWarning`
says so and the located passage is used; a quote that is not in its unchanged text is a
:class:`~argmap.errors.MapFileError` naming the entry's JSON path and line.

This module also holds what the map file and the exports share: the list of source
metadata fields (:data:`SOURCE_METADATA`), the order in which sources can be added
(:func:`hosts_first`), and :class:`Loaded`, a map with the line of each evidence entry.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import typing
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap.anchor import DEFAULT_MAX_ERROR_RATE, locate, word_diff
from argmap.argument_map import ArgumentMap
from argmap.check import CheckReport, CheckResult, Status
from argmap.errors import (
    ArgmapError,
    DuplicateIdError,
    InvalidValueError,
    MapFileError,
    MapSaveError,
    SourceChangedError,
    SourceChangedWarning,
    SourceFileError,
    StalePassageWarning,
    UnknownSourceError,
    UnknownThesisError,
)
from argmap.model import Evidence, Match, Passage, Source, Stance
from argmap.text import fold

__all__ = [
    "FORMAT",
    "SCHEMA_VERSION",
    "SOURCE_METADATA",
    "Loaded",
    "check_texts_on_disk",
    "from_json",
    "hosts_first",
    "located",
    "read_json",
    "relative_path",
    "resolve_path",
    "stranded_problem",
    "text_hash",
    "to_json",
]

#: The ``format`` marker of the JSON form.
FORMAT = "argmap-json"
#: The version of the JSON form this argmap writes; it reads this one and every older one.
SCHEMA_VERSION = 1


def _value_type(hint: Any) -> type:
    """``tuple`` for a list field, ``int`` for a number, else ``str``."""
    args = (hint, *typing.get_args(hint))
    if any(a is tuple or typing.get_origin(a) is tuple for a in args):
        return tuple
    return int if int in args else str


#: Every metadata field of a :class:`~argmap.model.Source` (all but key, text and path), in
#: the model's order, with the type of its values: ``str``, ``int`` or ``tuple`` (of strings).
#: The one list the map file, the JSON form and the exports write and read.
SOURCE_METADATA: dict[str, type] = {
    f.name: _value_type(typing.get_type_hints(Source)[f.name])
    for f in attrs.fields(Source)
    if f.name not in ("key", "text", "path")
}


@attrs.frozen
class Loaded:
    """A map as read from a file, with how each quote matched and where each evidence entry is.

    Attributes:
        map: the map.
        report: how each quote was located while loading (one result per evidence).
        lines: the line of each evidence's quote in the file, by evidence id.
    """

    map: ArgumentMap
    report: CheckReport
    lines: Mapping[str, int] = attrs.field(factory=dict)


def hosts_first(sources: Sequence[Source]) -> tuple[list[Source], list[Source]]:
    """Sources in an order they can be added in: each after the source it is ``quoted_in``,
    file order otherwise; and those that cannot be placed (unknown host, or a cycle).

    Examples:
        >>> letter = Source(key="letter", text="x", quoted_in="book")
        >>> placed, stranded = hosts_first([letter, Source(key="book", text="y")])
        >>> [s.key for s in placed], stranded
        (['book', 'letter'], [])
    """
    placed: list[Source] = []
    keys: set[str] = set()
    pending = list(sources)
    while pending:
        ready = [s for s in pending if s.quoted_in is None or s.quoted_in in keys]
        if not ready:
            break
        placed += ready
        keys.update(s.key for s in ready)
        pending = [s for s in pending if s not in ready]
    return placed, pending


def stranded_problem(source: Source, known: Sequence[str], loaded: Sequence[str]) -> str | None:
    """Why ``source`` cannot be added after :func:`hosts_first` (``None``: its host failed to load)."""
    if source.quoted_in not in known:
        return str(UnknownSourceError(source.quoted_in or "", known, "quoted_in names the key of another source"))
    if source.quoted_in not in loaded:
        return None  # the host's own problem is reported
    return (
        f"source {source.key!r} is quoted in {source.quoted_in!r}, which is (through others) quoted in "
        f"{source.key!r}: a source cannot be quoted in itself; remove one quoted_in"
    )


def located(ev: Evidence, found: Passage) -> CheckResult:
    """How a quote located again compares with the passage stored in ``ev``."""
    stored = ev.passage
    if found.match is Match.FUZZY:
        return CheckResult(ev, Status.FUZZY, found, word_diff(fold(ev.quote), fold(found.text))[0])
    if (found.start, found.end) != (stored.start, stored.end):
        return CheckResult(
            ev, Status.MOVED, found, f"was at {stored.start}-{stored.end}, now at {found.start}-{found.end}"
        )
    if found != stored:
        return CheckResult(
            ev, Status.MOVED, found, f"the stored passage at {stored.start}-{stored.end} was not the text there"
        )
    return CheckResult(ev, Status.OK, found)


def check_texts_on_disk(m: ArgumentMap, path: str | Path) -> None:
    """Make sure that every source with a ``path`` holds its file's text, so that a map
    saved to ``path`` referring to those files loads back equal.

    Raises:
        MapSaveError: a text differs from its file, or the file cannot be read.
    """
    for source in m.sources:
        if source.path is None:
            continue
        try:
            on_disk = Source.from_file(source.path, key=source.key).text
        except SourceFileError as exc:
            raise MapSaveError(str(path), f"{exc}. A saved map refers to each text by its path.") from None
        if on_disk != source.text:
            raise MapSaveError(
                str(path),
                f"source {source.key!r} holds a text that differs from its file {source.path}; save the text "
                "to that file first, or make the source without a path to keep its text inline"
                + (" (or embed the texts in the JSON form)." if str(path).lower().endswith(".json") else "."),
            )


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
        for name in SOURCE_METADATA:
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
        **({} if ev.max_error_rate is None else {"max_error_rate": ev.max_error_rate}),
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
    """Rebuild a map from its JSON form, locating every quote again.

    Args:
        text: the JSON form, as :func:`to_json` wrote it.
        base: the folder the JSON file is in; relative source paths are read from there.
        name: how messages name the input (the file's path).

    Returns:
        The map. A :class:`~argmap.errors.SourceChangedWarning` is issued when a source text
        changed but every quote was found again; its ``report`` says which moved or are fuzzy
        (a :class:`~argmap.errors.StalePassageWarning` when the texts are unchanged but stored
        passages were not where their quotes are).

    Raises:
        MapFileError: the JSON is malformed, of an unknown version, holds values of the wrong
            type, names unreadable texts, or quotes that are not in their unchanged texts;
            each problem with its JSON path and line.
        SourceChangedError: a source text changed and some quotes are no longer in it.
    """
    return read_json(text, base=base, name=name).map


def read_json(text: str, *, base: str | Path | None = None, name: str = "<json>") -> Loaded:
    """Like :func:`from_json`, but also how each quote matched and the line of each evidence entry."""
    return _Reader(name, base).read(text)


# What each kind of entry holds: key -> the kind of value. Required keys are listed apart.
_STR, _INT, _NUMBER, _STRINGS, _OBJECT = "a string", "a whole number", "a number", "a list of strings", "an object"
_KINDS = {str: _STR, int: _INT, tuple: _STRINGS}
_SOURCE_KEYS = {"key": _STR, "path": _STR, "sha256": _STR, "text": _STR,
                **{k: _KINDS[t] for k, t in SOURCE_METADATA.items()}}  # fmt: skip
_THESIS_KEYS = {"id": _STR, "statement": _STR, "note": _STR}
_EVIDENCE_KEYS = {
    "id": _STR, "thesis": _STR, "source": _STR, "stance": _STR, "quote": _STR, "prefix": _STR, "suffix": _STR,
    "occurrence": _INT, "max_error_rate": _NUMBER, "note": _STR, "passage": _OBJECT,
}  # fmt: skip
_PASSAGE_KEYS = {"start": _INT, "end": _INT, "text": _STR, "pages": _STRINGS, "match": _STR, "score": _NUMBER}
_RELATION_KEYS = {"from": _STR, "to": _STR, "stance": _STR, "note": _STR}
_ROOT_KEYS = {"format": _STR, "version": _INT, "title": _STR, "description": _STR, "sources": "a list",
              "theses": "a list", "evidence": "a list", "relations": "a list"}  # fmt: skip


def _is(value: object, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == _NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == _STRINGS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == _OBJECT:
        return isinstance(value, dict)
    return isinstance(value, list)


def _json_type(value: object) -> str:
    names = {bool: "true/false", int: "a whole number", float: "a number", str: "a string", list: "a list",
             dict: "an object", type(None): "null"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


Path_ = tuple[str | int, ...]


def _jsonpath(path: Path_) -> str:
    """``("evidence", 3, "quote")`` as ``$.evidence[3].quote``."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def _json_lines(text: str) -> dict[Path_, int]:
    """The line of every value of a (valid) JSON text, by path; a member's is its key's line."""
    tokens: list[tuple[str, int]] = []
    line, last = 1, 0
    for found in _TOKEN.finditer(text):
        line += text.count("\n", last, found.start())
        last = found.start()
        tokens.append((found.group(), line))
    lines: dict[Path_, int] = {}
    i = 0

    def value(path: Path_, at: int) -> None:
        nonlocal i
        token = tokens[i][0]
        lines[path] = at
        i += 1
        if token not in "{[" or tokens[i][0] in "}]":
            i += token in "{[" and 1
            return
        n = 0
        while True:
            if token == "{":
                key, key_line = json.loads(tokens[i][0]), tokens[i][1]
                i += 2  # the key and ':'
                value((*path, key), key_line)
            else:
                value((*path, n), tokens[i][1])
                n += 1
            i += 1  # ',' or the closing bracket
            if tokens[i - 1][0] in "}]":
                return

    try:
        value((), tokens[0][1])
    except (IndexError, RecursionError, ValueError):  # not the JSON json.loads read: no lines
        return {}
    return lines


class _Reader:
    """Reads the JSON form, collecting every problem (with its JSON path and line)."""

    def __init__(self, name: str, base: str | Path | None) -> None:
        self.name = name
        self.base = base
        self.lines: dict[Path_, int] = {}
        self.ids: set[str] = set()
        self.problems: list[tuple[int | None, str]] = []

    def problem(self, path: Path_, message: str) -> None:
        line = next((self.lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in self.lines), None)
        self.problems.append((line, f"{_jsonpath(path)}: {message}"))

    def read(self, text: str) -> Loaded:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MapFileError(self.name, [(exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")]) from None
        except RecursionError:
            raise MapFileError(self.name, [(None, "not valid JSON: nested too deeply")]) from None
        self.lines = _json_lines(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.problem((), f'not an argmap JSON form: expected an object with "format": "{FORMAT}"')
            raise MapFileError(self.name, self.problems)
        version: Any = data.get("version")
        if not (_is(version, _INT) and 1 <= version <= SCHEMA_VERSION):
            self.problem(("version",), f"JSON form version {version!r} is not one this argmap reads (1 to "
                         f"{SCHEMA_VERSION}); upgrade argmap to read it")  # fmt: skip
            raise MapFileError(self.name, self.problems)
        self.shape(data, (), _ROOT_KEYS, set())
        title, description = (data.get(k) if _is(data.get(k), _STR) else None for k in ("title", "description"))
        m = ArgumentMap(title, description=description)

        # Sources: read every text, then add them hosts first.
        entries = {kind: self.entries(data, kind) for kind in ("sources", "theses", "evidence", "relations")}
        built: list[Source] = []
        where: dict[str, Path_] = {}
        changed: set[str] = set()
        for path, item in entries["sources"]:
            source = self.source(item, path)
            if source is not None:
                built.append(source)
                where.setdefault(source.key, path)
                if text_hash(source.text) != item["sha256"]:
                    changed.add(source.key)
        declared = {kind: {item.get(key) for _, item in entries[kind] if _is(item.get(key), _STR)}
                    for kind, key in (("sources", "key"), ("theses", "id"))}  # fmt: skip
        placed, stranded = hosts_first(built)
        for source in placed:
            try:
                m.add_source(source)
            except ArgmapError as exc:
                self.problem((*where[source.key], "key"), str(exc))
        for source in stranded:
            why = stranded_problem(source, sorted(declared["sources"]), [s.key for s in built])
            if why is not None:
                self.problem((*where[source.key], "quoted_in"), why)

        for path, item in entries["theses"]:
            if self.shape(item, path, _THESIS_KEYS, {"id", "statement"}):
                try:
                    m.add_thesis(item["id"], item["statement"], note=item.get("note"))
                except ArgmapError as exc:
                    self.problem((*path, "id"), str(exc))
        theses = {t.id for t in m.theses}

        # Evidence: every quote located again, each entry's problems all reported.
        results: list[CheckResult] = []
        lines: dict[str, int] = {}
        for path, item in entries["evidence"]:
            result = self.evidence(m, item, path, changed, declared)
            if result is not None:
                results.append(result)
                line = self.lines.get((*path, "quote"))
                if line is not None:
                    lines[result.evidence.id] = line

        for path, item in entries["relations"]:
            if self.shape(item, path, _RELATION_KEYS, {"from", "to", "stance"}):
                ok = self.stance(item, path)
                for key in ("from", "to"):
                    if item[key] not in theses:
                        ok = False
                        if item[key] not in declared["theses"]:
                            self.problem((*path, key), str(UnknownThesisError(item[key], sorted(theses))))
                if ok:
                    try:
                        m.relate(item["from"], item["to"], item["stance"], note=item.get("note"))
                    except ArgmapError as exc:
                        self.problem(path, str(exc))
        if self.problems:
            raise MapFileError(self.name, self.problems)
        return self.finish(m, results, changed, lines)

    def finish(self, m: ArgumentMap, results: list[CheckResult], changed: set[str], lines: dict[str, int]) -> Loaded:
        """Raise or warn about quotes of changed texts and stale passages; the loaded map."""
        of_changed = CheckReport(tuple(r for r in results if r.evidence.source in changed))
        if not of_changed.ok:
            raise SourceChangedError(self.name, sorted(changed), of_changed)
        if changed:
            warnings.warn(SourceChangedWarning(self.name, sorted(changed), of_changed), stacklevel=4)
        stale = tuple(r for r in results if r.evidence.source not in changed and r.passage != r.evidence.passage)
        if stale:
            keys = sorted({r.evidence.source for r in stale})
            warnings.warn(StalePassageWarning(self.name, keys, CheckReport(stale)), stacklevel=4)
        return Loaded(m, CheckReport(tuple(results)), lines)

    def evidence(
        self, m: ArgumentMap, item: Any, path: Path_, changed: set[str], declared: dict[str, set[Any]]
    ) -> CheckResult | None:
        """Check one evidence entry (every problem of it), locate its quote, and add it to ``m``."""
        required = {"id", "thesis", "source", "stance", "quote", "passage"}
        if not self.shape(item, path, _EVIDENCE_KEYS, required):
            return None
        p = item["passage"]
        ok = self.shape(p, (*path, "passage"), _PASSAGE_KEYS, {"start", "end", "text"})
        if ok and p.get("match") is not None and p["match"] not in set(Match):
            self.problem((*path, "passage", "match"), f"'match' must be one of {', '.join(Match)}, not {p['match']!r}")
            ok = False
        ok = self.stance(item, path) and ok
        rate = item.get("max_error_rate")
        if rate is not None and not 0 <= rate <= 1:
            self.problem((*path, "max_error_rate"), f"'max_error_rate' must be from 0 to 1, not {rate!r}")
            ok = False
        ids = (("thesis", "theses", {t.id for t in m.theses}, UnknownThesisError),
               ("source", "sources", {s.key for s in m.sources}, UnknownSourceError))  # fmt: skip
        for key, kind, known, error in ids:
            if item[key] not in known:
                ok = False
                if item[key] not in declared[kind]:  # else that entry's own problem is reported
                    self.problem((*path, key), str(error(item[key], sorted(known))))
        if item["id"] in self.ids:
            self.problem((*path, "id"), str(DuplicateIdError("evidence", item["id"])))
            ok = False
        self.ids.add(item["id"])
        if item["source"] not in {s.key for s in m.sources}:
            return None
        source = m.source(item["source"])
        try:
            found: Passage | None = locate(
                source, item["quote"], prefix=item.get("prefix"), suffix=item.get("suffix"),
                occurrence=item.get("occurrence"), max_error_rate=DEFAULT_MAX_ERROR_RATE if rate is None else rate,
            )  # fmt: skip
            missing = ""
        except ArgmapError as exc:
            if source.key not in changed:
                self.problem((*path, "quote"), f"evidence {item['id']!r}: the quote is not in source {source.key!r}, "
                             f"whose text is unchanged, so the JSON form was edited: {exc}")  # fmt: skip
                return None
            found, missing = None, str(exc)
        if not ok:
            return None
        stored = Passage(source.key, p["start"], p["end"], p["text"], tuple(p.get("pages") or ()),
                         Match(p.get("match") or "exact"), float(p.get("score") or 1.0))  # fmt: skip
        ev = Evidence(
            item["id"], item["thesis"], item["stance"], item["quote"], stored, note=item.get("note"),
            prefix=item.get("prefix"), suffix=item.get("suffix"), occurrence=item.get("occurrence"),
            max_error_rate=rate,
        )  # fmt: skip
        if found is None:
            return CheckResult(ev, Status.MISSING, None, missing)
        m.add_evidence(attrs.evolve(ev, passage=found))
        return located(ev, found)

    def source(self, item: Any, path: Path_) -> Source | None:
        if not self.shape(item, path, _SOURCE_KEYS, {"key", "sha256"}):
            return None
        key = item["key"]
        meta: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in item.items() if k in SOURCE_METADATA
        }
        written = item.get("path")
        resolved = None if written is None else resolve_path(written, self.base)
        if item.get("text") is not None:
            text = item["text"]
        elif resolved is None:
            self.problem(path, f"source {key!r} has neither a text nor a path; add one")
            return None
        else:
            try:
                text = Source.from_file(resolved, key=key).text
            except ArgmapError as exc:
                self.problem((*path, "path"), f"source {key!r}: {exc}")
                return None
        try:
            return Source(key=key, text=text, path=resolved, **meta)
        except ArgmapError as exc:
            what = exc.what if isinstance(exc, InvalidValueError) and exc.what in item else "key"
            self.problem((*path, what), f"source {key!r}: {exc}")
            return None

    def stance(self, item: dict[str, Any], path: Path_) -> bool:
        try:
            Stance.parse(item["stance"])
        except InvalidValueError as exc:
            self.problem((*path, "stance"), str(exc))
            return False
        return True

    def entries(self, data: dict[str, Any], kind: str) -> list[tuple[Path_, Any]]:
        value = data.get(kind)
        return [((kind, n), item) for n, item in enumerate(value)] if isinstance(value, list) else []

    def shape(self, item: Any, path: Path_, keys: Mapping[str, str], required: set[str]) -> bool:
        """Whether ``item`` is an object with known keys, values of their types, and the required ones."""
        if not isinstance(item, dict):
            self.problem(path, f"must be an object, not {_json_type(item)}")
            return False
        ok = True
        for key, value in item.items():
            if key not in keys:
                close = difflib.get_close_matches(key, list(keys), n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.problem((*path, key), f"unknown key {key!r}; {hint}known keys: {', '.join(keys)}")
                ok = False
            elif value is not None and not _is(value, keys[key]):
                self.problem((*path, key), f"{key!r} must be {keys[key]}, not {_json_type(value)} ({value!r:.40})")
                ok = False
        missing = sorted(k for k in required if item.get(k) is None)
        if missing:
            self.problem(path, f"missing {', '.join(map(repr, missing))}")
        return ok and not missing
