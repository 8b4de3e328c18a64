"""The one loader: parsed file data to a map, every quote proven, every problem with its line.

A format (the TOML map file, the JSON form, and importers) parses its file into plain data and
says where each entry and key stands (:class:`Document`); :func:`build` does the rest, the same
for every format: it checks each entry against the field table (:mod:`argmap.formats.schema`:
unknown keys with a suggestion, missing keys, values of the wrong kind), reads the source texts,
adds sources after the sources they are quoted in, locates every quote, and collects every
problem before raising one :class:`~argmap.errors.MapFileError`.

When entries carry what an earlier save recorded (a source's ``sha256``, evidence's
``passage``, as the JSON form does), loading compares: a source text that changed is re-anchored
(:class:`~argmap.errors.SourceChangedWarning` when every quote is still there,
:class:`~argmap.errors.SourceChangedError` when some are gone), and a stored passage that is not
where its quote is in an unchanged text gives a :class:`~argmap.errors.StalePassageWarning`.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import json
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import attrs

from argmap.anchor import DEFAULT_MAX_ERROR_RATE, locate
from argmap.argument_map import ArgumentMap
from argmap.check import CheckReport, CheckResult, Status, judge, name_notes
from argmap.errors import (
    AmbiguousQuoteError,
    ArgmapError,
    DuplicateIdError,
    InputFileError,
    InvalidValueError,
    MapFileError,
    NameIndex,
    QuoteTooLongError,
    SourceChangedError,
    SourceChangedWarning,
    StalePassageWarning,
    UnknownSourceError,
    UnknownThesisError,
)
from argmap.files import input_file
from argmap.formats.bibtex import read_bibtex
from argmap.formats.csl import csl_to_metadata
from argmap.formats.schema import ENTITIES, TABLES, Mistyped, fields, resolve_path, text_hash
from argmap.model import Evidence, Match, Passage, Source
from argmap.pages import Layout
from argmap.sources import read

__all__ = ["NESTED_TOO_DEEPLY", "Document", "Loaded", "build", "hosts_first"]


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


class Document(Protocol):
    """A parsed file, as the loader sees it: its data and where each part of it stands."""

    @property
    def name(self) -> str:
        """How messages name the file."""

    @property
    def base(self) -> Path | None:
        """The folder relative paths start from (``None``: as given)."""

    @property
    def format(self) -> str:
        """``"toml"`` or ``"json"``: which fields the file may have."""

    def where(self, entity: str | None, index: int | None = None, key: str | None = None) -> tuple[int | None, str]:
        """The line of an entry's key (or of the entry, or of a top-level key when ``entity``
        is ``None``) and how a message names it (``[[evidence]] #4``, ``$.evidence[3].quote``)."""
        ...


def build(data: dict[str, Any], document: Document, *, allowed: Sequence[str | Path] = ()) -> Loaded:
    """Build the map that ``data``, parsed from ``document``, holds, reading files only inside the
    document's folder (its ``base``, else the working folder) and the ``allowed`` folders.

    Raises:
        MapFileError: every problem found, each with its line.
        SourceChangedError: a source text changed since it was saved and quotes are gone.
    """
    try:
        return _Loader(document, allowed).load(data)
    except RecursionError:  # a value nested thousands deep, which the parser took (dotted keys)
        raise MapFileError(document.name, [(None, NESTED_TOO_DEEPLY.format(format=document.format.upper()))]) from None


#: The problem of a file whose lists or tables are nested too deeply to read (``format``: TOML, JSON).
NESTED_TOO_DEEPLY = (
    "not valid {format}: lists or tables are nested too deeply (hundreds of levels) to read; a map needs "
    "only a few levels (a list of entries, their keys, a list or table as a value): correct or remove the "
    "deeply nested value"
)


def hosts_first(sources: Sequence[Source]) -> tuple[list[Source], list[Source]]:
    """Sources in an order they can be added in: file order, except that a source comes right
    after the source it is ``quoted_in`` when that one comes later; and those that cannot be
    placed (unknown host, or a cycle).

    Examples:
        >>> letter = Source(key="letter", text="x", quoted_in="book")
        >>> placed, stranded = hosts_first([letter, Source(key="book", text="y")])
        >>> [s.key for s in placed], stranded
        (['book', 'letter'], [])
    """
    placed: list[Source] = []
    keys: set[str] = set()
    waiting: dict[str, list[Source]] = {}  # sources by the key of the host they wait for
    for source in sources:
        if source.quoted_in is not None and source.quoted_in not in keys:
            waiting.setdefault(source.quoted_in, []).append(source)
            continue
        ready = [source]
        while ready:  # the source, then whoever waited for it, and so on
            ready_source = ready.pop(0)
            placed.append(ready_source)
            keys.add(ready_source.key)
            ready[:0] = waiting.pop(ready_source.key, [])
    return placed, [s for guests in waiting.values() for s in guests]


@attrs.frozen
class _Entry:
    """One entry of a list: its index, its well-formed values, and whether it is complete:
    every required value there and no problem in it (its problems are reported)."""

    index: int
    values: dict[str, Any]
    complete: bool


class _Loader:
    def __init__(self, document: Document, allowed: Sequence[str | Path] = ()) -> None:
        self.doc = document
        self.inside = [document.base or Path.cwd(), *allowed]  # the folders files are read from
        self.format = document.format
        self.problems: list[tuple[int | None, str]] = []
        self.misnamed_table = False
        self.source_index: dict[str, int] = {}  # where each source's entry stands
        self.bib: dict[str, dict[str, Any]] = {}  # .bib entries' metadata by key

    def problem(self, entity: str | None, index: int | None, key: str | None, message: str) -> None:
        line, label = self.doc.where(entity, index, key)
        self.problems.append((line, f"{label}: {message}" if label else message))

    def unique(self, entity: str, index: int, field: str, value: str, seen: dict[str, int]) -> bool:
        """Record ``value``, the id (``field``) of entry ``index``, in ``seen``; ``False``, and the
        problem reported with where the first one is, when an earlier entry has it."""
        if value not in seen:
            seen[value] = index
            return True
        line, label = self.doc.where(entity, seen[value], field)
        first = f"the first is {label}" + (f", at {self.doc.name}:{line}" if line is not None else "")
        self.problem(entity, index, field, str(DuplicateIdError(entity, value, first)))
        return False

    def describe(self, value: object) -> str:
        """A value's kind, as the format names it (a person writing TOML by hand: text, a table),
        and the value."""
        date = isinstance(value, datetime.date | datetime.time)
        kind = _NAMES[self.format].get(type(value), "a date or time" if date else "a value")
        shown = repr(value) if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
        return f"{kind} ({shown[:40] + '...' if len(shown) > 40 else shown})"

    def attempt(self, entity: str, index: int, key: str, action: Callable[[], _T]) -> _T | None:
        """Run ``action``; an ArgmapError becomes a problem on the line of the key it is about."""
        try:
            return action()
        except ArgmapError as exc:
            self.problem(entity, index, _key_of(exc, key), self.said(exc))
            return None

    def said(self, exc: ArgmapError) -> str:
        """An error's message, its fix in the file's own syntax (``occurrence = 2``, not ``occurrence=N``)."""
        return str(exc.in_syntax(self.format) if isinstance(exc, AmbiguousQuoteError) else exc)

    def load(self, data: dict[str, Any]) -> Loaded:
        root = self.entry(None, None, data).values
        entries = {e: self.entries(data, e) for e in ENTITIES}
        # A misnamed table ([[sources]]) is reported once, not as every reference to what it held.
        names = TABLES[self.format]
        unsure = {e for e in ENTITIES if names[e] not in data} if self.misnamed_table else set()
        declared = {"source": _declared(entries["source"], "key"), "thesis": _declared(entries["thesis"], "id")}
        m = ArgumentMap(root.get("title"), description=root.get("description"))
        self.bib = self.read_bibtex(root.get("bibtex", ()))
        changed = self.add_sources(m, entries["source"], self.read_csl(root.get("csl", ())), declared["source"])
        firsts: dict[str, int] = {}
        for e in entries["thesis"]:
            if e.complete and self.unique("thesis", e.index, "id", e.values["id"], firsts):
                add = functools.partial(m.add_thesis, e.values["id"], e.values["statement"], note=e.values.get("note"))
                self.attempt("thesis", e.index, "id", add)
        refs = _References(self, {"source": {s.key for s in m.sources}, "thesis": {t.id for t in m.theses}},
                           declared, unsure)  # fmt: skip
        results: list[CheckResult] = []
        lines: dict[str, int] = {}
        taken: dict[str, int] = {}  # evidence ids, and the entry that has each
        for e in entries["evidence"]:
            result = self.add_evidence(m, e, refs, changed, taken)
            if result is not None:
                results.append(result)
                line = self.doc.where("evidence", e.index, "quote")[0]
                if line is not None:
                    lines[result.evidence.id] = line
        for e in entries["relation"]:
            v = e.values
            if e.complete and all([refs.check("relation", e.index, v, key, "thesis") for key in ("from", "to")]):
                relate = functools.partial(m.relate, v["from"], v["to"], v["stance"], note=v.get("note"))
                self.attempt("relation", e.index, "from", relate)
        if self.problems:
            raise MapFileError(self.doc.name, self.problems)
        return self.finish(m, results, changed, lines)

    # -- entries and their values ------------------------------------------------------------

    def entries(self, data: dict[str, Any], entity: str) -> list[_Entry]:
        name = TABLES[self.format][entity]
        items = data.get(name, [])
        if isinstance(items, dict) and self.format == "toml":  # [source] instead of [[source]]
            items = [items]
        if not isinstance(items, list):
            hint = f": write [[{entity}]] above each entry" if self.format == "toml" else ""
            self.problem(None, None, name, f"{name!r} must be a list, not {self.describe(items)}{hint}")
            return []
        return [self.entry(entity, index, item) for index, item in enumerate(items)]

    def entry(self, entity: str | None, index: int | None, item: Any) -> _Entry:
        """The well-formed values of one entry (``entity`` ``None``: the map's own keys), converted;
        every other key is a problem."""
        table = fields(entity or "map", self.format)
        if not isinstance(item, dict):
            self.problem(entity, index, None, f"must be {'an object' if self.format == 'json' else 'a table of keys'}, "
                         f"not {self.describe(item)}")  # fmt: skip
            return _Entry(index or 0, {}, False)
        lists = set(TABLES[self.format].values()) if entity is None else set()
        values: dict[str, Any] = {}
        before = len(self.problems)
        for key, value in item.items():
            field = table.get(key)
            if key in lists or (value is None and self.format == "json"):
                continue
            if field is None:
                close = difflib.get_close_matches(key, [*table, *sorted(lists)], n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.misnamed_table |= bool(close) and close[0] in lists
                where = "the map" if entity is None else f"this {entity}"
                known = ", ".join(table)
                self.problem(entity, index, key, f"unknown key {key!r} in {where}; {hint}known keys: {known}")
                continue
            try:
                values[key] = field.kind.read(value)
            except Mistyped as exc:
                hint = exc.hint.format(key=key)
                self.problem(entity, index, key, f"{key!r} must be {exc.expected}, not {self.describe(value)}{hint}")
        for key, field in table.items():
            if self.format in field.required_in and item.get(key) is None:
                add = f"`{key} = ...`" if self.format == "toml" else f'"{key}": ...'
                self.problem(entity, index, None, f"missing {key!r}; add {add} to it")
        return _Entry(index or 0, values, len(self.problems) == before)

    # -- sources -----------------------------------------------------------------------------

    def read_csl(self, paths: Sequence[str]) -> dict[str, dict[str, Any]]:
        """CSL-JSON items by id, from the file(s) that the map's ``csl`` names."""
        items: dict[str, dict[str, Any]] = {}
        for path in paths:
            try:
                data = json.loads(input_file(resolve_path(path, self.doc.base), inside=self.inside).read_text("utf-8"))
            except InputFileError as exc:
                self.problem(None, None, "csl", str(exc))
                continue
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                self.problem(None, None, "csl", f"cannot read CSL-JSON file {path}: {exc}; export it from Zotero "
                             "as CSL JSON, next to the map file")  # fmt: skip
                continue
            data = [data] if isinstance(data, dict) else data
            if not isinstance(data, list):
                self.problem(None, None, "csl", f"CSL-JSON file {path} must hold a list of items")
                continue
            items.update((str(item.get("id")), item) for item in data if isinstance(item, dict))
        return items

    def read_bibtex(self, paths: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Source metadata by entry key, from the .bib file(s) that the map's ``bibtex`` names."""
        entries: dict[str, dict[str, Any]] = {}
        for path in paths:
            try:
                entries.update(read_bibtex(resolve_path(path, self.doc.base), inside=self.inside))
            except ArgmapError as exc:
                self.problem(None, None, "bibtex", str(exc))
        return entries

    def add_sources(
        self, m: ArgumentMap, entries: list[_Entry], csl: dict[str, dict[str, Any]], declared: set[str]
    ) -> set[str]:
        """Add the sources, each after the one it is ``quoted_in``; return the keys of those whose
        text changed since the file was saved (their recorded ``sha256`` differs)."""
        built: dict[str, Source] = {}
        changed: set[str] = set()
        for e in entries:
            if not e.complete or not self.unique("source", e.index, "key", e.values["key"], self.source_index):
                continue
            source = self.source(e, csl)
            if source is None:
                continue
            built[source.key] = source
            if "sha256" in e.values and text_hash(source.text) != e.values["sha256"]:
                changed.add(source.key)
        placed, stranded = hosts_first(list(built.values()))
        for source in placed:
            self.attempt("source", self.source_index[source.key], "key", functools.partial(m.add_source, source))
        for source in stranded:
            if source.quoted_in not in declared:
                why = str(UnknownSourceError(source.quoted_in or "", sorted(declared),
                                             "quoted_in names the key of another source"))  # fmt: skip
            elif source.quoted_in not in built:
                continue  # the host's own problem is reported
            else:
                why = (f"source {source.key!r} is quoted in {source.quoted_in!r}, which is (through others) quoted in "
                       f"{source.key!r}: a source cannot be quoted in itself; remove one quoted_in")  # fmt: skip
            self.problem("source", self.source_index[source.key], "quoted_in", why)
        return changed

    def source(self, e: _Entry, csl: dict[str, dict[str, Any]]) -> Source | None:
        v, key = e.values, e.values["key"]
        if "path" not in v and "text" not in v:
            self.problem("source", e.index, None, f"source {key!r} has neither `path` (the text file, relative to "
                         "the map file) nor `text`; add one")  # fmt: skip
            return None
        if "path" in v and "text" in v and self.format == "toml":
            self.problem("source", e.index, None, "give either `path` (the text file, relative to the map file) "
                         "or `text`, not both")  # fmt: skip
            return None
        meta: dict[str, Any] = {}
        csl_id = v.get("csl_id", key)
        if csl_id in csl:
            try:
                meta = csl_to_metadata(csl[csl_id])
            except ArgmapError as exc:
                self.problem("source", e.index, "csl_id", str(exc))
                return None
            meta.pop("key", None)
        elif "csl_id" in v:
            known = ", ".join(sorted(csl)[:10]) or "none"
            self.problem("source", e.index, "csl_id", f"no CSL-JSON item has id {csl_id!r} (ids: {known})")
            return None
        bib_key = v.get("bibtex_key", key)
        if bib_key in self.bib:
            meta = {**self.bib[bib_key], **meta}  # the CSL item wins over the entry
        elif "bibtex_key" in v:
            known = ", ".join(sorted(self.bib)[:10]) or "none"
            self.problem("source", e.index, "bibtex_key", f"no entry of the `bibtex` file(s) has key {bib_key!r} "
                         f"(keys: {known}); write the key as the .bib file has it (after '@book{{')")  # fmt: skip
            return None
        table = fields("source", self.format)
        meta.update((k, value) for k, value in v.items() if table[k].attribute not in (None, "key"))
        path = resolve_path(v["path"], self.doc.base) if "path" in v else None
        try:
            if "layout" in meta:
                meta["layout"] = Layout(**meta["layout"])
            if "text" in v:
                return Source(key=key, text=v["text"], path=path, **meta)
            return read(path or "", key=key, inside=self.inside, **meta)
        except InputFileError as exc:
            self.problem("source", e.index, "path", f"source {key!r}: {exc}; the path is relative to the map file's "
                         "folder")  # fmt: skip
        except ArgmapError as exc:
            self.problem("source", e.index, _key_of(exc, "key", v), f"source {key!r}: {exc}")
        except TypeError as exc:  # a layout with keys a Layout does not have
            self.problem("source", e.index, "layout", f"source {key!r}: the layout is malformed ({exc})")
        return None

    # -- evidence ----------------------------------------------------------------------------

    def add_evidence(
        self, m: ArgumentMap, e: _Entry, refs: _References, changed: set[str], taken: dict[str, int]
    ) -> CheckResult | None:
        """Check one evidence entry (every problem of it), locate its quote, and add it to ``m``."""
        v = e.values
        ok = all([refs.check("evidence", e.index, v, key, key) for key in ("thesis", "source") if key in v])
        if v.get("id") is not None and not self.unique("evidence", e.index, "id", v["id"], taken):
            ok = False
        if v.get("source") not in refs.known["source"] or "quote" not in v:
            return None
        source = m.source(v["source"])
        options, rate = _options(v), v.get("max_error_rate")
        if not (e.complete and ok):  # the quote is checked all the same
            if "passage" not in v:
                self.attempt("evidence", e.index, "quote",
                             functools.partial(locate, source, v["quote"], **options, max_error_rate=_rate(rate)))
            return None
        if "passage" not in v:  # a quote to cite
            ev = self.attempt("evidence", e.index, "quote", functools.partial(
                m.cite, v["thesis"], v["source"], v["quote"], v["stance"], note=v.get("note"), id=v.get("id"),
                max_error_rate=rate, **options))  # fmt: skip
            if ev is None:
                return None
            taken.setdefault(ev.id, e.index)
            return judge(ev, ev.passage, source)
        stored = self.stored_passage(e.index, v)
        try:
            found: Passage | None = locate(source, v["quote"], **options, max_error_rate=_rate(rate))
            missing = ""
        except QuoteTooLongError as exc:
            self.problem("evidence", e.index, "quote", str(exc.of(v.get("id"))))
            return None
        except ArgmapError as exc:
            if source.key not in changed:
                self.problem("evidence", e.index, "quote", f"evidence {v.get('id')!r}: the quote is not in source "
                             f"{source.key!r}, whose text is unchanged, so the file was edited: "
                             + self.said(exc))  # fmt: skip
                return None
            found, missing = None, str(exc)  # reported with the other quotes of the changed text
        if stored is None:
            return None
        ev = self.attempt("evidence", e.index, "id", functools.partial(
            Evidence, v["id"], v["thesis"], v["stance"], v["quote"], stored, note=v.get("note"), max_error_rate=rate,
            **options))  # fmt: skip
        if ev is None:
            return None
        if found is None:
            return CheckResult(ev, Status.MISSING, None, missing)
        if self.attempt("evidence", e.index, "id", functools.partial(m.add_evidence, attrs.evolve(ev, passage=found))):
            return judge(ev, found, source)
        return None

    def stored_passage(self, index: int, v: dict[str, Any]) -> Passage | None:
        """The passage an earlier save recorded (it is compared with where the quote is now)."""
        p = v["passage"]
        kinds = {"start": int, "end": int, "text": str, "pages": list, "page_indexes": list, "match": str,
                 "score": float}  # fmt: skip
        for key, value in p.items():
            kind = kinds.get(key)
            if kind is None:
                close = difflib.get_close_matches(key, list(kinds), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.problem("evidence", index, f"passage.{key}", f"unknown key {key!r} in the passage{hint}")
                return None
            number = kind is float and isinstance(value, int)
            if value is not None and (isinstance(value, bool) or not (isinstance(value, kind) or number)):
                self.problem("evidence", index, f"passage.{key}", f"{key!r} must be {_KIND_NAMES[kind]}, "
                             f"not {self.describe(value)}")  # fmt: skip
                return None
        missing = [k for k in ("start", "end", "text") if p.get(k) is None]
        if missing:
            self.problem("evidence", index, "passage", f"the passage lacks {', '.join(map(repr, missing))}")
            return None
        if p.get("match") is not None and p["match"] not in set(Match):
            self.problem("evidence", index, "passage.match", f"'match' must be one of {', '.join(Match)}, "
                         f"not {p['match']!r}")  # fmt: skip
            return None
        score = float(p["score"]) if p.get("score") is not None else 1.0
        try:
            return Passage(v["source"], p["start"], p["end"], p["text"], tuple(p.get("pages") or ()),
                           Match(p.get("match") or "exact"), score, tuple(p.get("page_indexes") or ()))  # fmt: skip
        except ArgmapError as exc:
            self.problem("evidence", index, "passage", str(exc))
            return None

    def finish(self, m: ArgumentMap, results: list[CheckResult], changed: set[str], lines: dict[str, int]) -> Loaded:
        """Raise or warn about quotes of changed texts and stale passages; the loaded map."""
        name = self.doc.name
        of_changed = CheckReport(tuple(r for r in results if r.evidence.source in changed))
        if not of_changed.ok:
            raise SourceChangedError(name, sorted(changed), of_changed)
        if changed:
            warnings.warn(SourceChangedWarning(name, sorted(changed), of_changed), stacklevel=5)
        stale = tuple(r for r in results if r.evidence.source not in changed and r.passage != r.evidence.passage)
        if stale:
            keys = sorted({r.evidence.source for r in stale})
            warnings.warn(StalePassageWarning(name, keys, CheckReport(stale)), stacklevel=5)
        notes = tuple(attrs.evolve(note, line=self.doc.where("source", self.source_index[note.source], note.field)[0])
                      for note in name_notes(m.sources))  # fmt: skip
        return Loaded(m, CheckReport(tuple(results), notes), lines)


@attrs.frozen
class _References:
    """What entries may refer to, and what they may not be told off for referring to."""

    loader: _Loader
    #: the ids that loaded, by kind
    known: dict[str, set[str]]
    #: the ids that entries declare, whether or not the entries loaded: a reference to one that
    #: failed is not reported again (the entry's own problem is)
    declared: dict[str, set[str]]
    #: kinds whose table is missing because it was misnamed (reported once, as the unknown key)
    unsure: set[str]
    #: the loaded ids of each kind, sorted and indexed once for "did you mean" (a map with
    #: thousands of misspelt references would otherwise compare each with every id)
    indexes: dict[str, NameIndex] = attrs.field(factory=dict)

    def check(self, entity: str, index: int, values: dict[str, Any], key: str, kind: str) -> bool:
        """Whether ``values[key]`` names a loaded ``kind``; if it names nothing, a problem."""
        value = values[key]
        if value in self.known[kind]:
            return True
        if value not in self.declared[kind] and kind not in self.unsure:
            error = UnknownThesisError if kind == "thesis" else UnknownSourceError
            if kind not in self.indexes:
                self.indexes[kind] = NameIndex(sorted(self.known[kind]))
            self.loader.problem(entity, index, key, str(error(value, self.indexes[kind])))
        return False


_T = TypeVar("_T")
_KIND_NAMES = {int: "a whole number", str: "a string", list: "a list of strings", float: "a number"}


def _declared(entries: list[_Entry], key: str) -> set[str]:
    return {e.values[key] for e in entries if isinstance(e.values.get(key), str)}


def _options(values: dict[str, Any]) -> dict[str, Any]:
    """What picks one occurrence of a quote."""
    return {k: values.get(k) for k in ("prefix", "suffix", "occurrence", "emend")}


def _rate(rate: float | None) -> float:
    return DEFAULT_MAX_ERROR_RATE if rate is None else rate


def _key_of(exc: BaseException, default: str, values: Mapping[str, Any] | None = None) -> str:
    """The key an error is about: the field an InvalidValueError names, if the entry has it."""
    if isinstance(exc, DuplicateIdError):
        return "id" if exc.kind in ("evidence", "thesis") else default
    if isinstance(exc, InvalidValueError) and exc.what in ("evidence id", "thesis id"):
        return "id"
    if isinstance(exc, InvalidValueError):
        what = exc.what.split()[0]
        if values is None or what in values:
            return what
    return default


_NAMES = {
    "toml": {bool: "true/false", int: "a whole number", float: "a decimal number", str: "text", list: "a list",
             dict: "a table"},
    "json": {bool: "true/false", int: "a whole number", float: "a number", str: "a string", list: "a list",
             dict: "an object", type(None): "null"},
}  # fmt: skip
