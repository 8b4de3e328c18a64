"""Rendering through the real Graphviz: the flagship example, hostile text, formats, large maps, no dot."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap import ArgumentMap, GraphvizNotFoundError, InvalidValueError, Source
from argmap.errors import DiagramTooLargeError
from argmap.outputs.citation import short_citation, source_labels
from argmap.outputs.dot import to_dot
from argmap.outputs.render import pipe, render, svg

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def group_texts(tree: ET.Element, group_id: str) -> list[str]:
    """The text lines drawn inside the SVG group with this id."""
    [group] = [g for g in tree.iter(f"{SVG}g") if g.get("id") == group_id]
    return [t.text or "" for t in group.iter(f"{SVG}text")]


def all_texts(tree: ET.Element) -> list[str]:
    return [t.text or "" for t in tree.iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def full(korean_war: ArgumentMap, tmp_path_factory: pytest.TempPathFactory) -> ET.Element:
    """The flagship example's full view, drawn once by the real dot and parsed."""
    path = render(korean_war, tmp_path_factory.mktemp("kw") / "full.svg")
    return ET.parse(path).getroot()


@pytest.mark.graphviz
class TestFlagshipExample:
    def test_every_thesis_statement_is_drawn(self, korean_war: ArgumentMap, full: ET.Element) -> None:
        """Each thesis's group in the SVG shows its whole statement, word for word."""
        for thesis in korean_war.theses:
            drawn = " ".join(group_texts(full, f"thesis-{thesis.id}"))
            assert " ".join(thesis.statement.split()) in " ".join(drawn.split())

    def test_every_citation_is_drawn(self, korean_war: ArgumentMap, full: ET.Element) -> None:
        """Each piece of evidence shows its short citation (author or label, year, pages) as its first line."""
        labels = source_labels(korean_war.sources)
        for ev in korean_war.evidence:
            citation = short_citation(korean_war.source(ev.source), ev.passage, name=labels[ev.source])
            assert group_texts(full, f"evidence-{ev.id}")[0] == citation

    def test_legend_and_disagreement_are_drawn(self, full: ET.Element) -> None:
        """The legend is drawn, and at least one thesis carries the DISPUTED banner."""
        texts = all_texts(full)
        assert "Legend" in texts
        assert any(t.startswith("DISPUTED") for t in texts)

    def test_quote_tooltip_is_the_full_quote(self, korean_war: ArgumentMap, full: ET.Element) -> None:
        """Every evidence node's tooltip is its whole quote as the historian wrote it, though the label shortens it."""
        titles = {a.get("{http://www.w3.org/1999/xlink}title") for a in full.iter(f"{SVG}a")}
        for ev in korean_war.evidence:
            assert ev.words in titles

    def test_overview_png_and_pdf(self, korean_war: ArgumentMap, tmp_path: Path) -> None:
        """PNG and PDF come out as real files of their format, the format taken from the suffix."""
        assert render(korean_war, tmp_path / "o.png", view="overview").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert render(korean_war, tmp_path / "o.pdf", view="overview").read_bytes()[:5] == b"%PDF-"


@pytest.mark.graphviz
class TestHostileText:
    STATEMENT = 'Say "]; evil [label=x]; <script>alert(1)</script> & \\N \\\\ {a|b} 미국이 소련 없이\nnext line'
    QUOTE = 'a "quoted" <b>bold</b> & \\l {x|y} 한국전쟁'

    def test_hostile_labels_display_as_written(self, tmp_path: Path) -> None:
        """Quotes, backslashes, markup, braces, newlines and Korean show as written and inject nothing."""
        m = ArgumentMap(title='Title <with> "quotes" & \\backslash')
        m.add_source(Source(key="s", text=f"intro {self.QUOTE} outro", authors="Kim, <Ha>", year=2020))
        m.add_thesis("t", self.STATEMENT)
        m.cite("t", "s", self.QUOTE, "supports")
        tree = ET.parse(render(m, tmp_path / "hostile.svg")).getroot()
        assert not list(tree.iter(f"{SVG}script")) and not list(tree.iter("script"))
        drawn = " ".join(" ".join(group_texts(tree, "thesis-t")).split())
        assert " ".join(self.STATEMENT.split()) in drawn
        quote = " ".join(" ".join(group_texts(tree, "evidence-s-1")[1:]).split())
        assert quote == f"\u201c{self.QUOTE}\u201d"
        assert group_texts(tree, "evidence-s-1")[0] == "Kim 2020"
        assert "evil" not in {g.get("id") for g in tree.iter(f"{SVG}g")}


class TestFilesAndErrors:
    def test_missing_dot(self, korean_war: ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without Graphviz on PATH, render raises GraphvizNotFoundError with install advice and writes nothing."""
        monkeypatch.setenv("PATH", "")
        with pytest.raises(GraphvizNotFoundError) as info:
            render(korean_war, tmp_path / "x.svg")
        for advice in ("apt-get install graphviz", "brew install graphviz", "conda install", "Windows"):
            assert advice in str(info.value)
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.graphviz
    def test_failure_leaves_the_old_file(self, tmp_path: Path) -> None:
        """A render that fails leaves an existing file as it was, and no temporary file behind."""
        m = ArgumentMap()
        m.add_thesis("a", "A.")
        m.add_thesis("b", "B.")
        target = tmp_path / "map.svg"
        target.write_text("old", encoding="utf-8")
        with pytest.raises(DiagramTooLargeError):
            render(m, target, max_nodes=1)
        assert target.read_text(encoding="utf-8") == "old"
        render(m, target)
        assert target.read_text(encoding="utf-8").startswith("<?xml")
        assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]

    @pytest.mark.parametrize(("path", "options"), [("map.gif", {}), ("map", {}), ("map.svg", {"format": "bmp"})])
    def test_unknown_format(self, tmp_path: Path, path: str, options: dict[str, str]) -> None:
        """A format other than svg, png or pdf (given or from the suffix) is an InvalidValueError."""
        with pytest.raises(InvalidValueError, match="format"):
            render(ArgumentMap(), tmp_path / path, **options)  # type: ignore[arg-type]

    def test_pipe_rejects_unknown_engine(self) -> None:
        """An engine Graphviz does not have is refused before anything runs."""
        with pytest.raises(InvalidValueError, match="engine"):
            pipe("digraph {}", engine="dott")


@pytest.mark.graphviz
class TestLargeMaps:
    def test_overview_of_5000_theses_renders(self) -> None:
        """The overview of a 5,000-thesis map comes back from Graphviz with every thesis drawn."""
        m = ArgumentMap(title="Five thousand theses")
        for i in range(5_000):
            m.add_thesis(f"t{i}", f"Thesis number {i} about the matter at hand.")
        for i in range(0, 5_000, 5):
            m.relate(f"t{i + 1}", f"t{i}", "supports" if i % 2 else "contests")
        tree = ET.fromstring(svg(m, view="overview"))
        drawn = {g.get("id") for g in tree.iter(f"{SVG}g")}
        assert {f"thesis-t{i}" for i in range(5_000)} <= drawn

    def test_full_view_too_large_says_what_to_do(self) -> None:
        """A full view above the limit raises before Graphviz runs, naming the overview."""
        m = ArgumentMap()
        for i in range(401):
            m.add_thesis(f"t{i}", "A thesis.")
        with pytest.raises(DiagramTooLargeError, match="view='overview'"):
            svg(m)


@pytest.mark.graphviz
class TestJupyter:
    def test_map_displays_as_svg(self, korean_war: ArgumentMap) -> None:
        """A map in Jupyter shows its full view as SVG."""
        bundle = korean_war._repr_mimebundle_()
        assert set(bundle) == {"image/svg+xml"}
        assert ET.fromstring(bundle["image/svg+xml"]).tag == f"{SVG}svg"

    def test_large_map_falls_back_to_the_overview_and_says_so(self) -> None:
        """A map too large for the full view shows the overview, whose caption says why."""
        m = ArgumentMap()
        for i in range(401):
            m.add_thesis(f"t{i}", "A thesis.")
        tree = ET.fromstring(m._repr_mimebundle_()["image/svg+xml"])
        assert any("this is the overview" in t for t in all_texts(tree))

    def test_comparison_displays_both_sides(self, korean_war: ArgumentMap) -> None:
        """A comparison in Jupyter shows its two sources side by side: every thesis and each side's quotes."""
        comparison = korean_war.compare("hanngill", "chen")
        tree = ET.fromstring(comparison._repr_mimebundle_()["image/svg+xml"])
        shown = " ".join(all_texts(tree))
        for row in comparison.rows:
            assert row.thesis.statement[:30] in " ".join(shown.split())
        assert "Chen and Yang 1998" in shown and "hanngill 2016" in shown


@pytest.mark.graphviz
class TestNeverHangs:
    def test_layout_past_its_time_is_stopped(self, korean_war: ArgumentMap, tmp_path: Path) -> None:
        """A layout that takes longer than `timeout` is stopped with an error naming smaller views; nothing written."""
        with pytest.raises(argmap.RenderTimeoutError, match="view='overview'"):
            render(korean_war, tmp_path / "k.svg", timeout=0.001)
        assert not (tmp_path / "k.svg").exists()

    def test_dense_relations_count_toward_the_limit(self) -> None:
        """Relations count with nodes: 300 theses under the node limit but with 300 relations are too many."""
        m = ArgumentMap()
        for i in range(300):
            m.add_thesis(f"t{i}", "A thesis.")
        for i in range(300):
            m.relate(f"t{i}", f"t{(i * 7 + 1) % 300}", "supports")
        with pytest.raises(DiagramTooLargeError, match="600 nodes and relations"):
            to_dot(m)
        assert to_dot(m, view="overview").count("->") >= 300

    def test_jupyter_without_graphviz_shows_why(self, korean_war: ArgumentMap, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without Graphviz, a map in Jupyter shows text saying how to install it, and a comparison its report."""
        monkeypatch.setenv("PATH", "")
        assert "apt-get install graphviz" in korean_war._repr_mimebundle_()["text/plain"]
        bundle = korean_war.compare("hanngill", "chen")._repr_mimebundle_()
        assert bundle["text/markdown"].startswith("# Where hanngill and Chen and Yang disagree")
