"""The full JSON form of a map: everything kept, passages included, for tools and archives.

Where the map file (:mod:`argmap.formats.mapfile`) is for people, the JSON form is for programs:
it keeps every field of every value, each passage with its offsets, text, pages, match and
score, a schema version, and the SHA-256 of each source text. A source with a ``path`` is
referenced by that path (relative to the JSON file's folder) and its hash; a source without
one, or every source with ``embed_texts=True``, carries its text.

Loading (through the one loader, :mod:`argmap.formats.loader`) proves every quote again: each
is located in its source (with its ``prefix``, ``suffix``, ``occurrence`` and
``max_error_rate``) and compared with the stored passage. When a text changed (its hash
differs) and every quote is found, the map loads with the new passages and a
:class:`~argmap.errors.SourceChangedWarning` reports which quotes moved and which now match only
fuzzily; if any is gone, :class:`~argmap.errors.SourceChangedError` lists them and nothing is
loaded. When a text is unchanged but a stored passage is not where its quote is (the file was
edited by hand), a :class:`~argmap.errors.StalePassageWarning` says so and the located passage
is used; a quote that is not in its unchanged text is a :class:`~argmap.errors.MapFileError`
naming the entry's JSON path and line. So is a lone surrogate (``"\\ud800"``: JSON can escape
half of a UTF-16 pair, but it is no character and no file can hold it): it is reported with its
path and line, never replaced silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from argmap.argument_map import ArgumentMap
from argmap.errors import MapFileError, expect, expect_path
from argmap.files import write_atomic
from argmap.formats.loader import NESTED_TOO_DEEPLY, Loaded, build
from argmap.formats.schema import FORMAT, JSON, SCHEMA_VERSION, TABLES, texts_on_disk, to_entries
from argmap.model import lone_surrogate

__all__ = ["from_json", "read_json", "save", "to_json"]


def to_json(m: ArgumentMap, *, base: str | Path | None = None, embed_texts: bool = False) -> str:
    """The full JSON form of ``m``: deterministic, indented, UTF-8 text.

    Args:
        m: the map.
        base: the folder the JSON file will live in; source paths are written relative to it
            (as given when ``None``).
        embed_texts: carry every source's text (a self-contained file); otherwise only
            sources without a ``path`` carry theirs.

    Examples:
        >>> from argmap.model import Source
        >>> m = ArgumentMap(title="t")
        >>> _ = m.add_source(Source(key="s", text="one two"))
        >>> from_json(to_json(m)) == m
        True
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    expect_path("base", base, optional=True)
    expect("embed_texts", embed_texts, bool, "True or False")
    return json.dumps(to_entries(m, JSON, base=base, embed_texts=embed_texts), ensure_ascii=False, indent=2) + "\n"


def save(m: ArgumentMap, path: str | Path, *, embed_texts: bool = False) -> Path:
    """Write the JSON form of ``m`` to ``path`` atomically, paths relative to its folder.

    Raises:
        MapSaveError: a source's text differs from its file, to which the form would refer
            (not raised with ``embed_texts``).
        OutputError: the file cannot be written.
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    expect_path("path", path)
    path = Path(path)
    if not embed_texts:
        texts_on_disk(m, path)
    return write_atomic(path, to_json(m, base=path.parent, embed_texts=embed_texts))


def from_json(
    text: str, *, base: str | Path | None = None, name: str = "<json>", allowed: Sequence[str | Path] = ()
) -> ArgumentMap:
    """Rebuild a map from its JSON form, locating every quote again.

    Args:
        text: the JSON form, as :func:`to_json` wrote it.
        base: the folder the JSON file is in; relative source paths are read from there.
        name: how messages name the input (the file's path).
        allowed: folders besides ``base`` (else the working folder) that source files may be in.

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
    return read_json(text, base=base, name=name, allowed=allowed).map


def read_json(
    text: str, *, base: str | Path | None = None, name: str = "<json>", allowed: Sequence[str | Path] = ()
) -> Loaded:
    """Like :func:`from_json`, but also how each quote matched and the line of each evidence entry."""
    expect("text", text, str, "the JSON form as text (a string)")
    expect_path("base", base, optional=True)
    expect("name", name, str, "text (a string)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MapFileError(name, [(exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")]) from None
    except RecursionError:
        raise MapFileError(name, [(None, NESTED_TOO_DEEPLY.format(format="JSON"))]) from None
    document = _Document(name, Path(base) if base is not None else None, _json_lines(text))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        message = f'not an argmap JSON form: expected an object with "format": "{FORMAT}"'
        raise MapFileError(name, [(document.lines.get(()), f"$: {message}")])
    version = data.get("version")
    if not (isinstance(version, int) and not isinstance(version, bool) and 1 <= version <= SCHEMA_VERSION):
        line = document.lines.get(("version",))
        message = f"JSON form version {version!r} is not one this argmap reads (1 to {SCHEMA_VERSION}); upgrade argmap"
        raise MapFileError(name, [(line, f"$.version: {message} to read it")])
    surrogates = [(_line(document.lines, path), f"{_label(path)}: {message}") for path, message in _surrogates(data)]
    if surrogates:
        raise MapFileError(name, surrogates)
    return build(data, document, allowed=allowed)


def _surrogates(value: object, path: Path_ = ()) -> list[tuple[Path_, str]]:
    """Where the data holds a lone surrogate (JSON's ``"\\ud800"`` escape reads as one, but it is
    no character and no file can hold it): a problem for each string, in file order."""
    found: list[tuple[Path_, str]] = []
    if isinstance(value, str):
        problem = lone_surrogate(value)
        if problem is not None:
            found.append((path, f"a lone surrogate: {problem}"))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _surrogates(key, path)  # a key: reported at its object
            found += _surrogates(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _surrogates(item, (*path, n))
    return found


def _line(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the value at ``path``, or of the nearest value that holds it."""
    return next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), None)


def _label(path: Path_) -> str:
    """A JSON path as messages write it: ``$.evidence[3].quote``."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


Path_ = tuple[str | int, ...]


@attrs.frozen
class _Document:
    """A parsed JSON form for the loader: the line of every value, by its path."""

    name: str
    base: Path | None
    lines: dict[Path_, int]
    format: str = JSON

    def where(self, entity: str | None, index: int | None = None, key: str | None = None) -> tuple[int | None, str]:
        keys: Path_ = tuple(key.split(".")) if key else ()
        path = keys if entity is None else (TABLES[JSON][entity], index or 0, *keys)
        return _line(self.lines, path), _label(path)


# A string is matched possessively: the regular expression engine keeps no state per character
# (a plain ``(?:[^"\\]|\\.)*`` kept about 100 bytes per character of a long string).
_TOKEN = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[{}\[\],:]|[^\s{}\[\],:"]++')


def _json_lines(text: str) -> dict[Path_, int]:
    """The line of every value of a (valid) JSON text, by path; a member's is its key's line.

    Tokens are kept as offsets, not copies: the memory it takes is a small multiple of the
    number of values, whatever the length of the strings (a text of 150 MB embedded is one token).
    """
    starts: list[int] = []  # where each token starts
    ends: list[int] = []
    token_lines: list[int] = []
    line, last = 1, 0
    for found in _TOKEN.finditer(text):
        start = found.start()
        line += text.count("\n", last, start)
        last = start
        starts.append(start)
        ends.append(found.end())
        token_lines.append(line)
    lines: dict[Path_, int] = {}
    i = 0

    def mark(n: int) -> str:
        """The first character of token ``n``: a bracket, a comma, a colon, a quote, or a literal's."""
        return text[starts[n]]

    def value(path: Path_, at: int) -> None:
        nonlocal i
        token = mark(i)
        lines[path] = at
        i += 1
        if token not in "{[" or mark(i) in "}]":
            i += token in "{[" and 1
            return
        n = 0
        while True:
            if token == "{":
                key, key_line = json.loads(text[starts[i] : ends[i]]), token_lines[i]
                i += 2  # the key and ':'
                value((*path, key), key_line)
            else:
                value((*path, n), token_lines[i])
                n += 1
            i += 1  # ',' or the closing bracket
            if mark(i - 1) in "}]":
                return

    try:
        value((), token_lines[0])
    except (IndexError, RecursionError, ValueError):  # not the JSON json.loads read: no lines
        return {}
    return lines
