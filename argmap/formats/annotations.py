"""Annotations made in other tools, read as plain records: the quote, where it is, what it says.

Three tools are read, each file taken as untrusted data (JSON with the standard parser, SQLite
read-only):

- **Hypothesis**: the JSON of its API's search results (``{"total": N, "rows": [...]}``), the
  client's export (``{"annotations": [...]}``), a list of annotations, or one;
- **W3C Web Annotations** (JSON or JSON-LD): one annotation, a list, an ``AnnotationCollection``
  or an ``AnnotationPage`` (pages embedded in the file are followed);
- **Zotero**: the JSON of its Web API or local API (a list of items, each with its ``data``;
  attachments and parent items in the same file name the document), or a ``zotero.sqlite``
  database, opened read-only with ``immutable=1`` so that a running Zotero is not disturbed.

Each annotation becomes an :class:`Annotation`: the quote (``exact``, ``annotationText``), the
words around it (a ``TextQuoteSelector``'s ``prefix``/``suffix``), its page (a
``PageSelector``, ``annotationPageLabel`` and the position's ``pageIndex``), the comment, the
tags, the colour, and what names its document (URLs, file names, titles). Annotations that quote
no text (page notes, replies, image and ink annotations) are kept, with ``skip`` saying why, so
that nothing is dropped silently. :mod:`argmap.formats.importer` turns them into evidence.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import attrs

from argmap.errors import AnnotationFileError

if TYPE_CHECKING:
    import sqlite3

__all__ = ["FORMATS", "TOOLS", "Annotation", "file_name", "read_annotations"]

#: The formats :func:`read_annotations` reads, and the tool each comes from.
TOOLS = {"hypothesis": "Hypothesis", "webanno": "Web Annotation", "zotero": "Zotero"}
FORMATS = tuple(TOOLS)

#: Zotero's annotation types (``Zotero.Annotations.ANNOTATION_TYPE_*``, the ``type`` column).
ZOTERO_TYPES = {1: "highlight", 2: "note", 3: "image", 4: "ink", 5: "underline", 6: "text"}
_QUOTING = ("highlight", "underline")
_SQLITE_MAGIC = b"SQLite format 3\x00"


@attrs.frozen
class Annotation:
    """One annotation as another tool wrote it, in argmap's terms.

    Attributes:
        id: the tool's id of the annotation (Hypothesis's id, the Web Annotation's IRI, Zotero's
            item key); ``#N`` (its place in the file) when it has none.
        tool: ``"Hypothesis"``, ``"Web Annotation"`` or ``"Zotero"``.
        quote: the words marked (``exact``, ``annotationText``), or ``None``.
        prefix, suffix: the words just before and after the quote, as the tool recorded them.
        page_label: the printed page the tool gives (``annotationPageLabel``, a PageSelector's
            ``label``), or ``None``.
        page_index: the physical page in the file, counted from 0 (Zotero's ``pageIndex``, a
            PageSelector's ``index``, a ``page=N`` fragment less one), or ``None``.
        note: the annotation's comment, or ``None``.
        tags: its tags, as written.
        color: its colour (``#rrggbb``, lower case), or ``None``.
        urls, files, titles: what names the document annotated: its addresses, file names and
            titles, for finding the map's source.
        kind: what it is in the tool: ``highlight``, ``underline``, ``note``, ``reply``, ...
        skip: why it is not a quote of a text (a page note, a reply, an image), or ``None``.
    """

    id: str
    tool: str
    quote: str | None
    prefix: str | None = None
    suffix: str | None = None
    page_label: str | None = None
    page_index: int | None = None
    note: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    color: str | None = None
    urls: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    files: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    titles: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    kind: str = "highlight"
    skip: str | None = None

    @property
    def name(self) -> str:
        """How messages name it: ``Zotero annotation ABCD2345``."""
        return f"{self.tool} annotation {self.id}"

    @property
    def document(self) -> str:
        """How messages name the document it is on: its first URL, file name or title."""
        for value in (*self.urls, *self.files, *self.titles):
            return value
        return "no document named"


def read_annotations(path: str | Path, format: str) -> list[Annotation]:
    """The annotations of the file ``path``, in file order.

    Args:
        path: the file: JSON for ``hypothesis`` and ``webanno``; JSON or a ``zotero.sqlite``
            database for ``zotero``.
        format: ``"hypothesis"``, ``"webanno"`` or ``"zotero"``.

    Raises:
        AnnotationFileError: the file cannot be read, is not JSON (or a Zotero database), or
            does not have the shape of the format.
    """
    path = Path(path)
    if format not in TOOLS:
        raise AnnotationFileError(str(path), f"unknown annotation format {format!r}; use one of {', '.join(FORMATS)}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnnotationFileError(str(path), f"cannot read it: {exc.strerror or exc}") from exc
    if raw.startswith(_SQLITE_MAGIC):
        if format != "zotero":
            raise AnnotationFileError(str(path), f"it is an SQLite database, not the JSON of {TOOLS[format]}; a "
                                      "Zotero database is imported with the format zotero")  # fmt: skip
        return _zotero_sqlite(path)
    data = _json(path, raw)
    return {"hypothesis": _hypothesis, "webanno": _webanno, "zotero": _zotero_json}[format](str(path), data)


def _json(path: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise AnnotationFileError(str(path), f"not UTF-8 at line {line}; save it as UTF-8 JSON") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnnotationFileError(
            str(path), f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}); export the annotations "
            "again, as JSON",
        ) from None  # fmt: skip
    except RecursionError:
        raise AnnotationFileError(str(path), "not usable JSON: nested too deeply") from None


# -- small readers of untrusted values ---------------------------------------------------------


def _str(value: Any) -> str | None:
    """A non-blank string, or ``None`` for anything else."""
    return value if isinstance(value, str) and value.strip() else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _list(value: Any) -> list[Any]:
    """A JSON value that may be one thing or a list of things, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _strings(value: Any) -> list[str]:
    return [s for s in _list(value) if _str(s)]


_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|p|br|a|div)\b[^<>]*>", re.IGNORECASE)


def _plain(text: str | None) -> str | None:
    """Rich text (Zotero's comments, a Web Annotation's text/html body) as plain text: the usual
    inline tags dropped, entities read; ``None`` when nothing is left."""
    if text is None:
        return None
    if _TAG.search(text):
        text = html.unescape(_TAG.sub("", text))
    return text.strip() or None


def _color(value: Any) -> str | None:
    text = _str(value)
    return text.strip().lower() if text else None


def file_name(value: str) -> str | None:
    """The file name at the end of a path or URL (``None`` when there is none).

    Examples:
        >>> file_name("storage:westad.pdf"), file_name("file:///home/me/My%20Book.pdf"), file_name("C:\\\\a\\\\b.pdf")
        ('westad.pdf', 'My Book.pdf', 'b.pdf')
    """
    text = value.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = unquote(urlsplit(text).path)
    text = text.removeprefix("storage:").removeprefix("attachments:")
    name = PureWindowsPath(text).name if "\\" in text else PurePosixPath(text).name
    return name or None


# -- Hypothesis ---------------------------------------------------------------------------------


def _hypothesis(path: str, data: Any) -> list[Annotation]:
    rows: Any
    if isinstance(data, dict) and "rows" in data:  # the API's search results
        rows = data["rows"]
    elif isinstance(data, dict) and "annotations" in data:  # the client's export
        rows = data["annotations"]
    elif isinstance(data, dict) and ("target" in data or "uri" in data):
        rows = [data]
    else:
        rows = data
    if not isinstance(rows, list):
        raise AnnotationFileError(path, "not the JSON of Hypothesis annotations: expected the API's search results "
                                  '({"rows": [...]}), an export ({"annotations": [...]}), a list of annotations or one')
    return [_hypothesis_row(row, n) for n, row in enumerate(rows, 1)]


def _hypothesis_row(row: Any, n: int) -> Annotation:
    if not isinstance(row, dict):
        return Annotation(f"#{n}", "Hypothesis", None, kind="unknown", skip="not an annotation (not a JSON object)")
    ident = _str(row.get("id")) or f"#{n}"
    document: dict[str, Any] = row["document"] if isinstance(row.get("document"), dict) else {}
    titles = _strings(document.get("title"))
    urls = _strings(row.get("uri"))
    for link in _list(document.get("link")):
        if isinstance(link, dict) and _str(link.get("href")) and link["href"] not in urls:
            urls.append(link["href"])
    selectors: list[dict[str, Any]] = []
    for target in _list(row.get("target")):
        if isinstance(target, dict):
            if _str(target.get("source")) and target["source"] not in urls:
                urls.append(target["source"])
            selectors += _selectors(target.get("selector"))
    common: dict[str, Any] = {"note": _plain(_str(row.get("text"))), "tags": _strings(row.get("tags")), "urls": urls,
              "titles": titles}  # fmt: skip
    if _list(row.get("references")):
        return Annotation(ident, "Hypothesis", None, kind="reply", skip="a reply to another annotation: it quotes "
                          "nothing", **common)  # fmt: skip
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector" and _str(s.get("exact"))), None)
    if quote is None:
        why = "a page note: it quotes nothing" if not selectors else "no TextQuoteSelector: it marks no words"
        return Annotation(ident, "Hypothesis", None, kind="page note" if not selectors else "other", skip=why, **common)
    return Annotation(ident, "Hypothesis", quote["exact"], _str(quote.get("prefix")), _str(quote.get("suffix")),
                      *_page(selectors), **common)  # fmt: skip


def _selectors(value: Any) -> list[dict[str, Any]]:
    """Every selector in ``value``, those they are refined by included."""
    out: list[dict[str, Any]] = []
    pending = _list(value)
    while pending and len(out) < 1000:  # a refinedBy chain that loops in the JSON cannot, but be safe
        selector = pending.pop(0)
        if isinstance(selector, dict):
            out.append(selector)
            pending += _list(selector.get("refinedBy"))
    return out


def _page(selectors: Sequence[Mapping[str, Any]]) -> tuple[str | None, int | None]:
    """The page a set of selectors gives: a PageSelector's label and index, or a ``page=N``
    FragmentSelector (RFC 3778, physical pages from 1)."""
    for s in selectors:
        if s.get("type") == "PageSelector":
            label = s.get("label")
            return (str(label) if isinstance(label, str | int) and str(label).strip() else None), _int(s.get("index"))
    for s in selectors:
        found = re.fullmatch(r"page=(\d+)", str(s.get("value", ""))) if s.get("type") == "FragmentSelector" else None
        if found and int(found.group(1)) >= 1:
            return None, int(found.group(1)) - 1
    return None, None


# -- W3C Web Annotation -------------------------------------------------------------------------


def _types(value: Any) -> set[str]:
    return {t.rsplit(":", 1)[-1] for t in _strings(value)}


def _webanno(path: str, data: Any) -> list[Annotation]:
    items = list(_webanno_items(data))
    if not items and not (isinstance(data, list) or _types(_get(data, "type")) & {"AnnotationCollection",
                                                                                   "AnnotationPage"}):
        raise AnnotationFileError(path, "not W3C Web Annotations: expected an Annotation, a list of them, an "
                                  "AnnotationCollection or an AnnotationPage")  # fmt: skip
    return [_webanno_one(item, n) for n, item in enumerate(items, 1)]


def _get(data: Any, key: str) -> Any:
    """``data[key]`` (or its JSON-LD ``@key``) when ``data`` is an object."""
    if not isinstance(data, dict):
        return None
    return data.get(key, data.get(f"@{key}"))


def _webanno_items(data: Any) -> Iterator[Any]:
    if isinstance(data, list):
        yield from data
        return
    kinds = _types(_get(data, "type"))
    if "Annotation" in kinds:
        yield data
    elif "AnnotationCollection" in kinds:
        page, seen = _get(data, "first"), 0
        while isinstance(page, dict) and seen < 10_000:  # pages embedded in the file; an IRI is not fetched
            yield from _list(page.get("items"))
            page, seen = page.get("next"), seen + 1
    elif "AnnotationPage" in kinds:
        yield from _list(data.get("items"))


def _webanno_one(anno: Any, n: int) -> Annotation:
    tool = "Web Annotation"
    if not isinstance(anno, dict):
        return Annotation(f"#{n}", tool, None, kind="unknown", skip="not an annotation (not a JSON object)")
    ident = _str(_get(anno, "id")) or f"#{n}"
    notes, tags = [], []
    if _str(anno.get("bodyValue")):
        notes.append(anno["bodyValue"])
    for body in _list(anno.get("body")):
        if isinstance(body, dict) and "Choice" in _types(body.get("type")):
            body = next((b for b in _list(body.get("items")) if isinstance(b, dict) and _str(b.get("value"))), None)
        if not isinstance(body, dict) or not _str(body.get("value")):
            continue  # a body that is an IRI, audio, a link: not words
        value = _plain(body["value"]) if "html" in str(body.get("format", "")) else body["value"].strip()
        if value and "tagging" in _strings(body.get("purpose")):
            tags.append(value)
        elif value:
            notes.append(value)
    urls: list[str] = []
    selectors: list[dict[str, Any]] = []
    for target in _list(anno.get("target")):
        if _str(target):
            urls.append(target)
        elif isinstance(target, dict):
            source = target.get("source")
            for where in (_get(source, "id") if isinstance(source, dict) else source, _get(target, "id")):
                found = _str(where)
                if found and found not in urls:
                    urls.append(found)
            selectors += _selectors(target.get("selector"))
    common: dict[str, Any] = {"note": "\n\n".join(notes) or None, "tags": tags, "urls": urls}
    quote = next((s for s in selectors if "TextQuoteSelector" in _types(s.get("type")) and _str(s.get("exact"))), None)
    if quote is None:
        why = "no TextQuoteSelector in its target: it marks no words of a text"
        return Annotation(ident, tool, None, kind=" ".join(_strings(anno.get("motivation"))) or "annotation",
                          skip=why, **common)  # fmt: skip
    return Annotation(ident, tool, quote["exact"], _str(quote.get("prefix")), _str(quote.get("suffix")),
                      *_page(selectors), **common)  # fmt: skip


# -- Zotero -------------------------------------------------------------------------------------


def _zotero_json(path: str, data: Any) -> list[Annotation]:
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    items = _list(data) if isinstance(data, dict | list) else None
    if items is None or not all(isinstance(item, dict) for item in items):
        raise AnnotationFileError(path, "not the JSON of Zotero items: expected a list of items (the Web API's or "
                                  "local API's /items), each an object with its `data`")  # fmt: skip
    datas = [item["data"] if isinstance(item.get("data"), dict) else item for item in items]
    by_key = {d["key"]: d for d in datas if _str(d.get("key"))}
    found = [d for d in datas if d.get("itemType") == "annotation"]
    if datas and not found:
        raise AnnotationFileError(path, "no Zotero annotation items in it (itemType 'annotation'); fetch the "
                                  "annotations, e.g. /items?itemType=annotation, or the children of the PDF")
    out = []
    for n, d in enumerate(found, 1):
        urls, files, titles = _zotero_document(d.get("parentItem"), by_key)
        position = d.get("annotationPosition")
        try:
            position = json.loads(position) if isinstance(position, str) else position
        except (json.JSONDecodeError, RecursionError):
            position = None
        page_index = _int(position.get("pageIndex")) if isinstance(position, dict) else None
        tags = [t["tag"] for t in _list(d.get("tags")) if isinstance(t, dict) and _str(t.get("tag"))]
        out.append(_zotero(_str(d.get("key")) or f"#{n}", str(d.get("annotationType") or "?"),
                           d.get("annotationText"), d.get("annotationComment"), d.get("annotationColor"),
                           d.get("annotationPageLabel"), page_index, tags, urls, files, titles,
                           deleted=bool(d.get("deleted"))))  # fmt: skip
    return out


def _zotero_document(key: Any, by_key: Mapping[str, Mapping[str, Any]]) -> tuple[list[str], list[str], list[str]]:
    """The URLs, file names and titles of an annotation's attachment and of the item it belongs to."""
    urls: list[str] = []
    files: list[str] = []
    titles: list[str] = []
    for _ in range(2):  # the attachment, then its parent item
        item = by_key.get(key) if isinstance(key, str) else None
        if item is None:
            break
        for value, into in ((_str(item.get("url")), urls), (_str(item.get("title")), titles)):
            if value:
                into.append(value.strip())
        for value in (_str(item.get("filename")), _str(item.get("path"))):
            name = file_name(value) if value else None
            if name and name not in files:
                files.append(name)
        key = item.get("parentItem")
    return urls, files, titles


def _zotero(
    key: str, kind: str, text: Any, comment: Any, color: Any, label: Any, page_index: int | None,
    tags: list[str], urls: list[str], files: list[str], titles: list[str], *, deleted: bool = False,
) -> Annotation:  # fmt: skip
    common: dict[str, Any] = {"note": _plain(_str(comment)), "tags": tags, "color": _color(color),
              "page_label": (_str(label) or "").strip() or None, "page_index": page_index,
              "urls": urls, "files": files, "titles": titles, "kind": kind}  # fmt: skip
    if deleted:
        return Annotation(key, "Zotero", None, skip="in Zotero's trash", **common)
    if kind not in _QUOTING:
        return Annotation(key, "Zotero", None, skip=f"a Zotero {kind} annotation: it quotes no text", **common)
    quote = _plain(_str(text))
    if quote is None:
        return Annotation(key, "Zotero", None, skip=f"a {kind} without text (Zotero found no text under it)", **common)
    return Annotation(key, "Zotero", quote, **common)


_ZOTERO_TABLES = ("items", "itemAnnotations", "itemAttachments")


def _zotero_sqlite(path: Path) -> list[Annotation]:
    """The annotations of a Zotero database, read without disturbing a Zotero that has it open."""
    import sqlite3  # only a database needs it

    # immutable=1: no locks taken and no journal read or written: Zotero may be running
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise AnnotationFileError(str(path), f"cannot open the Zotero database: {exc}") from None
    try:
        return _zotero_rows(str(path), connection)
    except sqlite3.Error as exc:
        raise AnnotationFileError(str(path), f"cannot read the Zotero database: {exc}") from None
    finally:
        connection.close()


def _zotero_rows(path: str, db: sqlite3.Connection) -> list[Annotation]:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in _ZOTERO_TABLES if t not in tables]
    if missing:
        raise AnnotationFileError(path, f"not a Zotero database with annotations: it has no table "
                                  f"{', '.join(missing)} (Zotero 6 and later keep annotations in itemAnnotations)")
    keys = dict(db.execute("SELECT itemID, key FROM items"))
    deleted = {row[0] for row in db.execute("SELECT itemID FROM deletedItems")} if "deletedItems" in tables else set()
    tags: dict[int, list[str]] = {}
    if {"tags", "itemTags"} <= tables:
        for item_id, name in db.execute("SELECT itemTags.itemID, tags.name FROM itemTags JOIN tags USING (tagID) "
                                        "ORDER BY tags.name"):  # fmt: skip
            tags.setdefault(item_id, []).append(name)
    fields: dict[int, dict[str, str]] = {}
    if {"itemData", "itemDataValues", "fields"} <= tables:
        for item_id, field, value in db.execute(
            "SELECT itemData.itemID, fields.fieldName, itemDataValues.value FROM itemData "
            "JOIN fields USING (fieldID) JOIN itemDataValues USING (valueID) WHERE fields.fieldName IN ('title', 'url')"
        ):
            if isinstance(value, str):
                fields.setdefault(item_id, {})[field] = value
    attachments = {row[0]: row[1:] for row in db.execute("SELECT itemID, parentItemID, path FROM itemAttachments")}
    out = []
    for item_id, parent, kind, text, comment, color, label, position in db.execute(
        "SELECT itemID, parentItemID, type, text, comment, color, pageLabel, position FROM itemAnnotations "
        "ORDER BY parentItemID, sortIndex, itemID"
    ):
        urls, files, titles = [], [], []
        holder = parent
        for _ in range(2):  # the attachment, then its parent item
            meta = fields.get(holder, {})
            urls += [meta["url"]] if _str(meta.get("url")) else []
            titles += [meta["title"]] if _str(meta.get("title")) else []
            attachment = attachments.get(holder)
            if attachment is None:
                break
            name = file_name(attachment[1]) if _str(attachment[1]) else None
            files += [name] if name else []
            holder = attachment[0]
        try:
            place = json.loads(position) if isinstance(position, str) else None
        except (json.JSONDecodeError, RecursionError):
            place = None
        page_index = _int(place.get("pageIndex")) if isinstance(place, dict) else None
        out.append(_zotero(str(keys.get(item_id, f"item {item_id}")), ZOTERO_TYPES.get(kind, f"type-{kind}"), text,
                           comment, color, label, page_index, tags.get(item_id, []), urls, files, titles,
                           deleted=item_id in deleted))  # fmt: skip
    return out
