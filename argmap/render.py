"""Drawing diagrams with Graphviz: the one module that runs the ``dot`` program.

Everything about what a diagram shows is decided by :func:`argmap.to_dot`; this module hands
that text to Graphviz (through the ``graphviz`` package) and writes the result atomically.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import graphviz

from argmap import report
from argmap.analysis import Comparison
from argmap.argument_map import ArgumentMap
from argmap.dot import Style, to_dot
from argmap.errors import (
    DiagramTooLargeError,
    GraphvizNotFoundError,
    InvalidValueError,
    RenderError,
    RenderTimeoutError,
)
from argmap.files import write_atomic

__all__ = ["FORMATS", "mimebundle", "pipe", "render", "svg"]

#: Output formats :func:`render` writes.
FORMATS = ("svg", "png", "pdf")
#: Resolution of PNG output unless ``dpi=`` or the style says otherwise: sharp on screen and paper.
PNG_DPI = 150


#: Seconds Graphviz may take for one layout before argmap gives up on it.
TIMEOUT = 60.0


def pipe(dot_text: str, *, format: str = "svg", engine: str = "dot", timeout: float | None = TIMEOUT) -> bytes:
    """Run Graphviz on DOT text and return the drawing.

    Args:
        dot_text: DOT, as :func:`argmap.to_dot` writes it.
        format: ``"svg"``, ``"png"`` or ``"pdf"``.
        engine: the Graphviz layout program (``"dot"``; others ignore argmap's layout hints).
        timeout: seconds the layout may take (``None``: no limit); Graphviz is stopped after.

    Raises:
        InvalidValueError: an unknown format or engine.
        GraphvizNotFoundError: the Graphviz program is not installed or not on PATH.
        RenderTimeoutError: the layout took longer than ``timeout``.
        RenderError: Graphviz ran and failed.
    """
    if format not in FORMATS:
        raise InvalidValueError("format", format, "one of " + ", ".join(repr(f) for f in FORMATS))
    if engine not in graphviz.ENGINES:
        raise InvalidValueError("engine", engine, "one of " + ", ".join(repr(e) for e in sorted(graphviz.ENGINES)))
    # graphviz.pipe() itself, plus the time limit its runner passes on to subprocess.run
    command = graphviz.backend.dot_command.command(engine, format)
    try:
        done = graphviz.backend.execute.run_check(
            command, input=dot_text.encode("utf-8"), capture_output=True, quiet=True, timeout=timeout
        )
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFoundError(engine) from None
    except subprocess.TimeoutExpired:
        raise RenderTimeoutError(format, timeout or 0) from None
    except graphviz.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else str(exc.stderr or "")
        raise RenderError(format, stderr) from None
    return done.stdout  # type: ignore[no-any-return]


def render(
    m: ArgumentMap,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    view: str = "full",
    focus: str | None = None,
    radius: int = 1,
    sources: Sequence[str] | None = None,
    style: Style | None = None,
    max_nodes: int | None = None,
    caption: str | None = None,
    dpi: float | None = None,
    engine: str = "dot",
    timeout: float | None = TIMEOUT,
) -> Path:
    """Draw a view of the map with Graphviz and write it to ``path`` atomically.

    The view options are :func:`argmap.to_dot`'s. The file appears whole or not at all:
    the drawing goes to a temporary file beside it, then replaces ``path``.

    Args:
        m: the map to draw.
        path: the file to write; missing parent folders are created.
        format: ``"svg"``, ``"png"`` or ``"pdf"``; by default taken from the suffix of ``path``.
        view, focus, radius, sources, style, max_nodes, caption: see :func:`argmap.to_dot`.
        dpi: resolution of PNG output (default 150).
        engine: the Graphviz layout program.
        timeout: seconds the layout may take (``None``: no limit).

    Returns:
        The path written.

    Raises:
        InvalidValueError: an unknown format (or none given and none in the suffix), or a view
            option :func:`argmap.to_dot` rejects.
        DiagramTooLargeError: the view is too large for a useful layout (see ``max_nodes``).
        GraphvizNotFoundError: Graphviz is not installed; the message says how to install it.
        RenderError: Graphviz failed.
        RenderTimeoutError: the layout took longer than ``timeout``.
        OutputError: the file cannot be written.
    """
    target = Path(path)
    if format is None:
        format = target.suffix.lstrip(".").lower()
        if format not in FORMATS:
            raise InvalidValueError(
                "format", format or target.name, "svg, png or pdf: pass format= or give the path one of those suffixes"
            )
    style = style or Style()
    if format == "png":
        style = attrs.evolve(style, dpi=dpi or style.dpi or PNG_DPI)
    text = to_dot(
        m, view=view, focus=focus, radius=radius, sources=sources, style=style, max_nodes=max_nodes, caption=caption
    )
    data = pipe(text, format=format, engine=engine, timeout=timeout)
    return write_atomic(target, data)


def svg(m: ArgumentMap, **options: Any) -> str:
    """The map drawn as SVG text; ``options`` are :func:`argmap.to_dot`'s."""
    return pipe(to_dot(m, **options), format="svg").decode("utf-8")


def mimebundle(shown: ArgumentMap | Comparison) -> dict[str, str]:
    """What Jupyter shows for a map (its full view as SVG, or the overview if the full view is
    too large, saying so in its caption) or for a comparison (the compare view of its two
    sources). When no drawing can be made, the reason as text, and for a comparison its
    written report, instead of a traceback."""
    if isinstance(shown, Comparison):
        m, options = _map_of(shown), {"view": "compare", "sources": (shown.a.key, shown.b.key)}
        fallback = {"text/markdown": report.markdown(shown)}
    else:
        m, options, fallback = shown, {}, {}
    try:
        try:
            return {"image/svg+xml": svg(m, **options)}
        except DiagramTooLargeError as exc:
            note = (
                f"This view has {exc.nodes:,} nodes and relations, too many to lay out usefully; this is the overview."
            )
            return {"image/svg+xml": svg(m, view="overview", caption=note)}
    except (DiagramTooLargeError, GraphvizNotFoundError, RenderTimeoutError, RenderError) as exc:
        return {**fallback, "text/plain": f"{shown!r}\n(no diagram: {exc})"}


def _map_of(c: Comparison) -> ArgumentMap:
    """The map a comparison was made from, as far as it shows: its sources, theses, evidence,
    and the relations of its indirect conflicts."""
    m = ArgumentMap(title=c.title)
    for source in dict.fromkeys((*c.hosts, c.a, c.b)):
        m.add_source(source)
    for row in c.rows:
        m.add_thesis(row.thesis.id, row.thesis.statement, note=row.thesis.note)
    for row in c.rows:
        for ev in dict.fromkeys((*row.evidence_a, *row.evidence_b)):
            m.add_evidence(ev)
    relations = {rel for row in c.rows for conflict in row.conflicts for rel in conflict.path}
    for rel in sorted(relations, key=lambda r: (r.from_thesis, r.to_thesis)):
        m.relate(rel.from_thesis, rel.to_thesis, rel.stance, note=rel.note)
    return m
