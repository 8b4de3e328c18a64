"""CSL-JSON, the citation data Zotero, pandoc and citeproc exchange: a source's metadata to and from it.

Names become :class:`argmap.names.Name` values with every part CSL-JSON gives (particles,
``suffix``, ``literal``, ``static-ordering`` for a family-first name) and go back the same;
dates become the ISO forms of ``date`` and ``year``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from argmap.errors import InvalidValueError
from argmap.model import CSL_LEGACY, Source
from argmap.names import Name, to_name
from argmap.pages import full_range

__all__ = ["csl_to_metadata", "to_csl"]

_CSL_FIELDS = {
    "title": "title",
    "container-title": "container_title",
    "publisher": "publisher",
    "publisher-place": "place",
    "URL": "url",
    "type": "csl_type",
    "title-short": "short_title",
    "genre": "genre",
    "volume": "volume",
    "issue": "issue",
}
#: CSL name variables and the Source fields that hold them
_CSL_NAMES = (("author", "authors"), ("editor", "editors"), ("recipient", "recipients"),
              ("container-author", "container_authors"))  # fmt: skip


def _csl_date(value: str | None, year: int | None = None) -> dict[str, Any] | None:
    if value:
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
        if m:
            return {"date-parts": [[int(p) for p in m.groups() if p]]}
        return {"raw": value}
    return {"date-parts": [[year]]} if year is not None else None


def to_csl(source: Source) -> dict[str, Any]:
    """The CSL-JSON item (Zotero's export format) of a source's metadata.

    Examples:
        >>> to_csl(Source(key="g", text="", authors=("John Gerard",), title="What Was", year=1897))
        {'id': 'g', 'type': 'book', 'title': 'What Was', 'author': [{'family': 'Gerard', 'given': 'John'}], \
'issued': {'date-parts': [[1897]]}}
    """
    item: dict[str, Any] = {
        "id": source.key,
        "type": CSL_LEGACY.get(source.csl_type or "", source.csl_type)
        or ("chapter" if source.container_title and source.editors else "book"),
    }
    for csl, field in _CSL_FIELDS.items():
        value = getattr(source, field)
        if value is not None and csl != "type":
            item[csl] = value
    for csl, field in _CSL_NAMES:
        if getattr(source, field):
            item[csl] = [to_name(n).to_csl() for n in getattr(source, field)]
    issued = _csl_date(source.date, source.year)
    if issued is not None:
        item["issued"] = issued
    if source.original_year is not None:
        item["original-date"] = {"date-parts": [[source.original_year]]}
    accessed = _csl_date(source.accessed)
    if accessed is not None:
        item["accessed"] = accessed
    if source.page_range is not None:
        item["page"] = source.page_range
    # ``kind`` (primary/secondary) is argmap's own: CSL's genre is what the user set, or nothing
    # (citeproc prints the genre: "secondary" would appear in every citation)
    return item


def _from_csl_date(value: Any, where: str) -> tuple[str | None, int | None]:
    if value is None:
        return None, None
    if not isinstance(value, Mapping):
        raise InvalidValueError(where, value, "a CSL date: {'date-parts': [[year, month, day]]} or {'raw': ...}")
    parts = value.get("date-parts")
    if parts and parts[0]:
        numbers = [int(p) for p in parts[0][:3]]
        text = "-".join([f"{numbers[0]:04d}"] + [f"{n:02d}" for n in numbers[1:]])
        return text, numbers[0]
    raw = value.get("raw") or value.get("literal")
    if raw:
        year = re.search(r"\b(\d{4})\b", str(raw))
        return str(raw), int(year.group(1)) if year else None
    raise InvalidValueError(where, value, "a CSL date: {'date-parts': [[year, month, day]]} or {'raw': ...}")


def csl_to_metadata(item: Mapping[str, Any]) -> dict[str, Any]:
    """The :class:`argmap.Source` keyword metadata of one CSL-JSON item (``key`` from ``id``).

    Names become :class:`~argmap.names.Name` values; ``issued`` gives ``date`` (and
    ``year``) unless it is a bare year, which gives ``year`` alone.

    Raises:
        InvalidValueError: the item is not a CSL-JSON object, or a name or date is malformed.

    Examples:
        >>> csl_to_metadata({"id": "chen", "type": "chapter", "author": [{"family": "Chen", "given": "Jian",
        ...     "static-ordering": True}], "issued": {"date-parts": [[1998]]}})
        {'key': 'chen', 'csl_type': 'chapter', 'authors': (Name(family='Chen', given='Jian', family_first=True),), \
'year': 1998}
    """
    if not isinstance(item, Mapping):
        raise InvalidValueError("CSL-JSON item", item, "an object with 'id', 'type', 'title', ...")
    meta: dict[str, Any] = {}
    if "id" in item:
        meta["key"] = str(item["id"])
    for csl, field in _CSL_FIELDS.items():
        if item.get(csl) is not None:
            meta[field] = str(item[csl])
    for csl, field in _CSL_NAMES:
        if item.get(csl):
            names = item[csl] if isinstance(item[csl], list) else [item[csl]]
            meta[field] = tuple(Name.from_csl(n, f"CSL {csl} of {item.get('id')!r}") for n in names)
    date, year = _from_csl_date(item.get("issued"), f"CSL 'issued' of {item.get('id')!r}")
    if date is not None and not re.fullmatch(r"\d{4}", date):
        meta["date"] = date
    if year is not None:
        meta["year"] = year
    accessed, _ = _from_csl_date(item.get("accessed"), f"CSL 'accessed' of {item.get('id')!r}")
    if accessed is not None:
        meta["accessed"] = accessed
    if item.get("genre") in ("primary", "secondary"):  # written by argmap before 0.2: its kind, not a genre
        meta["kind"] = meta.pop("genre")
    _, original_year = _from_csl_date(item.get("original-date"), f"CSL 'original-date' of {item.get('id')!r}")
    if original_year is not None:
        meta["original_year"] = original_year
    if item.get("page") is not None:
        meta["page_range"] = full_range(str(item["page"]))
    return meta
