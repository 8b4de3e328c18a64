"""The report's Markdown is inert (issue 16): whatever a map's fields hold, a Markdown reader
finds only the report's own markup in it. Proven with a real parser (markdown-it-py, raw HTML
enabled, its footnote plugin) and, where it is installed, with pandoc's own Markdown reader,
which is what turns the report into Word or LaTeX.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from argmap import ArgumentMap, Source
from argmap.errors import ArgmapError
from argmap.outputs.citation import escape_markdown, markdown_url
from argmap.outputs.report import markdown

from .strategies import readable
from .test_report import korea

#: Every construct that would be markup if it reached the report unescaped.
DANGEROUS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- hidden -->", "<div>", "</p>",
    "[^9]", "[^1]", "\n[^9]: forged note\n", "`code`", "``two``", "*em*", "_em_", "**strong**", "__strong__",
    "[a link](javascript:alert(1))", "<javascript:alert(1)>", "<http://example.org>", "![image](x.png)",
    "[ref]\n\n[ref]: javascript:alert(1)\n", "\n# heading\n", "\n## heading", "\n---\n", "\nText\n===\n",
    "\n> quote", "\n- item", "\n1. item", "\n2) item", "|a|b|\n|-|-|", "~~strike~~", "$x^2$", "^sup^", "~sub~",
    "@cite", "[@cite]", "{#id .class}", "&lt;", "&#60;script&#62;", "\\", "\\\n", "  \n", "\r\n## crlf", "\t",
    "    indented", "\n```\nfence\n```\n", "javascript:alert(1)", "http://ok.example/a_b*c", "...", "\u2026",
]  # fmt: skip
_piece = st.sampled_from(DANGEROUS) | st.text(alphabet="ab ,.:;-\n", max_size=4)
danger = st.lists(_piece, min_size=1, max_size=5).map("".join)
maybe = st.none() | danger
#: one line, for a page label (a page marker's group)
one_line = danger.map(lambda text: " ".join(text.split())).filter(bool)
THESIS_IDS = ("first", "second")
OWN_H2 = {"Summary", "Disagreements", "Agreements", "Addressed by one source only", "Notes", "Bibliography"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).use(footnote_plugin).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # every link the syntax makes counts, whatever its scheme
    return md


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


@st.composite
def _source(draw: st.DrawFn, key: str) -> tuple[Source, str]:
    """A source whose every printed field is dangerous, with a quote that is in its text."""
    label = draw(one_line)
    quote = f"alpha {draw(danger)} omega"
    fields: dict[str, Any] = {
        "title": draw(maybe), "container_title": draw(maybe), "publisher": draw(maybe), "place": draw(maybe),
        "date": draw(maybe), "accessed": draw(maybe), "url": draw(maybe), "short_title": draw(maybe),
        "volume": draw(maybe), "issue": draw(maybe),
    }  # fmt: skip
    names = st.lists(danger.filter(readable), max_size=2)
    for field in ("authors", "editors", "recipients", "container_authors"):
        fields[field] = draw(names)
    kind = draw(st.sampled_from(["book", "chapter", "letter", "post-weblog", "webpage", "article-journal",
                                 "article-newspaper"]))  # fmt: skip
    text = f"Page {label}\nintro {quote} tail words here.\n"
    source = Source(key=key, text=text, page_pattern=r"^Page (.+)$", csl_type=kind, year=1900, **fields)
    return source, quote


@st.composite
def dangerous_maps(draw: st.DrawFn) -> ArgumentMap:
    m = ArgumentMap(draw(maybe))
    quotes = {}
    for key in ("a", "b"):
        source, quotes[key] = draw(_source(key))
        m.add_source(source)
    for id in THESIS_IDS:
        m.add_thesis(id, draw(danger.filter(lambda text: text.strip())), note=draw(maybe))
    for key, stance in (("a", "supports"), ("b", "contests")):
        for id in THESIS_IDS:
            try:
                m.cite(id, key, quotes[key], stance if id == "first" else "supports", note=draw(maybe))
            except ArgmapError:  # an elision or a bracket the source does not match: a plain quote then
                m.cite(id, key, "tail words here", stance if id == "first" else "supports", note=draw(maybe))
    return m


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
@given(dangerous_maps())
def test_report_is_inert(m: ArgumentMap) -> None:
    """No raw HTML, no link but an http(s) one, no footnote but the report's, no code, no heading
    but the report's: whatever the theses, quotes, notes, titles, names, dates, page labels and URLs hold."""
    text = markdown(m.compare("a", "b"), everything=True)
    tokens = list(_walk(_parser().parse(text)))
    types = {token.type for token in tokens}
    assert not types & {"html_inline", "html_block", "code_block", "fence", "hr", "image"}
    for token in tokens:
        if token.type == "link_open":
            assert re.match(r"https?://", str(token.attrs["href"])), token.attrs
    own = re.findall(r"^\[\^(\d+)\]: ", text, re.MULTILINE)
    assert own == [str(n) for n in range(1, len(own) + 1)]
    refs = [token.meta["label"] for token in tokens if token.type == "footnote_ref"]
    assert sorted(refs, key=int) == own  # each of the report's notes cited once, and nothing else
    assert [token.meta["label"] for token in tokens if token.type == "footnote_open"] == own
    assert {token.content for token in tokens if token.type == "code_inline"} <= set(THESIS_IDS)
    headings = [(tokens[i].tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert [tag for tag, _ in headings].count("h1") == 1
    assert {content for tag, content in headings if tag == "h2"} <= OWN_H2
    sections = [content for tag, content in headings if tag == "h3"]
    assert len(sections) == 2 and all(re.match(r"[12]\. ", content) for content in sections)


@pytest.mark.parametrize(
    ("url", "linked"),
    [("https://example.org/a", True), ("http://example.org/?q=a_b*c", True), ("javascript:alert(1)", False),
     ("JAVASCRIPT:alert(1)", False), ("data:text/html,<script>", False), ("https://a b", False),
     ("http://x/<b>", False), ("ftp://example.org", False)],
)  # fmt: skip
def test_only_http_urls_are_links(url: str, linked: bool) -> None:
    """A URL becomes an autolink only when it is http(s) and an autolink holds it as written."""
    html = _parser().render(markdown_url(url))
    assert ("<a href=" in html) is linked and "<b>" not in html and "<script>" not in html


def test_date_with_line_break_stays_on_its_line() -> None:
    """A line break in a letter's date does not start a heading or a footnote definition."""
    letter = Source(key="l", text="", authors=["Ann Author"], recipients=["Bob Writer"], csl_type="letter",
                    date="1692\n# Heading\n[^9]: forged")  # fmt: skip
    from argmap.outputs.citation import full_note

    note = full_note(letter)
    assert "\n" not in note and "\\# Heading" in note and "\\[\\^9\\]" in note


# -- pandoc: the report becomes Word or LaTeX with real footnotes ---------------------------------


def _notes(element: Any) -> int:
    """How many Note elements a pandoc JSON AST holds."""
    if isinstance(element, dict):
        return (element.get("t") == "Note") + sum(_notes(v) for v in element.values())
    if isinstance(element, list):
        return sum(_notes(v) for v in element)
    return 0


def _pandoc_json(text: str) -> Any:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (make pandoc installs it): apt-get install pandoc")
    done = subprocess.run([pandoc, "-f", "markdown", "-t", "json"], input=text.encode(), capture_output=True,
                          timeout=120, check=True)  # fmt: skip
    return json.loads(done.stdout)


def test_pandoc_reads_every_footnote() -> None:
    """pandoc's Markdown reader finds one Note per footnote of the Korean War report (--all), so
    `pandoc report.md -o report.docx` gives Word real footnotes."""
    text = markdown(korea().compare("hanngill", "chen"), everything=True)
    own = re.findall(r"^\[\^(\d+)\]: ", text, re.MULTILINE)
    assert len(own) >= 4 and _notes(_pandoc_json(text)) == len(own)


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
@given(dangerous_maps())
def test_pandoc_finds_only_the_report_markup(m: ArgumentMap) -> None:
    """pandoc, whose Markdown knows more syntax than CommonMark (math, citations, superscripts,
    attributes), finds in a report of dangerous fields only its footnotes, no raw HTML or code,
    and links only to http(s) addresses."""
    text = markdown(m.compare("a", "b"), everything=True)
    ast = _pandoc_json(text)
    own = re.findall(r"^\[\^(\d+)\]: ", text, re.MULTILINE)
    assert _notes(ast) == len(own)
    found: dict[str, list[Any]] = {}

    def visit(element: Any) -> None:
        if isinstance(element, dict):
            if "t" in element:
                found.setdefault(element["t"], []).append(element.get("c"))
            for value in element.values():
                visit(value)
        elif isinstance(element, list):
            for value in element:
                visit(value)

    visit(ast["blocks"])
    assert not set(found) & {"RawInline", "RawBlock", "CodeBlock", "Math", "Cite", "Superscript", "Subscript",
                             "Strikeout", "HorizontalRule", "Image", "Table"}  # fmt: skip
    assert {code[1] for code in found.get("Code", [])} <= set(THESIS_IDS)
    for link in found.get("Link", []):
        assert re.match(r"https?://", link[2][0]), link
    assert sum(1 for _ in found.get("Header", [])) == len(re.findall(r"^#{1,3} ", text, re.MULTILINE))


def test_escape_is_one_line() -> None:
    """escape_markdown folds line breaks of every kind CommonMark knows into spaces."""
    assert escape_markdown("a\r\nb\rc\nd") == "a b c d"
