"""EPUB (2 and 3): the text of the book in reading order, with the printed pages its navigation names.

The EPUB is read as the zip it is (:mod:`zipfile`, with lxml for its XML): ``META-INF/container.xml``
names the package file (OPF), whose spine gives the reading order. The text is the XHTML documents
of the spine in that order (items marked ``linear="no"`` are left out), laid out as a browser
shows them: each block (paragraph, heading, list item, quotation, table cell, ``div``, ...) is a
paragraph, paragraphs are separated by a blank line, whitespace inside a block folds to one space
(words split by inline markup stay whole), ``<br/>`` is a line break, and a ``<pre>`` keeps its
lines. Footnotes and annotations stay where they stand. Left out: the ``<head>``, scripts and
styles, images and SVG, elements marked ``hidden``, the navigation lists (``<nav>``: table of
contents, page list, landmarks; they are the e-book's, not the printed text, and would repeat every
heading) and the text of page-break markers (``169`` in ``<span epub:type="pagebreak">169</span>``).
Character references and HTML's named entities are decoded; no markup is left.

Printed pages come from, in this order of preference (the first that yields a page wins):

1. the EPUB 3 page list (``<nav epub:type="page-list">`` in the navigation document): each link
   names a page's label and the element where the page begins;
2. the page-break markers in the text (``epub:type="pagebreak"`` or ``role="doc-pagebreak"``),
   labelled by their ``title``, else ``aria-label``, else their text;
3. the EPUB 2 page list (``<pageList>`` in the NCX).

A page begins where the text of its target element begins; an empty marker's page begins where
the next text does. A leading "Page" or "p." is taken off a label; a page with no label gets the
number inferred from its neighbours, in brackets (``"[170]"``). Page starts must increase, so a
target that names no element of the text (or one in a document outside the reading order, or one
with no text after it) is dropped, as is one that lies before the page before it; when two pages
begin at the same place, the earlier has no text of its own and only the later is kept. Text
before the first page has no page. An EPUB with none of the three has no pages at all (``Layout().page_starts == ()``).

The EPUB's metadata are the defaults of the source's fields: ``title`` (the main ``dc:title``,
with its subtitle after a colon when the package marks one), ``authors`` and ``editors``
(``dc:creator`` as written, by role), ``publisher``, ``date`` and ``year`` (``dc:date``; a full
ISO date gives both, a bare year only ``year``), ``csl_type`` ``"book"``. Fields given to
:func:`read` override them.

The file is untrusted input: nothing outside the zip is read (a member named with ``..`` or an
absolute path is simply not in it), a member that unpacks to more than 200 MB is refused, XML
entities are not expanded (no external entities, no entity bombs; an entity that is not one of
HTML's named characters is dropped) and nothing is fetched from the network. An XHTML document
that is not well-formed is read with lxml's tolerant HTML parser instead. DRM-encrypted books
(``META-INF/rights.xml``, or ``META-INF/encryption.xml`` naming a document that is read; font
obfuscation is no obstacle) are refused.
"""

from __future__ import annotations

import codecs
import html.entities
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

from lxml import etree

from argmap.errors import InvalidValueError, SourceFileError
from argmap.model import Source
from argmap.pages import Layout, _infer_unnumbered

__all__ = ["read"]

_MAX_MEMBER_SIZE = 200 * 1024 * 1024  # bytes a member may unpack to (more: a zip bomb)
_RESAVE = "re-save it from the e-book program, or convert it with Calibre"
_NOT_EPUB = f"not an EPUB (a zip with META-INF/container.xml); {_RESAVE}"
_DRM = "encrypted (DRM): argmap can only read DRM-free EPUBs"

_DC = "{http://purl.org/dc/elements/1.1/}"
_OPF = "{http://www.idpf.org/2007/opf}"
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_FONT_OBFUSCATION = frozenset({"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"})

_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_HTML = etree.HTMLParser(no_network=True, encoding="utf-8")
_SPACE = re.compile(r"[ \t\n\r\f]+")  # the whitespace HTML folds (not the no-break space)
_PAGE_WORD = re.compile(r"^(?:page|p\.)\s*", re.IGNORECASE)
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
                     "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                     "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "td", "th",
                     "tr", "ul"})  # fmt: skip
_DROPPED = frozenset({"head", "script", "style", "template", "nav", "svg", "img", "rp", "rt"})
_GAPS = ("", " ", "\n", "\n\n")  # what may stand between two words, weakest first

#: where an anchor is: a page-break marker's number, or (document, element id); id "" is the document's start
_Key = int | tuple[str, str]
#: a page list: each page's label (None: unlabelled) and the (document, element id) where it begins
_PageList = list[tuple[str | None, tuple[str, str]]]


def read(path: str | Path, *, key: str, **fields: Any) -> Source:
    """A source whose text is the EPUB's, in reading order, with the printed pages its page list or
    page-break markers give; ``fields`` are the source's other fields, which override the EPUB's own
    metadata (``title``, ``authors``, ``editors``, ``publisher``, ``date``, ``year``; ``csl_type``
    ``"book"``).

    Raises:
        SourceFileError: the file is missing or unreadable, not an EPUB, DRM-encrypted, or has a
            member too large to unpack.
        InvalidValueError: ``page_pattern`` or ``ignore`` is given: an EPUB's pages come from its
            page list, not from patterns.
    """
    for option in ("page_pattern", "ignore"):
        if fields.get(option):
            raise InvalidValueError(option, fields[option], "nothing: an EPUB's pages come from its page list")
    with _Epub.open(str(path)) as book:
        text, layout, metadata = book.contents()
    return Source(key=key, text=text, path=str(path), layout=layout, **{"csl_type": "book", **metadata, **fields})


class _Epub:
    """An open EPUB: its members, read safely, and what they hold."""

    def __init__(self, path: str, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        self.encrypted: frozenset[str] = frozenset()
        self.parsed: dict[str, Any] = {}

    @classmethod
    def open(cls, path: str) -> _Epub:
        try:
            return cls(path, zipfile.ZipFile(path))
        except FileNotFoundError as exc:
            raise SourceFileError(path, "no such file; check the path") from exc
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise SourceFileError(path, _NOT_EPUB) from exc
        except OSError as exc:
            raise SourceFileError(path, exc.strerror or str(exc)) from exc

    def __enter__(self) -> _Epub:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.archive.close()

    def error(self, reason: str) -> SourceFileError:
        return SourceFileError(self.path, reason)

    def has(self, name: str) -> bool:
        return name in self.archive.NameToInfo

    def bytes(self, name: str) -> bytes:
        """The unpacked member ``name`` (refused if encrypted, missing or too large)."""
        if name in self.encrypted:
            raise self.error(_DRM)
        if not self.has(name):
            raise self.error(f"{name}, which its package names, is missing from it; {_RESAVE}")
        info = self.archive.getinfo(name)
        if info.file_size > _MAX_MEMBER_SIZE:
            raise self.error(
                f"{name} in it unpacks to {info.file_size:,} bytes, more than the {_MAX_MEMBER_SIZE:,} argmap "
                "unpacks (a damaged file or a zip bomb); check where the file comes from"
            )
        try:
            return self.archive.read(info)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
            raise self.error(f"{name} in it cannot be unpacked ({exc}); {_RESAVE}") from exc

    def xml(self, name: str) -> Any:
        """The root element of the XML member ``name``."""
        try:
            return etree.fromstring(self.bytes(name), _XML)
        except etree.XMLSyntaxError as exc:
            raise self.error(f"{name} in it is not well-formed XML ({exc}); {_RESAVE}") from exc

    def document(self, name: str) -> Any:
        """The root element of the (X)HTML member ``name``, read as HTML if it is not well-formed
        XML; ``None`` for an empty document."""
        if name not in self.parsed:
            data = self.bytes(name)
            try:
                self.parsed[name] = etree.fromstring(data, _XML)
            except etree.XMLSyntaxError:
                utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                text = data.decode("utf-16" if utf16 else "utf-8", errors="replace")  # EPUB's only encodings
                self.parsed[name] = etree.fromstring(text.encode("utf-8"), _HTML)
        return self.parsed[name]

    def contents(self) -> tuple[str, Layout, dict[str, Any]]:
        """The text, its layout and the metadata of the book."""
        if self.has("META-INF/rights.xml"):
            raise self.error(_DRM)
        if not self.has("META-INF/container.xml"):
            raise self.error(_NOT_EPUB)
        self.encrypted = self._encrypted()
        opf = self._package_path()
        package = self.xml(opf)
        documents, nav, ncx = self._reading_order(package, opf)
        writer = _Writer()
        for name in documents:
            root = self.document(name)
            if root is not None:
                _write(root, name, writer)
        layout = _layout(_resolved(self._page_list(nav), writer.offsets) if nav else [])
        if not layout.page_starts:
            layout = _layout([(writer.offsets.get(i), label) for i, label in enumerate(writer.breaks)])
        if not layout.page_starts and ncx:  # read only when it is needed
            layout = _layout(_resolved(self._ncx_page_list(ncx), writer.offsets))
        return "".join(writer.parts), layout, _metadata(package)

    def _encrypted(self) -> frozenset[str]:
        """The members that ``META-INF/encryption.xml`` says are encrypted (obfuscated fonts aside)."""
        if not self.has("META-INF/encryption.xml"):
            return frozenset()
        names: set[str] = set()
        for data in _elements(self.xml("META-INF/encryption.xml"), "EncryptedData"):
            methods = {method.get("Algorithm") for method in _elements(data, "EncryptionMethod")}
            if not methods <= _FONT_OBFUSCATION:
                names |= {_join("", ref.get("URI", "")) for ref in _elements(data, "CipherReference")}
        return frozenset(names)

    def _package_path(self) -> str:
        """The path of the package file (OPF) that the container names."""
        paths = [_join("", r.get("full-path", "")) for r in _elements(self.xml("META-INF/container.xml"), "rootfile")]
        path = next((p for p in paths if self.has(p)), None)
        if path is None:
            raise self.error(_NOT_EPUB)
        return path

    def _reading_order(self, package: Any, opf: str) -> tuple[list[str], str | None, str | None]:
        """The (X)HTML documents of the spine that are read in order (``linear="no"`` ones left out),
        the navigation document and the NCX, each if the package has one."""
        manifest = {
            item.get("id"): (_join(posixpath.dirname(opf), item.get("href", "")), item.get("media-type", ""),
                             item.get("properties", "").split())
            for item in _elements(package, "item")
        }  # fmt: skip
        spine = next(_elements(package, "spine"), None)
        itemrefs = list(_elements(spine, "itemref")) if spine is not None else []
        documents = []
        for itemref in itemrefs:
            if itemref.get("idref") not in manifest:
                raise self.error(f"its spine names {itemref.get('idref')!r}, which its manifest lacks; {_RESAVE}")
            name, media_type, _ = manifest[itemref.get("idref")]
            if itemref.get("linear") != "no" and "html" in media_type:
                documents.append(name)
        nav = next((name for name, _, properties in manifest.values() if "nav" in properties), None)
        ncx_id = spine.get("toc") if spine is not None else None
        ncx = manifest[ncx_id][0] if ncx_id in manifest else None
        ncx = ncx or next((name for name, media_type, _ in manifest.values() if "dtbncx" in media_type), None)
        return documents, nav if nav and self.has(nav) else None, ncx if ncx and self.has(ncx) else None

    def _page_list(self, nav: str) -> _PageList:
        """The labels and targets of the navigation document's page list."""
        root = self.document(nav)
        return [
            (_label("".join(link.itertext())), _target(nav, link.get("href")))
            for element in (_elements(root, "nav") if root is not None else ())
            if "page-list" in _epub_type(element)
            for link in _elements(element, "a")
            if link.get("href")
        ]

    def _ncx_page_list(self, ncx: str) -> _PageList:
        """The labels and targets of the NCX's ``pageList``."""
        out = []
        for page in _elements(self.xml(ncx), "pageTarget"):
            label = next((_fold(text) for text in _elements(page, "text")), "")
            src = next((c.get("src") for c in _elements(page, "content") if c.get("src")), None)
            if src:
                out.append((_label(label), _target(ncx, src)))
        return out


class _Writer:
    """Text laid out as a browser lays it out, and the offsets where anchored elements begin in it.

    What stands between two words waits until the second: a paragraph break outweighs a line
    break, which outweighs a space; nothing is written before the first word or after the last.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending = ""
        self.waiting: list[_Key] = []
        self.offsets: dict[_Key, int] = {}
        self.breaks: list[str | None] = []  # the labels of the page-break markers, in text order

    def separate(self, gap: str) -> None:
        if _GAPS.index(gap) > _GAPS.index(self.pending):
            self.pending = gap

    def line_break(self) -> None:
        self.separate("\n\n" if self.pending == "\n" else "\n")

    def anchor(self, key: _Key) -> None:
        """Record the offset of the next word as ``key``'s (the first time ``key`` is anchored)."""
        self.waiting.append(key)

    def text(self, value: str | None, pre: bool = False) -> None:
        """Write ``value``, its whitespace folded (``pre``: its line breaks kept)."""
        if not value:
            return
        if pre:
            for i, line in enumerate(value.split("\n")):
                if i:
                    self.line_break()
                self.text(line)
            return
        for i, word in enumerate(_SPACE.split(value)):
            if i:
                self.separate(" ")
            if word:
                self._put(word)

    def _put(self, word: str) -> None:
        if self.length and self.pending:
            self.parts.append(self.pending)
            self.length += len(self.pending)
        self.pending = ""
        for key in self.waiting:
            self.offsets.setdefault(key, self.length)
        self.waiting.clear()
        self.parts.append(word)
        self.length += len(word)


def _write(root: Any, name: str, writer: _Writer) -> None:
    """Write the text of the document ``name``, whose root element is ``root``."""
    writer.separate("\n\n")
    writer.anchor((name, ""))
    walker = etree.iterwalk(root, events=("start", "end"))
    pre = 0  # how many <pre> the walk is in
    for event, node in walker:
        if not isinstance(node.tag, str):  # a comment, processing instruction or unexpanded entity
            if event == "start" and isinstance(node, etree._Entity):
                writer.text(html.entities.html5.get(f"{node.name};", ""))
            elif event == "end":
                writer.text(node.tail, pre > 0)
            continue
        kind = _kind(node)
        if event == "end":
            if kind == "block":
                writer.separate("\n\n")
                pre -= _name(node).lower() == "pre"
            writer.text(node.tail, pre > 0)
            continue
        if node.get("id"):
            writer.anchor((name, node.get("id")))
        if kind == "pagebreak":
            writer.anchor(len(writer.breaks))
            writer.breaks.append(_label(node.get("title") or node.get("aria-label") or "".join(node.itertext())))
        if kind in ("pagebreak", "dropped"):
            walker.skip_subtree()
            continue
        if kind == "block":
            writer.separate("\n\n")
            pre += _name(node).lower() == "pre"
        elif kind == "br":
            writer.line_break()
        writer.text(node.text, pre > 0)


def _kind(element: Any) -> str:
    """What an element is to the text: ``pagebreak``, ``dropped``, ``block``, ``br`` or ``inline``."""
    name = _name(element).lower()
    if "pagebreak" in _epub_type(element) or "doc-pagebreak" in (element.get("role") or "").split():
        return "pagebreak"
    if name in _DROPPED or element.get("hidden") is not None:
        return "dropped"
    if name in _BLOCKS:
        return "block"
    return "br" if name == "br" else "inline"


def _layout(pages: list[tuple[int | None, str | None]]) -> Layout:
    """The layout of pages given as ``(offset, label)`` in list order: a page whose offset is
    unknown or lies before the page before it is dropped; of pages that begin at the same offset,
    only the last is kept (the others have no text of their own)."""
    starts: list[int] = []
    labels: list[str | None] = []
    for offset, label in pages:
        if offset is None or (starts and offset < starts[-1]):
            continue
        if starts and offset == starts[-1]:
            starts.pop()
            labels.pop()
        starts.append(offset)
        labels.append(label)
    return Layout(page_starts=tuple(starts), page_labels=_infer_unnumbered(labels))


def _resolved(page_list: _PageList, offsets: dict[_Key, int]) -> list[tuple[int | None, str | None]]:
    """Each page's offset (``None``: its target is not in the text) and label."""
    return [(offsets.get(target), label) for label, target in page_list]


def _metadata(package: Any) -> dict[str, Any]:
    """The source's fields that the package's Dublin Core metadata give."""
    refines: dict[str, dict[str, str]] = {}
    for meta in _elements(package, "meta"):
        if meta.get("refines", "").startswith("#") and meta.get("property"):
            refines.setdefault(meta.get("refines")[1:], {})[meta.get("property")] = _fold(meta)

    def dc(name: str) -> list[tuple[str, dict[str, str]]]:
        """Each ``dc:name``'s text and refinements (EPUB 2's ``opf:`` attributes count as refinements)."""
        found = []
        for element in package.iter(f"{_DC}{name}"):
            attributes = {k.removeprefix(_OPF): v for k, v in element.attrib.items() if k.startswith(_OPF)}
            if _fold(element):
                found.append((_fold(element), {**attributes, **refines.get(element.get("id", ""), {})}))
        return found

    titles, creators = dc("title"), dc("creator")
    main = next((t for t, r in titles if r.get("title-type") == "main"), titles[0][0] if titles else None)
    subtitle = next((t for t, r in titles if r.get("title-type") == "subtitle"), None)
    published = next((d for d, r in dc("date") if r.get("event", "publication") == "publication"), "")
    date = re.match(r"(\d{4})(-\d\d-\d\d)?", published)
    fields = {
        "title": f"{main}: {subtitle}" if main and subtitle else main,
        "authors": tuple(name for name, r in creators if r.get("role", "aut") == "aut"),
        "editors": tuple(name for name, r in creators if r.get("role") == "edt"),
        "publisher": next((name for name, _ in dc("publisher")), None),
        "year": int(date[1]) if date else None,
        "date": date[0] if date and date[2] else None,
    }
    return {field: value for field, value in fields.items() if value}


def _elements(root: Any, name: str) -> Iterator[Any]:
    """The elements named ``name`` (in any namespace) in the tree of ``root``, ``root`` included."""
    return (e for e in root.iter() if isinstance(e.tag, str) and _name(e) == name)


def _name(element: Any) -> str:
    """The element's name without its namespace."""
    return str(element.tag).rpartition("}")[2]


def _epub_type(element: Any) -> list[str]:
    """The ``epub:type`` of an element as XHTML (namespaced) or as HTML (``epub:type``) has it."""
    return str(element.get(_EPUB_TYPE) or element.get("epub:type") or "").split()


def _fold(element: Any) -> str:
    """The text of an element, whitespace folded."""
    return " ".join("".join(element.itertext()).split())


def _label(text: str) -> str | None:
    """A page label as the page prints it: whitespace folded, without "Page" or "p." before it."""
    return _PAGE_WORD.sub("", " ".join(text.split())) or None


def _join(folder: str, href: str) -> str:
    """The zip member that ``href`` (URL-encoded, relative to ``folder``) names."""
    return posixpath.normpath(posixpath.join(folder, unquote(href)))


def _target(document: str, href: str) -> tuple[str, str]:
    """The (document, element id) that a link in ``document`` points to ("": the document's start)."""
    url, fragment = urldefrag(href)
    return (_join(posixpath.dirname(document), url) if url else document), unquote(fragment)
