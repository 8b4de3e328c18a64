"""Drawing diagrams with Graphviz: the one module that runs the ``dot`` program.

Everything about what a diagram shows is decided by :func:`argmap.to_dot`; this module hands
that text to Graphviz's program (run with :mod:`subprocess`, with a time limit) and writes the
result atomically.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap.analysis import Comparison
from argmap.argument_map import ArgumentMap
from argmap.errors import (
    DiagramTooLargeError,
    GraphvizNotFoundError,
    InvalidValueError,
    RenderError,
    RenderTimeoutError,
    expect,
    expect_path,
)
from argmap.files import write_atomic
from argmap.outputs import report
from argmap.outputs.dot import Style, to_dot

__all__ = ["ENGINES", "FORMATS", "mimebundle", "pipe", "render", "svg"]

#: Output formats :func:`render` writes.
FORMATS = ("svg", "png", "pdf")
#: Graphviz's layout programs.
ENGINES = ("circo", "dot", "fdp", "neato", "osage", "patchwork", "sfdp", "twopi")
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
    if engine not in ENGINES:
        raise InvalidValueError("engine", engine, "one of " + ", ".join(repr(e) for e in ENGINES))
    if timeout is not None and not (isinstance(timeout, int | float) and 0 < timeout < 1e6):
        raise InvalidValueError("timeout", timeout, "seconds, a number above 0 (or None: no limit)")
    program = shutil.which(engine)
    if program is None:
        raise GraphvizNotFoundError(engine)
    try:
        done = subprocess.run(
            [program, f"-T{format}"], input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout, check=False,
            preexec_fn=_dies_with_parent if sys.platform.startswith("linux") else None,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:  # run() has killed the program
        raise RenderTimeoutError(format, timeout or 0) from exc
    except OSError as exc:  # found, but cannot be run
        raise RenderError(format, f"cannot run {program}: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        raise RenderError(format, done.stderr.decode("utf-8", "replace"))
    return done.stdout


def _dies_with_parent() -> None:
    """In Graphviz's process, before it starts: have Linux kill it when argmap dies, even by
    ``kill -9`` (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), so that no layout runs on orphaned."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


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
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    expect_path("path", path)
    expect("format", format, (str, type(None)), "'svg', 'png', 'pdf' or None")
    expect("dpi", dpi, (int, float, type(None)), "a number or None")
    expect("engine", engine, str, "the name of a Graphviz program (a string)")
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
    try:
        data = pipe(text, format=format, engine=engine, timeout=timeout)
    except RenderTimeoutError as exc:  # say which view did not finish, and suggest only the others
        raise RenderTimeoutError(format, exc.timeout, view) from exc
    return write_atomic(target, data)


def svg(shown: ArgumentMap | Comparison, *, timeout: float | None = TIMEOUT, **options: Any) -> str:
    """A map or a comparison drawn as SVG text, within ``timeout`` seconds; ``options`` are
    :func:`argmap.to_dot`'s."""
    return pipe(to_dot(shown, **options), format="svg", timeout=timeout).decode("utf-8")


def mimebundle(shown: ArgumentMap | Comparison) -> dict[str, str]:
    """What Jupyter shows for a map (its full view as SVG, or the overview if the full view is
    too large, saying so in its caption) or for a comparison (the compare view of its two
    sources). When no drawing can be made, the reason as text, and for a comparison its
    written report, instead of a traceback."""
    fallback = {"text/markdown": report.markdown(shown)} if isinstance(shown, Comparison) else {}
    try:
        try:
            return {"image/svg+xml": svg(shown)}
        except DiagramTooLargeError as exc:
            note = (
                f"This view has {exc.nodes:,} nodes and relations, too many to lay out usefully; this is the overview."
            )
            return {"image/svg+xml": svg(shown, view="overview", caption=note)}
    except (DiagramTooLargeError, GraphvizNotFoundError, RenderTimeoutError, RenderError) as exc:
        return {**fallback, "text/plain": f"{shown!r}\n(no diagram: {exc})"}
