"""Finding the evidence: candidate passages, their index, and suggestions for a thesis."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import retrieval
from argmap.cli import main
from argmap.files import cache_directory
from argmap.formats.suggestions import evidence_blocks
from tests.conftest import DATA, FLAGSHIP
from tests.strategies import sources

MAPS = DATA  # the maps stand beside their texts


def _original(source: argmap.Source, i: int, index: retrieval.PassageIndex) -> tuple[int, int]:
    start, end = source.view.to_original(*index.span(i))
    return start, end


class TestPassages:
    @given(sources("s"))
    def test_passages_cover_every_word_between_words(self, drawn: tuple[argmap.Source, list[str]]) -> None:
        """Passages are in order, disjoint, start and end between words of the view, never inside a
        skipped span of the original, and together hold every word of the text the source occupies."""
        source, _words = drawn
        index = retrieval.passage_index(source)
        view = source.view
        lo, hi = retrieval._bounds(source)
        last = lo
        covered = []
        for i in range(len(index)):
            start, end = index.span(i)
            assert last <= start < end <= hi
            assert view.is_boundary(start) and view.is_boundary(end)
            assert view.text[start] != " " and view.text[end - 1] != " "
            o_start, o_end = _original(source, i, index)
            for s, e in source.page_layout.skipped:
                assert not s < o_start < e and not s < o_end < e
            covered.append(view.text[start:end])
            last = end
        words = re.findall(r"[^\W_]+", view.text[lo:hi])
        assert re.findall(r"[^\W_]+", " ".join(covered)) == words

    def test_sentences_and_paragraphs(self) -> None:
        """A sentence ends after its full stop (not after ``Mr.`` or an initial), a paragraph at a
        blank line, but not at a page marker between blank lines in mid-sentence; short sentences
        join the next of their paragraph."""
        text = (
            "Mr. S. R. Gardiner answered Father Gerard in a book of the same year about the plot. "
            "He defended the story.\n\nThe powder was found under the House of Lords by Knyvet, "
            "who was searching the\n\n[Pg 7]\n\ncellar on the night of the fourth of November.\n\nNotes"
        )
        source = argmap.Source(key="s", text=text, page_pattern=r"\[Pg (\d+)\]")
        index = retrieval.passage_index(source)
        got = [source.view.text[slice(*index.span(i))] for i in range(len(index))]
        assert got == [
            "Mr. S. R. Gardiner answered Father Gerard in a book of the same year about the plot. "
            "He defended the story.",
            "The powder was found under the House of Lords by Knyvet, who was searching the cellar on the night "
            "of the fourth of November.",
            "Notes",
        ]

    def test_long_sentence_cut_at_semicolons(self) -> None:
        """A sentence of more than MAX_WORDS words is cut after its semicolons."""
        clause = " ".join(["word"] * 30)
        source = argmap.Source(key="s", text=f"{clause}; {clause}; {clause}.")
        index = retrieval.passage_index(source)
        assert len(index) == 3
        assert source.view.text[slice(*index.span(0))].endswith(";")

    def test_book_passages_never_in_a_marker_or_word(self, gerard: argmap.Source) -> None:
        """No passage of a Gutenberg book starts or ends inside a [Pg N] marker, a [N] anchor or a word."""
        index = retrieval.passage_index(gerard)
        text = gerard.text
        markers = [m.span() for m in re.finditer(r"\[Pg [^\]]+\]|\[\d+\]", text)]
        for i in range(len(index)):
            start, end = _original(gerard, i, index)
            assert start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
            assert end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
            assert not any(s <= start < e or s < end <= e for s, e in markers)


class TestIndexCache:
    def test_written_and_read_back(self, gardiner: argmap.Source) -> None:
        """A book's index is kept in the cache folder and read back equal, without building it again."""
        index = retrieval.passage_index(gardiner)
        entry = retrieval.cache_path(gardiner)
        assert entry is not None and entry.is_relative_to(cache_directory() or Path("/nowhere"))
        assert entry.exists()
        retrieval._INDEXES.clear()
        built = []
        original = retrieval.build_index
        retrieval.build_index = lambda *a: built.append(1) or original(*a)  # type: ignore[assignment]
        try:
            again = retrieval.passage_index(gardiner)
        finally:
            retrieval.build_index = original
        assert built == []
        assert again.vocabulary == index.vocabulary
        for name in ("starts", "ends", "data", "indices", "indptr", "lengths"):
            assert np.array_equal(getattr(again, name), getattr(index, name))

    def test_damaged_entry_ignored(self, gardiner: argmap.Source) -> None:
        """A damaged cache entry is not trusted: the index is built anew and the entry rewritten."""
        index = retrieval.passage_index(gardiner)
        entry = retrieval.cache_path(gardiner)
        assert entry is not None
        entry.write_bytes(b"PK\x03\x04 not an index")
        retrieval._INDEXES.clear()
        again = retrieval.passage_index(gardiner)
        assert np.array_equal(again.starts, index.starts)
        rewritten = retrieval.PassageIndex.from_bytes(entry.read_bytes(), len(gardiner.view.text))
        assert rewritten.vocabulary == index.vocabulary

    @pytest.mark.parametrize("change", ["ends", "indices", "indptr"])
    def test_out_of_bounds_refused(self, change: str) -> None:
        """An entry whose spans or matrix point outside the text is refused."""
        source = argmap.Source(key="s", text="The regulars fired first. The militia dispersed at once.\n\nNotes.")
        index = retrieval.passage_index(source)
        raw = index.to_bytes()
        import io

        with np.load(io.BytesIO(raw)) as npz:
            arrays = {k: npz[k] for k in npz.files}
        arrays[change] = arrays[change] + 1000
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        with pytest.raises(ValueError, match="not a passage index"):
            retrieval.PassageIndex.from_bytes(buffer.getvalue(), len(source.view.text))


class TestSuggest:
    def test_best_first_and_cited_left_out(self, korean_war: argmap.ArgumentMap) -> None:
        """Each source's suggestions come best first, at most k, and none overlaps evidence already
        cited for the thesis."""
        found = korean_war.suggest("stalin-wanted-us-intervention", k=4)
        cited = korean_war.evidence_for("stalin-wanted-us-intervention")
        assert found.of("chen")
        for key in {s.source for s in found}:
            mine = found.of(key)
            assert len(mine) <= 4
            assert [s.rank for s in mine] == list(range(1, len(mine) + 1))
            assert [s.score for s in mine] == sorted((s.score for s in mine), reverse=True)
            text = korean_war.source(key).text
            for s in mine:
                assert s.passage.text == text[s.passage.start : s.passage.end]
                for ev in cited:
                    if korean_war.source(ev.source).text == text:
                        assert s.passage.end <= ev.passage.start or ev.passage.end <= s.passage.start

    def test_same_text_searched_once(self, korean_war: argmap.ArgumentMap) -> None:
        """A letter read in the post that prints it is searched once, under the post, and said so."""
        found = korean_war.suggest("kims-war")
        assert not found.of("stalin-letter")
        assert "same text as 'hanngill'" in found.notes["stalin-letter"]
        assert found.of("hanngill")

    def test_query_holds_statement_note_and_evidence(self, korean_war: argmap.ArgumentMap) -> None:
        """The query is the statement and note at weight 1, and the evidence's other words at half weight."""
        found = korean_war.suggest("stalin-wanted-us-intervention", source="chen")
        assert found.terms["stalin"] == 1.0
        assert any(w == argmap.suggest.EVIDENCE_WEIGHT for w in found.terms.values())

    def test_quotes_found_again(self, gerard: argmap.Source, gardiner: argmap.Source) -> None:
        """Each suggested quote, located in its source (with its occurrence), is the suggested passage."""
        m = argmap.ArgumentMap()
        m.add_source(gerard)
        m.add_source(gardiner)
        m.add_thesis("monteagle", "The letter to Lord Monteagle was written by Tresham.")
        m.add_thesis("oath", "The conspirators swore an oath of secrecy and took the sacrament.")
        for thesis in ("monteagle", "oath"):
            found = m.suggest(thesis, k=10)
            assert len(found.of("gerard")) == len(found.of("gardiner")) == 10
            for s in found:
                p = argmap.locate(m.source(s.source), s.quote, occurrence=s.occurrence, max_error_rate=0)
                assert (p.start, p.end, p.pages) == (s.passage.start, s.passage.end, s.passage.pages)

    @given(sources("s"), st.data())
    def test_every_suggestion_can_be_cited(self, drawn: tuple[argmap.Source, list[str]], data: st.DataObject) -> None:
        """On any text, each suggestion cites as it stands: ``m.cite`` with its quote and
        occurrence gives its passage, pages included."""
        source, words = drawn
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="s", text=source.text, page_pattern=source.page_pattern, ignore=source.ignore))
        statement = " ".join(data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=4)))
        m.add_thesis("t", statement)
        for s in m.suggest("t", k=5):
            ev = m.cite("t", "s", s.quote, "supports", occurrence=s.occurrence, max_error_rate=0)
            assert ev.passage == s.passage

    def test_found_through_the_sources_own_words(self) -> None:
        """A passage with none of the thesis's words is found through the words of the best passage
        (pseudo-relevance feedback), ranked below it, and shows those words as matched."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="gage", text=(
            "The colonists, whom the general called rebels, fired the first shot at dawn.\n\n"
            "The rebels hid behind stone walls along the road.\n\n"
            "The troops marched back to Boston in the evening.")))  # fmt: skip
        m.add_thesis("who-fired", "The colonists fired first.")
        found = m.suggest("who-fired")
        assert [(s.quote, s.matched) for s in found] == [
            ("The colonists, whom the general called rebels, fired the first shot at dawn.",
             ("colonists", "fired", "first")),
            ("The rebels hid behind stone walls along the road.", ("rebels",)),
        ]  # fmt: skip

    def test_feedback_terms_leave_out_the_query(self, gardiner: argmap.Source) -> None:
        """The feedback words are new to the query, at most FEEDBACK_TERMS, weighted at most
        FEEDBACK_WEIGHT, and none without a first ranking."""
        index = retrieval.passage_index(gardiner)
        terms = {"cellar": 1.0, "powder": 1.0, "hire": 1.0}
        first = argmap.suggest.ranking(index, terms)
        extra = argmap.suggest.feedback_terms(index, first, terms)
        assert 0 < len(extra) <= argmap.suggest.FEEDBACK_TERMS
        assert not set(extra) & set(terms)
        assert max(extra.values()) == argmap.suggest.FEEDBACK_WEIGHT
        assert all(0 < w <= argmap.suggest.FEEDBACK_WEIGHT for w in extra.values())
        assert argmap.suggest.feedback_terms(index, np.zeros(len(index)), terms) == {}

    def test_no_words_in_source(self) -> None:
        """A thesis none of whose words the source has gives nothing, and says why."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="gage", text="The Rebels fired first upon the troops."))
        m.add_thesis("stalin", "Stalin wanted war in Korea.")
        found = m.suggest("stalin")
        assert list(found) == []
        assert "none of the words of thesis 'stalin' occurs in source 'gage'" in found.notes["gage"]

    def test_only_common_words(self) -> None:
        """A thesis of common words only has nothing to search for, and says so."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="gage", text="The Rebels fired first upon the troops."))
        m.add_thesis("vague", "It was not so.")
        found = m.suggest("vague")
        assert len(found) == 0
        assert "no words to search for" in found.notes["gage"]

    def test_unknown_thesis_and_source(self, korean_war: argmap.ArgumentMap) -> None:
        """An unknown thesis or source is the usual error, with the nearest ids."""
        with pytest.raises(argmap.UnknownThesisError, match="did you mean 'kims-war'"):
            korean_war.suggest("kim-war")
        with pytest.raises(argmap.UnknownSourceError, match="did you mean 'chen'"):
            korean_war.suggest("kims-war", source="chem")

    @pytest.mark.parametrize("k", [0, -1, 2.5, True])
    def test_bad_k(self, korean_war: argmap.ArgumentMap, k: object) -> None:
        """k must be a whole number, 1 or more."""
        with pytest.raises(argmap.InvalidValueError, match="k"):
            korean_war.suggest("kims-war", k=k)  # type: ignore[arg-type]

    def test_leave_one_thesis_out_flagship(self, korean_war: argmap.ArgumentMap) -> None:
        """Most of the flagship's quotes come back in the top 10 when their thesis loses its evidence
        (benchmarks/suggest.py measures this on every map; this is a floor against regressions)."""
        import importlib.util
        import sys

        path = Path(__file__).resolve().parent.parent / "benchmarks" / "suggest.py"
        spec = importlib.util.spec_from_file_location("suggest_benchmark", path)
        assert spec is not None and spec.loader is not None
        bench = importlib.util.module_from_spec(spec)
        sys.modules["suggest_benchmark"] = bench
        spec.loader.exec_module(bench)
        ranks = bench._ranks(korean_war, per_quote=False)
        assert len(ranks) == len(korean_war.evidence)
        assert bench._figures(ranks)[1] >= 0.65


class TestEvidenceBlocks:
    def test_pasted_blocks_load_as_the_suggested_passages(self, tmp_path: Path) -> None:
        """The printed [[evidence]] blocks, with a stance chosen, load into the map and give the
        suggested passages, pages and all."""
        path = MAPS / "lexington.toml"
        m = argmap.load(path)
        found = m.suggest("colonists-fired-first", k=5)
        blocks = evidence_blocks(found).replace('# stance = "supports"', 'stance = "supports"')
        text = path.read_text(encoding="utf-8").replace('path = "', f'path = "{DATA}/')
        (tmp_path / "m.toml").write_text(text + "\n" + blocks, encoding="utf-8")
        loaded = argmap.load(tmp_path / "m.toml", allowed=[DATA])
        added = loaded.evidence[len(m.evidence) :]
        assert [ev.passage for ev in added] == [s.passage for s in found]

    def test_unchosen_stance_does_not_load(self, tmp_path: Path) -> None:
        """A block pasted without choosing a stance is refused when the map is loaded."""
        m = argmap.load(MAPS / "lexington.toml")
        blocks = evidence_blocks(m.suggest("colonists-fired-first", k=1))
        text = (MAPS / "lexington.toml").read_text(encoding="utf-8").replace('path = "', f'path = "{DATA}/')
        (tmp_path / "m.toml").write_text(text + "\n" + blocks, encoding="utf-8")
        with pytest.raises(argmap.MapFileError, match="stance"):
            argmap.load(tmp_path / "m.toml", allowed=[DATA])


class TestCommand:
    def test_toml_blocks(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``argmap suggest`` prints one block per suggestion, with the page in a comment."""
        code = main(["suggest", str(FLAGSHIP), "kims-war", "--source", "chen", "-k", "3"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert out.count("[[evidence]]") == 3
        assert re.search(r"^# chen #1, pp?\. \d+", out, re.M)
        assert 'source = "chen"' in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format json`` gives the suggestions as data."""
        code = main(["suggest", str(FLAGSHIP), "kims-war", "-k", "2", "--format", "json"])
        out, _ = capsys.readouterr()
        assert code == 0
        data = json.loads(out)
        assert data["thesis"] == "kims-war"
        assert {s["source"] for s in data["suggestions"]} >= {"chen", "hanngill"}
        assert all(s["quote"] and s["pages"] is not None for s in data["suggestions"])

    def test_unknown_thesis(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown thesis is a usage error naming the nearest."""
        code = main(["suggest", str(FLAGSHIP), "kim-war"])
        _, err = capsys.readouterr()
        assert code == 2
        assert "unknown thesis 'kim-war'" in err and "kims-war" in err

    def test_bad_k(self, capsys: pytest.CaptureFixture[str]) -> None:
        """-k 0 is a usage error."""
        assert main(["suggest", str(FLAGSHIP), "kims-war", "-k", "0"]) == 2
        assert "-k must be 1 or more" in capsys.readouterr().err


class TestMaps:
    @pytest.mark.parametrize("name", ["gunpowder", "lexington"])
    def test_maps_check(self, name: str) -> None:
        """The test maps over the two pairs of books have every quote in its source, with at least
        8 theses and 25 quotes."""
        m = argmap.load(MAPS / f"{name}.toml")
        report = m.check()
        assert report.ok
        assert len([t for t in m.theses if m.evidence_for(t.id)]) >= 8
        assert len(m.evidence) >= 25
