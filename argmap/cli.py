"""The ``argmap`` command: check, compare, render, report and export a map file.

Each command is one call of the public API on the map that :func:`argmap.load` reads.
Errors are printed without a traceback, naming the file and line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.errors import (
    ArgmapError,
    DiagramTooLargeError,
    GraphvizNotFoundError,
    InvalidValueError,
    MapFileError,
    RenderTimeoutError,
    SourceChangedError,
    SourceChangedWarning,
    UnknownIdError,
)
from argmap.files import CACHE_ENVIRONMENT
from argmap.formats.export import FORMATS, export
from argmap.formats.mapfile import load, load_checked
from argmap.outputs.dot import VIEWS

__all__ = ["main"]

#: Exit codes, as ``--help`` documents them.
OK, PROBLEMS, USAGE, FAILED, INTERNAL, INTERRUPTED = 0, 1, 2, 3, 4, 130

_EPILOG = """\
examples:
  argmap check map.toml                       verify every quote of the map
  argmap compare map.toml                     the two sources side by side, thesis by thesis
  argmap compare map.toml chen hanngill --format markdown
  argmap render map.toml -o map.svg --view disagreements
  argmap report map.toml -o comparison.md
  argmap export map.toml --to argdown -o map.argdown
  argmap text map.toml chen --pages 250-251    the text quotes are matched against
  argmap html map.toml -o reading.html        the texts side by side in the browser, quotes highlighted
  argmap suggest map.toml kims-war -k 5        passages that may be evidence, as [[evidence]] blocks
  argmap parallels map.toml chen hanngill      where two sources treat the same matter, side by side

MAP is a map file (.toml) or the JSON form of a map (.json); source paths in it are
relative to its folder. argmap never rewrites MAP unless you ask (export ... -o MAP);
a map file written by argmap does not keep the comments of a hand-written one.

exit codes:
  0  fine (warnings, such as quotes matched only approximately, may be printed)
  1  problems found in the map: each is printed with its file and line
  2  usage: bad options, or a source, thesis or view the map does not have
  3  the work could not be done: Graphviz missing, an output file not writable
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``argmap`` command with ``argv`` (``sys.argv[1:]`` by default); return the exit code.

    What reaches a terminal shows control characters as escapes (:class:`_Inert`): messages
    always, the output when it is read on a terminal; output to a file or a pipe (``--format
    json > s.json``, ``argmap text``) is the data as it is.
    """
    out = _Inert(sys.stdout) if getattr(sys.stdout, "isatty", lambda: False)() else sys.stdout
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(_Inert(sys.stderr)):
        return _main(argv)


def _wrote(path: object) -> None:
    """Say a file was written, on stderr: the output itself may be stdout (``-o /dev/stdout``)."""
    print(f"wrote {path}", file=sys.stderr)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.no_cache:
        os.environ[CACHE_ENVIRONMENT] = "off"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SourceChangedWarning)
        try:
            code: int = args.run(args)
        except BrokenPipeError:  # the reader stopped reading (argmap text ... | head): nothing is wrong
            sys.stderr.close()
            return OK
        except UnknownIdError as exc:
            code = _fail(f"{exc}", USAGE)
        except (MapFileError, SourceChangedError) as exc:
            code = _fail(str(exc), PROBLEMS)
        except GraphvizNotFoundError as exc:
            code = _fail(str(exc), FAILED)
        except DiagramTooLargeError as exc:
            code = _fail(_too_large(exc), USAGE)
        except RenderTimeoutError as exc:
            code = _fail(_timed_out(exc), FAILED)
        except (InvalidValueError, _Usage) as exc:
            code = _fail(str(exc), USAGE)
        except ArgmapError as exc:
            code = _fail(str(exc), FAILED)
        except KeyboardInterrupt:
            return _fail("interrupted; nothing half-written was left", INTERRUPTED)
        except Exception as exc:  # a bug of argmap's: one line, and the trace in a file
            return _fail(_internal_error(exc, argv), INTERNAL)
    changed = [w for w in caught if isinstance(w.message, SourceChangedWarning)]
    for warning in caught:
        if warning in changed:
            # check lists every quote with its line: the warning's own list would repeat it
            text = str(warning.message)
            if args.run is _check:
                text = text.splitlines()[0].rstrip(":") + " (each is listed above, with its line)"
            print(f"argmap: warning: {text}", file=sys.stderr)
        else:  # not ours: let Python show it as usual
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    if changed:
        print(f"  To save the map as it is now: argmap export {args.map} --to json -o {args.map}", file=sys.stderr)
    return code


class _Inert:
    """A terminal stream that shows control characters as escapes (``\\x1b``), so that no text
    of a map (a statement, an id, a page label, a file name) can move the cursor, retitle the
    window or clear the screen. Line breaks, tabs and carriage returns pass."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _terminal(text: str) -> str:
    """``text`` with its control characters (and bidirectional overrides) as visible escapes.

    Examples:
        >>> _terminal("a\\x1b]0;PWNED\\x07b\\u202e")
        'a\\\\x1b]0;PWNED\\\\x07b\\\\u202e'
    """
    return _CONTROLS.sub(lambda c: f"\\x{ord(c.group()):02x}" if ord(c.group()) < 0x100 else f"\\u{ord(c.group()):04x}",
                         text)  # fmt: skip


def _internal_error(exc: Exception, argv: Sequence[str] | None) -> str:
    """Write the trace of an unexpected error to a file; the one line that says where."""
    import tempfile
    import traceback

    command = " ".join(["argmap", *(sys.argv[1:] if argv is None else map(str, argv))])
    trace = f"{command}\nargmap {_version()}, Python {sys.version.split()[0]}\n\n{traceback.format_exc()}"
    try:
        with tempfile.NamedTemporaryFile("w", prefix="argmap-error-", suffix=".txt", delete=False) as handle:
            handle.write(trace)
        where = f"the trace is in {handle.name}"
    except OSError:
        where = "the trace could not be written to a file"
    return (f"internal error: {type(exc).__name__}: {str(exc)[:200]}; this is a bug in argmap: please "
            f"report it with the command and the trace ({where})")  # fmt: skip


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("argmap")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def _fail(message: str, code: int) -> int:
    print(f"argmap: error: {message}", file=sys.stderr)
    return code


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Claim-and-evidence argument maps over real texts: verified quotes, positions, disagreements.",
        epilog=_EPILOG,
        formatter_class=formatter,
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    def command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help, epilog=f"example:\n  {example}\n\n"
                                  + _EPILOG[_EPILOG.index("exit codes:"):], formatter_class=formatter)  # fmt: skip
        sub.add_argument("map", metavar="MAP", type=Path, help="the map file (.toml) or JSON form (.json)")
        anew = f"read PDFs, EPUBs and web pages anew, not from the cache (also: {CACHE_ENVIRONMENT}=off)"
        sub.add_argument("--no-cache", action="store_true", help=anew)
        sub.add_argument("--allow-path", action="append", default=[], type=Path, metavar="DIR",
                         help="a folder outside the map's own that its files may be in (a map reads only its own "
                         "folder by default); may be given more than once")  # fmt: skip
        return sub

    check = command("check", "verify every quote: exit 1 when any is missing; fuzzy matches are warnings",
                    "argmap check examples/korean_war/map.toml")  # fmt: skip
    check.add_argument("-v", "--verbose", action="store_true", help="list every quote, not only the doubtful ones")
    check.set_defaults(run=_check)

    compare = command("compare", "compare two sources thesis by thesis (every pair when the map has more than two)",
                      "argmap compare map.toml chen hanngill --format json")  # fmt: skip
    compare.add_argument("sources", nargs="*", metavar="A B", help="the two source keys (optional with two sources)")
    compare.add_argument("--format", choices=("table", "json", "markdown"), default="table",
                         help="table (default), json, or markdown (the written report)")  # fmt: skip
    compare.set_defaults(run=_compare)

    render = command("render", "draw the map with Graphviz (svg, png or pdf, from the file's suffix)",
                     "argmap render map.toml -o map.svg --view focus --focus kims-war")  # fmt: skip
    render.add_argument("-o", "--output", required=True, type=_output_file, metavar="FILE", help="the file to write")
    render.add_argument("--view", default="full", help="full (default), overview, disagreements, focus, compare")
    render.add_argument("--focus", metavar="THESIS", help="the thesis of the focus view")
    render.add_argument("--radius", type=int, default=1, help="relation steps around the focus (default 1)")
    render.add_argument("--sources", nargs=2, metavar=("A", "B"), help="the two sources of the compare view")
    render.add_argument("--format", choices=("svg", "png", "pdf"), help="instead of the output file's suffix")
    render.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="how long Graphviz may take for the layout (default 60)")  # fmt: skip
    render.set_defaults(run=_render)

    report = command("report", "write the comparison of two sources as Markdown, with footnotes",
                     "argmap report map.toml chen hanngill -o comparison.md")  # fmt: skip
    report.add_argument("sources", nargs="*", metavar="A B", help="the two source keys (optional with two sources)")
    report.add_argument("-o", "--output", required=True, type=_output_file, metavar="FILE",
                        help="the Markdown file to write")  # fmt: skip
    report.add_argument("--parallels", action="store_true",
                        help="append the parallel passages no evidence cites (Passages not yet mapped)")  # fmt: skip
    report.add_argument("--all", action="store_true", dest="everything",
                        help="also the theses the sources agree on and those one source alone addresses, "
                             "with their evidence (default: the disagreements only)")  # fmt: skip
    report.set_defaults(run=_report)

    text = command("text", "print the text argmap matches quotes against, page labels in the margin",
                   "argmap text map.toml chen --pages 250-251")  # fmt: skip
    text.add_argument("source", metavar="SOURCE", help="the key of the source")
    text.add_argument("--pages", metavar="FIRST-LAST", help="only these pages (one page, or a range)")
    text.set_defaults(run=_text)

    reading = command("html", "write the reading view: the texts side by side, every quote highlighted (one HTML file)",
                      "argmap html map.toml -o reading.html chen hanngill")  # fmt: skip
    reading.add_argument("sources", nargs="*", metavar="SOURCE", help="the sources to set side by side (default: two)")
    reading.add_argument("-o", "--output", required=True, type=_output_file, metavar="FILE",
                         help="the HTML file to write")  # fmt: skip
    reading.add_argument("--no-diagram", action="store_true", help="leave out the overview diagram (needs no Graphviz)")
    reading.set_defaults(run=_html)
    _sources_after_options(reading)

    suggest = command("suggest", "suggest passages of the sources as evidence for a thesis, as [[evidence]] blocks",
                      "argmap suggest map.toml stalin-wanted-us-intervention --source chen -k 5")  # fmt: skip
    suggest.add_argument("thesis", metavar="THESIS", help="the id of the thesis")
    suggest.add_argument("--source", metavar="KEY", help="only this source (default: every source)")
    suggest.add_argument("-k", type=int, default=10, help="suggestions per source (default 10)")
    suggest.add_argument("--format", choices=("toml", "json"), default="toml",
                         help="toml (default: [[evidence]] blocks to paste into the map) or json")  # fmt: skip
    suggest.set_defaults(run=_suggest)

    parallel = command("parallels", "pairs of passages of two sources that treat the same matter, side by side",
                       "argmap parallels tests/data/lexington.toml gage coburn -k 10")  # fmt: skip
    parallel.add_argument("sources", nargs=2, metavar="A B", help="the two source keys")
    parallel.add_argument("-k", type=int, default=20, help="pairs to list (default 20)")
    parallel.add_argument("--quotations", action="store_true",
                          help="also list pairs in nearly the same words (one source quoting the other)")  # fmt: skip
    parallel.add_argument("--width", type=int, default=100, help="line width of the two columns (default 100)")
    parallel.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    parallel.set_defaults(run=_parallels)

    exporter = command("export", "write the map for other tools: Argdown, AIF, GraphML, or the full JSON form",
                       "argmap export map.toml --to aif -o map.aif.json")  # fmt: skip
    exporter.add_argument("--to", required=True, choices=FORMATS, help="the format")
    exporter.add_argument("-o", "--output", required=True, type=_output_file, metavar="FILE", help="the file to write")
    exporter.set_defaults(run=_export)

    _import_command(commands, formatter)
    return parser


def _check(args: argparse.Namespace) -> int:
    loaded = load_checked(args.map, allowed=args.allow_path)  # loading locates every quote: its report is the check
    print(loaded.report.format(path=str(args.map), lines=loaded.lines, everything=args.verbose))
    return OK if loaded.report.ok else PROBLEMS


def _pair(m: ArgumentMap, keys: Sequence[str], command: str, *, required: bool) -> tuple[str, str] | None:
    """The two sources to compare: as given, or the map's only two (``None`` if not ``required``)."""
    if len(keys) == 2:
        return keys[0], keys[1]
    known = " ".join(s.key for s in m.sources) or "none"
    if keys:
        raise _Usage(f"{command} takes two source keys (A B), or none; got {len(keys)}. Sources: {known}")
    if len(m.sources) == 2:
        return m.sources[0].key, m.sources[1].key
    if required:
        raise _Usage(
            f"the map has {len(m.sources)} source(s) ({known}); name the two to compare: argmap {command} MAP A B"
        )
    return None


class _Usage(ArgmapError):
    """A command line that asks for something the map does not allow (exit code 2)."""


def _output_file(value: str) -> Path:
    """An ``-o`` argument: a file's name (``''``, ``.`` or a folder is a usage error)."""
    path = Path(value)
    if not value or value.endswith(("/", os.sep)) or path.name in ("", ".", "..") or path.is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} is not a file to write: name a file, such as map.svg")
    return path


def _map_to_write_from(args: argparse.Namespace, *, renews_map: bool = False) -> ArgumentMap:
    """The map, loaded, once ``-o`` is known not to be one of its files (the map file, a source
    text): writing there would destroy what the output is made from. ``renews_map``: the output
    is the map file in its own format (a JSON form written anew), which may replace it."""
    m = load(args.map, allowed=args.allow_path)
    output = args.output.resolve()
    inputs = {Path(s.path).resolve(): f"the text of source {s.key!r}" for s in m.sources if s.path}
    if not renews_map:
        inputs[Path(args.map).resolve()] = "the map file"
    if output in inputs:
        raise _Usage(f"-o {args.output} is {inputs[output]}: writing there would destroy it; name another file")
    return m


#: The views of ``render --view``, as the command line asks for them.
_VIEWS = (
    "--view overview (theses only, with position badges)",
    "--view disagreements (only the disputed theses)",
    "--view focus --focus THESIS [--radius N] (one thesis and its neighbours)",
    "--view compare --sources A B (two sources side by side)",
)


def _views_besides(view: str | None) -> str:
    """The command-line views to draw instead of ``view``."""
    return "; ".join(v for v in _VIEWS if not v.startswith(f"--view {view} "))


def _too_large(exc: DiagramTooLargeError) -> str:
    """The library's message about a too large view, in command-line words."""
    return (
        f"the {exc.view} view of this map has {exc.nodes:,} nodes, more than {exc.limit:,}: Graphviz would take "
        f"very long and the picture would be unreadable. Draw a smaller view: {_views_besides(exc.view)}."
    )


def _source_legend(m: ArgumentMap) -> str:
    """Which work each source key of a table is: ``chen  Chen and Yang 1998, Chinese Politics ...``."""
    from argmap.outputs.citation import label, short_citation

    width = max((len(s.key) for s in m.sources), default=0)
    lines = ["Sources:"]
    for source in m.sources:
        said = ", ".join(part for part in (short_citation(source), label(source)) if part.strip())
        lines.append(f"  {source.key:{width}}  {said or '(no metadata)'}")
    return "\n".join(lines)


def _timed_out(exc: RenderTimeoutError) -> str:
    """The library's message about a layout that took too long, in command-line words: the
    command's own options, and no suggestion to draw the view being drawn."""
    head = (
        f"Graphviz did not finish laying out the {exc.view or 'overview'} diagram within {exc.timeout:g} s: the "
        "view is too large or its relations too dense for a useful picture."
    )
    if exc.fix is not None:  # the reading view, whose overview is optional
        return f"{head} Write the reading view without it: add --no-diagram."
    return f"{head} Draw a smaller view: {_views_besides(exc.view)}; or allow more time: --timeout SECONDS."


def _compare(args: argparse.Namespace) -> int:
    m = load(args.map, allowed=args.allow_path)
    pair = _pair(m, args.sources, "compare", required=args.format == "markdown")
    if pair is None:
        matrix = m.compare_all()
        print(json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2) if args.format == "json" else matrix)
        if args.format != "json":
            print(_source_legend(m))
        return OK
    comparison = m.compare(*pair)
    if args.format == "json":
        print(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        from argmap.outputs.report import markdown

        print(markdown(comparison), end="")
    else:
        print(comparison)
    return OK


def _render_usage(args: argparse.Namespace) -> None:
    """Check the options of ``render`` before loading, in command-line words."""
    from argmap.outputs.render import FORMATS as IMAGE_FORMATS

    if args.view not in VIEWS:
        raise _Usage(f"unknown view {args.view!r}; --view takes one of: {', '.join(VIEWS)}")
    if args.view == "focus" and not args.focus:
        raise _Usage("--view focus needs --focus THESIS: the id of the thesis to centre on")
    if args.view == "compare" and not args.sources:
        raise _Usage("--view compare needs --sources A B: the keys of the two sources to set side by side")
    if args.sources and args.sources[0] == args.sources[1]:
        raise _Usage(f"--sources needs two different source keys, not {args.sources[0]} twice")
    if args.radius < 0:
        raise _Usage(f"--radius must be 0 or more (relation steps around the focus), not {args.radius}")
    if args.timeout is not None and not 0 < args.timeout < 1e6:
        raise _Usage(f"--timeout must be seconds above 0, not {args.timeout:g}")
    suffix = args.output.suffix.lstrip(".").lower()
    if args.format is None and suffix not in IMAGE_FORMATS:
        raise _Usage(
            f"cannot tell the image format from -o {args.output}: end the file name in "
            f"{', '.join('.' + f for f in IMAGE_FORMATS)}, or give --format"
        )
    if args.format is not None and suffix and suffix != args.format:
        raise _Usage(
            f"-o {args.output} ends in .{suffix} but --format is {args.format}: name the file "
            f"{args.output.with_suffix('.' + args.format).name}, or leave out --format"
        )


def _render(args: argparse.Namespace) -> int:
    from argmap.outputs.render import render  # the only module that runs Graphviz

    _render_usage(args)
    m = _map_to_write_from(args)
    timeout = {} if args.timeout is None else {"timeout": args.timeout}
    render(m, args.output, format=args.format, view=args.view, focus=args.focus, radius=args.radius,
           sources=args.sources, **timeout)  # fmt: skip
    _wrote(args.output)
    return OK


def _report(args: argparse.Namespace) -> int:
    from argmap.outputs.report import write_markdown

    m = _map_to_write_from(args)
    pair = _pair(m, args.sources, "report", required=True)
    assert pair is not None
    write_markdown(m.compare(*pair), args.output, parallels=m.parallels(*pair) if args.parallels else None,
                   everything=args.everything)  # fmt: skip
    _wrote(args.output)
    return OK


def _text(args: argparse.Namespace) -> int:
    source = load(args.map, allowed=args.allow_path).source(args.source)
    pages = source.page_texts()
    if args.pages:
        first, _, last = args.pages.partition("-")
        labels = [label for label, _ in pages]
        if first not in labels or (last or first) not in labels:
            known = ", ".join(dict.fromkeys(label for label in labels if label)) or "none"
            raise _Usage(f"--pages {args.pages}: source {source.key!r} has no such pages; its pages: {known}")
        start = labels.index(first)
        pages = pages[start : labels.index(last or first, start) + 1]
    width = max([len(label or "") for label, _ in pages] + [4])
    for label, text in pages:
        margin = f"{'p. ' + label if label else '':>{width + 3}}"
        lines = re.sub(r"\n\s*\n", "\n\n", text).splitlines() or [""]  # one blank line between paragraphs
        for n, line in enumerate(lines):
            print(f"{margin if n == 0 else ' ' * len(margin)} | {line}".rstrip())
    return OK


def _sources_after_options(parser: argparse.ArgumentParser) -> None:
    """Let the source keys also come after the options (``html MAP -o FILE A B``): argparse gives a
    ``*`` positional its empty share before the options, and would refuse the keys after them."""
    parse = parser.parse_known_args

    def parse_known_args(args: Any = None, namespace: Any = None) -> tuple[argparse.Namespace, list[str]]:
        found, extras = parse(args, namespace)
        found.sources = [*found.sources, *(a for a in extras if not a.startswith("-"))]
        return found, [a for a in extras if a.startswith("-")]

    parser.parse_known_args = parse_known_args  # type: ignore[method-assign,assignment]


def _html(args: argparse.Namespace) -> int:
    from argmap.outputs.reading import html

    m = _map_to_write_from(args)
    try:
        html(m, args.output, sources=args.sources or None, diagram=not args.no_diagram)
    except GraphvizNotFoundError:
        print("argmap: --no-diagram writes the reading view without the overview diagram", file=sys.stderr)
        raise
    _wrote(args.output)
    return OK


def _suggest(args: argparse.Namespace) -> int:
    if args.k < 1:
        raise _Usage(f"-k must be 1 or more (suggestions per source), not {args.k}")
    suggestions = load(args.map, allowed=args.allow_path).suggest(args.thesis, source=args.source, k=args.k)
    if args.format == "json":
        print(json.dumps(suggestions.to_dict(), ensure_ascii=False, indent=2))
    else:
        from argmap.formats.suggestions import evidence_blocks

        print(evidence_blocks(suggestions), end="")
    return OK


def _parallels(args: argparse.Namespace) -> int:
    if args.k < 1:
        raise _Usage(f"-k must be 1 or more (pairs to list), not {args.k}")
    if args.width < 40:
        raise _Usage(f"--width must be 40 or more, not {args.width}")
    m = load(args.map, allowed=args.allow_path)
    found = m.parallels(*args.sources, k=args.k, quotations=args.quotations)
    if args.format == "json":
        print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        from argmap.outputs.parallels import side_by_side

        print(side_by_side(found, m.source(args.sources[0]), m.source(args.sources[1]), width=args.width), end="")
    return OK


def _export(args: argparse.Namespace) -> int:
    renews = args.to == "json" and Path(args.map).suffix.lower() == ".json"  # a JSON form written anew
    export(_map_to_write_from(args, renews_map=renews), args.output, to=args.to)
    _wrote(args.output)
    return OK


def _import_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], formatter: type[argparse.HelpFormatter]
) -> None:
    """``argmap import FORMAT FILE --map MAP``: annotations become evidence, added to the map file in place."""
    from argmap.formats.annotations import FORMATS as ANNOTATION_FORMATS

    about = ("add highlights from Hypothesis, W3C Web Annotations or Zotero to a map file as evidence, each quote "
             "proven; the file keeps its comments and formatting")  # fmt: skip
    example = (
        "argmap import zotero ~/Zotero/zotero.sqlite --map map.toml --color red=contests --color green=supports\n"
        "  argmap import hypothesis search.json --map map.toml --source chen --thesis kims-war --stance supports\n\n"
        "Each annotation's thesis and stance come from its tags (thesis:ID; supports or contests), else its\n"
        "colour (--color), else --thesis/--stance; its source from --source, else the source whose url, file\n"
        "name or title is the annotated document's. When any annotation fails (quote not in the source, page\n"
        "not where the quote is, no thesis...), each is listed and nothing is written, unless --partial."
    )
    codes = _EPILOG[_EPILOG.index("exit codes:") :]
    sub = commands.add_parser("import", help=about, description=about, formatter_class=formatter,
                              epilog=f"examples:\n  {example}\n\n{codes}")  # fmt: skip
    sub.add_argument("format", metavar="FORMAT", choices=ANNOTATION_FORMATS,
                     help=f"{', '.join(ANNOTATION_FORMATS)} (zotero: API JSON or a zotero.sqlite)")  # fmt: skip
    sub.add_argument("file", metavar="FILE", type=Path, help="the file of annotations")
    sub.add_argument("--map", required=True, type=Path, metavar="MAP", help="the map file (.toml) to add to")
    sub.add_argument("--source", metavar="KEY", help="the source every annotation quotes")
    sub.add_argument("--thesis", metavar="ID", help="the thesis of annotations whose tags name none")
    sub.add_argument("--stance", choices=("supports", "contests"), help="the stance of annotations with none")
    sub.add_argument("--color", action="append", default=[], metavar="COLOUR=STANCE",
                     help="a highlight colour (#ff6666 or Zotero's red, green, ...) and its stance; repeatable")
    sub.add_argument("--stance-tag", action="append", default=[], metavar="TAG=STANCE",
                     help="a tag that gives a stance (default: supports, contests); repeatable")
    sub.add_argument("--thesis-tag", default="thesis:", metavar="PREFIX",
                     help="the tag prefix that names a thesis (default thesis:)")
    sub.add_argument("--placement", choices=("thesis", "end"), default="thesis",
                     help="new evidence after its thesis's other evidence (default), or after the last")
    sub.add_argument("--partial", action="store_true", help="write what was proven even when some annotations fail")
    sub.add_argument("--dry-run", action="store_true", help="prove and report; write nothing")
    sub.add_argument("--no-cache", action="store_true", help="read PDFs, EPUBs and web pages anew, not from the cache")
    sub.set_defaults(run=_import)  # fmt: skip


def _pairs(values: Sequence[str], option: str) -> dict[str, str]:
    out = {}
    for value in values:
        key, equals, stance = value.rpartition("=")
        if not equals or not key.strip() or stance.strip() not in ("supports", "contests"):
            raise _Usage(f"{option} {value!r}: write it as {option[2:].upper()}=supports or =contests")
        out[key.strip()] = stance.strip()
    return out


def _import(args: argparse.Namespace) -> int:
    from argmap.errors import AnnotationImportError
    from argmap.formats.importer import STANCE_TAGS, import_into_map_file

    try:
        result = import_into_map_file(
            args.map, args.file, format=args.format, placement=args.placement, source=args.source,
            thesis=args.thesis, stance=args.stance, partial=args.partial, dry_run=args.dry_run,
            thesis_tag=args.thesis_tag, stance_tags=_pairs(args.stance_tag, "--stance-tag") or STANCE_TAGS,
            colors=_pairs(args.color, "--color"),
        )  # fmt: skip
    except AnnotationImportError as exc:
        print(exc.result.format(), file=sys.stderr)  # type: ignore[attr-defined]
        return _fail(f"{len(exc.result.failed)} annotation(s) failed; nothing was written to {args.map}. Fix them, "  # type: ignore[attr-defined]
                     "or write the proven ones alone with --partial.", PROBLEMS)  # fmt: skip
    print(result.format(written=str(args.map)))
    unmatched = [s for s in result.skipped if "no source of the map" in s.reason]
    if result.failed or (unmatched and not result.added):
        return PROBLEMS
    return OK

