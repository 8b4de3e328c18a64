"""Saved web pages (``.html``): the article's main text first, then the rest of what the page shows.

**What is read.** The file's bytes, decoded by their byte-order mark, else by the page's own
``<meta charset>`` (or ``http-equiv`` content type), else as UTF-8; ``encoding`` overrides all
three. Nothing is ever fetched: the page is parsed by lxml with network access off and no
external entities, and the extractor (and htmldate) are handed the parsed tree, never a URL.
Files over 50 MB are refused.

**Main text.** The article, as trafilatura extracts it from the visible page (comments left
out, tables kept), one paragraph per block (a heading, a list item, a table cell), paragraphs
separated by a blank line; elements whose words trafilatura would lose (custom elements,
``<wbr>``, a ``<time>`` in a paragraph) are unwrapped first. The source's text is the main text,
a blank line, then the page's *other visible text*: comments, sidebars, navigation, captions,
footers, one paragraph per block element, leaving out paragraphs already in the main text (so a
sentence of the article is found once, in the article). The layout's ``main`` span covers the
main text alone, so that :func:`argmap.check` warns (status ``outside``) about a quote found in
the rest. If trafilatura finds no article, the main text is empty (``main`` is ``(0, 0)``) and
the text is the whole visible text: every quote is then reported as outside the main text.

**What is dropped.** Everything a reader does not see: ``<head>``, scripts, styles,
``<noscript>``, ``<template>``, SVG, embedded frames and media, form fields, HTML comments, and
elements hidden by the ``hidden`` attribute, ``aria-hidden="true"`` or an inline
``display: none`` / ``visibility: hidden``; image ``alt`` text, which is not shown either. The
extractor's guess at the author, from the page's text, is not used (it was wrong on real bylines).

**Metadata**, offered as defaults that the caller's fields override:

- ``title``: ``og:title``, else ``twitter:title``, else ``<title>``; a trailing " | Site" or
  " - Site" naming the site is cut off;
- ``date`` (``YYYY-MM-DD``) and ``year``: ``article:published_time``, else the JSON-LD
  ``datePublished``, else a ``datePublished``/``dc.date`` meta element, else the first
  ``<time datetime>`` inside the ``<article>``, else what htmldate finds in the page (its
  headers, URL and markup; never the network);
- ``container_title``: the site, ``og:site_name``, else the JSON-LD publisher's ``name``;
- ``url``: ``og:url``, else ``<link rel="canonical">`` (absolute http(s) URLs only);
- ``authors``: only from explicit metadata, never guessed from the text: the JSON-LD
  ``author`` persons, else ``<meta name="author">`` (or ``dc.creator``), else ``article:author``
  when it is a name rather than a profile URL, else the JSON-LD author organizations; "A and
  B" and "A, B" are separate names (degrees such as "MS" after a comma are dropped);
- ``csl_type``: ``"post-weblog"`` for a JSON-LD ``BlogPosting``, ``"article-newspaper"`` for a
  ``NewsArticle`` or an ``og:type`` article with a JSON-LD publisher, else ``"webpage"``.

Malformed JSON-LD is ignored; ``accessed`` is never filled in (the file does not say when it was
saved). A web page has no printed pages, so ``page_pattern`` and ``ignore`` are refused.
"""

from __future__ import annotations

import codecs
import datetime
import email.utils
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import lxml.html.defs

from argmap.errors import InvalidValueError, SourceFileError
from argmap.model import Source
from argmap.pages import Layout

__all__ = ["MAX_BYTES", "read"]

#: The largest page read (50 MB): a saved article is a few hundred kB.
MAX_BYTES = 50 * 1024 * 1024

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
# What browsers read these labels as (the WHATWG Encoding Standard): Latin-1 and ASCII pages are
# windows-1252, and a page that says UTF-16 without a byte-order mark is read as UTF-8.
_LABELS = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
           "ascii": "cp1252", "us-ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
           "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "x-sjis": "shift_jis"}  # fmt: skip
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")

_INVISIBLE = frozenset({"head", "script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                        "canvas", "video", "audio", "input", "select", "textarea"})  # fmt: skip
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
                     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
                     "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol",
                     "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
                     "ul"})  # fmt: skip
# The elements of HTML (lxml's list and the newer ones it lacks); any other element is unwrapped
# before extraction (see _main_text).
_HTML_TAGS = lxml.html.defs.tags | {"bdi", "data", "dialog", "main", "picture", "search", "slot", "template"}
# The blocks of trafilatura's own tree (its XML output: <head> is a heading, <lb/> a line break).
_EXTRACTED_BLOCKS = frozenset({"body", "cell", "code", "div", "head", "item", "lb", "list", "note", "p", "quote",
                               "row", "table"})  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_SITE_SUFFIX = re.compile(r"\s+[|\-\u2013\u2014\u00b7:\u00bb]\s+([^|]+?)\s*$")
_BY = re.compile(r"^by\s+", re.IGNORECASE)
_AND = re.compile(r"\s*,?\s+(?:and|&)\s+|\s*;\s*", re.IGNORECASE)
_DEGREE = re.compile(r"^(?!(?:II|III|IV|VI{0,3})$)(?:[A-Z]{2,5}|Ph\.?D\.?|(?:[A-Z]\.){2,4})$")
_NOT_NAMES = frozenset({"admin", "administrator", "editor", "staff", "webmaster", "guest", "user"})


def read(path: str | Path, *, key: str, encoding: str | None = None, **fields: Any) -> Source:
    """A source whose text is a saved web page's main text, then its other visible text.

    Args:
        path: the saved page (``.html``).
        key: the source's key.
        encoding: the page's encoding, when its own declaration is wrong (``None``: the
            byte-order mark, else the page's ``<meta charset>``, else UTF-8).
        fields: the source's other fields; each overrides what the page's metadata says
            (``title``, ``authors``, ``date``, ``year``, ``container_title``, ``url``,
            ``csl_type``).

    Raises:
        SourceFileError: the file is missing, unreadable, over 50 MB, empty, binary, not in
            its encoding, or shows no text.
        InvalidValueError: ``page_pattern`` or ``ignore`` given (a web page has no printed
            pages), or ``encoding`` is not a codec Python knows.
    """
    for name in ("page_pattern", "ignore"):
        if fields.get(name):
            raise InvalidValueError(name, fields[name], "nothing: a web page has no printed pages")
    html = _decode(_read_bytes(path), str(path), encoding)
    root = _parse(html, str(path))
    defaults = _metadata(root)
    for element in [e for e in root.iter() if _hidden(e)]:  # what no reader sees, after the metadata in <head>
        element.drop_tree()
    visible = _paragraphs(root, _BLOCKS)
    main_text = _main_text(root)
    text = "\n\n".join(part for part in (main_text, "\n\n".join(_other_paragraphs(visible, main_text))) if part)
    if not text:
        raise SourceFileError(str(path), "the page shows no text (all of it is markup, scripts or hidden)")
    if "date" in fields and "year" not in fields:  # the year goes with the date the caller gives
        user_date = _iso_date(fields["date"]) if isinstance(fields["date"], str) else None
        defaults["year"] = int(user_date[:4]) if user_date else None
    return Source(key=key, text=text, path=str(path), layout=Layout(main=(0, len(main_text))),
                  **{**defaults, **fields})  # fmt: skip


# -- the bytes and their encoding ------------------------------------------------------------


def _read_bytes(path: str | Path) -> bytes:
    """The file's bytes, refused when the file is missing, unreadable, too large or empty."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise SourceFileError(str(path), f"the file is {size / 1e6:.1f} MB, more than a web page's "
                                  f"{MAX_BYTES / 1e6:.0f} MB limit; is it really a saved page?")  # fmt: skip
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise SourceFileError(str(path), "no such file; check the path") from exc
    except OSError as exc:
        raise SourceFileError(str(path), exc.strerror or str(exc)) from exc
    if not data.strip():
        raise SourceFileError(str(path), "the file is empty")
    return data


def _decode(data: bytes, where: str, encoding: str | None) -> str:
    """The page's text: decoded by ``encoding``, else its byte-order mark, else its declared
    charset, else UTF-8."""
    codec, why = _encoding_of(data, encoding)
    try:
        text = data.decode(codec)
    except LookupError:
        raise InvalidValueError("encoding", encoding, "a Python codec name such as 'utf-8' or 'cp1252'") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        binary = b"\x00" in data[:4096]
        raise SourceFileError(
            where,
            (f"not a web page: it holds binary data (not valid {codec} at byte {exc.start})" if binary else
             f"not valid {codec} ({why}) at line {line} (byte {exc.start}); pass the page's real encoding, "
             "such as encoding='cp1252', or re-save the page as UTF-8"),
        ) from exc  # fmt: skip
    if "\x00" in text:
        raise SourceFileError(where, f"not a web page: it holds binary data (a NUL character at {text.index(chr(0))})")
    return text


def _encoding_of(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The codec to decode ``data`` with, and why (for error messages)."""
    if encoding:
        return encoding, "the encoding given"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, "its byte-order mark"
    head = data[:65536]
    end = head.lower().find(b"</head")
    declared = _META_CHARSET.search(head if end < 0 else head[:end])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        try:
            codecs.lookup(_LABELS.get(label, label))
        except LookupError:
            return "utf-8", f"its unknown charset {label!r} ignored"
        return _LABELS.get(label, label), f"the charset {label!r} it declares"
    return "utf-8", "no charset declared"


def _parse(html: str, where: str) -> lxml.html.HtmlElement:
    """The page's tree (no network, no external entities, no HTML comments).

    Raises:
        SourceFileError: the page has no elements, or nests them deeper than the parser reads
            (2,048 levels: the rest of the page would be lost).
    """
    # huge_tree: elements nested up to 2,048 levels deep, not 256 (old pages leave tags unclosed)
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, default_doctype=False, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        root = None
    if not isinstance(root, lxml.html.HtmlElement):
        raise SourceFileError(where, "the page shows no text (it has no HTML elements)")
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise SourceFileError(where, "its elements nest more than 2,048 levels deep (unclosed tags?), deeper than "
                              "the HTML parser reads: the rest of the page would be lost")  # fmt: skip
    return root


# -- the main text and the rest -------------------------------------------------------------


def _main_text(root: lxml.html.HtmlElement) -> str:
    """The article's text as trafilatura extracts it from the visible page, one paragraph per
    block (a heading, a list item, a table cell: a paragraph), "" if it finds none; the tree,
    which the extractor changes, is not usable afterwards.

    Before extraction, elements whose words trafilatura would lose are unwrapped (their text
    kept): elements that are not HTML (custom elements such as ``<x-ref>``, which cut the rest
    of their paragraph off), ``<wbr>`` (the same), and ``<time>`` inside a paragraph (which it
    deletes, date and all, to drop bylines). The text is taken from the extractor's tree, not
    its plain-text output, which marks up tables and lists with characters the page does not
    show (``| 1845 | poor |``, ``- item``).
    """
    import trafilatura  # half a second to import: only when a page is read

    unwrap = {el.tag for el in root.iter() if isinstance(el.tag, str) and el.tag not in _HTML_TAGS} | {"wbr"}
    lxml.etree.strip_tags(root, *unwrap)
    for time in root.xpath("//p//time"):
        time.drop_tag()
    document = trafilatura.bare_extraction(
        root, include_comments=False, include_tables=True, favor_precision=False, deduplicate=False,
        with_metadata=False,
    )  # fmt: skip
    body = getattr(document, "body", None)
    return "\n\n".join(_paragraphs(body, _EXTRACTED_BLOCKS)) if body is not None else ""


def _hidden(element: lxml.html.HtmlElement) -> bool:
    """Whether ``element`` is invisible: not shown at all, or hidden by its attributes."""
    if not isinstance(element.tag, str):
        return False
    if element.tag in _INVISIBLE:
        return True
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").strip().lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _paragraphs(root: lxml.etree._Element, blocks: frozenset[str]) -> list[str]:
    """The text of ``root``, one paragraph per element of ``blocks`` (and the text between
    them), whitespace folded."""
    paragraphs: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        paragraph = " ".join("".join(pieces).split())
        if paragraph:
            paragraphs.append(paragraph)
        pieces.clear()

    stack: list[tuple[Any, bool]] = [(root, False)]  # (element, whether its children are done)
    while stack:  # depth first, without recursion (malformed pages nest deeply)
        element, done = stack.pop()
        if done or not isinstance(element.tag, str):
            if element.tag in blocks:
                flush()
            if element is not root and element.tail:
                pieces.append(element.tail)
            continue
        if element.tag in blocks:
            flush()
        pieces.append(element.text or "")
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return paragraphs


def _other_paragraphs(paragraphs: Sequence[str], main_text: str) -> Iterator[str]:
    """The visible paragraphs that are not already in the main text (whitespace folded).

    A paragraph that is only partly in the main text (the extractor dropped some of its words)
    is kept whole: cutting out the part in the main text would leave fragments that no quote
    of the paragraph matches.
    """
    main = " ".join(main_text.split())
    return (paragraph for paragraph in paragraphs if paragraph not in main)


# -- metadata ----------------------------------------------------------------------------------


def _metadata(root: lxml.html.HtmlElement) -> dict[str, Any]:
    """The source fields the page's metadata gives (only those it gives)."""
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        name = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = " ".join((element.get("content") or "").split())
        if name and content:
            meta.setdefault(name, content)
    nodes, ids = _json_ld(root)
    publisher = next((p for p in (_resolve(n.get("publisher"), ids) for n in nodes) if p is not None), None)
    publisher_name = _string(publisher.get("name")) if isinstance(publisher, dict) else None
    site = meta.get("og:site_name") or publisher_name
    url = next((u for u in (meta.get("og:url"), _canonical(root)) if u and re.match(r"https?://", u)), None)
    fields: dict[str, Any] = {
        "title": _title(root, meta, [site, publisher_name, meta.get("application-name")], url),
        "container_title": site,
        "url": url,
        "authors": _authors(meta, nodes, ids),
        "csl_type": _csl_type(meta, nodes, publisher is not None),
    }
    date = _date(root, meta, nodes)
    if date:
        fields["date"], fields["year"] = date, int(date[:4])
    return {name: value for name, value in fields.items() if value}


def _json_ld(root: lxml.html.HtmlElement) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The page's JSON-LD objects, articles first, then web pages, then the rest (malformed
    blocks skipped), and every object with an ``@id`` by its id."""
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        pending = [data]
        for item in pending:  # grows as it goes: lists and @graph flattened, in order
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                pending.extend(item["@graph"] if isinstance(item.get("@graph"), list) else [])
    ids = {node["@id"]: node for node in found if isinstance(node.get("@id"), str)}

    def rank(node: dict[str, Any]) -> int:
        types = _types(node)
        if any(t.endswith(("article", "posting")) or t in ("report", "claimreview") for t in types):
            return 0
        return 1 if any(t.endswith("webpage") for t in types) else 2

    return sorted(found, key=rank), ids


def _types(node: dict[str, Any]) -> set[str]:
    """The JSON-LD ``@type`` of ``node``, lower case."""
    value = node.get("@type")
    return {t.lower() for t in ([value] if isinstance(value, str) else value or []) if isinstance(t, str)}


def _resolve(value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    """A JSON-LD reference (``{"@id": ...}`` alone) replaced by the object it names."""
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return ids.get(value["@id"], value)
    return value


def _string(value: Any) -> str | None:
    """``value`` with its whitespace folded, if it is a non-empty string."""
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _canonical(root: lxml.html.HtmlElement) -> str | None:
    """The page's ``<link rel="canonical">``."""
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return _string(link.get("href"))
    return None


def _title(root: lxml.html.HtmlElement, meta: dict[str, str], sites: list[str | None], url: str | None) -> str | None:
    """The page's title, without a trailing " | Site" that names the site (its name or its host)
    or follows the page's own headline (``<h1>``)."""
    titles = root.xpath("//title[not(ancestor::svg)]")
    title = meta.get("og:title") or meta.get("twitter:title") or (_string(titles[0].text_content()) if titles else None)
    suffix = _SITE_SUFFIX.search(title or "")
    if not title or not suffix or suffix.start() == 0:
        return title
    host = (urlsplit(url).hostname or "") if url else ""
    known = {_letters(name) for name in [*sites, host, *host.split(".")[:-1]] if name} - {
        "",
        "www",
        "co",
        "com",
        "org",
        "net",
    }
    headlines = root.xpath("//h1[not(ancestor::svg)]")
    headline = _string(headlines[0].text_content()) if headlines else None
    if _letters(suffix.group(1)) in known or title[: suffix.start()] == headline:
        return title[: suffix.start()]
    return title


def _letters(text: str) -> str:
    """The letters and digits of ``text``, in lower case (``"SpaceNews.com"``: ``"spacenewscom"``)."""
    return re.sub(r"\W|_", "", text.lower())


def _iso_date(value: str) -> str | None:
    """``value`` (an ISO date or timestamp, or an RFC 2822 date) as ``YYYY-MM-DD``, if it is one."""
    match = _ISO_DATE.match(value)
    try:
        if match:
            return datetime.date(*map(int, match.groups())).isoformat()
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _date(root: lxml.html.HtmlElement, meta: dict[str, str], nodes: list[dict[str, Any]]) -> str | None:
    """The date the page was published, from its metadata, its article's ``<time>``, or htmldate."""
    candidates = [meta.get("article:published_time")]
    candidates += [node.get("datePublished") for node in nodes if isinstance(node.get("datePublished"), str)]
    candidates += [meta.get("datepublished"), meta.get("dc.date"), meta.get("dc.date.issued")]
    candidates += [time.get("datetime") for time in root.xpath("//article//time[@datetime]")[:1]]
    for candidate in candidates:
        date = _iso_date(candidate) if candidate else None
        if date:
            return date
    import htmldate  # given the tree, never a string that it could fetch

    found = htmldate.find_date(root, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    return found if isinstance(found, str) and _iso_date(found) else None


def _authors(meta: dict[str, str], nodes: list[dict[str, Any]], ids: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The authors the page names in its metadata: JSON-LD persons, else the author meta
    elements, else ``article:author`` names, else JSON-LD organizations."""
    persons: list[str] = []
    organizations: list[str] = []
    for node in nodes:
        value = node.get("author")
        for author in value if isinstance(value, list) else [value]:
            author = _resolve(author, ids)
            name = _string(author.get("name")) if isinstance(author, dict) else _string(author)
            if name and isinstance(author, dict) and any(t.endswith("organization") for t in _types(author)):
                organizations.append(name)
            elif name:
                persons.append(name)
        if persons or organizations:
            break
    for value in (persons, [meta.get("author") or meta.get("dc.creator") or ""], [meta.get("article:author") or ""],
                  organizations):  # fmt: skip
        names = tuple(dict.fromkeys(name for text in value for name in _split_names(text)))
        if names:
            return names
    return ()


def _split_names(text: str) -> list[str]:
    """The names in a byline: "By A and B", "A, B & C"; "A, MS, RD" is A; "Smith, John" is one."""
    text = " ".join(text.split())
    if not text or "://" in text or text.startswith(("www.", "/", "@")) or "@" in text:
        return []
    names: list[str] = []
    for part in _AND.split(_BY.sub("", text)):
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        while len(pieces) > 1 and _DEGREE.match(pieces[-1]):
            pieces.pop()
        names += pieces if all(len(piece.split()) > 1 for piece in pieces) else [", ".join(pieces)]
    return [name for name in names if any(c.isalpha() for c in name) and name.lower() not in _NOT_NAMES]


def _csl_type(meta: dict[str, str], nodes: list[dict[str, Any]], has_publisher: bool) -> str:
    """``post-weblog`` for a blog post, ``article-newspaper`` for news, else ``webpage``."""
    types = set().union(*(_types(node) for node in nodes))
    if "blogposting" in types:
        return "post-weblog"
    if any(t.endswith("newsarticle") for t in types) or (meta.get("og:type") == "article" and has_publisher):
        return "article-newspaper"
    return "webpage"
