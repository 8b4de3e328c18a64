"""A stranger's map can't hurt you: each class of attack (issue 16) as tests that failed before.

Classes: patterns that run away, paths out of the map's folder and files that are not files,
outputs that would destroy a file, values the API took and could not save, and the command's
last resort. Each test names what it guards against.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import pages
from argmap.cli import main
from argmap.errors import InputFileError, InvalidValueError, MapFileError, PathNotAllowedError, SourceFileError

TEXT = "the Rebels fired first upon the troops at Lexington"


def map_with(tmp_path: Path, source: str, *, name: str = "map.toml") -> Path:
    """A map file in ``tmp_path`` with one ``[[source]]`` table (its keys as TOML lines) and one quote."""
    path = tmp_path / name
    path.write_text(f'[[source]]\nkey = "s"\n{source}\n\n[[thesis]]\nid = "t"\nstatement = "T."\n\n'
                    '[[evidence]]\nthesis = "t"\nsource = "s"\nstance = "supports"\nquote = "the Rebels fired first"\n',
                    encoding="utf-8")  # fmt: skip
    return path


def problems(path: Path, **options: object) -> str:
    with pytest.raises(MapFileError) as info:
        argmap.load(path, **options)  # type: ignore[arg-type]
    return str(info.value)


# -- patterns that run away ------------------------------------------------------------------


class TestPatterns:
    @pytest.fixture(autouse=True)
    def _short_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(pages, "PATTERN_TIMEOUT", 0.3)

    @pytest.mark.parametrize("field", ["page_pattern", "ignore"])
    def test_backtracking_pattern_is_refused_not_left_to_hang(self, field: str) -> None:
        """`(a|aa)+$` against a line of a's backtracks without end in Python's re: refused in time."""
        text = "a" * 60 + "b\n" + TEXT
        started = time.perf_counter()
        with pytest.raises(InvalidValueError, match=r"ran over 0.3 s.*simpler"):
            argmap.Source(key="s", text=text, **{field: r"(a|aa)+$"})  # type: ignore[arg-type]
        assert time.perf_counter() - started < 10

    def test_in_a_map_file_with_its_line(self, tmp_path: Path) -> None:
        (tmp_path / "s.txt").write_text("a" * 60 + "b\n" + TEXT, encoding="utf-8")
        message = problems(map_with(tmp_path, 'path = "s.txt"\nignore = ["(a|aa)+$"]'))
        assert "map.toml:4:" in message and "ran over" in message

    @pytest.mark.parametrize("pattern", ["a{4294967296}", "(" * 2000 + "a" + ")" * 2000, "[", "*a"])
    def test_pattern_that_cannot_be_compiled(self, pattern: str) -> None:
        """Overflowing repeats, nesting past the recursion limit: a clear error, not a traceback."""
        with pytest.raises(InvalidValueError, match="a regular expression") as info:
            argmap.Source(key="s", text=TEXT, page_pattern=pattern)
        assert len(str(info.value)) < 400  # the pattern is shown cut, with its length


# -- paths out of the map's folder, files that are not files ---------------------------------


class TestPaths:
    def test_path_out_of_the_folder(self, tmp_path: Path) -> None:
        """`../secret.txt` is refused by default, with how to allow it; allowed, it is read."""
        (tmp_path / "secret.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "maps").mkdir()
        path = map_with(tmp_path / "maps", 'path = "../secret.txt"')
        message = problems(path)
        assert "map.toml:3:" in message and "outside the map's folder" in message and "--allow-path" in message
        assert argmap.load(path, allowed=[tmp_path]).source("s").text == TEXT

    def test_absolute_path(self, tmp_path: Path) -> None:
        """An absolute path elsewhere (`/etc/passwd`) is refused, and nothing of it is read."""
        message = problems(map_with(tmp_path, 'path = "/etc/passwd"'))
        assert "outside the map's folder" in message and "root:" not in message

    def test_symlink_out_of_the_folder(self, tmp_path: Path) -> None:
        """A symlink inside the folder that points out of it is judged by where it points."""
        (tmp_path / "outside.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "maps").mkdir()
        (tmp_path / "maps" / "s.txt").symlink_to(tmp_path / "outside.txt")
        assert "outside the map's folder" in problems(map_with(tmp_path / "maps", 'path = "s.txt"'))

    def test_csl_file_out_of_the_folder(self, tmp_path: Path) -> None:
        (tmp_path / "items.json").write_text('[{"id": "s", "title": "T"}]', encoding="utf-8")
        (tmp_path / "maps").mkdir()
        path = tmp_path / "maps" / "map.toml"
        path.write_text('csl = "../items.json"\n' + map_with(tmp_path, f'text = "{TEXT}"', name="x").read_text())
        assert "outside the map's folder" in problems(path)

    @pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
    def test_not_a_regular_file(self, tmp_path: Path, kind: str) -> None:
        """A FIFO (which would block reading), a folder, /dev/zero (read without end) as a source."""
        target = {"fifo": tmp_path / "pipe", "folder": tmp_path / "texts", "device": Path("/dev/zero")}[kind]
        if kind == "fifo":
            os.mkfifo(target)
        elif kind == "folder":
            target.mkdir()
        message = problems(map_with(tmp_path, f'path = "{target}"'), allowed=["/dev"])
        assert {"fifo": "a FIFO", "folder": "a folder", "device": "a character device"}[kind] in message

    def test_fifo_as_the_map(self, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "map.toml")
        with pytest.raises(MapFileError, match="a FIFO"):
            argmap.load(tmp_path / "map.toml")

    def test_file_too_large(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file over the limit is refused with its size, before it is read."""
        (tmp_path / "s.txt").write_text(TEXT * 100, encoding="utf-8")
        monkeypatch.setenv("ARGMAP_MAX_FILE_MB", "0.001")
        assert "more than argmap reads" in problems(map_with(tmp_path, 'path = "s.txt"'))
        with pytest.raises(SourceFileError, match="ARGMAP_MAX_FILE_MB"):
            argmap.Source.from_file(tmp_path / "s.txt", key="s")

    def test_nul_in_a_path(self, tmp_path: Path) -> None:
        with pytest.raises(InputFileError):
            argmap.Source.from_file(str(tmp_path / "a\0b.txt"), key="s")

    def test_command_allow_path(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`argmap check --allow-path DIR` reads a text there; without it, exit 1 and why."""
        (tmp_path / "secret.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "maps").mkdir()
        path = map_with(tmp_path / "maps", 'path = "../secret.txt"')
        assert main(["check", str(path)]) == 1
        assert "outside the map's folder" in capsys.readouterr().err
        assert main(["check", str(path), "--allow-path", str(tmp_path)]) == 0

    def test_error_is_a_permission_error(self, tmp_path: Path) -> None:
        from argmap.files import input_file

        (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
        with pytest.raises(PermissionError):
            input_file(tmp_path / "a.txt", inside=[tmp_path / "maps"])
        assert issubclass(PathNotAllowedError, InputFileError)


# -- outputs that would destroy a file -------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path) -> Path:
    (tmp_path / "gage.txt").write_text(TEXT, encoding="utf-8")
    return map_with(tmp_path, 'path = "gage.txt"')


class TestOutputs:
    def test_device_is_written_to_not_replaced(self, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`-o /dev/null` (as root, the rename replaced the device node with a file)."""
        assert main(["export", str(small), "--to", "json", "-o", "/dev/null"]) == 0
        assert Path("/dev/null").is_char_device()

    def test_full_disk_is_an_error(self, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`-o /dev/full` reported success; now the disk-full error, exit 3."""
        assert main(["export", str(small), "--to", "json", "-o", "/dev/full"]) == 3
        assert "No space left on device" in capsys.readouterr().err

    def test_stdout_keeps_what_was_printed(self, small: Path, tmp_path: Path) -> None:
        """`-o /dev/stdout` with stdout redirected to a file: written at its place, the file kept."""
        out = tmp_path / "out.txt"
        with out.open("w") as handle:
            code = subprocess.run([sys.executable, "-m", "argmap", "export", str(small), "--to", "argdown", "-o",
                                   "/dev/stdout"], stdout=handle, check=False).returncode  # fmt: skip
        assert code == 0
        text = out.read_text(encoding="utf-8")
        assert "the Rebels fired first" in text and "wrote" not in text  # the data alone: the message is on stderr

    def test_symlink_is_written_through(self, tmp_path: Path) -> None:
        """A symlinked output keeps its link; the file it points to gets the data."""
        from argmap.files import write_atomic

        (tmp_path / "real.svg").write_text("old", encoding="utf-8")
        (tmp_path / "link.svg").symlink_to(tmp_path / "real.svg")
        write_atomic(tmp_path / "link.svg", "new")
        assert (tmp_path / "link.svg").is_symlink() and (tmp_path / "real.svg").read_text() == "new"

    @pytest.mark.parametrize("target", ["map", "source"])
    def test_output_onto_an_input_is_refused(self, small: Path, target: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
        """`export --to argdown -o map.toml` replaced the map; `-o gage.txt` a source text."""
        path = small if target == "map" else small.parent / "gage.txt"
        before = path.read_bytes()
        assert main(["render", str(small), "--format", "svg", "-o", str(path)]) == 2
        assert main(["report", str(small), "-o", str(path)]) != 0
        assert "would destroy it" in capsys.readouterr().err
        assert path.read_bytes() == before

    def test_suffix_that_contradicts_the_format(self, small: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
        """`export --to json -o other.toml` would write JSON under a map file's name."""
        assert main(["export", str(small), "--to", "json", "-o", str(tmp_path / "other.toml")]) != 0
        assert "ending in .json" in capsys.readouterr().err and not (tmp_path / "other.toml").exists()

    def test_json_form_may_renew_itself(self, small: Path, tmp_path: Path) -> None:
        """The one output that may replace its input: a JSON form written anew in place."""
        form = tmp_path / "map.json"
        assert main(["export", str(small), "--to", "json", "-o", str(form)]) == 0
        assert main(["export", str(form), "--to", "json", "-o", str(form)]) == 0

    @pytest.mark.parametrize("output", ["", ".", "..", "folder/"])
    def test_not_a_file_name(self, small: Path, output: str, capsys: pytest.CaptureFixture[str]) -> None:
        """`-o ''` and `-o .` were ValueError tracebacks: usage errors now (exit 2)."""
        with pytest.raises(SystemExit) as info:
            main(["export", str(small), "--to", "json", "-o", output])
        assert info.value.code == 2 and "not a file to write" in capsys.readouterr().err

    def test_stale_temporary_files_are_removed(self, tmp_path: Path) -> None:
        """A run killed midway left `.argmap-out.svg.PID.x.tmp`; the next write removes it (its process is gone)."""
        from argmap.files import write_atomic

        gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout.strip()  # fmt: skip
        stale = tmp_path / f".argmap-out.svg.{gone}.abcd1234.tmp"
        live = tmp_path / f".argmap-out.svg.{os.getpid()}.abcd1234.tmp"
        stale.write_text("half", encoding="utf-8")
        live.write_text("being written", encoding="utf-8")
        write_atomic(tmp_path / "out.svg", "whole")
        assert not stale.exists() and live.exists()

    def test_killed_during_a_save_leaves_no_temporary_file_behind(self, tmp_path: Path) -> None:
        """`kill -9` during a large save left a temporary file every time (20/20); the next save cleans up."""
        script = ("import sys, argmap.files as f\nf.os.fsync = lambda fd: f.os.kill(f.os.getpid(), 9)\n"
                  "f.write_atomic(sys.argv[1], 'x' * 1000)\n")  # fmt: skip
        subprocess.run([sys.executable, "-c", script, str(tmp_path / "m.json")], check=False)
        assert list(tmp_path.glob(".argmap-m.json.*.tmp"))  # killed before the rename
        from argmap.files import write_atomic

        write_atomic(tmp_path / "m.json", "whole")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]

    @pytest.mark.graphviz
    def test_killing_argmap_kills_its_dot(self, small: Path, tmp_path: Path) -> None:
        """A `dot` kept running after argmap was killed mid-render."""
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        (bin_dir / "dot").write_text(f"#!/bin/sh\necho $$ > {tmp_path}/dot.pid\nexec sleep 60\n", encoding="utf-8")
        (bin_dir / "dot").chmod(0o755)
        env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
        argmap_run = subprocess.Popen([sys.executable, "-m", "argmap", "render", str(small), "-o",
                                       str(tmp_path / "m.svg")], env=env)  # fmt: skip
        pid_file = tmp_path / "dot.pid"
        for _ in range(200):
            if pid_file.exists() and pid_file.read_text().strip():
                break
            time.sleep(0.05)
        dot = int(pid_file.read_text())
        argmap_run.kill()
        argmap_run.wait()
        for _ in range(100):
            if not Path(f"/proc/{dot}").exists() or "Z" in Path(f"/proc/{dot}/stat").read_text().split()[2]:
                break
            time.sleep(0.05)
        alive = Path(f"/proc/{dot}").exists() and "Z" not in Path(f"/proc/{dot}/stat").read_text().split()[2]
        assert not alive


# -- the terminal, and the command's last resort ---------------------------------------------

HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\u202e"


class TestCommand:
    def test_escape_sequences_are_shown_not_run(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        """A statement, an evidence id, a page label and a file name with escape sequences: `check -v`,
        `compare` and the error messages printed them raw to the terminal."""
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # the output is read on a terminal
        (tmp_path / "gage.txt").write_text(f"[p. 1{HOSTILE}]\n{TEXT}", encoding="utf-8")
        path = tmp_path / "map.toml"
        path.write_text(f'[[source]]\nkey = "s"\npath = "gage.txt"\npage_pattern = \'^\\[p. (.+)\\]$\'\n\n'
                        f'[[thesis]]\nid = "t"\nstatement = "The regulars{HOSTILE} fired first."\n\n'
                        '[[evidence]]\nthesis = "t"\nsource = "s"\nstance = "contests"\n'
                        f'quote = "the Rebels fired first"\nnote = "{HOSTILE}"\n', encoding="utf-8")  # fmt: skip
        for argv in (["check", "-v", str(path)], ["compare", str(path)], ["text", str(path), "s"],
                     ["check", str(tmp_path / f"missing{HOSTILE}.toml")]):  # fmt: skip
            main(argv)
            out, err = capsys.readouterr()
            assert "\x1b" not in out + err and "\x07" not in out + err and "\u202e" not in out + err
            assert "\\x1b" in out + err  # shown, visibly

    def test_output_to_a_file_is_the_data(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Piped or redirected, the output is not rewritten: a text's bidi marks and a DEL stay as
        they are (escapes would break JSON and change the text)."""
        (tmp_path / "s.txt").write_text("Arabic \u202bquoted\u202c text.\n", encoding="utf-8")
        path = tmp_path / "map.toml"
        path.write_text('[[source]]\nkey = "s"\npath = "s.txt"\n', encoding="utf-8")
        main(["text", str(path), "s"])
        out = capsys.readouterr().out
        assert "\u202bquoted\u202c" in out and "\\u202b" not in out

    def test_internal_error_is_one_line_and_a_trace_file(self, small: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
        """An unexpected exception (a bug) printed a traceback; now one line, exit 4, the trace in a file."""
        from argmap import cli

        def broken(args: object) -> int:
            raise ZeroDivisionError("a bug")

        monkeypatch.setattr(cli, "_check", broken)
        assert main(["check", str(small)]) == 4
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "internal error: ZeroDivisionError: a bug" in err and "report it" in err
        trace = Path(err.split("the trace is in ")[1].split(")")[0])
        assert "Traceback" in trace.read_text(encoding="utf-8") and "argmap check" in trace.read_text(encoding="utf-8")
        trace.unlink()


# -- values the API took and could not save, or that crashed deep inside ---------------------


class TestValues:
    @pytest.mark.parametrize(("make", "name"), [
        (lambda: argmap.Source(key="s", text=None), "text"),  # an AttributeError deep inside
        (lambda: argmap.Source(key="s", text=TEXT, year="1998"), "year"),  # saved, then refused by load
        (lambda: argmap.Source(key="s", text=TEXT, year=True), "year"),  # could not be saved at all
        (lambda: argmap.Source(key="s", text=TEXT, first_page=7), "first_page"),
        (lambda: argmap.Source(key="s", text=TEXT, date=__import__("datetime").date(1998, 1, 1)), "date"),
        (lambda: argmap.Source(key="s", text=TEXT, authors=[5]), "authors"),
        (lambda: argmap.Thesis("t", 5), "statement"),
        (lambda: argmap.Relation("a", "b", "supports", note=3), "note"),
    ])  # fmt: skip
    def test_wrong_types_are_refused_naming_the_field(self, make: object, name: str) -> None:
        with pytest.raises(argmap.errors.InvalidTypeError, match=f"invalid {name}:"):
            make()  # type: ignore[operator]
        assert issubclass(argmap.errors.InvalidTypeError, TypeError)

    @pytest.mark.parametrize("rate", [-0.1, 1.5, 1.0, float("nan"), float("inf"), "0.1", True])
    def test_max_error_rate_from_0_to_half(self, rate: object) -> None:
        """`max_error_rate=1.0` accepted a one-letter quote as an empty passage; NaN crashed."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="s", text=TEXT))
        m.add_thesis("t", "T.")
        with pytest.raises(InvalidValueError, match=r"max_error_rate.*from 0 to 0\.5"):
            m.cite("t", "s", "the Rebels", "supports", max_error_rate=rate)  # type: ignore[arg-type]
        assert not m.evidence

    @pytest.mark.parametrize("occurrence", [0, -1, 1.5, float("nan"), True])
    def test_occurrence_is_a_whole_number_from_1(self, occurrence: object) -> None:
        source = argmap.Source(key="s", text=TEXT)
        with pytest.raises(InvalidValueError, match=r"occurrence.*whole number from 1"):
            argmap.locate(source, "the Rebels", occurrence=occurrence)  # type: ignore[arg-type]

    def test_blank_statement(self) -> None:
        with pytest.raises(InvalidValueError, match="statement"):
            argmap.Thesis("t", "   ")

    @pytest.mark.graphviz
    @pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 0, -1, "60"])
    def test_render_timeout(self, timeout: object, tmp_path: Path) -> None:
        """`render(timeout=float("inf"))` was an OverflowError from deep inside subprocess."""
        with pytest.raises(InvalidValueError, match="timeout"):
            argmap.render(argmap.ArgumentMap(), tmp_path / "m.svg", timeout=timeout)  # type: ignore[arg-type]


# -- inert text in every output --------------------------------------------------------------

#: Every construct that turns text into markup or commands somewhere: control characters, a bidi
#: override, XML's non-characters, HTML and DOT syntax, Markdown's emphasis, code, links, headings.
DANGEROUS = st.text(st.sampled_from(["\x00", "\x01", "\x07", "\x0c", "\x1b", "\x7f", "\x9b", "\u202e", "\ufffe", "<",
                                     ">", "&", '"', "'", "\\", "]", "[", "`", "*", "_", "#", "\n", "a", " "]),
                    min_size=1, max_size=40)  # fmt: skip


def _hostile_map(text: str) -> argmap.ArgumentMap:
    m = argmap.ArgumentMap(title=f"T{text}", description=text)
    m.add_source(argmap.Source(key="s", text=f"{TEXT} {text}", title=f"Title{text}", url=f"http://x.org/{text}"))
    m.add_thesis("t", f"Statement{text}", note=text)
    m.cite("t", "s", "the Rebels fired first", "supports", note=text)
    return m


class TestInertText:
    @given(DANGEROUS)
    @settings(max_examples=40, deadline=None)
    def test_graphml_is_well_formed_xml(self, text: str) -> None:
        """A statement with a control character made lxml raise ValueError inside the export."""
        lxml_etree = pytest.importorskip("lxml.etree")
        root = lxml_etree.fromstring(argmap.to_graphml(_hostile_map(text)).encode("utf-8"))
        assert root.tag.endswith("graphml")

    @given(DANGEROUS)
    @settings(max_examples=40, deadline=None)
    def test_terminal_output_has_no_control_bytes(self, text: str) -> None:
        from argmap.cli import _terminal

        shown = _terminal(str(_hostile_map(text).compare("s", "s")) + text)
        assert not re.search("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e]", shown)

    @pytest.mark.graphviz
    def test_strings_past_graphvizs_limit(self, tmp_path: Path) -> None:
        """A word, quote, title or statement over 16,384 characters: Graphviz refused the DOT."""
        long = "x" * 20_000
        m = argmap.ArgumentMap(title=long, description=long)
        m.add_source(argmap.Source(key="s", text=f"{TEXT} {long}", title=long, authors=[long], url=long))
        m.add_thesis("t", "S " * 10_000, note=long)
        m.add_thesis("u", long)
        m.relate("t", "u", "supports", note=long)
        m.cite("t", "s", f"Lexington {long}", "supports", note=long)
        for view in ("full", "overview", "disagreements"):
            svg = argmap.render(m, tmp_path / f"{view}.svg", view=view).read_text(encoding="utf-8")
            assert "\u2026" in svg  # cut, visibly
