"""The one table of a map's fields: what every file format reads and writes.

Each :class:`Field` names an entity (the map itself, a source, a thesis, a piece of evidence, a
relation), the key it has in files, the kind of its values, whether it is required, which
formats carry it and what it means. The loader (:mod:`argmap.formats.loader`) checks entries
against this table and the writers (:func:`to_entries`) write from it; the map-file reference
(``docs/map-file.md``, :func:`reference`) is generated from it. A field that only a file has
(a source's ``path`` or ``sha256``, evidence's stored ``passage``) has no model ``attribute``
and is handled by name in the loader and the writer; every other field needs only its line here.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from argmap.argument_map import ArgumentMap
from argmap.errors import InvalidValueError, MapSaveError, SourceFileError
from argmap.model import MAX_ERROR_RATE, Evidence, Relation, Source, Stance, Thesis, is_rate
from argmap.names import Name
from argmap.sources import read

__all__ = [
    "ENTITIES",
    "FIELDS",
    "FORMAT",
    "SCHEMA_VERSION",
    "TABLES",
    "Field",
    "Kind",
    "fields",
    "reference",
    "relative_path",
    "resolve_path",
    "text_hash",
    "texts_on_disk",
    "to_entries",
]

#: The ``format`` marker of the JSON form.
FORMAT = "argmap-json"
#: The version of the JSON form this argmap writes; it reads this one and every older one.
SCHEMA_VERSION = 1

TOML, JSON = "toml", "json"
#: The entities of a map, in the order a map file lists them.
ENTITIES = ("source", "thesis", "evidence", "relation")
#: The name of each entity's list in each format.
TABLES = {
    TOML: {"source": "source", "thesis": "thesis", "evidence": "evidence", "relation": "relation"},
    JSON: {"source": "sources", "thesis": "theses", "evidence": "evidence", "relation": "relations"},
}


class Mistyped(ValueError):
    """A value of the wrong kind: what was expected, and how to write it."""

    def __init__(self, expected: str, hint: str = "") -> None:
        self.expected, self.hint = expected, hint
        super().__init__(expected + hint)


@attrs.frozen
class Kind:
    """A kind of value: how a person names it, how it is checked on reading and written out."""

    name: str
    #: value as read (TOML or JSON) -> value as the model holds it; raises Mistyped
    read: Callable[[Any], Any]
    #: value as the model holds it -> value as a file holds it
    write: Callable[[Any], Any] = lambda value: value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise Mistyped("a string (text in quotes)")
    return value


def _words(value: Any) -> str:
    if not _text(value).strip():
        raise Mistyped("some words", "; it is empty")
    return str(value)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise Mistyped('a list of strings, ["like", "this"]')
    return tuple(value)


def _names(value: Any) -> tuple[str | Name, ...]:
    items = value if isinstance(value, list) else [value]
    out: list[str | Name] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            try:
                out.append(Name.from_csl(item, "name table"))
            except InvalidValueError as exc:
                detail = str(exc).replace("{", "{{").replace("}", "}}")  # the hint is a format string
                raise Mistyped(_NAMES_EXPECTED, f"; {detail}") from None
        else:
            raise Mistyped(_NAMES_EXPECTED)
    return tuple(out)


_NAMES_EXPECTED = ('a list of names, each a string ("Gerard, John", "CHEN Jian") or a table '
                   '({ family = "Chen", given = "Jian" }, { literal = "U.S. Department of State" })')


def _write_names(value: tuple[str | Name, ...]) -> list[Any]:
    return [n.to_csl() if isinstance(n, Name) else n for n in value]


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        digits = value.strip() if isinstance(value, str) and value.strip().isdigit() else None
        raise Mistyped("a whole number", f"; write it without quotes: {{key}} = {digits}" if digits else "")
    return value


def _count(value: Any) -> int:
    if _integer(value) < 1:
        raise Mistyped("a whole number from 1 (1 = the first)")
    return int(value)


def _rate(value: Any) -> float:
    if not is_rate(value):
        raise Mistyped(f"a number from 0 to {MAX_ERROR_RATE} (edits per character of the quote, such as 0.2)")
    return value


def _date(value: Any) -> str:
    if isinstance(value, datetime.date | datetime.time):  # TOML's own dates
        return value.isoformat()
    return _text(value)


def _stance(value: Any) -> Stance:
    if value not in set(Stance):
        raise Mistyped("'supports' or 'contests'")
    return Stance(value)


def _word_table(value: Any) -> dict[str, str]:
    if not (isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
        raise Mistyped('a table of words, { arid = "and" } (the source\'s word = the quote\'s)')
    return value


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Mistyped("an object")
    return value


TEXT = Kind("text", _text)
WORDS = Kind("text", _words)
STRINGS = Kind("a list of strings", _strings, list)
NAMES = Kind("a list of names (strings or tables)", _names, _write_names)
INTEGER = Kind("a whole number", _integer)
COUNT = Kind("a whole number from 1", _count)
RATE = Kind(f"a number from 0 to {MAX_ERROR_RATE}", _rate)
DATE = Kind("a date (YYYY-MM-DD) or text", _date)
WORD_TABLE = Kind("a table of words", _word_table, dict)
STANCE = Kind("'supports' or 'contests'", _stance, str)
OBJECT = Kind("an object", _object, lambda value: json.loads(json.dumps(attrs.asdict(value))))  # tuples as lists


@attrs.frozen
class Field:
    """One field of one entity, as files hold it."""

    entity: str
    key: str
    kind: Kind
    meaning: str
    required: bool = False
    #: the model attribute it holds (``None``: the file's own, handled by name)
    attribute: str | None = attrs.field(default=attrs.Factory(lambda self: self.key, takes_self=True))
    formats: frozenset[str] = frozenset((TOML, JSON))
    #: required in these formats only (all of ``formats`` when ``required``)
    required_in: frozenset[str] = attrs.field(
        default=attrs.Factory(lambda self: self.formats if self.required else frozenset(), takes_self=True)
    )


def _f(entity: str, key: str, kind: Kind, meaning: str, **options: Any) -> Field:
    return Field(entity, key, kind, meaning, **options)


_TOML_ONLY, _JSON_ONLY = frozenset((TOML,)), frozenset((JSON,))

#: Every field, entity by entity, in the order files list them.
FIELDS: tuple[Field, ...] = (
    _f("map", "format", TEXT, f'`"{FORMAT}"`: what the file is.', attribute=None, formats=_JSON_ONLY,
       required=True),
    _f("map", "version", INTEGER, "The version of the JSON form.", attribute=None, formats=_JSON_ONLY,
       required=True),
    _f("map", "title", TEXT, "The map's title, shown on diagrams and reports."),
    _f("map", "description", TEXT, "What the map is about, in a sentence or two."),
    _f("map", "csl", STRINGS, "CSL-JSON file(s) (Zotero's *Export > CSL JSON*), relative to the map file: each "
       "source takes the metadata of the item whose id is its `key` (or its `csl_id`); keys written in the "
       "`[[source]]` win.", attribute=None, formats=_TOML_ONLY),
    _f("map", "bibtex", STRINGS, "BibTeX or BibLaTeX file(s) (Zotero's or Better BibTeX's export), relative to the "
       "map file: each source takes the metadata of the entry whose key is its `key` (or its `bibtex_key`); a "
       "`csl` item wins over an entry, keys written in the `[[source]]` over both.", attribute=None,
       formats=_TOML_ONLY),
    # sources
    _f("source", "key", TEXT, "The source's id, a slug (`chen`, `gage-1775`): evidence names its source by it.",
       required=True),
    _f("source", "path", TEXT, "The file of the text, relative to the map file.", attribute=None),
    _f("source", "text", TEXT, "The text itself, for a source without a file (give `path` or `text`).",
       attribute=None),
    _f("source", "sha256", TEXT, "The SHA-256 of the text (`sha256:HEX`): loading tells when a text changed.",
       attribute=None, formats=_JSON_ONLY, required=True),
    _f("source", "csl_id", TEXT, "The id of the source's item in the `csl` file(s), when it is not the `key`.",
       attribute=None, formats=_TOML_ONLY),
    _f("source", "bibtex_key", TEXT, "The key of the source's entry in the `bibtex` file(s), when it is not the "
       "`key`.", attribute=None, formats=_TOML_ONLY),
    _f("source", "title", TEXT, "The title (a letter's: `to Klement Gottwald`)."),
    _f("source", "authors", NAMES, 'The authors: `"John Gerard"`, `"Gerard, John"`, family name first in '
       'capitals (`"CHEN Jian"`), `"King, Martin Luther, Jr."`; or CSL-JSON name tables: '
       '`{ family = "Chen", given = "Jian", static-ordering = true }`, `{ literal = "U.S. Department of State" }`, '
       "with `non-dropping-particle` (`de`), `dropping-particle`, `suffix`. Catalogue life dates and degrees "
       '(`"Calef, Robert, 1648-1719."`) are left out of citations.'),
    _f("source", "year", INTEGER, "The year of publication."),
    _f("source", "date", DATE, "The full date (a letter's, a blog post's): `2016-11-18`."),
    _f("source", "container_title", TEXT, "The book, journal or site the source is part of."),
    _f("source", "editors", NAMES, "The editors of the source or of its container, written as `authors`."),
    _f("source", "publisher", TEXT, "The publisher."),
    _f("source", "place", TEXT, "The place of publication."),
    _f("source", "url", TEXT, "The address of an online source."),
    _f("source", "accessed", DATE, "When an online source was consulted."),
    _f("source", "kind", TEXT, "`primary` or `secondary`."),
    _f("source", "label", TEXT, "How diagrams, the terminal and reports name the source (`C. Mather`); by default "
       "the authors' family names, with initials or a short title where two sources would read the same."),
    _f("source", "csl_type", TEXT, "The CSL 1.0.2 item type citations follow: `book`, `chapter`, `article-journal`, "
       "`post-weblog`, `webpage`, `personal_communication` (a letter; `letter` is read too), ..."),
    _f("source", "page_pattern", TEXT, "A regular expression (multiline mode) matching the page markers of a plain "
       r"text; group 1 is the page label: `'^Page (\d+)$'`. A marker whose group 1 is empty starts an unnumbered "
       "page (cited `p. [7]`)."),
    _f("source", "ignore", STRINGS, "Regular expressions of text that is not prose and is skipped when quotes are "
       r"located: footnote numbers (`'^\d{1,3}$'`), anchors (`'\[\d+\]'`)."),
    _f("source", "first_page", TEXT, "The page label of the text before the first page marker; of a PDF, the label "
       "of its first page (the pages after it are numbered on)."),
    _f("source", "page_offset", INTEGER, "For a PDF: the printed page number is the physical one plus this (a scan "
       "whose page 1 prints 249: `page_offset = 248`). Wins over the PDF's own page labels."),
    _f("source", "pages", TEXT, "The pages of the file this source occupies (`221-291`): quotes elsewhere are not "
       "found."),
    _f("source", "quoted_in", TEXT, "The key of the source this one is read in (a letter printed in a book); "
       "citations say 'quoted in' it. Reading the same file, it takes that source's page markers."),
    _f("source", "short_title", TEXT, "The title of later notes (`Wonders`); default: the main title's key words, up "
       "to four, without an initial article."),
    _f("source", "original_year", INTEGER, "For a reprint: the year the work first appeared (`year` is the reprint's): "
       "`(1693; repr., London: John Russell Smith, 1862)`."),
    _f("source", "recipients", NAMES, 'Whom a letter is addressed to, one or several names: `["Mr. Mather", '
       '"Mr. Allen"]` (default: read from a title `to NAME`).'),
    _f("source", "container_authors", NAMES, "The author(s) of the volume a chapter is in, when another wrote it: "
       "`by Cotton Mather`."),
    _f("source", "page_range", TEXT, "The printed pages of a chapter, article or letter in its volume, first and last "
       "in full: `221-291` (printed `221–91`)."),
    _f("source", "volume", TEXT, "A journal's volume (`111`)."),
    _f("source", "issue", TEXT, "A journal's issue (`2`: printed `no. 2`)."),
    _f("source", "genre", TEXT, "The CSL `genre`, exported as written (`Letter`, `PhD diss.`)."),
    _f("source", "layout", OBJECT, "The pages of an embedded text that no pattern describes (as a reader found "
       "them): `page_starts`, `page_labels`, `page_indexes`, `skipped`, `main`.", formats=_JSON_ONLY),
    # theses
    _f("thesis", "id", TEXT, "The thesis's id, a slug: evidence and relations name it.", required=True),
    _f("thesis", "statement", WORDS, "The proposition, as a sentence.", required=True),
    _f("thesis", "note", TEXT, "A note on the thesis."),
    # evidence
    _f("evidence", "id", TEXT, "The evidence's id, a slug (default: `SOURCE-N`).", required_in=_JSON_ONLY),
    _f("evidence", "thesis", TEXT, "The id of the thesis it bears on.", required=True),
    _f("evidence", "source", TEXT, "The key of the source quoted.", attribute=None, required=True),
    _f("evidence", "stance", STANCE, "`supports` or `contests` the thesis.", required=True),
    _f("evidence", "quote", WORDS, "The words quoted, as in the source; `...` marks an elision. Line breaks match "
       "any whitespace. A part longer than 5,000 characters must be in the source word for word (elide it, "
       "`first words ... last words`, or split it into several evidence).", required=True),
    _f("evidence", "prefix", TEXT, "Words just before the quote in the source, to pick one of several occurrences."),
    _f("evidence", "suffix", TEXT, "Words just after the quote in the source, to pick one of several occurrences."),
    _f("evidence", "occurrence", COUNT, "Which occurrence the quote means when it occurs several times (1 = first)."),
    _f("evidence", "max_error_rate", RATE, "How many transcription slips per character the quote may have "
       "(default 0.1; 0: only the text as written)."),
    _f("evidence", "emend", WORD_TABLE, 'Known errors of the source\'s text that the quote corrects, the source\'s '
       'word = the quote\'s: `emend = { arid = "and" }`. Without it a real word that differs is a misquote; '
       "`argmap check` lists every emendation."),
    _f("evidence", "note", TEXT, "A note on the evidence, printed with it."),
    _f("evidence", "passage", OBJECT, "Where the quote was found: `start`, `end`, `text`, `pages`, "
       "`page_indexes` (physical pages), `match`, `score`.", attribute=None, formats=_JSON_ONLY, required=True),
    # relations
    _f("relation", "from", TEXT, "The id of the thesis that bears on the other.", attribute="from_thesis",
       required=True),
    _f("relation", "to", TEXT, "The id of the thesis borne on.", attribute="to_thesis", required=True),
    _f("relation", "stance", STANCE, "`supports` or `contests`.", required=True),
    _f("relation", "note", TEXT, "Why the one bears on the other."),
)

#: The model class of each entity, for the round-trip property.
MODELS: dict[str, type] = {"source": Source, "thesis": Thesis, "evidence": Evidence, "relation": Relation}


def fields(entity: str, format: str) -> dict[str, Field]:
    """The fields of ``entity`` that ``format`` carries, by key, in table order."""
    return {f.key: f for f in FIELDS if f.entity == entity and format in f.formats}


def text_hash(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes, as ``sha256:HEX``.

    Examples:
        >>> text_hash("")
        'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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


# -- writing ----------------------------------------------------------------------------------


def to_entries(
    m: ArgumentMap, format: str, *, base: str | Path | None = None, embed_texts: bool = False
) -> dict[str, Any]:
    """The map as a file holds it: the map's own fields, then a list of entries per entity.

    Values are plain (strings, numbers, lists, objects); in the JSON form every field of the
    model is written (``null`` when it has no value), in TOML only those that have a value.
    Source paths are written relative to ``base``, the folder of the file.
    """
    full = format == JSON
    root: dict[str, Any] = {"format": FORMAT, "version": SCHEMA_VERSION} if full else {}
    root.update(_values(m, "map", format, full))
    for entity in ENTITIES:
        items = {"source": m.sources, "thesis": m.theses, "evidence": m.evidence, "relation": m.relations}[entity]
        rows = [_entry(item, entity, format, full, base, embed_texts) for item in items]
        if rows or full:
            root[TABLES[format][entity]] = rows
    return root


def _values(item: object, entity: str, format: str, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, field in fields(entity, format).items():
        if field.attribute is None:
            continue
        value = getattr(item, field.attribute)
        if value is None or value == ():
            if full and field.kind is not OBJECT:
                out[key] = None if value is None else []
            continue
        out[key] = field.kind.write(value)
    return out


def _entry(item: object, entity: str, format: str, full: bool, base: str | Path | None, embed: bool) -> dict[str, Any]:
    values = _values(item, entity, format, full)
    if isinstance(item, Source):
        head: dict[str, Any] = {"key": item.key}
        if item.path is not None:
            head["path"] = relative_path(item.path, base)
        if full:
            head["sha256"] = text_hash(item.text)
        if item.path is None or (embed and full):
            head["text"] = item.text
        else:
            values.pop("layout", None)  # read from the file again
        values = {**head, **values}
    elif isinstance(item, Evidence):
        values = {k: values[k] for k in ("id", "thesis")} | {"source": item.source} | values
        if full:
            p = item.passage
            values["passage"] = {"start": p.start, "end": p.end, "text": p.text, "pages": list(p.pages),
                                 "page_indexes": list(p.page_indexes), "match": p.match.value,
                                 "score": p.score}  # fmt: skip
    return values


#: The fields of a source that are not a reader's options (what reading its file again is given).
_NOT_OPTIONS = ("key", "text", "path", "layout", "normalizer")


def texts_on_disk(m: ArgumentMap, path: str | Path) -> None:
    """Make sure that every source with a ``path`` holds its file's text, and the pages its file
    gives when read again, so that a map saved to ``path`` referring to those files loads back equal.

    Raises:
        MapSaveError: a text or its pages differ from its file's, or the file cannot be read.
    """
    for source in m.sources:
        if source.path is None:
            continue
        options = {f.name: getattr(source, f.name) for f in attrs.fields(Source) if f.name not in _NOT_OPTIONS}
        try:
            again = read(source.path, key=source.key, **{k: v for k, v in options.items() if v not in (None, ())})
            on_disk = again.text
        except SourceFileError as exc:
            raise MapSaveError(str(path), f"{exc}. A saved map refers to each text by its path.") from exc
        if on_disk == source.text and source.layout is not None and again.page_layout != source.page_layout:
            raise MapSaveError(
                str(path),
                f"the pages of source {source.key!r} (its layout) are not those its file {source.path} gives when "
                "read again, and a saved map refers to the file: it would load with other pages. Save the JSON "
                "form with its texts embedded (embed_texts=True, argmap export --to json), which keeps the pages, "
                "or make the source without a layout (page_pattern finds the pages of a plain text).",
            )
        if on_disk != source.text:
            raise MapSaveError(
                str(path),
                f"source {source.key!r} holds a text that differs from its file {source.path}; save the text "
                "to that file first, or make the source without a path to keep its text inline"
                + (" (or embed the texts in the JSON form)." if str(path).lower().endswith(".json") else "."),
            )


# -- the reference ------------------------------------------------------------------------------


def _default(field: Field) -> str:
    model = MODELS.get(field.entity)
    if model is None or field.attribute is None:
        return ""
    default = attrs.fields_dict(model).get(field.attribute)
    if default is None or hasattr(default.default, "factory") or default.default in (attrs.NOTHING, None, ()):
        return ""
    return f"`{json.dumps(default.default.value if isinstance(default.default, Stance) else default.default)}`"


def reference() -> str:
    """The reference of the map file (Markdown), generated from :data:`FIELDS`.

    ``docs/map-file.md`` holds it; a test keeps the two equal.
    """
    lines = [
        "# The map file: every key",
        "",
        "<!-- Generated from the field table in argmap/formats/schema.py by `make docs`; a test keeps the two",
        "     equal. -->",
        "",
        "A map file is TOML: the map's own keys at the top, then one `[[source]]`, `[[thesis]]`,",
        "`[[evidence]]` or `[[relation]]` table per entry. Paths are relative to the map file. The full",
        "JSON form (`argmap export MAP --to json`) has the same fields in lists named `sources`,",
        "`theses`, `evidence` and `relations`, plus those marked *JSON form only*.",
    ]
    titles = {"map": "The map", "source": "`[[source]]`", "thesis": "`[[thesis]]`", "evidence": "`[[evidence]]`",
              "relation": "`[[relation]]`"}  # fmt: skip
    for entity, title in titles.items():
        lines += ["", f"## {title}", "", "| key | type | required | default | meaning |", "| --- " * 5 + "|"]
        for field in (f for f in FIELDS if f.entity == entity):
            required = "yes" if field.required_in == field.formats and field.required else (
                "in the JSON form" if JSON in field.required_in else "")  # fmt: skip
            where = "" if field.formats == {TOML, JSON} else (" *JSON form only.*" if field.formats == _JSON_ONLY
                                                               else " *Map file only.*")  # fmt: skip
            lines.append(f"| `{field.key}` | {field.kind.name} | {required} | {_default(field)} | "
                         f"{field.meaning}{where} |")  # fmt: skip
    return "\n".join(lines) + "\n"

