"""Annotations become evidence: every quote proven, every page checked, nothing dropped silently.

:func:`import_annotations` reads a file of annotations (:mod:`argmap.formats.annotations`) and,
for each one that quotes a text:

- finds its **source**: the one given, else the map's source whose ``url``, file name or title
  matches the document annotated (a URL beats a file name, a file name a title; of sources read
  from the same file, the one the others are quoted in);
- finds its **thesis** and **stance**: tags (``thesis:ID``; ``supports``/``contests``, both
  configurable), else the colour (a map from colour to stance the user gives: Zotero's colours
  by name or ``#rrggbb``), else the defaults given;
- **proves the quote** in the source (:func:`argmap.locate`): when it occurs more than once, the
  annotation's prefix/suffix, then its page, pick the occurrence, and the evidence keeps what
  picked it;
- checks its **page**: the page label the annotation gives must be a page of the passage argmap
  found (a label that disagrees on the same physical page of the file is a warning).

An annotation that fails any of these is listed with its id and why; then nothing is added
(:class:`~argmap.errors.AnnotationImportError`), unless ``partial`` asks for what was proven.
Annotations that quote nothing (page notes, replies, images), that are on documents that are
not sources of the map, or whose evidence is already in the map are listed as skipped.

:func:`import_into_map_file` does the same on a map file and adds the new evidence to it in
place (:mod:`argmap.formats.editing`), keeping its comments and formatting, after proving that
the new file loads back as the old one plus the new evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs

from argmap.anchor import locate
from argmap.argument_map import ArgumentMap
from argmap.errors import (
    AmbiguousQuoteError,
    AnnotationImportError,
    ArgmapError,
    InvalidQuoteError,
    InvalidValueError,
    MapEditError,
    UnknownThesisError,
    expect,
    expect_path,
)
from argmap.files import write_atomic
from argmap.formats import editing, mapfile
from argmap.formats.annotations import Annotation, file_name, read_annotations
from argmap.model import Evidence, Passage, Source, Stance
from argmap.pages import page_locator

__all__ = [
    "STANCE_TAGS",
    "THESIS_TAG",
    "ZOTERO_COLORS",
    "ImportResult",
    "Imported",
    "NotImported",
    "import_annotations",
    "import_into_map_file",
]

#: The tag prefix that names an annotation's thesis: ``thesis:ID``.
THESIS_TAG = "thesis:"
#: The tags that give an annotation's stance (matched ignoring case).
STANCE_TAGS: Mapping[str, Stance] = {"supports": Stance.SUPPORTS, "contests": Stance.CONTESTS}
#: Zotero's annotation colours by name (``Zotero.Annotations.COLORS``), for colour maps.
ZOTERO_COLORS = {"yellow": "#ffd400", "red": "#ff6666", "green": "#5fb236", "blue": "#2ea8e5", "purple": "#a28ae5",
                 "magenta": "#e56eee", "orange": "#f19837", "gray": "#aaaaaa", "grey": "#aaaaaa"}  # fmt: skip


@attrs.frozen
class Imported:
    """An annotation that became evidence (or would have, in a refused or dry run).

    Attributes:
        annotation: the annotation.
        evidence: its evidence, the quote located in the source.
        warning: something to look at although the quote was proven (a page label read
            differently on the same physical page, a page that could not be checked), or ``None``.
    """

    annotation: Annotation
    evidence: Evidence
    warning: str | None = None


@attrs.frozen
class NotImported:
    """An annotation that did not become evidence, and why."""

    annotation: Annotation
    reason: str


@attrs.frozen
class ImportResult:
    """What an import added and what it did not.

    Attributes:
        path: the file of annotations.
        added: the annotations that became evidence, in file order.
        failed: those that could not be proven (or whose thesis, stance, source or page is wrong).
        skipped: those that are not quotes of a source of the map, or are in it already.
        applied: whether ``added`` is in the map (``False``: a dry run, or an import refused
            because of failures).
    """

    path: str
    added: tuple[Imported, ...] = ()
    failed: tuple[NotImported, ...] = ()
    skipped: tuple[NotImported, ...] = ()
    applied: bool = False

    @property
    def ok(self) -> bool:
        """Whether every annotation that quotes a source was imported."""
        return not self.failed

    def format(self, *, written: str | None = None) -> str:
        """A report for people: each annotation added (with its evidence id, thesis, stance and
        pages), each one that failed and each one skipped, with why; ``written`` names the map
        file the evidence went into."""
        verb = "added" if self.applied else "would add"
        into = f" to {written}" if written and self.applied else ""
        lines = [f"{self.path}: {verb} {len(self.added)} piece(s) of evidence{into}, {len(self.failed)} failed, "
                 f"{len(self.skipped)} skipped"]  # fmt: skip
        for item in self.added:
            ev = item.evidence
            where = ev.passage.cite()
            lines.append(f"  + {ev.id}: {ev.thesis} <- {ev.source}{' ' + where if where else ''} [{ev.stance}] "
                         f"from {item.annotation.name}")  # fmt: skip
            if item.warning:
                lines.append(f"      warning: {item.warning}")
        for mark, items in (("!", self.failed), ("-", self.skipped)):
            for entry in items:
                first, *rest = entry.reason.splitlines() or [""]
                lines.append(f"  {mark} {entry.annotation.name}: {first}")
                lines += [f"      {more.strip()}" for more in rest]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


class _Failed(Exception):
    """Why one annotation cannot become evidence (``skip``: it is not a failure)."""

    def __init__(self, reason: str, *, skip: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.skip = reason, skip


@attrs.frozen
class _Options:
    source: str | None
    thesis: str | None
    stance: Stance | None
    thesis_tag: str
    stance_tags: Mapping[str, Stance]
    colors: Mapping[str, Stance]


def import_annotations(
    m: ArgumentMap,
    path: str | Path,
    *,
    format: str,
    source: str | None = None,
    thesis: str | None = None,
    stance: Stance | str | None = None,
    partial: bool = False,
    dry_run: bool = False,
    thesis_tag: str = THESIS_TAG,
    stance_tags: Mapping[str, Stance | str] | None = None,
    colors: Mapping[str, Stance | str] | None = None,
) -> ImportResult:
    """Add the annotations of ``path`` to ``m`` as evidence, each quote proven in its source.

    Args:
        m: the map; evidence is added to it (nothing when the import fails, unless ``partial``).
        path: the file of annotations.
        format: ``"hypothesis"``, ``"webanno"`` or ``"zotero"`` (JSON, or a ``zotero.sqlite``).
        source: the key of the source every annotation quotes; by default each annotation's
            document is matched with the sources' ``url``, file name and title.
        thesis, stance: for annotations whose tags (and colour) give none.
        partial: add what was proven even when some annotations failed.
        dry_run: prove and report, add nothing.
        thesis_tag: the tag prefix that names a thesis (``thesis:ID``).
        stance_tags: the tags that give a stance (default ``supports``, ``contests``).
        colors: colour -> stance, for Zotero's highlight colours (``#ff6666`` or ``red``).

    Returns:
        What was added (``applied`` says whether it is in ``m``), what failed, what was skipped.

    Raises:
        AnnotationImportError: some annotations failed and ``partial`` is false; ``m`` is unchanged.
        AnnotationFileError: the file cannot be read as ``format``.
        UnknownSourceError, UnknownThesisError, InvalidValueError: an option names nothing in the
            map, or is malformed.

    Examples:
        >>> import json, tempfile
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first upon the troops", url="https://ex.org/gage"))
        >>> _ = m.add_thesis("regulars-first", "The regulars fired the first shot.")
        >>> row = {"id": "A1", "uri": "https://ex.org/gage", "tags": ["thesis:regulars-first", "contests"],
        ...        "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "the Rebels fired first"}]}]}
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = (Path(folder) / "h.json").write_text(json.dumps({"rows": [row]}))
        ...     result = import_annotations(m, Path(folder) / "h.json", format="hypothesis")
        >>> [(i.evidence.id, i.evidence.stance.value, i.evidence.passage.end) for i in result.added]
        [('gage-1', 'contests', 22)]
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    expect_path("path", path)
    options = _options(m, source, thesis, stance, thesis_tag, stance_tags, colors)
    annotations = read_annotations(path, format)
    taken = {ev.id for ev in m.evidence}
    counts: dict[str, int] = {}
    for ev in m.evidence:
        counts[ev.source] = counts.get(ev.source, 0) + 1
    present = {(ev.source, ev.thesis, ev.passage.start, ev.passage.end): ev.id for ev in m.evidence}
    added: list[Imported] = []
    failed: list[NotImported] = []
    skipped: list[NotImported] = []
    for a in annotations:
        try:
            evidence, warning = _evidence(m, a, options)
        except _Failed as exc:
            (skipped if exc.skip else failed).append(NotImported(a, exc.reason))
            continue
        spot = (evidence.source, evidence.thesis, evidence.passage.start, evidence.passage.end)
        if spot in present:
            skipped.append(NotImported(a, f"already in the map: evidence {present[spot]!r} quotes the same passage "
                                       f"for the same thesis"))  # fmt: skip
            continue
        key = evidence.source
        n = counts.get(key, 0) + 1  # the id the map would give (ArgumentMap.cite): SOURCE-N, N free
        while f"{key}-{n}" in taken:
            n += 1
        evidence = attrs.evolve(evidence, id=f"{key}-{n}")
        counts[key] = counts.get(key, 0) + 1
        taken.add(evidence.id)
        present[spot] = evidence.id
        added.append(Imported(a, evidence, warning))
    apply = not dry_run and (partial or not failed)
    result = ImportResult(str(path), tuple(added), tuple(failed), tuple(skipped), applied=apply)
    if failed and not partial:
        raise AnnotationImportError(str(path), result)
    if apply:
        for item in added:
            m.add_evidence(item.evidence)
    return result


def import_into_map_file(
    map_path: str | Path,
    path: str | Path,
    *,
    format: str,
    placement: str = "thesis",
    **options: object,
) -> ImportResult:
    """Import the annotations of ``path`` into the map file ``map_path``, editing it in place.

    The map is loaded (every quote proven), the annotations imported as by
    :func:`import_annotations` (``options`` are its keyword arguments), and the new evidence
    added to the file keeping its comments, order and formatting: each new ``[[evidence]]``
    after its thesis's other evidence (``placement="thesis"``) or after the last
    (``placement="end"``), with a comment naming the annotation it came from. Before anything is
    written, the new text is loaded through the one loader and must hold the old map plus the new
    evidence; the file is then replaced atomically. A JSON form (``.json``) is written anew.

    Returns:
        What was added (written when ``applied``), what failed, what was skipped.

    Raises:
        MapFileError: the map file has problems of its own.
        AnnotationImportError: some annotations failed (and ``partial`` was not given); nothing
            was written.
        MapEditError: the file cannot be added to in place without changing what was there.
        OutputError: the file cannot be written.
    """
    expect_path("map_path", map_path)
    expect_path("path", path)
    map_path = Path(map_path)
    raw = map_path.read_bytes() if map_path.is_file() else b""
    loaded = mapfile.load_checked(map_path)
    result = import_annotations(loaded.map, path, format=format, **options)  # type: ignore[arg-type]
    if not result.applied or not result.added:
        return result
    if map_path.suffix.lower() == ".json":
        mapfile.save(loaded.map, map_path)
        return result
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    old_text = raw.decode("utf-8").removeprefix("\ufeff")
    entries = [(item.evidence, _comment(item)) for item in result.added]
    new_text = editing.add_evidence(old_text, entries, placement=placement, name=str(map_path))
    editing.check_addition(old_text, new_text, [editing.evidence_entry(ev) for ev, _ in entries], name=str(map_path))
    _check_loads(new_text, map_path, loaded.map)
    if map_path.read_bytes() != raw:
        raise MapEditError(str(map_path), "it changed while the annotations were imported; run the import again.")
    write_atomic(map_path, bom + new_text)
    return result


def _comment(item: Imported) -> str:
    a = item.annotation
    page = f", {page_locator([a.page_label])}" if a.page_label else ""
    return f"imported from {a.name}{page}"


def _check_loads(text: str, map_path: Path, expected: ArgumentMap) -> None:
    """Load the new text through the one loader: it must be the map with the new evidence."""
    try:
        again = mapfile.loads(text, base=map_path.parent, name=str(map_path))
    except ArgmapError as exc:
        raise MapEditError(str(map_path), f"the edited file would not load: {exc}") from exc
    same = (again.title, again.description, again.sources, again.theses, again.relations) == (
        expected.title, expected.description, expected.sources, expected.theses, expected.relations)  # fmt: skip
    if not same or {ev.id: ev for ev in again.evidence} != {ev.id: ev for ev in expected.evidence}:
        raise MapEditError(str(map_path), "the edited file would load as another map than the one imported into. "
                           "Please report this with the map file.")  # fmt: skip


# -- options ----------------------------------------------------------------------------------


def _options(
    m: ArgumentMap,
    source: str | None,
    thesis: str | None,
    stance: Stance | str | None,
    thesis_tag: str,
    stance_tags: Mapping[str, Stance | str] | None,
    colors: Mapping[str, Stance | str] | None,
) -> _Options:
    if source is not None:
        m.source(source)
    if thesis is not None:
        m.thesis(thesis)
    tags = {str(k).strip().casefold(): Stance.parse(v) for k, v in (stance_tags or STANCE_TAGS).items()}
    by_color = {_color_key(k): Stance.parse(v) for k, v in (colors or {}).items()}
    return _Options(source, thesis, None if stance is None else Stance.parse(stance), thesis_tag.casefold(), tags,
                    by_color)  # fmt: skip


def _color_key(value: str) -> str:
    """A colour as ``#rrggbb`` in lower case: Zotero's names (``red``) or hex (``#FF6666``, ``ff6666``)."""
    text = str(value).strip().lower()
    text = ZOTERO_COLORS.get(text, text)
    if re.fullmatch(r"[0-9a-f]{6}", text):
        text = "#" + text
    if not re.fullmatch(r"#[0-9a-f]{6}", text):
        names = ", ".join(n for n in ZOTERO_COLORS if n != "grey")
        raise InvalidValueError("colour", value, f"#rrggbb or one of Zotero's colours ({names})")
    return text


# -- one annotation ---------------------------------------------------------------------------


def _evidence(m: ArgumentMap, a: Annotation, options: _Options) -> tuple[Evidence, str | None]:
    """The evidence ``a`` gives (its id to be set), and a warning; raises _Failed."""
    if a.skip is not None or a.quote is None:
        raise _Failed(a.skip or "it quotes nothing", skip=True)
    source = _source_of(m, a, options.source)
    thesis, stance = _thesis_and_stance(m, a, options)
    passage, picked = _locate(source, a)
    warning = _page_check(a, passage, source)
    return Evidence("new", thesis, stance, a.quote, passage, note=a.note, **picked), warning


def _source_of(m: ArgumentMap, a: Annotation, fixed: str | None) -> Source:
    if fixed is not None:
        return m.source(fixed)
    urls = {_url_key(u) for u in a.urls}
    files = {name.casefold() for name in (*a.files, *(file_name(u) or "" for u in a.urls)) if "." in name}
    titles = {_title_key(t) for t in a.titles}
    for how, hits in (
        ("URL", [s for s in m.sources if s.url and _url_key(s.url) in urls]),
        ("file name", [s for s in m.sources if s.path and (file_name(s.path) or "").casefold() in files]),
        ("title", [s for s in m.sources if s.title and _title_key(s.title) in titles]),
    ):
        keys = {s.key for s in hits}
        hits = [s for s in hits if s.quoted_in not in keys]  # a document read in another: the host's file
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise _Failed(f"its document ({a.document}) has the {how} of several sources: "
                          f"{', '.join(s.key for s in hits)}; give the source (--source KEY)")  # fmt: skip
    raise _Failed(
        f"its document ({a.document}) is no source of the map: no source has its URL, file name or title; "
        "give the source (--source KEY), or set the source's url", skip=True,
    )  # fmt: skip


def _url_key(url: str) -> str:
    """A URL as compared: no scheme, ``www.``, fragment or trailing slash; the host in lower case."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


def _title_key(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.casefold()).split())


def _thesis_and_stance(m: ArgumentMap, a: Annotation, options: _Options) -> tuple[str, Stance]:
    prefix = options.thesis_tag
    named = list(dict.fromkeys(t[len(prefix) :].strip() for t in a.tags if prefix and t.casefold().startswith(prefix)))
    if len(named) > 1:
        raise _Failed(f"it is tagged with {len(named)} theses ({', '.join(named)}); one annotation is evidence for "
                      "one thesis: keep one tag, or annotate the passage once per thesis")  # fmt: skip
    thesis = named[0] if named else options.thesis
    if thesis is None:
        raise _Failed(f"no thesis: tag it {prefix}ID, or give the thesis (--thesis ID)")
    if thesis not in {t.id for t in m.theses}:
        fix = f"fix the tag {prefix}{thesis}, or add the thesis to the map first"
        raise _Failed(str(UnknownThesisError(thesis, [t.id for t in m.theses], fix)))
    stances = {options.stance_tags[t.strip().casefold()] for t in a.tags if t.strip().casefold() in options.stance_tags}
    if len(stances) > 1:
        raise _Failed("it is tagged both as supporting and as contesting; keep one tag")
    if stances:
        return thesis, stances.pop()
    if a.color is not None and a.color in options.colors:
        return thesis, options.colors[a.color]
    if options.stance is not None:
        return thesis, options.stance
    colour = f" (its colour {a.color} is in no colour map)" if a.color else ""
    raise _Failed(f"no stance{colour}: tag it {' or '.join(sorted(options.stance_tags))}, map its colour to a stance "
                  "(--color COLOUR=STANCE), or give the stance (--stance)")  # fmt: skip


def _context(text: str | None, *, before: bool) -> str | None:
    """The words of a TextQuoteSelector's prefix (``before``) or suffix, whitespace folded, less
    the word at the far end, which the tool may have cut in two (prefixes have a fixed length)."""
    if text is None:
        return None
    words = text.split()
    if len(words) > 1 and text[0 if before else -1].isalnum():
        words = words[1:] if before else words[:-1]
    return " ".join(words) or None


def _locate(source: Source, a: Annotation) -> tuple[Passage, dict[str, Any]]:
    """The passage of ``a``'s quote, and what picked it among several occurrences."""
    assert a.quote is not None
    try:
        try:
            return locate(source, a.quote), {}
        except AmbiguousQuoteError as exc:
            ambiguous, picked = exc, dict[str, Any]()
        prefix, suffix = _context(a.prefix, before=True), _context(a.suffix, before=False)
        # the fewest words that pick it, so the entry carries no more than it needs
        tries: list[dict[str, Any]] = [{"prefix": prefix}, {"suffix": suffix}] if prefix and suffix else []
        if prefix or suffix:
            tries.append({"prefix": prefix, "suffix": suffix})
        for around in tries:
            try:
                return locate(source, a.quote, **around), around
            except AmbiguousQuoteError as exc:
                if len(around) == 2:
                    ambiguous, picked = exc, around
            except InvalidQuoteError:
                pass  # these words around it are not the source's: the others, or the page, may pick
        layout = source.page_layout
        on_page = [
            n for n, (start, end, pages) in enumerate(ambiguous.occurrences, 1)
            if _agrees(a, pages, layout.indexes_of(start, end)) is True
        ]  # fmt: skip
        if len(on_page) != 1:
            raise ambiguous
        picked = {**picked, "occurrence": on_page[0]}
        return locate(source, a.quote, **picked), picked
    except ArgmapError as exc:
        raise _Failed(str(exc)) from None


def _same_page(label: str, pages: Sequence[str]) -> bool:
    def key(page: str) -> str:
        return page.strip().strip("[]").strip().casefold()

    return any(key(label) == key(page) for page in pages)


def _agrees(a: Annotation, pages: Sequence[str], indexes: Sequence[int]) -> bool | None:
    """Whether the annotation's page is among ``pages`` (by label) or ``indexes`` (physical,
    from 1): by the label when both sides have one, else by the physical page; ``None`` when
    it cannot be told."""
    if a.page_label is not None and pages:
        return _same_page(a.page_label, pages)
    if a.page_index is not None and indexes:
        return a.page_index + 1 in indexes
    return None


def _page_check(a: Annotation, passage: Passage, source: Source) -> str | None:
    """A warning (or _Failed) when the annotation's page is not where argmap found the quote."""
    if a.page_label is None and a.page_index is None:
        return None
    said = page_locator([a.page_label]) if a.page_label else f"page {a.page_index + 1} of the file"  # type: ignore[operator]
    found = passage.cite() or "no page"
    verdict = _agrees(a, passage.pages, passage.page_indexes)
    if verdict is None:
        return f"the annotation gives {said}; source {source.key!r} has no pages, so the page was not checked"
    if verdict:
        return None
    physical = a.page_index is not None and a.page_index + 1 in passage.page_indexes
    if physical:
        return (f"{a.tool} labels the page {a.page_label}, argmap cites {found}: the same page {a.page_index + 1} "  # type: ignore[operator]
                "of the file, whose printed number the two read differently")  # fmt: skip
    raise _Failed(
        f"{a.tool} puts it on {said}, but argmap finds the quote in source {source.key!r} on {found}: check that "
        "the source is the edition annotated (and its pages), or correct the annotation"
    )
