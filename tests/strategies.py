"""Hypothesis strategies for argument maps: unicode texts, long quotes, every stance, cycles.

``maps()`` draws a whole :class:`argmap.ArgumentMap` built through the public API, so every
passage in it was located for real. Source texts are words of lowercase or caseless letters
(Latin, Greek, Cyrillic, Hangul, CJK, ...), each word used once, joined by assorted whitespace
(no-break spaces, tabs, line breaks) and page markers on their own lines; a quote is a run of
consecutive words, so it occurs exactly once. ``materialize(m, folder)`` writes the texts to
files and returns the same map with sources that have a ``path``.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import strategies as st

from argmap import ArgumentMap, DuplicateIdError, Source, Stance

PAGE_PATTERN = r"^\[p\. (\d+)\]$"

slugs = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,14}", fullmatch=True)
# Any text at all (control characters, quotes, backslashes, emoji, right-to-left scripts...).
free_text = st.text(max_size=60)
prose = st.text(min_size=1, max_size=300).filter(str.strip)
_letters = st.characters(categories=["Ll", "Lo"])
_words = st.lists(st.text(_letters, min_size=1, max_size=9), min_size=6, max_size=70, unique=True)
_separators = st.sampled_from([" ", " ", " ", "\n", "\u00a0", "  ", "\t", " \n  "])


@st.composite
def source_texts(draw: st.DrawFn, pages: bool = True) -> tuple[str, list[str]]:
    """A text and its words in order; page markers ``[p. N]`` (if ``pages``) stand on lines of their own."""
    words = draw(_words)
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


@st.composite
def sources(draw: st.DrawFn, key: str) -> tuple[Source, list[str]]:
    """A source with metadata (some of it unicode and odd) and the words of its text."""
    page_pattern = draw(st.sampled_from([None, PAGE_PATTERN]))
    text, words = draw(source_texts(pages=page_pattern is not None))
    optional = st.none() | free_text
    source = Source(
        key=key,
        text=text,
        title=draw(optional),
        authors=draw(st.lists(free_text, max_size=3)),
        year=draw(st.none() | st.integers(-3000, 3000)),
        date=draw(optional),
        container_title=draw(optional),
        editors=draw(st.lists(free_text, max_size=2)),
        publisher=draw(optional),
        url=draw(optional),
        kind=draw(st.sampled_from([None, "primary", "secondary"])),
        csl_type=draw(st.sampled_from([None, "book", "chapter", "post-weblog"])),
        page_pattern=page_pattern,
        ignore=draw(st.sampled_from([(), (r"^\d{1,3}$",), (r"\[\d+\]", r"^#.*$")])),
        first_page=draw(st.none() | st.sampled_from(["1", "iv", "249"])),
    )
    return source, words


@st.composite
def maps(draw: st.DrawFn, max_sources: int = 3, max_theses: int = 6, max_evidence: int = 12) -> ArgumentMap:
    """A map built through the public API: sources, theses, evidence and relations (cycles too)."""
    m = ArgumentMap(draw(st.none() | free_text), description=draw(st.none() | prose))
    keys = draw(st.lists(slugs, min_size=1, max_size=max_sources, unique=True))
    words = {}
    for key in keys:
        source, words[key] = draw(sources(key))
        m.add_source(source)
    ids = draw(st.lists(slugs, min_size=1, max_size=max_theses, unique=True))
    for id in ids:
        m.add_thesis(id, draw(prose), note=draw(st.none() | prose))
    for _ in range(draw(st.integers(0, max_evidence))):
        key = draw(st.sampled_from(keys))
        run = words[key]
        start = draw(st.integers(0, len(run) - 1))
        end = draw(st.integers(start + 1, min(len(run), start + 40)))  # long quotes too
        options = {
            "prefix": run[start - 1] if start > 0 and draw(st.booleans()) else None,
            "suffix": run[end] if end < len(run) and draw(st.booleans()) else None,
            "occurrence": draw(st.sampled_from([None, None, 1])),
            "note": draw(st.none() | prose),
        }
        thesis, stance = draw(st.sampled_from(ids)), draw(st.sampled_from(list(Stance)))
        quote = " ".join(run[start:end])
        try:
            m.cite(thesis, key, quote, stance, id=draw(st.none() | slugs), **options)  # type: ignore[arg-type]
        except DuplicateIdError:
            m.cite(thesis, key, quote, stance, **options)  # type: ignore[arg-type]
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=8, unique=True))
    for a, b in pairs:
        if a != b and (a, b) not in {(r.from_thesis, r.to_thesis) for r in m.relations}:
            m.relate(a, b, draw(st.sampled_from(list(Stance))), note=draw(st.none() | free_text))
    return m


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
