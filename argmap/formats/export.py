"""Exports for other tools: Argdown, AIF, GraphML, and the full JSON form, written atomically.

What each format keeps is said in its module: :mod:`argmap.formats.argdown`,
:mod:`argmap.formats.aif`, :mod:`argmap.formats.graphml`, :mod:`argmap.formats.jsonform`.
"""

from __future__ import annotations

import json
from pathlib import Path

from argmap.argument_map import ArgumentMap
from argmap.errors import InvalidValueError, expect, expect_path
from argmap.files import stream_of, write_atomic
from argmap.formats import jsonform
from argmap.formats.aif import to_aif
from argmap.formats.argdown import to_argdown
from argmap.formats.graphml import to_graphml

__all__ = ["FORMATS", "export"]

#: The formats :func:`export` writes.
FORMATS = ("argdown", "aif", "graphml", "json")
#: The endings of the files each format is written to.
SUFFIXES = {"argdown": (".argdown", ".ad"), "aif": (".json", ".aif"), "graphml": (".graphml", ".xml"),
            "json": (".json",)}  # fmt: skip


def export(m: ArgumentMap, path: str | Path, *, to: str) -> Path:
    """Write ``m`` to ``path`` in format ``to`` (one of :data:`FORMATS`), atomically.

    Raises:
        InvalidValueError: an unknown format, or a file name whose ending is another kind of
            file's (``--to json -o map.toml`` would replace a map file with JSON).
        MapSaveError: (JSON form) a source's text differs from its file, to which the JSON
            form would refer.
        OutputError: the file cannot be written.
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    expect_path("path", path)
    expect("to", to, str, "a format name (a string): " + ", ".join(FORMATS))
    path = Path(path)
    named = stream_of(path) is None and (path.is_file() or not path.exists())  # a file, not /dev/stdout
    if to in SUFFIXES and named and path.suffix.lower() not in SUFFIXES[to]:
        endings = " or ".join(SUFFIXES[to])
        raise InvalidValueError("file name for the export", str(path), f"a name ending in {endings} for {to}")
    if to == "json":
        return jsonform.save(m, path)
    if to == "argdown":
        text = to_argdown(m)
    elif to == "aif":
        text = json.dumps(to_aif(m), ensure_ascii=False, indent=2) + "\n"
    elif to == "graphml":
        text = to_graphml(m)
    else:
        raise InvalidValueError("export format", to, " or ".join(repr(f) for f in FORMATS))
    return write_atomic(path, text)
