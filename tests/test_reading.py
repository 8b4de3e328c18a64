"""The reading view: the page as text (escaping, columns, marks, size) and in a real Chromium
(highlights at their text, interaction, no request, no console error, hostile text inert).

The browser tests skip, saying why, where Chromium, chromium-driver or selenium is missing
(``make test`` installs them). They save screenshots under ``out/reading/``.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest

import argmap
from argmap import ArgumentMap, InvalidValueError, Source, UnknownSourceError
from argmap.cli import main
from argmap.errors import GraphvizNotFoundError
from argmap.outputs.reading import BLOCK_SIZE, _block_bounds, html, to_html
from tests import browser
from tests.conftest import DATA, FLAGSHIP, corpus_source

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "out" / "reading"
WELLS = DATA.parent.parent.parent / "shared" / "corpus" / "wells-1920-outline-of-history.txt"

needs_browser = pytest.mark.skipif(browser.missing() is not None, reason=str(browser.missing()))

HOSTILE = '<script>window.pwned=1</script><img src="http://example.invalid/x.png" onerror="window.pwned=2">'


def _walk(node: Any, mark: Any, pieces: list[str], marks: list[tuple[int, str, str]], at: int) -> int:
    """Append the text under ``node`` to ``pieces`` (and each marked piece, with its offset, to
    ``marks``), in document order; return the offset after it."""
    if node.text:
        if mark is not None:
            marks.append((at, node.text, mark.get("data-ev")))
        pieces.append(node.text)
        at += len(node.text)
    for child in node:
        at = _walk(child, child if child.tag == "mark" else mark, pieces, marks, at)
        if child.tail:
            if mark is not None:
                marks.append((at, child.tail, mark.get("data-ev")))
            pieces.append(child.tail)
            at += len(child.tail)
    return at


def columns_of(page: str) -> dict[str, tuple[int, str, list[tuple[int, str, str]]]]:
    """Each column of a page: ``{source key: (start offset, text shown, [(offset, text, evidence ids)])}``,
    read by an HTML parser the way a browser reads it (one entry per highlighted segment)."""
    tree = lxml.html.fromstring(page)
    out = {}
    for col in tree.xpath('//section[@class="col"]'):
        text_div = col.xpath('.//div[@class="text"]')[0]
        start = int(text_div.get("data-start"))
        pieces: list[str] = []
        marks: list[tuple[int, str, str]] = []
        _walk(text_div, None, pieces, marks, start)
        out[col.get("data-source")] = (start, "".join(pieces), marks)
    return out


def passages_in(marks: list[tuple[int, str, str]], evidence_id: str) -> tuple[int, str]:
    """Where one evidence's marked segments begin and their text, joined."""
    mine = [(at, text) for at, text, ids in marks if evidence_id in ids.split()]
    return mine[0][0], "".join(text for _, text in mine)


def small_map() -> ArgumentMap:
    """Two sources with page markers, a fuzzy quote and an emendation, and a quote shared by two theses."""
    m = ArgumentMap(title="Lexington, 19 April 1775")
    m.add_source(Source(key="gage", authors=("Thomas Gage",), year=1775, page_pattern=r"^\[p\. (\d+)\]$", text=(
        "[p. 1]\nThe troops marched at night.\nthe Rebels fired first upon the troops\n[p. 2]\n"
        "Mao looked to Chlna's borders. The troops crossed the river arid marched on the town.")))  # fmt: skip
    m.add_source(Source(key="coburn", authors=("Frank Warren Coburn",), year=1912,
                        text="the regulars fired first upon the militia on the green"))  # fmt: skip
    m.add_thesis("regulars-first", "The regulars fired the first shot.", note="The old question.")
    m.add_thesis("night-march", "The troops marched at night.")
    m.cite("regulars-first", "gage", "the Rebels fired first", "contests", note="Gage's report.")
    m.cite("regulars-first", "coburn", "the regulars fired first", "supports")
    m.cite("night-march", "gage", "The troops marched at night.", "supports")
    m.cite("night-march", "gage", "Mao looked to China's borders.", "supports")
    m.cite("night-march", "gage", "the river and marched on", "contests", emend={"arid": "and"})
    m.cite("night-march", "coburn", "the regulars fired first upon the militia", "contests")
    return m


def hostile_map() -> ArgumentMap:
    """Script, image and event-handler text everywhere a map has text."""
    text = f"Before. {HOSTILE} a quoted </script> passage & more. After."
    m = ArgumentMap(title=f"Title {HOSTILE}", description=f"About {HOSTILE}")
    m.add_source(Source(key="s", text=text, authors=(f"Evil, <b>Eve</b> {HOSTILE}",), title=HOSTILE, year=2020))
    m.add_source(Source(key="t", text="plain text here", title="Other"))
    m.add_thesis("t1", f"Statement {HOSTILE}", note=f"Note {HOSTILE}")
    m.cite("t1", "s", f"{HOSTILE} a quoted </script> passage", "supports", note=f"Evidence note {HOSTILE}")
    m.cite("t1", "t", "plain text", "contests")
    return m


class TestPage:
    def test_columns_show_the_texts_and_every_evidence_at_its_span(self) -> None:
        """Each column holds its source's text exactly; each evidence's marks begin at its passage and spell it."""
        m = small_map()
        cols = columns_of(to_html(m))
        assert set(cols) == {"gage", "coburn"}
        for key, (start, text, marks) in cols.items():
            assert text == m.source(key).text[start:]
            for ev in m.evidence:
                if ev.source == key:
                    assert passages_in(marks, ev.id) == (ev.passage.start, ev.passage.text)

    def test_flagship_columns_and_guests(self, korean_war: ArgumentMap) -> None:
        """By default the chapter and the blog; the letter and the cable the blog prints are highlighted in
        the blog's column; the PDF copy's evidence is listed as not in the columns, not dropped."""
        page = to_html(korean_war)
        cols = columns_of(page)
        assert list(cols) == ["chen", "hanngill"]
        shown = 0
        for ev in korean_war.evidence:
            column = {"stalin-letter": "hanngill", "filippov-cable": "hanngill"}.get(ev.source, ev.source)
            if column not in cols:
                assert f"&quot;{ev.source}&quot;] to read it in place" in page
                continue
            assert passages_in(cols[column][2], ev.id) == (ev.passage.start, ev.passage.text)
            shown += 1
        assert shown == sum(ev.source != "chen-pdf" for ev in korean_war.evidence) > 20

    def test_page_labels_at_page_starts(self, korean_war: ArgumentMap) -> None:
        """The chapter's column labels each printed page where it begins (pp. 249-252)."""
        tree = lxml.html.fromstring(to_html(korean_war, sources=["chen"]))
        labels = [pb.get("data-label") for pb in tree.xpath('//span[@class="pb"]')]
        assert labels == ["p.\u00a0249", "p.\u00a0250", "p.\u00a0251", "p.\u00a0252"]

    def test_named_sources_in_order(self, korean_war: ArgumentMap) -> None:
        """Named sources become the columns in that order; a source printed in a named one joins its column."""
        assert list(columns_of(to_html(korean_war, sources=["hanngill", "chen-pdf", "chen"]))) == [
            "hanngill", "chen-pdf", "chen"]  # fmt: skip
        assert list(columns_of(to_html(korean_war, sources=["stalin-letter", "hanngill"]))) == ["hanngill"]
        assert list(columns_of(to_html(korean_war, sources=["stalin-letter"]))) == ["stalin-letter"]

    def test_bad_sources_are_refused(self, korean_war: ArgumentMap) -> None:
        """An unknown key, an empty list and a repeated key each raise their own error."""
        with pytest.raises(UnknownSourceError, match="hangill"):
            to_html(korean_war, sources=["hangill"])
        with pytest.raises(InvalidValueError, match="one or more source keys"):
            to_html(korean_war, sources=[])
        with pytest.raises(InvalidValueError, match="each source key once"):
            to_html(korean_war, sources=["chen", "chen"])

    def test_stance_fuzzy_and_emendation_marks(self) -> None:
        """Marks carry their stance as a class and a symbol; fuzzy and emended passages are flagged."""
        m = small_map()
        tree = lxml.html.fromstring(to_html(m))
        by_first = {mk.get("data-first"): mk for mk in tree.xpath("//mark[@data-first]")}
        assert by_first["gage-1"].get("data-pin") == "\u2212" and "con" in by_first["gage-1"].get("class").split()
        assert by_first["gage-2"].get("data-pin") == "+" and "sup" in by_first["gage-2"].get("class").split()
        assert by_first["gage-3"].get("data-pin") == "+\u2248" and "fz" in by_first["gage-3"].get("class").split()
        assert by_first["gage-4"].get("data-pin") == "\u2212\u2248\u270e"
        assert "em" in by_first["gage-4"].get("class").split()
        # "the regulars fired first" lies inside the longer quote: both start there, for two theses
        assert by_first["coburn-1 coburn-2"].get("data-pin") == "+ \u2212"

    def test_hostile_text_is_only_text(self) -> None:
        """Script, image and handler text in every field stays text: the page's only scripts are its own."""
        page = to_html(hostile_map())
        tree = lxml.html.fromstring(page)
        scripts = tree.xpath("//script")
        assert [s.get("type") for s in scripts] == ["application/json", None]
        assert not tree.xpath("//img") and not tree.xpath("//b[contains(., 'Eve')]")
        assert not [a for el in tree.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
        assert "window.pwned" not in scripts[1].text
        data = json.loads(scripts[0].text)
        assert data["theses"]["t1"]["statement"] == f"Statement {HOSTILE}"
        assert "</script" not in scripts[0].text
        assert f"Statement {HOSTILE}" in tree.xpath('//li[@data-thesis="t1"]//span[@class="stmt"]')[0].text_content()

    def test_content_security_policy(self) -> None:
        """A CSP forbids every source but the page's own script and style, pinned by their hashes."""
        import base64
        import hashlib

        page = to_html(small_map())
        tree = lxml.html.fromstring(page)
        [meta] = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
        policy = meta.get("content")
        assert policy.startswith("default-src 'none'; ")
        assert "base-uri 'none'" in policy and "form-action 'none'" in policy
        assert "unsafe" not in policy and "http" not in policy and "*" not in policy
        script = tree.xpath("//script[not(@type)]")[0].text
        style = tree.xpath("//style")[0].text

        def digest(text: str) -> str:
            return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

        assert f"script-src 'sha256-{digest(script)}'" in policy
        assert f"style-src 'sha256-{digest(style)}'" in policy

    def test_deterministic(self) -> None:
        """The same map gives the same page."""
        assert to_html(small_map()) == to_html(small_map())

    def test_two_books_stay_small(self) -> None:
        """Two books side by side: the page is at most 2.5 times their texts (about 1.1 in fact)."""
        m = ArgumentMap()
        for name, key in (("gardiner-1897-what-gunpowder-plot-was", "gardiner"),
                          ("gerard-1897-what-was-the-gunpowder-plot", "gerard")):  # fmt: skip
            m.add_source(corpus_source(name, key))
        m.add_thesis("t", "Thesis.")
        m.cite("t", "gardiner", "the Gunpowder Plot", "supports", occurrence=1)
        texts = sum(len(s.text.encode()) for s in m.sources)
        size = len(to_html(m).encode())
        assert size <= 2.5 * texts
        cols = columns_of(to_html(m))
        assert all(cols[s.key][1] == s.text for s in m.sources)

    def test_hard_wrapped_prose_reflows(self) -> None:
        """A line end inside hard-wrapped prose is shown as a space (the text keeps it); short lines,
        blank lines and page markers keep theirs."""
        long = "A long line of hard-wrapped prose that goes on past forty-five characters"
        text = (f"{long}\n   and continues {long}\nhere.\n\nShort\nlines\n{long}\n[p. 7]\nafter the marker\n\n"
                f"{long}\nquoted here")
        m = ArgumentMap()
        m.add_source(Source(key="s", text=text, page_pattern=r"^\[p\. (\d+)\]$"))
        m.add_thesis("t", "T.")
        m.cite("t", "s", "forty-five characters quoted here", "supports")
        tree = lxml.html.fromstring(to_html(m))
        assert [span.text for span in tree.xpath('//span[@class="rf"]')] == [f"\n   and continues {long}\n"]
        assert [mk.text for mk in tree.xpath("//mark") if "rf" in mk.get("class").split()] == ["\n"]
        assert columns_of(to_html(m))["s"][1] == text

    def test_blocks_cover_the_text(self) -> None:
        """Blocks are contiguous, cover the span, end after a line end where there is one, and stay bounded."""
        text = ("a line of text\n" * 2000) + ("x" * 30000) + " tail"
        bounds = _block_bounds(text, 5, len(text))
        assert bounds[0] == 5 and bounds[-1] == len(text)
        assert all(b > a for a, b in itertools.pairwise(bounds))
        assert all(b - a <= 12000 for a, b in itertools.pairwise(bounds))
        assert text[bounds[1] - 1] == "\n" and bounds[1] - bounds[0] >= BLOCK_SIZE

    def test_html_without_graphviz(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without Graphviz html() says how to install it; diagram=False writes the page, saying what was left out."""
        monkeypatch.setenv("PATH", "")
        with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz"):
            html(small_map(), tmp_path / "r.html")
        assert not (tmp_path / "r.html").exists()
        page = html(small_map(), tmp_path / "r.html", diagram=False).read_text(encoding="utf-8")
        assert "The overview diagram was left out (diagram=False)." in page

    @pytest.mark.graphviz
    def test_overview_diagram_embedded(self, korean_war: ArgumentMap, tmp_path: Path) -> None:
        """The overview diagram sits in the page as SVG, one node per thesis, ids the script can find."""
        tree = lxml.html.fromstring(html(korean_war, tmp_path / "r.html").read_text(encoding="utf-8"))
        ids = {g.get("id") for g in tree.xpath('//section[@id="diagram"]//g') if (g.get("id") or "").startswith("th")}
        assert ids == {f"thesis-{t.id}" for t in korean_war.theses}

    def test_public_name(self) -> None:
        """``argmap.html`` is the reading view."""
        assert argmap.html is html


class TestCommand:
    def test_html_command(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``argmap html MAP -o FILE A B`` writes the page with those columns; an unknown source is a usage error."""
        out = tmp_path / "reading.html"
        assert main(["html", str(FLAGSHIP), "-o", str(out), "hanngill", "chen", "--no-diagram"]) == 0
        assert f"wrote {out}" in capsys.readouterr().err
        assert list(columns_of(out.read_text(encoding="utf-8"))) == ["hanngill", "chen"]
        assert main(["html", str(FLAGSHIP), "-o", str(tmp_path / "x.html"), "nobody"]) == 2
        assert "unknown source 'nobody'" in capsys.readouterr().err
        assert not (tmp_path / "x.html").exists()

    def test_html_command_without_graphviz(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        """Without Graphviz the command fails with exit 3, saying how to install it or do without the diagram."""
        monkeypatch.setenv("PATH", "")
        assert main(["html", str(FLAGSHIP), "-o", str(tmp_path / "r.html")]) == 3
        err = capsys.readouterr().err
        assert "apt-get install graphviz" in err and "--no-diagram" in err
        assert not (tmp_path / "r.html").exists()


# -- in a real browser ------------------------------------------------------------------------------

EVIDENCE_AT = """
const out = {};
for (const text of document.querySelectorAll('#cols .text')) {
  const marks = text.querySelectorAll('mark.ev');
  for (const mark of marks) {
    for (const id of mark.dataset.ev.split(' ')) {
      if (!(id in out)) {
        const blk = mark.closest('.blk');
        const range = document.createRange();
        range.setStart(blk, 0);
        range.setEnd(mark, 0);
        out[id] = [parseInt(blk.dataset.start, 10) + range.toString().length, ''];
      }
      out[id][1] += mark.textContent;
    }
  }
}
return out;
"""

ON_SCREEN = """
const mark = arguments[0];
const r = mark.getBoundingClientRect(), c = mark.closest('.text').getBoundingClientRect();
return r.top >= c.top - 1 && r.bottom <= c.bottom + 1 && r.height > 0;
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    if browser.missing():
        pytest.skip(str(browser.missing()))
    chrome = browser.chromium()
    chrome.set_script_timeout(60)
    yield chrome
    chrome.quit()


def open_page(driver: Any, path: Path, fragment: str = "") -> None:
    """Open a page and wait until its script is ready; the logs start afresh."""
    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(path.as_uri() + fragment)
    for _ in range(400):
        if driver.execute_script("return document.documentElement.dataset.ready") == "1":
            return
        time.sleep(0.05)
    raise AssertionError(f"the page did not get ready: {browser.console_errors(driver)}")


def assert_clean(driver: Any, path: Path) -> None:
    """No request but the page itself, and no console error."""
    assert set(browser.requests(driver)) <= {path.as_uri()}
    assert browser.console_errors(driver) == []


def select(driver: Any, thesis: str) -> None:
    driver.find_element("css selector", f'[data-thesis="{thesis}"] .th-btn').click()
    driver.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));")


@pytest.fixture(scope="module")
def flagship_page(korean_war: ArgumentMap, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The flagship's reading view, with its diagram when Graphviz is here."""
    import shutil

    folder = tmp_path_factory.mktemp("reading")
    return html(korean_war, folder / "reading.html", diagram=shutil.which("dot") is not None)


@needs_browser
class TestInBrowser:
    def test_every_evidence_highlighted_at_its_text(self, driver: Any, flagship_page: Path,
                                                    korean_war: ArgumentMap) -> None:  # fmt: skip
        """In Chromium, each evidence in the columns is marked from its passage's offset with its exact text."""
        open_page(driver, flagship_page)
        found = driver.execute_script(EVIDENCE_AT)
        shown = [ev for ev in korean_war.evidence if ev.source != "chen-pdf"]
        assert {ev.id: tuple(found.get(ev.id, ())) for ev in shown} == {
            ev.id: (ev.passage.start, ev.passage.text) for ev in shown}  # fmt: skip
        texts = driver.execute_script("return Array.from(document.querySelectorAll('#cols .text'), t => t.textContent)")
        assert texts == [korean_war.source("chen").text, korean_war.source("hanngill").text]
        SHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SHOTS / "flagship-opened.png"))
        assert_clean(driver, flagship_page)

    def test_click_thesis_scrolls_each_column(self, driver: Any, flagship_page: Path,
                                              korean_war: ArgumentMap) -> None:  # fmt: skip
        """Clicking a thesis selects it, marks its passages and brings the first in each column on screen."""
        open_page(driver, flagship_page)
        thesis = "china-entry-stalins-decision"
        assert {ev.source for ev in korean_war.evidence_for(thesis)} >= {"chen", "hanngill"}
        select(driver, thesis)
        for key in ("chen", "hanngill"):
            mine = [ev for ev in korean_war.evidence_for(thesis) if ev.source == key]
            first = min(mine, key=lambda e: e.passage.start)
            mark = driver.find_element("css selector", f'.col[data-source="{key}"] mark[data-ev~="{first.id}"]')
            assert "on" in mark.get_attribute("class").split()
            assert driver.execute_script(ON_SCREEN, mark)
        assert driver.execute_script("return location.hash") == f"#thesis={thesis}"
        item = driver.find_element("css selector", f'[data-thesis="{thesis}"]')
        assert "selected" in item.get_attribute("class").split()
        driver.save_screenshot(str(SHOTS / "flagship-selected.png"))
        assert_clean(driver, flagship_page)

    def test_next_and_previous_go_through_the_passages(self, driver: Any, flagship_page: Path,
                                                       korean_war: ArgumentMap) -> None:  # fmt: skip
        """The passage buttons and n/p step through the selected thesis's passages, column by column."""
        open_page(driver, flagship_page)
        thesis = "stalin-wanted-us-intervention"
        select(driver, thesis)
        column = {"chen": 0, "hanngill": 1, "stalin-letter": 1}
        expected = [ev.id for ev in sorted(korean_war.evidence_for(thesis),
                                           key=lambda e: (column[e.source], e.passage.start))]  # fmt: skip
        for evidence_id in expected:
            driver.find_element("id", "next").click()
            current = driver.find_elements("css selector", "mark.cur")
            assert current and all(evidence_id in m.get_attribute("data-ev").split() for m in current)
            assert driver.execute_script(ON_SCREEN, current[0])
        driver.find_element("tag name", "body").send_keys("p")
        assert expected[-2] in driver.find_element("css selector", "mark.cur").get_attribute("data-ev").split()
        assert driver.find_element("id", "status").text.startswith(f"passage {len(expected) - 1} of {len(expected)}")
        assert_clean(driver, flagship_page)

    def test_click_highlight_shows_thesis_stance_note_citation(self, driver: Any, flagship_page: Path) -> None:
        """Clicking a highlight opens a card with the thesis, the stance, the note and the citation."""
        open_page(driver, flagship_page)
        mark = driver.find_element("css selector", 'mark[data-first~="stalin-letter-2"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        mark.click()
        card = driver.find_element("id", "card")
        assert card.is_displayed()
        text = card.text
        assert "+ supports the thesis" in text
        assert "Stalin wanted the United States to intervene militarily in Korea." in text
        assert "Stalin to Gottwald 1950 \u2014 August 27, 1950" in text
        assert "'form' for 'from' is the blog's typo" in text
        driver.save_screenshot(str(SHOTS / "flagship-card.png"))
        card.find_element("css selector", "button.pick").click()
        assert "selected" in driver.find_element(
            "css selector", '[data-thesis="stalin-wanted-us-intervention"]').get_attribute("class")  # fmt: skip
        driver.find_element("tag name", "body").send_keys("\ue00c")  # Escape
        assert not card.is_displayed()
        assert_clean(driver, flagship_page)

    def test_disputed_only_filter(self, driver: Any, flagship_page: Path, korean_war: ArgumentMap) -> None:
        """The filter shows the disputed theses only; d toggles it from the keyboard."""
        open_page(driver, flagship_page)
        disputed = set(argmap.analysis.disputes(korean_war))
        assert 0 < len(disputed) < len(korean_war.theses)

        def visible() -> set[str]:
            return {li.get_attribute("data-thesis") for li in driver.find_elements("css selector", "#theses .th")
                    if li.is_displayed()}  # fmt: skip

        assert visible() == {t.id for t in korean_war.theses}
        driver.find_element("id", "only-disputed").click()
        assert visible() == disputed
        driver.find_element("tag name", "body").send_keys("d")
        assert visible() == {t.id for t in korean_war.theses}
        assert_clean(driver, flagship_page)

    def test_keyboard(self, driver: Any, flagship_page: Path, korean_war: ArgumentMap) -> None:
        """j and k move through the theses; n steps to a passage; Enter opens its card; Escape closes, then clears."""
        open_page(driver, flagship_page)
        body = driver.find_element("tag name", "body")
        body.send_keys("j")
        body = driver.switch_to.active_element
        body.send_keys("j")
        selected = driver.find_elements("css selector", "#theses .th.selected")
        assert [li.get_attribute("data-thesis") for li in selected] == [korean_war.theses[1].id]
        driver.switch_to.active_element.send_keys("k")
        assert driver.find_element("css selector", "#theses .th.selected").get_attribute("data-thesis") == (
            korean_war.theses[0].id)  # fmt: skip
        driver.find_element("css selector", "#cols .text").send_keys("n")
        driver.switch_to.active_element.send_keys("\ue007")  # Enter
        assert driver.find_element("id", "card").is_displayed()
        driver.switch_to.active_element.send_keys("\ue00c")
        assert not driver.find_element("id", "card").is_displayed()
        driver.switch_to.active_element.send_keys("\ue00c")
        assert driver.find_elements("css selector", "#theses .th.selected") == []
        assert_clean(driver, flagship_page)

    def test_fragment_opens_on_a_thesis(self, driver: Any, flagship_page: Path, korean_war: ArgumentMap) -> None:
        """``#thesis=ID`` in the address opens the view with that thesis selected and its passages on screen."""
        thesis = "stalin-pushed-china-in"
        open_page(driver, flagship_page, f"#thesis={thesis}")
        assert driver.find_element("css selector", "#theses .th.selected").get_attribute("data-thesis") == thesis
        first = driver.find_element("css selector", "mark.on")
        assert driver.execute_script(ON_SCREEN, first)
        open_page(driver, flagship_page, "#thesis=no-such-thesis")  # an unknown id selects nothing, quietly
        assert driver.find_elements("css selector", "#theses .th.selected") == []
        assert_clean(driver, flagship_page)

    def test_print_shows_the_selected_thesis_with_its_passages(self, driver: Any, flagship_page: Path,
                                                               korean_war: ArgumentMap) -> None:  # fmt: skip
        """Under the print stylesheet only the selected thesis shows, with the text of each of its passages."""
        open_page(driver, flagship_page)
        thesis = "kims-war"
        select(driver, thesis)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            assert not driver.find_element("id", "app").is_displayed()
            printed = driver.find_element("id", "print").text
            driver.save_screenshot(str(SHOTS / "flagship-print.png"))
        finally:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        assert korean_war.thesis(thesis).statement in printed
        for ev in korean_war.evidence_for(thesis):
            words = korean_war.source(ev.source).words(ev.passage.start, ev.passage.end)
            assert " ".join(words.split()) in " ".join(printed.split())
        assert korean_war.theses[0].statement not in printed

    @pytest.mark.graphviz
    def test_diagram_nodes_select_theses(self, driver: Any, flagship_page: Path) -> None:
        """The embedded overview opens with g; clicking a thesis node there selects that thesis."""
        open_page(driver, flagship_page)
        driver.find_element("id", "toggle-diagram").click()
        node = driver.find_element("css selector", '#diagram g[id="thesis-mao-green-light"]')
        assert node.is_displayed()
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", node)
        node.find_element("css selector", "polygon, path").click()
        assert driver.find_element("css selector", "#theses .th.selected").get_attribute("data-thesis") == (
            "mao-green-light")  # fmt: skip
        driver.save_screenshot(str(SHOTS / "flagship-diagram.png"))
        assert_clean(driver, flagship_page)

    def test_hostile_text_stays_inert(self, driver: Any, tmp_path: Path) -> None:
        """Script and onerror text in every field is shown as text: nothing runs, nothing loads, no error."""
        import shutil

        page = html(hostile_map(), tmp_path / "hostile.html", diagram=shutil.which("dot") is not None)
        open_page(driver, page)
        driver.find_element("id", "toggle-diagram").click()  # the diagram's labels are text too
        select(driver, "t1")
        driver.find_element("css selector", "mark.ev").click()
        assert driver.execute_script("return window.pwned === undefined && document.images.length === 0")
        assert f"Statement {HOSTILE}" in driver.find_element("css selector", '[data-thesis="t1"] .stmt').text
        assert HOSTILE in driver.find_element("id", "card").text
        assert HOSTILE in driver.find_element("css selector", '.col[data-source="s"] .text').text
        driver.save_screenshot(str(SHOTS / "hostile.png"))
        assert_clean(driver, page)

    @pytest.mark.skipif(not WELLS.exists(), reason=f"the 2.4 MB corpus text is not at {WELLS}")
    def test_book_length_texts(self, driver: Any, tmp_path: Path) -> None:
        """Two 2.4 MB texts open; a passage near the end of each is highlighted at its offset and scrolled to."""
        text = WELLS.read_text(encoding="utf-8")
        other = "\n\n".join(reversed(text.split("\n\n")))
        m = ArgumentMap(title="Two books")
        m.add_source(Source(key="wells", text=text, authors=("H. G. Wells",), year=1920))
        m.add_source(Source(key="backwards", text=other, authors=("Backwards, B.",), year=2020))
        m.add_thesis("late", "A thesis argued late in both books.")

        def phrase(at: int) -> str:  # a phrase of the book that occurs once in it
            while True:
                start = text.index(" ", at) + 1
                words = " ".join(text[start : start + 120].split()[:9])
                if text.count(words) == 1:
                    return words
                at = start + 50

        m.cite("late", "wells", phrase(len(text) * 96 // 100), "supports")
        m.cite("late", "backwards", phrase(len(text) * 3 // 100), "contests")  # near the end when reversed
        assert all(ev.passage.start > 0.9 * len(text) for ev in m.evidence)
        page = html(m, tmp_path / "books.html", diagram=False)
        assert page.stat().st_size <= 2.5 * (len(text.encode()) + len(other.encode()))
        open_page(driver, page, "#thesis=late")
        found = driver.execute_script(EVIDENCE_AT)
        assert {k: tuple(v) for k, v in found.items()} == {
            ev.id: (ev.passage.start, ev.passage.text) for ev in m.evidence}  # fmt: skip
        for mark in driver.find_elements("css selector", "mark.on"):
            assert driver.execute_script(ON_SCREEN, mark)
        driver.save_screenshot(str(SHOTS / "books.png"))
        assert_clean(driver, page)


def test_import_argmap_stays_light() -> None:
    """``import argmap`` does not load selenium or start anything for the reading view."""
    code = "import sys, argmap; print('selenium' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
