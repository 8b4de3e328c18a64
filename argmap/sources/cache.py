"""A disk cache of what readers extract from PDFs, EPUBs and web pages, so that checking a map
again does not read its books again.

An entry is keyed by the SHA-256 of the file's bytes, the reader, the options that change what it
extracts (a PDF's ``page_offset``, ``first_page``) and argmap's version; it holds the text, the
layout and the metadata the file offers, as JSON (nothing in it is ever executed). An entry that
cannot be read, or is not what argmap writes, is ignored and made anew; a cache that cannot be
written is no error.

The cache lives in the user's cache folder (``platformdirs``: ``~/.cache/argmap`` on Linux). The
environment variable ``ARGMAP_CACHE`` moves it (a folder) or turns it off (``off``); the command's
``--no-cache`` turns it off for one run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.files import write_atomic
from argmap.model import Source
from argmap.pages import Layout

__all__ = ["ENVIRONMENT", "directory", "read_cached"]

#: The environment variable that moves the cache (a folder) or turns it off (``off``).
ENVIRONMENT = "ARGMAP_CACHE"
_FORMAT = "argmap-extract-1"
#: Options read from the file each time: a password is never written to disk; page patterns
#: are refused by the readers of files with pages of their own.
_NOT_CACHED = ("password", "page_pattern", "ignore")
#: Metadata a reader may offer from the file itself (title, authors, ...): kept with the text.
_OFFERED = ("title", "authors", "year", "date", "container_title", "editors", "publisher", "place", "url",
            "accessed", "kind", "csl_type")  # fmt: skip


def directory() -> Path | None:
    """The cache folder, or ``None`` when the cache is off."""
    setting = os.environ.get(ENVIRONMENT, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    import platformdirs  # only where the cache is used

    return Path(platformdirs.user_cache_dir("argmap"))


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
    folder = directory()
    if folder is None or any(options.get(name) for name in _NOT_CACHED):
        return reader(path, key=key, **options)  # the reader refuses the wrong options itself
    try:
        data = Path(path).read_bytes()
    except OSError:
        return reader(path, key=key, **options)  # the reader says what is wrong with the file
    wanted = {name: options[name] for name in extracting if options.get(name) is not None}
    entry = folder / f"{_digest(data, reader, wanted)}.json"
    found = _load(entry)
    user = {k: v for k, v in options.items() if k not in extracting or k == "first_page"}
    if found is not None:
        text, layout, offered = found
        try:
            return Source(key=key, text=text, path=str(path), layout=layout, **{**offered, **wanted, **user})
        except (ArgmapError, TypeError):
            pass  # an entry that does not make a source: read the file
    extracted = reader(path, key=key, **wanted)
    offered = {name: getattr(extracted, name) for name in _OFFERED if getattr(extracted, name) not in (None, ())}
    _store(entry, extracted, offered)
    if not user:
        return extracted
    fields = {**offered, **wanted, **user}
    return Source(key=key, text=extracted.text, path=str(path), layout=extracted.layout, **fields)


def _digest(data: bytes, reader: Callable[..., Source], options: Mapping[str, Any]) -> str:
    try:
        version = metadata.version("argmap")
    except metadata.PackageNotFoundError:  # run from a checkout without installing
        version = "checkout"
    head = json.dumps([_FORMAT, version, reader.__module__, sorted(options.items())], default=str)
    return hashlib.sha256(head.encode() + hashlib.sha256(data).digest()).hexdigest()


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

