"""The map file: one TOML file, written by hand, that holds a whole map.

A map file lists the sources (metadata, the path of the text file relative to the map file,
page and ignore patterns), the theses, the evidence and the relations::

    title = "Lexington, 19 April 1775"

    [[source]]
    key = "gage"
    path = "sources/gage-1775.txt"      # relative to this file
    authors = ["Thomas Gage"]
    year = 1775

    [[thesis]]
    id = "regulars-fired-first"
    statement = "The regulars fired the first shot."

    [[evidence]]
    thesis = "regulars-fired-first"
    source = "gage"
    stance = "contests"                 # or "supports"
    quote = '''
    the Rebels fired
    first upon the troops'''

Long quotes go in multi-line strings: ``'''...'''`` keeps every character as typed, and line
breaks inside a quote match any whitespace in the source. A source without a text file may
carry its text inline (``text = '''...'''``). Evidence ``id``, ``prefix``, ``suffix``,
``occurrence`` and ``note`` are optional. Metadata can come from a CSL-JSON file (Zotero's
export): ``csl = "library.json"`` at the top, and each source takes the item whose id is its
``key`` (or its ``csl_id``); keys written in the ``[[source]]`` table win.

:func:`load` reads the file, reads every text and locates every quote; all problems found
are raised together as one :class:`~argmap.errors.MapFileError`, each with its line.
:func:`save` writes a map back, atomically; ``load(save(m))`` equals ``m``. A path ending in
``.json`` is read and written in the full JSON form (:mod:`argmap.jsonform`) instead.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import json
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap.anchor import DEFAULT_MAX_ERROR_RATE, locate
from argmap.argument_map import ArgumentMap
from argmap.check import CheckReport
from argmap.citation import csl_to_metadata
from argmap.errors import (
    ArgmapError,
    DuplicateIdError,
    InvalidValueError,
    MapFileError,
    SourceFileError,
    UnknownSourceError,
    UnknownThesisError,
)
from argmap.files import write_atomic
from argmap.jsonform import (
    SOURCE_METADATA,
    Loaded,
    check_texts_on_disk,
    hosts_first,
    located,
    read_json,
    relative_path,
    resolve_path,
    stranded_problem,
    to_json,
)
from argmap.model import Source, Stance

__all__ = ["Loaded", "dumps", "load", "load_checked", "loads", "save"]

_SOURCE_META = tuple(SOURCE_METADATA)
_DATES = {"date", "accessed"}

#: Each kind of entry: its TOML table name, its keys (in the order written) and required keys.
_SCHEMA: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "source": (("key", "path", "text", "csl_id", *_SOURCE_META), frozenset({"key"})),
    "thesis": (("id", "statement", "note"), frozenset({"id", "statement"})),
    "evidence": (
        ("id", "thesis", "source", "stance", "quote", "prefix", "suffix", "occurrence", "max_error_rate", "note"),
        frozenset({"thesis", "source", "stance", "quote"}),
    ),
    "relation": (("from", "to", "stance", "note"), frozenset({"from", "to", "stance"})),
}
_ROOT_KEYS = ("title", "description")


# -- loading ----------------------------------------------------------------------------------


def load(path: str | Path) -> ArgumentMap:
    """Read a map file (or a ``.json`` JSON form), its source texts, and locate every quote.

    Args:
        path: the map file; source paths in it are relative to its folder.

    Returns:
        The map, every passage located.

    Raises:
        MapFileError: anything wrong, each problem with its line: malformed TOML, unknown
            keys, missing or ill-typed values, unreadable or non-UTF-8 texts, unknown or
            duplicate ids, quotes not found or ambiguous.
        SourceChangedError: (JSON form) a source text changed and some quotes are gone.
    """
    return load_checked(path).map


def load_checked(path: str | Path) -> Loaded:
    """Like :func:`load`, but also how each quote matched (fuzzy ones are warnings) and the
    line of each evidence entry in the file, for messages such as ``map.toml:12: fuzzy ...``.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = (Path(folder) / "m.toml").write_text('''
        ... [[source]]
        ... key = "s"
        ... text = "the Rebels fired first"
        ... [[thesis]]
        ... id = "t"
        ... statement = "The regulars fired first."
        ... [[evidence]]
        ... thesis = "t"
        ... source = "s"
        ... stance = "contests"
        ... quote = "the Rebels fird first"
        ... ''')
        ...     loaded = load_checked(Path(folder) / "m.toml")
        >>> print(loaded.report.format(path="m.toml", lines=loaded.lines, everything=False))
        m.toml:12: fuzzy s-1: t <- s [fuzzy 0.95]
                 you wrote 'fird', the source says 'fired'
        m.toml: 1 quotes checked: 0 ok, 1 fuzzy, 0 moved, 0 missing
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MapFileError(str(path), [(None, f"cannot read the map file: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise MapFileError(str(path), [(line, "not valid UTF-8 here; save the map file as UTF-8")]) from None
    if path.suffix.lower() == ".json":
        return read_json(text, base=path.parent, name=str(path))
    return _loads(text, base=path.parent, name=str(path))


def loads(text: str, *, base: str | Path | None = None, name: str = "<map>") -> ArgumentMap:
    """Read a map from the text of a map file; ``base`` is the folder source paths start from.

    Examples:
        >>> m = loads('''
        ... [[source]]
        ... key = "s"
        ... text = "the Rebels fired first upon the troops"
        ... [[thesis]]
        ... id = "t"
        ... statement = "The regulars fired first."
        ... [[evidence]]
        ... thesis = "t"
        ... source = "s"
        ... stance = "contests"
        ... quote = "the Rebels fired first"
        ... ''')
        >>> [(ev.id, ev.passage.start, ev.passage.end) for ev in m.evidence]
        [('s-1', 0, 22)]
    """
    return _loads(text, base=base, name=name).map


def _loads(text: str, *, base: str | Path | None, name: str) -> Loaded:
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MapFileError(name, [_syntax_problem(exc, text)]) from None
    return _Builder(name, base, _Positions(text)).build(data)


def _syntax_problem(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """The line and a plain-language message of a TOML syntax error.

    ``tomllib`` puts the place in its message (``(at line 3, column 9)``); newer Pythons also
    give ``lineno``. A message of another shape gives no line rather than a wrong one.
    """
    message = str(exc)
    line: int | None = getattr(exc, "lineno", None)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if found:
        line = line or int(found.group(1))
        message = message[: found.start()] + f" (column {found.group(2)})"
    elif re.search(r"\(at end of document\)", message):
        line = line or text.count("\n") + 1
        message = re.sub(r"\s*\(at end of document\)", " at the end of the file", message)
    here = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    if message.startswith("Cannot overwrite a value") or re.match(r"Cannot declare .* twice", message):
        hint = (
            "A key is given twice in one entry (or a [table] twice): write each key once per entry, and "
            "start each new entry with its own [[source]], [[thesis]], [[evidence]] or [[relation]] line."
        )
    elif message.startswith("Invalid value") and re.search("[\u201c\u201d\u2018\u2019]", here):
        hint = (
            "Curly quotes (\u201c \u201d \u2018 \u2019, as a word processor types them) do not start a string: "
            "write straight quotes, \"like this\", or '''...''' around long text."
        )
    elif message.startswith("Invalid value"):
        hint = (
            "A value must be text in straight quotes (\"...\" or '''...'''), a whole number, true/false, "
            "or a list in [brackets]."
        )
    else:
        hint = "An unclosed string or bracket may start earlier."
    return line, f"not valid TOML: {message}. {hint}"


_KEY = re.compile(r"(\"(?:[^\"\\]|\\.)*\"|'[^']*'|[A-Za-z0-9_\-]+)")


@attrs.define
class _Table:
    """Where one table of the file starts, and the line of each of its keys."""

    line: int
    keys: dict[str, int] = attrs.field(factory=dict)


class _Positions:
    """Lines of the tables and keys of a (valid) TOML text, for error messages.

    ``tomllib`` reports lines for syntax errors only; this scan reads the structure that the
    parser accepted: ``[[name]]`` headers (the n-th one is entry n of array ``name``) and
    ``key =`` lines, skipping strings, comments and the insides of arrays.
    """

    def __init__(self, text: str) -> None:
        self.root = _Table(1)
        self.tables: dict[str, list[_Table]] = {}
        self._scan(text)

    def table(self, name: str, index: int) -> _Table:
        """Entry ``index`` of array ``name``; an inline array gives the line of its key."""
        tables = self.tables.get(name, [])
        if index < len(tables):
            return tables[index]
        return _Table(self.root.keys.get(name, 1))

    def _scan(self, text: str) -> None:
        i, n, line, depth = 0, len(text), 1, 0
        table, statement = self.root, True
        while i < n:
            c = text[i]
            if c == "\n":
                line += 1
                statement = statement or depth == 0
                i += 1
            elif c in " \t\r":
                i += 1
            elif c == "#":
                while i < n and text[i] != "\n":
                    i += 1
            elif statement and depth == 0 and c == "[":
                end = text.find("\n", i)
                end = n if end < 0 else end
                header = re.match(r"\[\[?\s*([^\]]*?)\s*\]", text[i:end])
                name = header.group(1).strip("\"'") if header else ""
                table = _Table(line)
                self.tables.setdefault(name, []).append(table)
                i = end
            elif statement and depth == 0:
                key = _KEY.match(text, i)
                if key:
                    table.keys.setdefault(key.group(1).strip("\"'"), line)
                equals = text.find("=", i)
                i = n if equals < 0 else equals + 1
                statement = False
            elif c in "\"'":
                start = i
                i = _string_end(text, i)
                line += text.count("\n", start, i)
            else:
                depth += c in "[{"
                depth -= c in "]}"
                i += 1


def _string_end(text: str, i: int) -> int:
    """The index just past the TOML string starting at ``text[i]``."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        j = i + 3
        while True:
            j = text.find(quote * 3, j) if quote == "'" else _find_unescaped(text, quote * 3, j)
            if j < 0:
                return len(text)
            j += 3
            while j < len(text) and text[j] == quote:  # up to two quotes may end the content
                j += 1
            return j
    j = i + 1
    while j < len(text) and text[j] != quote and text[j] != "\n":
        j += 2 if quote == '"' and text[j] == "\\" else 1
    return j + 1


def _find_unescaped(text: str, needle: str, start: int) -> int:
    j = start
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif text.startswith(needle, j):
            return j
        else:
            j += 1
    return -1


class _Builder:
    """Builds a map from parsed TOML, collecting every problem with its line."""

    def __init__(self, name: str, base: str | Path | None, positions: _Positions) -> None:
        self.name = name
        self.base = base
        self.positions = positions
        self.problems: list[tuple[int | None, str]] = []
        self.csl: dict[str, dict[str, Any]] = {}

    def build(self, data: dict[str, Any]) -> Loaded:
        root = self.positions.root
        for key in data:
            if key not in (*_ROOT_KEYS, "csl", *_SCHEMA):
                known = [*_ROOT_KEYS, "csl", *_SCHEMA]
                self.problems.append((root.keys.get(key) or self._first_line(key), _unknown("the map", key, known)))
        self.csl = self._csl(data.get("csl"), root.keys.get("csl", 1))
        title, description = (self._value(data, key, str, "the map", root) for key in _ROOT_KEYS)
        m = ArgumentMap(title, description=description)
        entries = {kind: list(self._entries(data, kind)) for kind in _SCHEMA}
        # Ids that entries declare, well-formed or not: a reference to one of them that failed
        # to load is not reported again (the entry's own problem is).
        declared = {kind: _declared(data, kind, "id" if kind == "thesis" else "key") for kind in ("source", "thesis")}
        self._sources(m, entries["source"], declared["source"])
        for item, table, where in entries["thesis"]:
            with self._catch(table, where, lambda _: "id"):
                m.add_thesis(item["id"], item["statement"], note=item.get("note"))
        loaded = {"source": {s.key for s in m.sources}, "thesis": {t.id for t in m.theses}}
        lines: dict[str, int] = {}
        taken: set[str] = set()
        for item, table, where in entries["evidence"]:
            ok = self._stance(item, table, where)
            for kind, error in (("thesis", UnknownThesisError), ("source", UnknownSourceError)):
                if item[kind] not in loaded[kind]:
                    ok = False
                    if item[kind] not in declared[kind]:
                        message = f"{where}: {error(item[kind], sorted(loaded[kind]))}"
                        self.problems.append((table.keys.get(kind, table.line), message))
            if "id" in item and item["id"] in taken:
                self.problems.append((table.keys["id"], f"{where}: {DuplicateIdError('evidence', item['id'])}"))
                ok = False
            options: dict[str, Any] = {k: item.get(k) for k in ("prefix", "suffix", "occurrence")}
            rate = item.get("max_error_rate")
            quote_line = table.keys.get("quote", table.line)
            if ok:
                with self._catch(table, where, lambda exc: "id" if isinstance(exc, DuplicateIdError) else "quote"):
                    ev = m.cite(item["thesis"], item["source"], item["quote"], item["stance"], note=item.get("note"),
                                id=item.get("id"), max_error_rate=rate, **options)  # fmt: skip
                    lines[ev.id] = quote_line
                    taken.add(ev.id)
            elif item["source"] in loaded["source"]:  # the quote is checked all the same
                try:
                    locate(m.source(item["source"]), item["quote"], **options,
                           max_error_rate=DEFAULT_MAX_ERROR_RATE if rate is None else rate)  # fmt: skip
                except ArgmapError as exc:
                    self.problems.append((quote_line, f"{where}: {exc}"))
            if "id" in item:
                taken.add(item["id"])
        for item, table, where in entries["relation"]:
            ok = self._stance(item, table, where)
            for key in ("from", "to"):
                if item[key] not in loaded["thesis"]:
                    ok = False
                    if item[key] not in declared["thesis"]:
                        message = f"{where}: {UnknownThesisError(item[key], sorted(loaded['thesis']))}"
                        self.problems.append((table.keys.get(key, table.line), message))
            if ok:
                with self._catch(table, where, lambda _: "from"):
                    m.relate(item["from"], item["to"], item["stance"], note=item.get("note"))
        if self.problems:
            raise MapFileError(self.name, self.problems)
        return Loaded(m, CheckReport(tuple(located(ev, ev.passage) for ev in m.evidence)), lines)

    def _sources(self, m: ArgumentMap, entries: list[tuple[dict[str, Any], _Table, str]], declared: set[str]) -> None:
        """Add the sources, each after the one it is ``quoted_in`` (which may come later in the file)."""
        built: list[Source] = []
        place: dict[int, tuple[_Table, str]] = {}
        for item, table, where in entries:
            source = self._source(item, table, where)
            if source is not None:
                built.append(source)
                place[id(source)] = table, where
        placed, stranded = hosts_first(built)
        for source in placed:
            with self._catch(*place[id(source)], lambda _: "key"):
                m.add_source(source)
        for source in stranded:
            table, where = place[id(source)]
            why = stranded_problem(source, sorted(declared), [s.key for s in built])
            if why is not None:
                self.problems.append((table.keys.get("quoted_in", table.line), f"{where}: {why}"))

    def _stance(self, item: dict[str, Any], table: _Table, where: str) -> bool:
        try:
            Stance.parse(item["stance"])
        except InvalidValueError as exc:
            self.problems.append((table.keys.get("stance", table.line), f"{where}: {exc}"))
            return False
        return True

    def _first_line(self, key: str) -> int:
        tables = self.positions.tables.get(key)
        return tables[0].line if tables else 1

    def _entries(self, data: dict[str, Any], kind: str) -> Iterator[tuple[dict[str, Any], _Table, str]]:
        """The well-formed entries of one kind, each with its table and a name for messages."""
        items = data.get(kind, [])
        if not isinstance(items, list):
            items = [items] if isinstance(items, dict) else None
            if items is None:
                line = self.positions.root.keys.get(kind, 1)
                self.problems.append((line, f"{kind!r} must be a table: write [[{kind}]] above its keys"))
                return
        allowed, required = _SCHEMA[kind]
        for index, item in enumerate(items):
            table = self.positions.table(kind, index)
            where = f"[[{kind}]] #{index + 1}"
            if not isinstance(item, dict):
                self.problems.append((table.line, f"{where} must be a table of keys, not {type(item).__name__}"))
                continue
            ok = True
            for key in item:
                if key not in allowed:
                    self.problems.append((table.keys.get(key, table.line), _unknown(where, key, allowed)))
                    ok = False
            for key in sorted(required - set(item)):
                self.problems.append((table.line, f"{where}: missing {key!r}; add `{key} = ...` to it"))
                ok = False
            for key in list(item):
                if key in allowed and not self._typed(item, key, table, where, kind):
                    ok = False
            if kind == "source" and ok and ("path" in item) == ("text" in item):
                message = "give either `path` (the text file, relative to the map file) or `text`, not both"
                self.problems.append((table.line, f"{where} ({item['key']!r}): {message}"))
                ok = False
            if ok:
                yield item, table, where

    def _typed(self, item: dict[str, Any], key: str, table: _Table, where: str, kind: str) -> bool:
        """Check (and gently convert) the type of ``item[key]``."""
        value = item[key]
        line = table.keys.get(key, table.line)
        expected = "a string (text in quotes)"
        hint = ""
        field = SOURCE_METADATA.get(key) if kind == "source" else None
        if kind == "source" and key in _DATES and isinstance(value, datetime.date | datetime.time):
            item[key] = value.isoformat()
            return True
        if field is tuple:
            if isinstance(value, str):
                value = item[key] = [value]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return True
            expected = 'a list of strings, ["like", "this"]'
        elif field is int or (kind == "evidence" and key == "occurrence"):
            if isinstance(value, int) and not isinstance(value, bool):
                return True
            expected = "a whole number"
            if isinstance(value, str) and value.strip().lstrip("-").isdigit():
                hint = f"; write it without quotes: {key} = {value.strip()}"
        elif kind == "evidence" and key == "max_error_rate":
            if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
                return True
            expected = "a number from 0 to 1 (edits per character of the quote, such as 0.2)"
        elif isinstance(value, str):
            if kind == "thesis" and key == "statement" and not value.strip():
                self.problems.append((line, f"{where}: the statement is empty; write the thesis as a sentence"))
                return False
            if kind == "evidence" and key == "quote" and not value.strip():
                self.problems.append((line, f"{where}: the quote is empty; copy the passage from the source"))
                return False
            return True
        self.problems.append((line, f"{where}: {key!r} must be {expected}, not {_describe(value)}{hint}"))
        return False

    def _value(self, data: dict[str, Any], key: str, kind: type, where: str, table: _Table) -> Any:
        value = data.get(key)
        if value is not None and not isinstance(value, kind):
            self.problems.append((table.keys.get(key, table.line), f"{where}: {key!r} must be a string, not "
                                  f"{_describe(value)}"))  # fmt: skip
            return None
        return value

    def _csl(self, value: Any, line: int) -> dict[str, dict[str, Any]]:
        """CSL-JSON items by id, from the file(s) that the map's ``csl`` names."""
        if value is None:
            return {}
        paths = [value] if isinstance(value, str) else value
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            self.problems.append((line, "'csl' must be the path of a CSL-JSON file, or a list of paths"))
            return {}
        items: dict[str, dict[str, Any]] = {}
        for path in paths:
            try:
                data = json.loads(Path(resolve_path(path, self.base)).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                self.problems.append((line, f"cannot read CSL-JSON file {path}: {exc}; export it from Zotero "
                                      "as CSL JSON, next to the map file"))  # fmt: skip
                continue
            data = [data] if isinstance(data, dict) else data
            if not isinstance(data, list):
                self.problems.append((line, f"CSL-JSON file {path} must hold a list of items"))
                continue
            items.update((str(item.get("id")), item) for item in data if isinstance(item, dict))
        return items

    def _source(self, item: dict[str, Any], table: _Table, where: str) -> Source | None:
        meta: dict[str, Any] = {}
        csl_id = item.get("csl_id", item["key"])
        if csl_id in self.csl:
            try:
                meta = csl_to_metadata(self.csl[csl_id])
            except ArgmapError as exc:
                self.problems.append((table.keys.get("csl_id", table.line), f"{where}: {exc}"))
                return None
            meta.pop("key", None)
        elif "csl_id" in item:
            known = ", ".join(sorted(self.csl)[:10]) or "none"
            message = f"{where}: no CSL-JSON item has id {csl_id!r} (ids: {known})"
            self.problems.append((table.keys.get("csl_id", table.line), message))
            return None
        meta.update((k, v) for k, v in item.items() if k in _SOURCE_META)
        try:
            if "text" in item:
                return Source(key=item["key"], text=item["text"], **meta)
            path = resolve_path(item["path"], self.base)
            return Source.from_file(path, key=item["key"], **meta)
        except SourceFileError as exc:
            self.problems.append((table.keys.get("path", table.line), f"{where} ({item['key']!r}): {exc}; the "
                                  f"path is relative to the map file's folder"))  # fmt: skip
        except ArgmapError as exc:
            key = exc.what if isinstance(exc, InvalidValueError) and exc.what in item else "key"
            self.problems.append((table.keys.get(key, table.line), f"{where}: {exc}"))
        return None

    @contextlib.contextmanager
    def _catch(self, table: _Table, where: str, key: Callable[[ArgmapError], str | None]) -> Iterator[None]:
        """Turn an error into a problem on the line of the key it is about (``key(error)``)."""
        try:
            yield
        except ArgmapError as exc:
            self.problems.append((table.keys.get(key(exc) or "", table.line), f"{where}: {exc}"))


def _declared(data: dict[str, Any], kind: str, key: str) -> set[str]:
    """The ids that entries of ``kind`` declare, well-formed or not (strings only)."""
    items = data.get(kind, [])
    items = items if isinstance(items, list) else [items]
    return {i[key] for i in items if isinstance(i, dict) and isinstance(i.get(key), str)}


def _unknown(where: str, key: str, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{where}: unknown key {key!r}; {hint}known keys: {', '.join(allowed)}"


def _describe(value: object) -> str:
    """A value's kind, as a person who wrote it by hand would name it, and the value."""
    names = {bool: "true/false", int: "a whole number", float: "a decimal number", str: "text", list: "a list",
             dict: "a table"}  # fmt: skip
    kind = names.get(type(value), "a date or time" if isinstance(value, datetime.date | datetime.time) else "a value")
    shown = repr(value) if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return f"{kind} ({shown[:40] + '...' if len(shown) > 40 else shown})"


# -- saving -----------------------------------------------------------------------------------


def save(m: ArgumentMap, path: str | Path, *, embed_texts: bool = False) -> Path:
    """Write ``m`` to a map file (or, for a ``.json`` path, its full JSON form), atomically.

    Source texts are not written: each source is referred to by its ``path`` (relative to the
    map file); a source without a path carries its text inline. Nothing is written when the
    map cannot be saved without loss.

    The file is written anew from the map: the comments, spacing and order of keys of a
    hand-written map file are not kept. Save to a new file to keep the old one as it is.

    Args:
        m: the map.
        path: the file to write; ``.json`` writes the JSON form.
        embed_texts: (JSON form only) carry every source's text in the file.

    Returns:
        The path written.

    Raises:
        MapSaveError: a source's text differs from its file (the map would not load back
            equal); not raised for a JSON form with ``embed_texts``.
        OutputError: the file cannot be written.
    """
    path = Path(path)
    is_json = path.suffix.lower() == ".json"
    if not (is_json and embed_texts):
        check_texts_on_disk(m, path)
    text = to_json(m, base=path.parent, embed_texts=embed_texts) if is_json else dumps(m, base=path.parent)
    return write_atomic(path, text)


def dumps(m: ArgumentMap, *, base: str | Path | None = None) -> str:
    """The map file text of ``m``; ``base`` is the folder the file will be in.

    Examples:
        >>> m = ArgumentMap(title="Lexington")
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first"))
        >>> print(dumps(m), end="")
        title = "Lexington"
        <BLANKLINE>
        [[source]]
        key = "gage"
        text = "the Rebels fired first"
    """
    out: list[str] = []
    for key in _ROOT_KEYS:
        if getattr(m, key) is not None:
            out.append(_pair(key, getattr(m, key)))
    for source in m.sources:
        item: dict[str, Any] = {"key": source.key}
        if source.path is None:
            item["text"] = source.text
        else:
            item["path"] = relative_path(source.path, base)
        item.update({k: getattr(source, k) for k in _SOURCE_META})
        out += _table("source", item)
    for thesis in m.theses:
        out += _table("thesis", {"id": thesis.id, "statement": thesis.statement, "note": thesis.note})
    for ev in m.evidence:
        out += _table("evidence", {
            "id": ev.id, "thesis": ev.thesis, "source": ev.source, "stance": ev.stance.value,
            "quote": ev.quote, "prefix": ev.prefix, "suffix": ev.suffix, "occurrence": ev.occurrence,
            "max_error_rate": ev.max_error_rate, "note": ev.note,
        })  # fmt: skip
    for rel in m.relations:
        out += _table("relation", {"from": rel.from_thesis, "to": rel.to_thesis, "stance": rel.stance.value,
                                   "note": rel.note})  # fmt: skip
    return "\n".join(out).lstrip("\n") + "\n"


def _table(name: str, item: dict[str, Any]) -> list[str]:
    lines = ["", f"[[{name}]]"]
    for key in _SCHEMA[name][0]:
        value = item.get(key)
        if value is None or value == ():
            continue
        lines.append(_pair(key, value))
    return lines


_WIDTH = 100  # longest line before a string is written over several lines


def _pair(key: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float | tuple | list):
        raise TypeError(f"cannot write {key} = {value!r}")  # the model holds no such values
    if isinstance(value, int | float):
        return f"{key} = {value!r}"  # repr is valid TOML and reads back as the same number
    if isinstance(value, tuple | list):
        return f"{key} = [{', '.join(_inline(v) for v in value)}]"
    line = f"{key} = {_inline(value)}"
    if len(line) <= _WIDTH and "\n" not in value:
        return line
    return f"{key} = {_multiline(value)}"


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NOT_LITERAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # what a multi-line literal cannot hold
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(char: str) -> str:
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _inline(value: str) -> str:
    """A one-line TOML string: literal ``'...'`` when that spares escapes, else ``"..."``.

    Examples:
        >>> print(_inline(r"^Page (\\d+)$"), _inline('say "hi"'), _inline("a\\nb"))
        '^Page (\\d+)$' 'say "hi"' "a\\nb"
    """
    if ("\\" in value or '"' in value) and "'" not in value and not _CONTROL.search(value):
        return f"'{value}'"
    return '"' + re.sub(r'[\x00-\x1f\x7f"\\]', lambda c: _escape(c.group()), value) + '"'


def _multiline(value: str) -> str:
    """A multi-line TOML string for long or multi-line text, read back exactly as ``value``.

    Text with line breaks goes in a literal ``'''`` string when it can (every character as
    is); otherwise in a ``\"\"\"`` string whose long lines wrap at spaces with a line-ending
    backslash, which TOML reads as nothing.
    """
    literal_ok = "'''" not in value and not value.endswith("'") and not _NOT_LITERAL.search(value)
    if "\n" in value and literal_ok:
        return "'''\n" + value + "'''"
    body = re.sub(r'[\x00-\x08\x0b-\x1f\x7f\\]|"(?="|\Z)', lambda c: _escape(c.group()), value)
    return '"""\n' + "\n".join(_wrap(line) for line in body.split("\n")) + '"""'


def _wrap(line: str, width: int = 80) -> str:
    """Break ``line`` after runs of spaces, ending each piece with a line-ending backslash.

    A break goes only before a character that is not a space or tab, so the backslash
    (which eats the line break and the whitespace after it) removes nothing of the text.
    """
    pieces, start = [], 0
    while len(line) - start > width:
        cut = -1
        for found in re.finditer(r" +(?=[^ \t])", line[start : start + width]):
            cut = start + found.end()
        if cut <= start:
            break
        pieces.append(line[start:cut] + "\\")
        start = cut
    pieces.append(line[start:])
    return "\n".join(pieces)
