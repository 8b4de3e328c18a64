"""DOT text: escaping, citations, the five views, limits, styles, determinism and golden files."""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import ArgumentMap, InvalidValueError, Passage, Source, UnknownSourceError, UnknownThesisError
from argmap.errors import DiagramTooLargeError
from argmap.outputs.citation import short_citation
from argmap.outputs.dot import MAX_NODES, Style, dot_string, html_text, to_dot

GOLDEN = Path(__file__).resolve().parent / "golden" / "dot"
HOSTILE = ['"', "\\", "<", ">", "&", "{", "}", "|", "]", ";", "\n", "\r", "\t", "\x00", "\\n", "\\l", "<BR/>", "한국"]

# Text as it comes from sources: printable characters of any script, plus every hostile piece.
texts = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=8)), min_size=1, max_size=12).map(
    "".join
)


def small_map(
    statement: str = "The regulars fired the first shot.", quote: str = "the Rebels fired first"
) -> ArgumentMap:
    """Two sources at odds on one thesis, a second thesis related to it, one thesis alone."""
    m = ArgumentMap(title="Lexington & Concord, 19 April 1775")
    m.add_source(Source(key="gage", text=f"He wrote that {quote} upon the troops.", authors="Gage, Thomas", year=1775))
    m.add_source(
        Source(key="coburn", text="the regulars fired first, and then again", authors=("Frank Coburn",), year=1912)
    )
    m.add_thesis("regulars-first", statement)
    m.add_thesis("orders", "Pitcairn ordered his men not to fire.")
    m.add_thesis("alone", "Nobody wrote about the weather.")
    m.cite("regulars-first", "gage", quote, "contests")
    m.cite("regulars-first", "coburn", "the regulars fired first", "supports")
    m.cite("orders", "coburn", "and then again", "contests")
    m.relate("orders", "regulars-first", "contests")
    return m


def node_lines(text: str, prefix: str) -> list[str]:
    """The DOT lines that declare nodes whose name starts with ``prefix`` followed by a digit."""
    return [line for line in text.splitlines() if re.match(rf"\s+{prefix}\d+ \[", line)]


class TestEscaping:
    def test_html_text_entities(self) -> None:
        """The four characters special in HTML-like labels become entities; control characters go."""
        assert html_text('<a href="x">&\x01</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"

    def test_dot_string_quotes_and_backslashes(self) -> None:
        """Quotes are escaped, backslashes written as four (dot unescapes twice), newlines become spaces."""
        assert dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\\\\\ c d"'

    @given(texts)
    def test_html_text_leaves_no_markup(self, text: str) -> None:
        """Whatever a source says, the escaped text has no raw markup and every & starts an entity."""
        escaped = html_text(text)
        assert not set(escaped) & {"<", ">", '"', "\n", "\r", "\x00"}
        assert re.fullmatch(r"(?:[^&]|&(?:amp|lt|gt|quot);)*", escaped)

    @given(texts)
    def test_dot_string_is_one_string(self, text: str) -> None:
        """Whatever a source says, the DOT string is a single quoted token: no unescaped quote inside."""
        quoted = dot_string(text)
        inner = quoted[1:-1]
        assert quoted[0] == quoted[-1] == '"'
        assert re.fullmatch(r'(?:[^"\\\n\r]|\\.)*', inner)

    @given(statement=texts, quote_pad=texts)
    def test_hostile_text_cannot_change_the_graph(self, statement: str, quote_pad: str) -> None:
        """A hostile statement or quote changes label text only: the DOT keeps the same statements."""
        if not statement.strip():
            statement = statement + "x"
        quote = "the Rebels " + " ".join(quote_pad.split()) + " fired first"
        if not any(c.isalnum() for c in quote_pad):
            quote = "the Rebels fired first"
        hostile = to_dot(small_map(statement, quote))
        benign = to_dot(small_map())
        shape = [re.sub(r"label=<.*>\];$|tooltip=\"(?:[^\"\\]|\\.)*\"", "", line) for line in hostile.splitlines()]
        expected = [re.sub(r"label=<.*>\];$|tooltip=\"(?:[^\"\\]|\\.)*\"", "", line) for line in benign.splitlines()]
        assert len(hostile.splitlines()) == len(benign.splitlines())
        assert [line.split(" [")[0] for line in shape] == [line.split(" [")[0] for line in expected]


class TestCitation:
    @pytest.mark.parametrize(
        ("authors", "expected"),
        [
            (("Chen, Jian", "Yang, Kuisong"), "Chen and Yang 1998, pp. 251–52"),
            (("CHEN Jian", "YANG Kuisong"), "Chen and Yang 1998, pp. 251–52"),
            (("hanngill",), "hanngill 1998, pp. 251–52"),
            (("Ann Alpha", "Bo Beta", "Cy Gamma"), "Alpha, Beta, and Gamma 1998, pp. 251–52"),
            (("A, B", "C, D", "E, F", "G, H"), "A et al. 1998, pp. 251–52"),
        ],
    )
    def test_author_forms(self, authors: tuple[str, ...], expected: str) -> None:
        """Surnames joined the Chicago way, then the year and the page locator."""
        source = Source(key="s", text="x", authors=authors, year=1998)
        assert short_citation(source, Passage("s", 0, 1, "x", ("251", "252"))) == expected

    def test_no_authors_no_year(self) -> None:
        """A source without authors is named by its title, else its key; no year, no pages, nothing added."""
        assert short_citation(Source(key="s", text="x", title="Annals")) == "Annals"
        assert short_citation(Source(key="s", text="x")) == "s"


class TestViews:
    def test_full_draws_every_thesis_and_evidence(self) -> None:
        """The full view has a node per thesis and per piece of evidence, and every relation."""
        m = small_map()
        text = to_dot(m)
        assert len(node_lines(text, "t")) == len(m.theses)
        assert len(node_lines(text, "e")) == len(m.evidence)
        assert re.search(r"^\s+t1 -> t0 \[arrowhead=tee", text, re.M)

    def test_disputed_thesis_is_marked(self) -> None:
        """The thesis the two sources hold opposite positions on carries the DISPUTED banner; others do not."""
        text = to_dot(small_map())
        [disputed] = [line for line in node_lines(text, "t") if "DISPUTED" in line]
        assert 'id="thesis-regulars-first"' in disputed
        assert "DISPUTED \u00b7 direct" in disputed

    def test_support_and_contest_differ_in_colour_line_and_arrow(self) -> None:
        """A contesting edge differs from a supporting one in colour, line style and arrowhead."""
        edges = [line for line in to_dot(small_map()).splitlines() if re.match(r"\s+e\d+ -> ", line)]
        contest, support = edges[0], edges[1]
        for attribute in ("color", "style", "arrowhead"):
            value = re.compile(rf"{attribute}=(\"[^\"]*\"|\w+)")
            assert value.search(contest).group(1) != value.search(support).group(1)  # type: ignore[union-attr]

    def test_overview_counts_evidence_instead_of_drawing_it(self) -> None:
        """The overview has theses with badges and evidence counts, no evidence nodes, and says so."""
        text = to_dot(small_map(), view="overview")
        assert node_lines(text, "e") == []
        assert "evidence: 1 for, 1 against" in text
        assert "counted, not drawn" in text

    def test_disagreements_keeps_only_disputed(self) -> None:
        """The disagreements view draws the disputed thesis and its evidence, and counts what it left out."""
        text = to_dot(small_map(), view="disagreements")
        assert [re.search(r'id="([^"]+)"', line).group(1) for line in node_lines(text, "t")] == [  # type: ignore[union-attr]
            "thesis-regulars-first"
        ]
        assert len(node_lines(text, "e")) == 2
        assert "2 theses the sources do not dispute are not drawn" in text

    def test_focus_radius(self) -> None:
        """Radius 0 draws the thesis alone; radius 1 adds the related thesis, never the unrelated one."""
        m = small_map()
        alone = to_dot(m, view="focus", focus="orders", radius=0)
        near = to_dot(m, view="focus", focus="orders", radius=1)
        assert len(node_lines(alone, "t")) == 1
        assert {re.search(r'id="thesis-([^"]+)"', x).group(1) for x in node_lines(near, "t")} == {  # type: ignore[union-attr]
            "orders",
            "regulars-first",
        }

    def test_compare_puts_sources_on_either_side(self) -> None:
        """In the compare view A's evidence is in A's cluster, B's in B's, and B's edges run backwards."""
        text = to_dot(small_map(), view="compare", sources=("gage", "coburn"))
        assert text.index('subgraph "cluster_gage"') < text.index('subgraph "cluster_coburn"')
        assert re.search(r"t0 -> e1 \[dir=back", text)
        assert "(left)" in text and "(right)" in text

    @pytest.mark.parametrize(
        ("options", "error"),
        [
            ({"view": "everything"}, InvalidValueError),
            ({"view": "focus"}, InvalidValueError),
            ({"view": "focus", "focus": "nope"}, UnknownThesisError),
            ({"view": "focus", "focus": "orders", "radius": -1}, InvalidValueError),
            ({"view": "compare", "sources": ("gage",)}, InvalidValueError),
            ({"view": "compare", "sources": ("gage", "nope")}, UnknownSourceError),
        ],
    )
    def test_mistakes_raise_specific_errors(self, options: dict[str, object], error: type[Exception]) -> None:
        """Each mistaken view option raises its own ArgmapError subclass."""
        with pytest.raises(error):
            to_dot(small_map(), **options)  # type: ignore[arg-type]

    def test_empty_map_still_draws_something(self) -> None:
        """An empty map gives a diagram with the legend and a caption that says what to do."""
        text = to_dot(ArgumentMap())
        assert "legend_key" in text and "add_thesis()" in text


class TestLimits:
    def test_too_large_full_view_names_the_other_views(self) -> None:
        """Above max_nodes (nodes and relations) the full view raises an error naming smaller views and the override."""
        m = small_map()
        with pytest.raises(DiagramTooLargeError) as info:
            to_dot(m, max_nodes=4)
        message = str(info.value)
        assert info.value.nodes == len(m.theses) + len(m.evidence) + len(m.relations) == 7
        for hint in ("view='overview'", "view='disagreements'", "view='focus'", "view='compare'", "max_nodes=7"):
            assert hint in message

    def test_override_draws_it(self) -> None:
        """Passing max_nodes at least the size draws the view; nothing is dropped."""
        assert len(node_lines(to_dot(small_map(), max_nodes=7), "e")) == 3

    def test_overview_draws_what_full_refuses(self) -> None:
        """A map too large for the full view still draws as an overview, every thesis present."""
        m = ArgumentMap()
        for i in range(MAX_NODES["full"] + 1):
            m.add_thesis(f"t{i}", "A thesis.")
        with pytest.raises(DiagramTooLargeError):
            to_dot(m)
        assert len(node_lines(to_dot(m, view="overview"), "t")) == len(m.theses)


class TestStyleAndDeterminism:
    def test_style_override(self) -> None:
        """An overridden style reaches the DOT text; the default stays untouched."""
        style = attrs.evolve(Style(), support_color="#123456", font="Noto Sans CJK KR")
        text = to_dot(small_map(), style=style)
        assert '"#123456"' in text and 'fontname="Noto Sans CJK KR"' in text
        assert "#123456" not in to_dot(small_map())

    def test_long_quote_shortened_with_ellipsis_full_in_tooltip(self) -> None:
        """A quote past quote_length is cut with an ellipsis in the label and kept whole in the tooltip."""
        text = to_dot(small_map(), style=Style(quote_length=12))
        [line] = [x for x in node_lines(text, "e") if "Rebels" in x]
        assert "the Rebels\u2026" in line
        assert 'tooltip="the Rebels fired first"' in line

    @given(texts)
    def test_same_map_same_text(self, statement: str) -> None:
        """Two maps built the same way give byte-identical DOT, whatever the statement says."""
        statement = statement if statement.strip() else "x"
        assert to_dot(small_map(statement)) == to_dot(small_map(statement))


class TestGolden:
    @pytest.mark.parametrize(
        ("name", "options"),
        [
            ("full", {}),
            ("overview", {"view": "overview"}),
            ("disagreements", {"view": "disagreements"}),
            ("focus", {"view": "focus", "focus": "orders", "radius": 1}),
            ("compare", {"view": "compare", "sources": ("gage", "coburn")}),
        ],
    )
    def test_small_map(self, name: str, options: dict[str, object]) -> None:
        """Each view of the small map matches its reviewed golden DOT file (ARGMAP_UPDATE_GOLDEN=1 rewrites)."""
        text = to_dot(small_map(), **options)  # type: ignore[arg-type]
        path = GOLDEN / f"{name}.dot"
        if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8")
