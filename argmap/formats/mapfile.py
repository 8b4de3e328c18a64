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
carry its text inline (``text = '''...'''``). Metadata can come from a CSL-JSON file (Zotero's
export): ``csl = "library.json"`` at the top, and each source takes the item whose id is its
``key`` (or its ``csl_id``); keys written in the ``[[source]]`` table win. Every key, with its
type, default and meaning, is in ``docs/map-file.md`` (made from :mod:`argmap.formats.schema`).

:func:`load` reads the file, reads every text and locates every quote; all problems found
are raised together as one :class:`~argmap.errors.MapFileError`, each with its line.
:func:`save` writes a map back, atomically; ``load(save(m))`` equals ``m``. A path ending in
``.json`` is read and written in the full JSON form (:mod:`argmap.formats.jsonform`) instead.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

import attrs

from argmap.argument_map import ArgumentMap
from argmap.errors import InputFileError, MapFileError, MapSaveError, expect, expect_path
from argmap.files import input_file, write_atomic
from argmap.formats import jsonform
from argmap.formats.loader import NESTED_TOO_DEEPLY, Loaded, build
from argmap.formats.schema import TOML, texts_on_disk, to_entries

__all__ = ["Loaded", "dumps", "load", "load_checked", "loads", "save"]


# -- loading ----------------------------------------------------------------------------------


def load(path: str | Path, *, allowed: Sequence[str | Path] = ()) -> ArgumentMap:
    """Read a map file (or a ``.json`` JSON form), its source texts, and locate every quote.

    Args:
        path: the map file; source paths in it are relative to its folder.
        allowed: folders outside the map's own that its files may be in (by default a map reads
            only files inside its folder, symlinks followed: a map from a stranger reads nothing else).

    Returns:
        The map, every passage located.

    Raises:
        MapFileError: anything wrong, each problem with its line: malformed TOML, unknown
            keys, missing or ill-typed values, unreadable or non-UTF-8 texts, unknown or
            duplicate ids, quotes not found or ambiguous.
        SourceChangedError: (JSON form) a source text changed and some quotes are gone.
    """
    return load_checked(path, allowed=allowed).map


def load_checked(path: str | Path, *, allowed: Sequence[str | Path] = ()) -> Loaded:
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
        m.toml: 1 quotes checked: 0 ok, 1 fuzzy, 0 missing
    """
    expect_path("path", path)
    expect("allowed", allowed, (list, tuple), "a list of folders (text or pathlib.Path)")
    for folder in allowed:
        expect_path("allowed", folder)
    path = Path(path)
    try:
        raw = input_file(path).read_bytes()
    except InputFileError as exc:
        raise MapFileError(str(path), [(None, f"cannot read the map file: {exc.reason}")]) from None
    except OSError as exc:
        raise MapFileError(str(path), [(None, f"cannot read the map file: {exc.strerror or exc}")]) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise MapFileError(str(path), [(line, "not valid UTF-8 here; save the map file as UTF-8")]) from None
    if path.suffix.lower() == ".json":
        return jsonform.read_json(text, base=path.parent, name=str(path), allowed=allowed)
    return _loads(text, base=path.parent, name=str(path), allowed=allowed)


def loads(
    text: str, *, base: str | Path | None = None, name: str = "<map>", allowed: Sequence[str | Path] = ()
) -> ArgumentMap:
    """Read a map from the text of a map file; ``base`` is the folder source paths start from
    (else the working folder), and files are read only there and in the ``allowed`` folders.

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
    expect("text", text, str, "the text of a map file (a string)")
    expect_path("base", base, optional=True)
    return _loads(text, base=base, name=name, allowed=allowed).map


def _loads(text: str, *, base: str | Path | None, name: str, allowed: Sequence[str | Path] = ()) -> Loaded:
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MapFileError(name, [_syntax_problem(exc, text)]) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables by recursion
        raise MapFileError(name, [(None, NESTED_TOO_DEEPLY.format(format="TOML"))]) from None
    return build(data, _Document(name, Path(base) if base is not None else None, _Positions(text)), allowed=allowed)


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


@attrs.frozen
class _Document:
    """A parsed map file for the loader: where each table and key of it stands."""

    name: str
    base: Path | None
    positions: _Positions
    format: str = TOML

    def where(self, entity: str | None, index: int | None = None, key: str | None = None) -> tuple[int | None, str]:
        if entity is None:
            tables = self.positions.tables.get(key or "")
            line = self.positions.root.keys.get(key or "") or (tables[0].line if tables else 1)
            return line, ""
        table = self.positions.table(entity, index or 0)
        return table.keys.get(key or "", table.line), f"[[{entity}]] #{(index or 0) + 1}"


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
        MapSaveError: a source's text differs from its file, or a source has pages that a
            reader found but no file (the map would not load back equal); not raised for a
            JSON form with ``embed_texts``.
        OutputError: the file cannot be written.
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    expect_path("path", path)
    expect("embed_texts", embed_texts, bool, "True or False")
    path = Path(path)
    if path.suffix.lower() == ".json":
        return jsonform.save(m, path, embed_texts=embed_texts)
    texts_on_disk(m, path)
    return write_atomic(path, dumps(m, base=path.parent))


def dumps(m: ArgumentMap, *, base: str | Path | None = None) -> str:
    """The map file text of ``m``; ``base`` is the folder the file will be in.

    Examples:
        >>> from argmap.model import Source
        >>> m = ArgumentMap(title="Lexington")
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first"))
        >>> print(dumps(m), end="")
        title = "Lexington"
        <BLANKLINE>
        [[source]]
        key = "gage"
        text = "the Rebels fired first"
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    expect_path("base", base, optional=True)
    inline = [s.key for s in m.sources if s.layout is not None and s.path is None]
    if inline:
        raise MapSaveError(
            "the map file", f"the pages of source(s) {', '.join(map(repr, inline))} were found by a reader and a map "
            "file holds them only by the file they were read from; save the map as a JSON form (.json) instead.",
        )  # fmt: skip
    data = to_entries(m, TOML, base=base)
    out: list[str] = [_pair(key, value) for key, value in data.items() if not isinstance(value, list)]
    for entity in ("source", "thesis", "evidence", "relation"):
        for item in data.get(entity, []):
            out += ["", f"[[{entity}]]", *(_pair(key, value) for key, value in item.items())]
    return "\n".join(out).lstrip("\n") + "\n"


_WIDTH = 100  # longest line before a string is written over several lines


def _pair(key: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float | tuple | list | dict):
        raise TypeError(f"cannot write {key} = {value!r}")  # the model holds no such values
    if isinstance(value, int | float):
        return f"{key} = {value!r}"  # repr is valid TOML and reads back as the same number
    if isinstance(value, tuple | list | dict):
        return f"{key} = {_item(value)}"
    line = f"{key} = {_inline(value)}"
    if len(line) <= _WIDTH and "\n" not in value:
        return line
    return f"{key} = {_multiline(value)}"


def _item(value: object) -> str:
    """A value inside a list or inline table: a string, ``true``/``false``, a list, or an inline
    table (a name: ``{ family = "Chen", given = "Jian" }``; keys that are not bare are quoted)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return f"[{', '.join(_item(v) for v in value)}]"
    if isinstance(value, dict):
        pairs = (f"{k if re.fullmatch(r'[A-Za-z0-9_-]+', k) else _inline(k)} = {_item(v)}" for k, v in value.items())
        return f"{{ {', '.join(pairs)} }}" if value else "{}"
    if not isinstance(value, str):
        raise TypeError(f"cannot write {value!r}")  # the model holds no such values
    return _inline(value)


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
