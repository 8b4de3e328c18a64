"""The ``argmap`` command: exit codes, messages without tracebacks, one API call per command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from argmap.cli import main
from argmap.formats.mapfile import load

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "examples" / "korean_war" / "map.toml"

MAP = """\
[[source]]
key = "gage"
text = "the Rebels fired first upon the troops"

[[source]]
key = "coburn"
text = "the regulars fired first upon the militia"

[[thesis]]
id = "regulars-first"
statement = "The regulars fired the first shot."

[[evidence]]
thesis = "regulars-first"
source = "gage"
stance = "contests"
quote = "the Rebels fired first"

[[evidence]]
thesis = "regulars-first"
source = "coburn"
stance = "supports"
quote = "the regulars fired first"
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A two-source map file."""
    path = tmp_path / "map.toml"
    path.write_text(MAP, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command in-process; return the exit code, stdout and stderr."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


class TestCheck:
    def test_flagship_passes_with_a_fuzzy_warning(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The flagship map checks out (exit 0), its one OCR-slip quote listed as fuzzy at its file and line."""
        code, out, _ = run(capsys, "check", FLAGSHIP)
        report = load(FLAGSHIP).check()
        assert code == 0
        assert f"{len(report.results)} quotes checked" in out
        rows = FLAGSHIP.read_text(encoding="utf-8").splitlines()
        fuzzy = [line for line in out.splitlines() if line.startswith(f"{FLAGSHIP}:") and ": fuzzy " in line]
        assert [line.split(": fuzzy ")[1].split(":")[0] for line in fuzzy] == [r.evidence.id for r in report.warnings]
        for line in fuzzy:
            number = int(line[len(f"{FLAGSHIP}:") :].split(":")[0])
            assert rows[number - 1].startswith("quote")

    def test_changed_text_of_a_json_form(self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """When a text changed, check lists each moved quote once, with its line, and says how to refresh the file."""
        (tmp_path / "gage.txt").write_text("the Rebels fired first upon the troops", encoding="utf-8")
        small.write_text(MAP.replace('text = "the Rebels fired first upon the troops"', 'path = "gage.txt"'))
        assert run(capsys, "export", small, "--to", "json", "-o", tmp_path / "map.json")[0] == 0
        (tmp_path / "gage.txt").write_text("At dawn, the Rebels fired first upon the troops", encoding="utf-8")
        code, out, err = run(capsys, "check", tmp_path / "map.json")
        assert code == 0
        moved = [line.split(": moved ")[1].split(":")[0] for line in out.splitlines() if ": moved " in line]
        assert moved == ["gage-1"]
        assert "changed since the map was saved" in err and "moved" not in err
        assert f"argmap export {tmp_path / 'map.json'} --to json -o {tmp_path / 'map.json'}" in err
        assert run(capsys, "export", tmp_path / "map.json", "--to", "json", "-o", tmp_path / "map.json")[0] == 0
        code, _, err = run(capsys, "check", tmp_path / "map.json")
        assert code == 0 and err == ""

    def test_ill_typed_json_exits_1(self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A JSON form with a value of the wrong type: exit 1, the JSON path and line named, no traceback."""
        run(capsys, "export", small, "--to", "json", "-o", tmp_path / "map.json")
        data = json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))
        data["sources"][0]["text"] = 5
        (tmp_path / "map.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
        code, _, err = run(capsys, "check", tmp_path / "map.json")
        assert code == 1 and "$.sources[0].text: 'text' must be a string" in err and "Traceback" not in err

    def test_broken_map_exits_1_with_file_and_line(self, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A quote not in its source: exit 1, the file and line named, no traceback."""
        small.write_text(MAP.replace('quote = "the Rebels fired first"', 'quote = "the Rebels hoped"'))
        code, _, err = run(capsys, "check", small)
        line = MAP.splitlines().index('quote = "the Rebels fired first"') + 1
        assert code == 1
        assert f"{small}:{line}:" in err and "Traceback" not in err

    def test_malformed_map_exits_1(self, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A TOML syntax error is a problem in the map (exit 1) with its line."""
        small.write_text(MAP.replace('stance = "contests"', "stance = contests"))
        code, _, err = run(capsys, "check", small)
        line = MAP.splitlines().index('stance = "contests"') + 1
        assert code == 1 and f"{small}:{line}:" in err

    def test_missing_map_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A map file that does not exist is reported by name (exit 1)."""
        code, _, err = run(capsys, "check", tmp_path / "nope.toml")
        assert code == 1 and "nope.toml" in err


class TestUsage:
    def test_help_shows_examples_and_exit_codes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--help`` lists examples and the exit codes."""
        with pytest.raises(SystemExit) as info:
            main(["--help"])
        out = capsys.readouterr().out
        assert info.value.code == 0
        assert "argmap check map.toml" in out and "exit codes:" in out

    def test_bad_options_exit_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing option is a usage error (exit 2)."""
        with pytest.raises(SystemExit) as info:
            main(["export", str(FLAGSHIP)])
        assert info.value.code == 2 and "--to" in capsys.readouterr().err

    def test_unknown_source_exits_2(self, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Naming a source the map lacks is a usage error (exit 2) listing the known ones."""
        code, _, err = run(capsys, "compare", small, "gage", "revere")
        assert code == 2 and "'revere'" in err and "'coburn'" in err

    def test_python_dash_m(self) -> None:
        """``python -m argmap`` runs the same command."""
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "check", str(FLAGSHIP)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert "quotes checked" in done.stdout


class TestExport:
    def test_every_format(self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``export --to`` writes each format; the outputs read back in their own tools."""
        for fmt in ("argdown", "aif", "graphml", "json"):
            code, _, err = run(capsys, "export", small, "--to", fmt, "-o", tmp_path / f"out.{fmt}")
            assert code == 0 and f"out.{fmt}" in err  # "wrote ...", on stderr
        assert load(tmp_path / "out.json") == load(small)
        assert len(json.loads((tmp_path / "out.aif").read_text())["nodes"]) == 5
        assert nx.read_graphml(tmp_path / "out.graphml").number_of_edges() == 2
        assert "[regulars-first]:" in (tmp_path / "out.argdown").read_text()

    def test_broken_map_leaves_the_output_untouched(
        self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A map with problems (exit 1) writes nothing: an existing output file keeps its content."""
        (tmp_path / "out.json").write_text("old", encoding="utf-8")
        small.write_text(MAP.replace('stance = "contests"', 'stance = "refutes"'))
        code, _, err = run(capsys, "export", small, "--to", "json", "-o", tmp_path / "out.json")
        assert code == 1 and "refutes" in err
        assert (tmp_path / "out.json").read_text(encoding="utf-8") == "old"

    def test_unwritable_output_exits_3(self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An output path under a file (not a folder): exit 3, nothing written."""
        (tmp_path / "file").write_text("x")
        code, _, err = run(capsys, "export", small, "--to", "json", "-o", tmp_path / "file" / "out.json")
        assert code == 3 and "Nothing was written" in err


class TestAnalysisCommands:
    """compare, render and report: each the one call of argmap's analysis, Graphviz or report API."""

    def test_compare_table(self, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """With two sources and no names, ``compare`` prints the table of the two."""
        code, out, _ = run(capsys, "compare", small)
        m = load(small)
        assert code == 0 and out == str(m.compare("gage", "coburn")) + "\n"

    def test_compare_json_and_markdown(self, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format json`` prints Comparison.to_dict; ``--format markdown`` the written report."""
        from argmap.outputs.report import markdown

        m = load(small)
        code, out, _ = run(capsys, "compare", small, "coburn", "gage", "--format", "json")
        assert code == 0 and json.loads(out) == m.compare("coburn", "gage").to_dict()
        code, out, _ = run(capsys, "compare", small, "--format", "markdown")
        assert code == 0 and out == markdown(m.compare("gage", "coburn"))

    def test_compare_many_sources(self, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """With more than two sources and no names, ``compare`` prints every pair's counts."""
        small.write_text(MAP + '\n[[source]]\nkey = "revere"\ntext = "nothing"\n')
        code, out, _ = run(capsys, "compare", small)
        assert code == 0 and out.startswith(str(load(small).compare_all()) + "\nSources:\n")
        code, _, err = run(capsys, "report", small, "-o", small.with_suffix(".md"))
        assert code == 2 and "revere" in err and "argmap report MAP A B" in err
        code, _, err = run(capsys, "compare", small, "--format", "markdown")
        assert code == 2 and "argmap compare MAP A B" in err

    @pytest.mark.graphviz
    def test_render(self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``render`` draws an SVG of the view asked for."""
        code, _, _ = run(capsys, "render", small, "-o", tmp_path / "map.svg", "--view", "overview")
        assert code == 0 and "<svg" in (tmp_path / "map.svg").read_text()

    def test_render_bad_view_exits_2(self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown view is a usage error (exit 2), and no file is written."""
        code, _, err = run(capsys, "render", small, "-o", tmp_path / "map.svg", "--view", "sideways")
        assert code == 2 and "sideways" in err and not (tmp_path / "map.svg").exists()

    @pytest.mark.parametrize(
        ("options", "expected"),
        [
            (["--view", "focus"], "--view focus needs --focus THESIS"),
            (["--view", "compare"], "--view compare needs --sources A B"),
            (["--view", "compare", "--sources", "gage", "gage"], "--sources needs two different source keys"),
            (["--format", "png"], "ends in .svg but --format is png: name the file map.png"),
            (["--radius", "-1"], "--radius must be 0 or more"),
        ],
    )
    def test_render_options_in_command_line_words(
        self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], expected: str
    ) -> None:
        """Options that do not fit together are usage errors (exit 2) worded as options, not as Python."""
        code, _, err = run(capsys, "render", small, "-o", tmp_path / "map.svg", *options)
        assert code == 2 and expected in err and "=" not in err
        assert not (tmp_path / "map.svg").exists()

    def test_render_needs_a_known_suffix(self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An output name without an image suffix and no --format is a usage error naming both ways out."""
        code, _, err = run(capsys, "render", small, "-o", tmp_path / "map.txt")
        assert code == 2 and ".svg, .png, .pdf" in err and "--format" in err

    def test_too_large_in_command_line_words(self) -> None:
        """A view too large for Graphviz is explained with the options that draw smaller views."""
        from argmap.cli import _too_large
        from argmap.errors import DiagramTooLargeError

        message = _too_large(DiagramTooLargeError("full", 900, 500))
        assert "--view focus --focus THESIS" in message and "--sources A B" in message and "=" not in message

    def test_render_without_graphviz_exits_3(
        self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without Graphviz on PATH, ``render`` says how to install it (exit 3)."""
        monkeypatch.setenv("PATH", "")
        code, _, err = run(capsys, "render", small, "-o", tmp_path / "map.svg")
        assert code == 3 and "Install Graphviz" in err

    def test_report(self, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``report`` writes the Markdown comparison of the two sources."""
        from argmap.outputs.report import markdown

        code, _, _ = run(capsys, "report", small, "-o", tmp_path / "c.md")
        assert code == 0
        assert (tmp_path / "c.md").read_text(encoding="utf-8") == markdown(load(small).compare("gage", "coburn"))

    def test_report_all(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``report --all`` writes markdown(..., everything=True): agreements and one-sided theses too."""
        from argmap.outputs.report import markdown

        code, _, _ = run(capsys, "report", FLAGSHIP, "hanngill", "chen", "--all", "-o", tmp_path / "c.md")
        written = (tmp_path / "c.md").read_text(encoding="utf-8")
        assert code == 0 and written == markdown(load(FLAGSHIP).compare("hanngill", "chen"), everything=True)
        assert "## Addressed by one source only" in written and written != markdown(
            load(FLAGSHIP).compare("hanngill", "chen")
        )


class TestText:
    def test_pages_in_the_margin(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``text`` prints the chapter's pages with their labels in the margin, markers and footnote numbers gone."""
        code, out, _ = run(capsys, "text", FLAGSHIP, "chen", "--pages", "251-252")
        assert code == 0
        margins = [line.split("|")[0].strip() for line in out.splitlines() if line.split("|")[0].strip()]
        assert margins == ["p. 251", "p. 252"]
        assert "Stalin initially feared" in out and "page_252<br/>" not in out and "\n   | 32\n" not in out

    def test_unknown_pages_exit_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Pages the source does not have are a usage error that lists the pages it has."""
        code, _, err = run(capsys, "text", FLAGSHIP, "chen", "--pages", "300")
        assert code == 2 and "its pages: 249, 250, 251, 252" in err


def test_compare_of_a_map_without_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A map with theses and no sources yet: an empty comparison, not an internal error."""
    path = tmp_path / "map.toml"
    path.write_text('[[thesis]]\nid = "t"\nstatement = "A thesis."\n', encoding="utf-8")
    code, _, err = run(capsys, "compare", path)
    assert code == 0 and "internal error" not in err

