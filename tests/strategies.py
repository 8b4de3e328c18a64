"""Hypothesis strategies for argument maps: unicode texts, long quotes, every stance, cycles.

``maps()`` draws a whole :class:`argmap.ArgumentMap` built through the public API, so every
passage in it was located for real. Source texts are words of letters (Latin, Greek, Cyrillic,
Hangul, CJK, ...), some capitalized, some with punctuation or in curly or straight quotes,
each word used once, joined by assorted whitespace (no-break spaces, tabs, line breaks) and
page markers on their own lines, plus one phrase that occurs twice. A quote is a run of
consecutive words (so it occurs once), sometimes written over several lines, sometimes with a
transcription slip (a fuzzy match), sometimes with its own ``max_error_rate``; the repeated
phrase is quoted with ``occurrence=2`` or with the word before or after it as ``prefix`` or
``suffix``. Every field of every value is drawn: all of a source's metadata (any CSL item type,
any text), notes of theses, evidence and relations (any text), any ``max_error_rate`` the API
accepts (0 to 0.5), and emendations (``emend``: a word of the quote corrected, the source's word
given). ``materialize(m, folder)`` writes the texts to files and returns the same map with
sources that have a ``path``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from argmap import AmbiguousQuoteError, ArgumentMap, Layout, QuoteNotFoundError, Source, Stance
from argmap.errors import InvalidValueError
from argmap.model import CSL_TYPES
from argmap.names import Name, parse_name
from argmap.text import fold

PAGE_PATTERN = r"^\[p\. (\d+)\]$"

slugs = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,14}", fullmatch=True)
# Any text at all (control characters, quotes, backslashes, emoji, right-to-left scripts...).
free_text = st.text(max_size=60)
prose = st.text(min_size=1, max_size=300).filter(str.strip)
_letters = st.characters(categories=["Ll", "Lo"])
# at least two letters a word: runs of one-letter words read as letter-spaced print (z o m b i e)
_words = st.lists(st.text(_letters, min_size=2, max_size=9), min_size=6, max_size=70, unique=True)
#: every budget the API accepts, the usual ones more often
_rates = st.sampled_from([None, None, None, 0.0, 0.05, 0.2, 0.3, 0.5]) | st.floats(0, 0.5)
#: page labels as books print them, in any script: "249", "vi", "٣", "xlii"
_labels = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=6)
_separators = st.sampled_from([" ", " ", " ", "\n", "\u00a0", "  ", "\t", " \n  "])


_PUNCTUATION = ["", "", "", ",", ".", ";", ":", "!", "?"]
_WRAPS = [("", ""), ("", ""), ("", ""), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ('"', '"'), ("(", ")")]


@st.composite
def _decorated(draw: st.DrawFn) -> list[str]:
    """Unique words, some capitalized, some with punctuation or quotes around them."""
    words, seen = [], set()
    for word in draw(_words):
        if draw(st.integers(0, 3)) == 0:
            word = word[0].upper() + word[1:]
        opening, closing = draw(st.sampled_from(_WRAPS))
        word = opening + word + closing + draw(st.sampled_from(_PUNCTUATION))
        if fold(word).casefold() not in seen:  # unique even where case or quote style is forgiven
            seen.add(fold(word).casefold())
            words.append(word)
    return words


@st.composite
def source_texts(draw: st.DrawFn, pages: bool = True) -> tuple[str, list[str]]:
    """A text and its words in order; page markers ``[p. N]`` (if ``pages``) stand on lines of their own.

    The text ends with a phrase of two words that also occurs once before, not next to it;
    the list of words holds that phrase as one item, at both places.
    """
    words = draw(_decorated())
    assume(len(words) >= 5)
    words, phrase = words[:-2], " ".join(words[-2:])
    at = draw(st.integers(1, len(words) - 2))
    words = [*words[:at], phrase, *words[at:], phrase]  # the two never next to each other
    page = draw(st.integers(1, 500))
    parts = [words[0]]
    for word in words[1:]:
        if pages and draw(st.integers(0, 9)) == 0:
            page += 1
            parts.append(f"\n[p. {page}]\n")
        else:
            parts.append(draw(_separators))
        parts.append(word)
    return "".join(parts), words


_name_words = st.text(st.characters(categories=["Lu", "Ll", "Lo"]), min_size=1, max_size=8)
_name_part = st.lists(_name_words, min_size=1, max_size=3).map(" ".join)


@st.composite
def names(draw: st.DrawFn) -> Name:
    """A structured name as CSL-JSON holds it: a person (particles, suffix, family first or
    not) or a literal."""
    if draw(st.integers(0, 4)) == 0:
        return Name(literal=draw(_name_part))
    given = draw(st.sampled_from(["", "x"])) and draw(_name_part)
    return Name(
        draw(_name_part), given, family_first=bool(given) and draw(st.booleans()),
        non_dropping_particle=draw(st.sampled_from(["", "van", "de", "du", "van der"])),
        dropping_particle=draw(st.sampled_from(["", "von", "de"])),
        suffix=draw(st.sampled_from(["", "Jr.", "III"])),
    )  # fmt: skip


def readable(name: str) -> bool:
    """Whether argmap reads ``name`` as a name (a Source refuses one it cannot read)."""
    try:
        parse_name(name)
    except InvalidValueError:
        return False
    return True


#: Names as people and catalogues write them (the forms argmap.names reads).
_name_strings = st.sampled_from([
    "CHEN Jian", "Chen Jian", "Martin Luther King Jr.", "King, Martin Luther, Jr.", "W. E. B. Du Bois",
    "U.S. Department of State", "{Mao Zedong Thought Study Group}", "Calef, Robert, 1648-1719.",
    "Cotton Mather, D.D.", "Beethoven, Ludwig van", "hanngill",
])  # fmt: skip


#: How to draw a value of each plain type a Source field may have. A new field of another type
#: fails :func:`sources` until it is given one here, and then every map strategy gives it values,
#: so the round-trip properties prove that every format carries it.
_BY_TYPE = {
    "str | None": st.none() | free_text,
    "tuple[str, ...]": st.lists(free_text, max_size=3).map(tuple),
    # names as strings (any text argmap reads as a name: a Source refuses the others) or structured
    "tuple[str | Name, ...]": st.lists(free_text.filter(readable) | names() | _name_strings, max_size=3).map(tuple),
    "int | None": st.none() | st.integers(-3000, 3000),
}
#: Fields drawn by :func:`sources` itself, each as its meaning requires.
_OWN = {"key", "text", "page_pattern", "ignore", "first_page", "pages", "quoted_in", "path", "layout", "kind",
        "csl_type", "normalizer", "original_year", "page_range"}  # fmt: skip


@st.composite
def layouts(draw: st.DrawFn, text: str) -> Layout:
    """Pages of ``text`` as a reader gives them (a PDF's, an EPUB's): pages that begin at words,
    labels in any script, perhaps physical page numbers."""
    starts = [0] + [n for n in range(1, len(text)) if text[n - 1].isspace() and not text[n].isspace()]
    chosen = sorted(draw(st.lists(st.sampled_from(starts), min_size=1, max_size=5, unique=True)))
    labels = draw(st.lists(_labels, min_size=len(chosen), max_size=len(chosen)))
    first = draw(st.integers(1, 900))
    indexes = tuple(range(first, first + len(chosen))) if draw(st.booleans()) else ()
    return Layout(page_starts=tuple(chosen), page_labels=tuple(labels), page_indexes=indexes)


@st.composite
def sources(
    draw: st.DrawFn, key: str, hosts: tuple[str, ...] = (), with_layouts: bool = False
) -> tuple[Source, list[str]]:
    """A source with every field drawn (metadata unicode and odd), and the words of its text.

    ``hosts`` are keys of sources already drawn, which this one may be ``quoted_in``. With
    ``with_layouts``, some sources have pages as a reader gives them (a ``layout``), which only a
    JSON form with its texts embedded can hold.
    """
    page_pattern = draw(st.sampled_from([None, PAGE_PATTERN]))
    text, words = draw(source_texts(pages=page_pattern is not None))
    if "\n[p. " not in text:  # no marker was drawn: a pattern would match nothing
        page_pattern = None
    layout = draw(st.none() | layouts(text)) if with_layouts and page_pattern is None else None
    fields: dict[str, Any] = {}
    for field in attrs.fields(Source):
        if field.name not in _OWN:
            fields[field.name] = draw(_BY_TYPE[str(field.type)])
    source = Source(
        key=key,
        text=text,
        kind=draw(st.sampled_from([None, "primary", "secondary"]) | free_text),
        csl_type=draw(st.none() | st.sampled_from(CSL_TYPES)),
        page_pattern=page_pattern,
        ignore=draw(st.sampled_from([(), (r"^\d{1,3}$",), (r"\[\d+\]", r"^#.*$")])),
        first_page=draw(st.none() | st.sampled_from(["1", "iv", "249"]) | _labels),
        quoted_in=draw(st.none() | st.sampled_from(hosts)) if hosts else None,
        # a reprint's first year comes before the year cited; a chapter's printed pages, the last in full
        original_year=draw(st.none() | st.integers(-4000, fields["year"] - 1)) if fields["year"] is not None else None,
        page_range=draw(st.none() | st.tuples(st.integers(1, 3000), st.integers(0, 300)).map(
            lambda r: f"{r[0]}-{r[0] + r[1]}" if r[1] else str(r[0]))),
        layout=layout,
        **fields,
    )
    labels = source.page_layout.page_labels
    whole = layout is None and source.first_page is not None  # the first page starts the text
    if whole and labels.index(labels[-1]) == len(labels) - 1 and draw(st.booleans()):
        source = attrs.evolve(source, pages=f"{labels[0]}-{labels[-1]}")  # all its pages, from first to last
    return source, words


@st.composite
def maps(
    draw: st.DrawFn, max_sources: int = 3, max_theses: int = 6, max_evidence: int = 12, with_layouts: bool = False
) -> ArgumentMap:
    """A map built through the public API: sources, theses, evidence and relations (cycles too);
    ``with_layouts``: some sources with pages as a reader gives them (see :func:`sources`)."""
    m = ArgumentMap(draw(st.none() | free_text), description=draw(st.none() | free_text))
    keys = draw(st.lists(slugs, min_size=1, max_size=max_sources, unique=True))
    words = {}
    for key in keys:
        source, words[key] = draw(sources(key, tuple(words), with_layouts))
        m.add_source(source)
    ids = draw(st.lists(slugs, min_size=1, max_size=max_theses, unique=True))
    for id in ids:
        m.add_thesis(id, draw(prose), note=draw(st.none() | free_text))
    for _ in range(draw(st.integers(0, max_evidence))):
        key = draw(st.sampled_from(keys))
        thesis, stance = draw(st.sampled_from(ids)), draw(st.sampled_from(list(Stance)))
        options, quote, verbatim = draw(_quotes(words[key]))
        id = draw(st.none() | slugs)
        options["id"] = None if id in {ev.id for ev in m.evidence} else id
        try:
            m.cite(thesis, key, quote, stance, **options)
        except (QuoteNotFoundError, AmbiguousQuoteError):  # the slip was too much for the budget
            m.cite(thesis, key, verbatim, stance, **options)
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=8, unique=True))
    for a, b in pairs:
        if a != b and (a, b) not in {(r.from_thesis, r.to_thesis) for r in m.relations}:
            m.relate(a, b, draw(st.sampled_from(list(Stance))), note=draw(st.none() | free_text))
    return m


@st.composite
def _quotes(draw: st.DrawFn, run: list[str]) -> tuple[dict[str, Any], str, str]:
    """Options for ``cite``, a quote (perhaps with a slip) and the same quote verbatim: a run of
    words, or the repeated phrase with what picks one occurrence."""
    phrase = run[-1]
    options: dict[str, Any] = {
        "note": draw(st.none() | free_text),
        "max_error_rate": draw(_rates),
    }
    if draw(st.integers(0, 5)) == 0:  # the phrase that occurs twice
        first = run.index(phrase)
        pick = draw(st.sampled_from(["occurrence", "prefix", "suffix"]))
        if pick == "occurrence":
            options["occurrence"] = draw(st.sampled_from([1, 2]))
        elif pick == "prefix":
            options["prefix"] = run[-2] if draw(st.booleans()) else run[first - 1]
        else:
            options["suffix"] = run[first + 1]
        return options, phrase, phrase
    start = draw(st.integers(0, len(run) - 2))
    end = draw(st.integers(start + 1, min(len(run) - 1, start + 40)))  # long quotes too
    if run[start:end] == [phrase]:  # alone, the phrase is ambiguous
        end += 1
    options["prefix"] = run[start - 1] if start > 0 and draw(st.booleans()) else None
    options["suffix"] = run[end] if draw(st.booleans()) else None
    options["occurrence"] = draw(st.sampled_from([None, None, 1]))
    quote = verbatim = draw(st.sampled_from([" ", " ", "\n"])).join(run[start:end])
    plain = [w for w in run[start:end] if w.isalpha() and len(w) >= 4]
    if plain and draw(st.integers(0, 3)) == 0:  # the source misspelt a word, which the quote corrects
        wrong = draw(st.sampled_from(plain))
        right = wrong[:-1] + ("e" if wrong[-1] != "e" else "a")
        options["emend"] = {wrong: right}
        quote = " ".join(right if w == wrong else w for w in run[start:end])  # verbatim: the source's word
    if len(quote) >= 30 and draw(st.integers(0, 2)) == 0:  # a transcription slip: one letter's case
        at = draw(st.integers(0, len(quote) - 1))
        if quote[at].swapcase() != quote[at] and len(quote[at].swapcase()) == 1:
            quote = quote[:at] + quote[at].swapcase() + quote[at + 1 :]
    return options, quote, verbatim


def materialize(m: ArgumentMap, folder: Path) -> ArgumentMap:
    """The same map, its sources' texts written to ``folder/KEY.txt`` and read from there."""
    out = ArgumentMap(m.title, description=m.description)
    for n, source in enumerate(m.sources):
        path = folder / "texts" / f"{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source.text, encoding="utf-8", newline="")
        out.add_source(attrs.evolve(source, path=str(path)))
    for thesis in m.theses:
        out.add_thesis(thesis.id, thesis.statement, note=thesis.note)
    for ev in m.evidence:
        out.add_evidence(ev)
    for rel in m.relations:
        out.relate(rel.from_thesis, rel.to_thesis, rel.stance, note=rel.note)
    return out
