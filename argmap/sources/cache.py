"""A disk cache of what readers extract from PDFs, EPUBs and web pages, and of the normalized
views of long texts, so that checking a map again does not read its books again.

An entry is keyed by the SHA-256 of the file's bytes, the reader, the options that change what it
extracts (a PDF's ``page_offset``, ``first_page``) and argmap's version; it holds the text, the
layout and the metadata the file offers, as JSON (nothing in it is ever executed). An entry that
cannot be read, or is not what argmap writes, is ignored and made anew; a cache that cannot be
written is no error.

A view (:class:`~argmap.text.TextView`) is keyed by the SHA-256 of the text, the spans it skips
and argmap's version; it is kept for texts of :data:`VIEWS_FROM` characters or more, and checked
for order and bounds when read back.

The cache lives in :func:`argmap.files.cache_directory`: the user's cache folder, unless the
environment variable ``ARGMAP_CACHE`` moves it (a folder) or turns it off (``off``); the command's
``--no-cache`` turns it off for one run.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.files import cache_entry, write_atomic
from argmap.model import Source
from argmap.pages import Layout
from argmap.text import TextView, normalize

__all__ = ["VIEWS_FROM", "normalize_cached", "read_cached"]

#: The length of text from which a view is kept on disk (a shorter one is made in milliseconds).
VIEWS_FROM = 100_000
_FORMAT = "argmap-extract-1"
_VIEW_FORMAT = "argmap-view-1"
#: Options read from the file each time: a password is never written to disk; page patterns
#: are refused by the readers of files with pages of their own.
_NOT_CACHED = ("password", "page_pattern", "ignore")
#: Metadata a reader may offer from the file itself (title, authors, ...): kept with the text.
_OFFERED = ("title", "authors", "year", "date", "container_title", "editors", "publisher", "place", "url",
            "accessed", "kind", "csl_type")  # fmt: skip


def read_cached(
    reader: Callable[..., Source], path: str | Path, key: str, options: Mapping[str, Any], extracting: tuple[str, ...]
) -> Source:
    """``reader(path, key=key, **options)``, from the cache when the file was read before.

    Args:
        reader: the reader of the file's kind.
        path: the file.
        key: the source's key.
        options: the source's fields and the reader's options.
        extracting: the options that change what the reader extracts (part of the cache key).
    """
    if any(options.get(name) for name in _NOT_CACHED):
        return reader(path, key=key, **options)  # read each time; the reader refuses the wrong options itself
    wanted = {name: options[name] for name in extracting if options.get(name) is not None}
    user = {k: v for k, v in options.items() if k not in extracting or k == "first_page"}
    try:
        data = Path(path).read_bytes()
    except OSError:
        data = None  # the reader says what is wrong with the file
    entry = cache_entry(".json", _FORMAT, reader.__module__, sorted(wanted.items()), content=data or b"")
    if entry is None or data is None:
        return reader(path, key=key, **options)
    found = _load(entry)
    if found is not None:
        with contextlib.suppress(ArgmapError, TypeError):  # an entry that makes no source: read the file
            return _source(key, path, *found, {**wanted, **user})
    extracted = reader(path, key=key, **wanted)
    offered = {name: getattr(extracted, name) for name in _OFFERED if getattr(extracted, name) not in (None, ())}
    _store(entry, extracted, offered)
    return _source(key, path, extracted.text, extracted.page_layout, offered, {**wanted, **user})


def _source(key: str, path: str | Path, text: str, layout: Layout, offered: Mapping[str, Any],
            fields: Mapping[str, Any]) -> Source:  # fmt: skip
    """The source of a file's text and layout; its fields over the metadata the file offered."""
    return Source(key=key, text=text, path=str(path), layout=layout, normalizer=normalize_cached,
                  **{**offered, **fields})  # fmt: skip


def normalize_cached(text: str, skipped: tuple[tuple[int, int], ...] = ()) -> TextView:
    """:func:`argmap.text.normalize`, kept on disk for long texts: a book's view is made once."""
    if len(text) < VIEWS_FROM:
        return normalize(text, skipped)
    entry = cache_entry(".view.json", _VIEW_FORMAT, skipped, content=text.encode("utf-8", "surrogatepass"))
    if entry is None:
        return normalize(text, skipped)
    try:
        raw = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(raw, dict) and raw.get("format") == _VIEW_FORMAT:
            return TextView.from_data(raw, len(text))
    except (OSError, ValueError, TypeError, KeyError, OverflowError):
        pass  # missing, broken or foreign: made anew
    view = normalize(text, skipped)
    try:
        write_atomic(entry, json.dumps({"format": _VIEW_FORMAT, **view.to_data()}, ensure_ascii=False))
    except (ArgmapError, OSError):
        pass  # a cache that cannot be written is no error
    return view


def _load(entry: Path) -> tuple[str, Layout, dict[str, Any]] | None:
    """The text, layout and offered metadata of a cache entry; ``None`` when missing or not ours."""
    try:
        raw = json.loads(entry.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or raw.get("format") != _FORMAT or not isinstance(raw.get("text"), str):
            return None
        layout = raw["layout"]
        offered = raw["offered"]
        if not isinstance(layout, dict) or not isinstance(offered, dict) or set(offered) - set(_OFFERED):
            return None
        offered = {k: tuple(v) if isinstance(v, list) else v for k, v in offered.items()}
        return raw["text"], Layout(**layout), offered
    except (OSError, ValueError, TypeError, KeyError, ArgmapError):
        return None  # a broken or foreign entry: made anew


def _store(entry: Path, source: Source, offered: Mapping[str, Any]) -> None:
    layout = source.page_layout
    data = {
        "format": _FORMAT,
        "text": source.text,
        "layout": {"page_starts": layout.page_starts, "page_labels": layout.page_labels,
                   "page_indexes": layout.page_indexes, "skipped": layout.skipped, "main": layout.main},
        "offered": dict(offered),
    }  # fmt: skip
    try:
        write_atomic(entry, json.dumps(data, ensure_ascii=False))
    except (ArgmapError, OSError):
        pass  # a cache that cannot be written is no error: the file is read again next time

