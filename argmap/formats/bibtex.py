"""BibTeX and BibLaTeX, as Zotero and Better BibTeX export them: a source's metadata from a .bib entry.

A map file names its .bib file(s) with ``bibtex = "refs.bib"``; each source takes the metadata
of the entry whose key is its ``key`` (or its ``bibtex_key``), as with ``csl``. Read with
bibtexparser 2 (MIT), LaTeX turned into text with pylatexenc (MIT), both imported only here.

What each BibTeX field gives is in :data:`FIELDS` and :data:`TYPES`. Other fields (``isbn``,
``langid``, ``keywords``, ``abstract``, ``file``, ...) are not a citation's and are left out.

Names are split as BibTeX splits them (``von Last, Jr, First``; a name in braces,
``{U.S. Department of State}``, is a body's and printed as written) into
:class:`argmap.names.Name` values.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from argmap.errors import BibTeXError, InputFileError, PathNotAllowedError
from argmap.files import input_file
from argmap.names import Name
from argmap.pages import full_range

__all__ = ["FIELDS", "TYPES", "bibtex_to_metadata", "read_bibtex"]

#: BibTeX/BibLaTeX field -> Source attribute; the first field an entry has wins (BibLaTeX's
#: ``journaltitle`` before BibTeX's ``journal``, ``location`` before ``address``).
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "container_title": ("journaltitle", "journal", "booktitle", "maintitle", "series"),
    "publisher": ("publisher", "institution", "organization", "school"),
    "place": ("location", "address"),
    "url": ("url",),
    "accessed": ("urldate",),
    "short_title": ("shorttitle",),
    "original_year": ("origdate", "origyear"),
    "page_range": ("pages",),
    "volume": ("volume",),
    "issue": ("number", "issue"),
}
#: BibTeX/BibLaTeX entry type -> CSL item type (``csl_type``).
TYPES: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "book", "manual": "book",
    "collection": "book", "mvcollection": "book", "proceedings": "book", "incollection": "chapter",
    "inbook": "chapter", "bookinbook": "chapter", "suppbook": "chapter", "inproceedings": "paper-conference",
    "conference": "paper-conference", "inreference": "entry-encyclopedia", "online": "webpage",
    "www": "webpage", "electronic": "webpage", "thesis": "thesis", "phdthesis": "thesis",
    "mastersthesis": "thesis", "report": "report", "techreport": "report", "unpublished": "manuscript",
    "letter": "personal_communication", "misc": "document", "periodical": "book",
}  # fmt: skip
_NAME_FIELDS = (("author", "authors"), ("editor", "editors"), ("bookauthor", "container_authors"),
                ("recipient", "recipients"))
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def read_bibtex(path: str | Path, *, inside: Sequence[str | Path] | None = None) -> dict[str, dict[str, Any]]:
    """The :class:`argmap.Source` metadata of every entry of a .bib file, by entry key.

    ``inside``: the folders the file must be in (a map's folder), as for every file a map names.

    Raises:
        BibTeXError: the file is missing or unreadable, not UTF-8, or has an entry that does
            not parse (with its line) or a key twice.
        PathNotAllowedError: the file is outside the folders allowed.

    Examples:
        >>> import pathlib, tempfile
        >>> bib = pathlib.Path(tempfile.mkdtemp()) / "refs.bib"
        >>> _ = bib.write_text("@book{gerard, author = {Gerard, John}, title = {What Was the {Gunpowder} Plot?}, "
        ...                    "year = {1897}}", encoding="utf-8")
        >>> meta = read_bibtex(bib)["gerard"]
        >>> meta["title"], meta["authors"][0].full, meta["year"], meta["csl_type"]
        ('What Was the Gunpowder Plot?', 'John Gerard', 1897, 'book')
    """
    name = str(path)
    fix = "export it again from Zotero (Better BibTeX or File > Export Library > BibTeX) next to the map file"
    try:
        file = input_file(path, inside=inside)
        text = file.read_text("utf-8")
    except PathNotAllowedError:
        raise
    except InputFileError as exc:
        raise BibTeXError(name, exc.reason, fix) from None
    except UnicodeDecodeError as exc:
        raise BibTeXError(name, f"it is not UTF-8 text ({exc.reason} at byte {exc.start})", fix) from None
    except OSError as exc:
        raise BibTeXError(name, exc.strerror or str(exc), fix) from None
    library = _parse(text)
    for block in library.failed_blocks:
        line = block.start_line + 1
        first = block.raw.strip().splitlines()[0][:80] if block.raw.strip() else ""
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            key = getattr(block, "key", None)
            raise BibTeXError(name, f"the entry key {key!r} is used twice", "give each entry its own key",
                              entry=key, line=line)  # fmt: skip
        raise BibTeXError(name, f"the entry starting {first!r} does not parse (a brace or quote left open, a "
                          "comma missing between fields?)", "correct it, or export the file again from Zotero",
                          line=line)  # fmt: skip
    entries: dict[str, dict[str, Any]] = {}
    for entry in library.entries:
        entries[entry.key] = bibtex_to_metadata(
            entry.entry_type, {f.key.lower(): f.value for f in entry.fields}, where=f"{name}:{entry.start_line + 1}"
        )
    return entries


def _parse(text: str) -> Any:
    # imported here: `import argmap` stays light
    from bibtexparser import middlewares
    from bibtexparser.entrypoint import parse_string

    stack = [
        middlewares.ResolveStringReferencesMiddleware(True),
        middlewares.RemoveEnclosingMiddleware(True),
        middlewares.SeparateCoAuthors(True, name_fields=tuple(bib for bib, _ in _NAME_FIELDS)),
        middlewares.SplitNameParts(True, name_fields=tuple(bib for bib, _ in _NAME_FIELDS)),
    ]
    # bibtexparser logs each block it cannot parse; argmap raises instead
    logger = logging.getLogger("bibtexparser")
    level, logger.level = logger.level, logging.CRITICAL
    try:
        return parse_string(text, parse_stack=stack)
    finally:
        logger.setLevel(level)


def _text(value: str) -> str:
    """LaTeX to text: ``{\\'e}`` -> ``é``, ``{{Politics}}`` -> ``Politics``, ``--`` -> ``–``."""
    from pylatexenc.latex2text import LatexNodes2Text

    if not re.search(r"[\\{}$~%-]", value):
        return " ".join(value.split())
    return " ".join(LatexNodes2Text(math_mode="verbatim").latex_to_text(value).split())


def _name(parts: Any, where: str) -> Name:
    """A :class:`Name` of bibtexparser's ``NameParts`` (first, von, last, jr)."""
    last = list(parts.last)
    if not parts.first and not parts.von and not parts.jr and len(last) == 1 and last[0].startswith("{"):
        return Name(literal=_text(last[0]))  # {U.S. Department of State}: a body, as written
    family = _text(" ".join(last))
    if not family:
        raise BibTeXError(where.rsplit(":", 1)[0], f"a name without a last name ({parts!r})",
                          "write names as 'Last, First' joined by ' and '")  # fmt: skip
    return Name(family, _text(" ".join(parts.first)), non_dropping_particle=_text(" ".join(parts.von)),
                suffix=_text(" ".join(parts.jr)))  # fmt: skip


def _date(value: str) -> tuple[str | None, int | None]:
    """``1998`` -> (None, 1998); ``1950-08-27`` -> ("1950-08-27", 1950); a range or season as text."""
    value = value.strip()
    m = _DATE.fullmatch(value)
    if m:
        return (value if m.group(2) else None), int(m.group(1))
    year = re.search(r"\b(\d{4})\b", value)
    return value, int(year.group(1)) if year else None


def bibtex_to_metadata(entry_type: str, fields: dict[str, Any], *, where: str = "BibTeX entry") -> dict[str, Any]:
    """The :class:`argmap.Source` keyword metadata of one entry: its type and fields (as
    bibtexparser gives them: names split into ``NameParts``, other values as written).

    Examples:
        >>> bibtex_to_metadata("online", {"title": "{{Foreign Relations}}", "date": "1993",
        ...                               "urldate": "2024-03-05"})
        {'csl_type': 'webpage', 'title': 'Foreign Relations', 'accessed': '2024-03-05', 'year': 1993}
    """
    meta: dict[str, Any] = {"csl_type": TYPES.get(entry_type.lower(), "document")}
    for attribute, keys in FIELDS.items():
        for key in keys:
            value = fields.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if attribute == "page_range":
                meta[attribute] = full_range(str(value))
            elif attribute == "original_year":
                meta[attribute] = _date(str(value))[1]
            elif attribute in ("url", "accessed"):  # as written: a URL is no LaTeX (% ~ _)
                meta[attribute] = str(value).strip()
            else:
                meta[attribute] = _text(str(value))
            break
    for bib, attribute in _NAME_FIELDS:
        names = fields.get(bib)
        if names:
            meta[attribute] = tuple(_name(n, where) for n in names)
    dated = fields.get("date") or fields.get("year")
    if dated:
        date, year = _date(_text(str(dated)).replace("\u2013", "-"))
        if date is None and fields.get("month") and year is not None:  # BibTeX: year = 1950, month = aug
            month = _month(str(fields["month"]))
            date = f"{year:04d}-{month:02d}" if month else None
        if date is not None:
            meta["date"] = date
        if year is not None:
            meta["year"] = year
    return meta


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return _MONTHS.index(value[:3]) + 1 if value[:3] in _MONTHS else None
