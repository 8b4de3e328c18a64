"""Positions and comparisons: direct verdicts, conflicts through related theses, the matrix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import ArgumentMap, Evidence, Position, Source, Stance, locate
from argmap.analysis import Comparison, Verdict, compare, direct_verdict
from argmap.errors import UnknownSourceError, UnknownThesisError
from argmap.outputs.report import markdown

ROOT = Path(__file__).resolve().parent.parent
P = Position


def synthetic(
    sources: list[str],
    theses: list[str],
    evidence: list[tuple[str, str, str]],
    relations: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
) -> ArgumentMap:
    """A map of one-line texts: evidence is (source, thesis, stance), each quoting its source's line."""
    m = ArgumentMap(title="synthetic")
    for key in sources:
        add_source(m, key)
    for tid in theses:
        m.add_thesis(tid, f"Thesis {tid}.")
    for n, (key, tid, stance) in enumerate(evidence):
        m.add_evidence(quoting(m, f"e{n}", tid, stance, key))
    for a, b, stance in relations:
        m.relate(a, b, stance)
    return m


def add_source(m: ArgumentMap, key: str) -> None:
    """A source whose text is one line, quoted whole by every piece of its evidence."""
    m.add_source(Source(key=key, text=f"the words of {key}"))


def quoting(m: ArgumentMap, id: str, thesis: str, stance: str, key: str) -> Evidence:
    """Evidence quoting the one line of source ``key``, located for real."""
    source = m.source(key)
    return Evidence(id, thesis, stance, source.text, locate(source, source.text))


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """Random small maps: 1-3 sources, 1-6 theses, random evidence and relations (cycles too)."""
    sources = [f"s{i}" for i in range(draw(st.integers(1, 3)))]
    theses = [f"t{i}" for i in range(draw(st.integers(1, 6)))]
    stance = st.sampled_from(["supports", "contests"])
    evidence = draw(st.lists(st.tuples(st.sampled_from(sources), st.sampled_from(theses), stance), max_size=12))
    pairs = [(a, b) for a in theses for b in theses if a != b]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8)) if pairs else []
    relations = [(a, b, draw(stance)) for a, b in chosen]
    return synthetic(sources, theses, evidence, relations)


class TestDirectVerdict:
    @pytest.mark.parametrize(
        ("a", "b", "verdict"),
        [
            (P.AFFIRMS, P.AFFIRMS, Verdict.AGREE),
            (P.DENIES, P.DENIES, Verdict.AGREE),
            (P.MIXED, P.MIXED, Verdict.AGREE),
            (P.AFFIRMS, P.DENIES, Verdict.DISAGREE),
            (P.MIXED, P.AFFIRMS, Verdict.TENSION),
            (P.DENIES, P.MIXED, Verdict.TENSION),
            (P.SILENT, P.MIXED, Verdict.ONE_SIDED),
            (P.AFFIRMS, P.SILENT, Verdict.ONE_SIDED),
            (P.SILENT, P.SILENT, Verdict.SILENT),
        ],
    )
    def test_table(self, a: Position, b: Position, verdict: Verdict) -> None:
        """Each pair of positions gives the verdict the issue defines, in both orders."""
        assert direct_verdict(a, b) is verdict
        assert direct_verdict(b, a) is verdict


class TestIndirect:
    def test_supported_attack(self) -> None:
        """X supports Z, Z contests Y: a source affirming X is at odds with one affirming Y."""
        m = synthetic(
            ["a", "b"], ["x", "z", "y"], [("a", "x", "supports"), ("b", "y", "supports")],
            [("x", "z", "supports"), ("z", "y", "contests")],
        )  # fmt: skip
        row = m.compare("a", "b").row("y")
        assert (row.direct, row.verdict) == (Verdict.ONE_SIDED, Verdict.INDIRECT)
        (conflict,) = row.conflicts
        assert (conflict.source, conflict.origin, conflict.against, conflict.stance) == ("a", "x", "b", Stance.CONTESTS)
        assert conflict.steps == ("x", "z", "y")

    def test_secondary_attack(self) -> None:
        """X contests Z, Z supports Y: affirming X contests Y too."""
        m = synthetic(
            ["a", "b"], ["x", "z", "y"], [("a", "x", "supports"), ("b", "y", "supports")],
            [("x", "z", "contests"), ("z", "y", "supports")],
        )  # fmt: skip
        assert m.compare("a", "b").row("y").verdict is Verdict.INDIRECT

    def test_contest_of_contest_is_no_conflict(self) -> None:
        """X contests Z, Z contests Y: affirming X neither supports nor contests Y."""
        m = synthetic(
            ["a", "b"], ["x", "z", "y"], [("a", "x", "supports"), ("b", "y", "supports"), ("b", "y", "supports")],
            [("x", "z", "contests"), ("z", "y", "contests")],
        )  # fmt: skip
        assert m.compare("a", "b").disagreements == ()

    def test_support_chain_against_denial(self) -> None:
        """A affirms X which supports Y, B denies Y: at odds on Y."""
        m = synthetic(
            ["a", "b"], ["x", "y"], [("a", "x", "supports"), ("b", "y", "contests")], [("x", "y", "supports")]
        )
        (conflict,) = m.compare("a", "b").row("y").conflicts
        assert (conflict.stance, conflict.position) == (Stance.SUPPORTS, Position.DENIES)

    def test_denial_projects_nothing(self) -> None:
        """A denies X which supports Y; B affirms Y: no conflict (a denial gives no reason)."""
        m = synthetic(
            ["a", "b"], ["x", "y"], [("a", "x", "contests"), ("b", "y", "supports")], [("x", "y", "supports")]
        )
        assert m.compare("a", "b").disagreements == ()

    def test_cycle_reveals_internal_inconsistency(self) -> None:
        """A thesis that through a cycle contests itself puts its source at odds with itself."""
        m = synthetic(["a"], ["x", "z"], [("a", "x", "supports")], [("x", "z", "supports"), ("z", "x", "contests")])
        c = m.compare("a", "a")
        (row,) = c.disagreements
        assert row.thesis_id == "x" and row.verdict is Verdict.INDIRECT
        assert row.conflicts[0].steps == ("x", "z", "x")

    def test_shortest_witness(self) -> None:
        """Of two chains, the row keeps the shorter one."""
        m = synthetic(
            ["a", "b"], ["x", "w", "v", "y"], [("a", "x", "supports"), ("b", "y", "supports")],
            [("x", "w", "supports"), ("w", "v", "supports"), ("v", "y", "contests"), ("x", "y", "contests")],
        )  # fmt: skip
        assert m.compare("a", "b").row("y").conflicts[0].steps == ("x", "y")

    def test_direct_and_indirect_both_visible(self) -> None:
        """A direct disagreement keeps its verdict and still lists the chain behind it."""
        m = synthetic(
            ["a", "b"], ["x", "y"], [("a", "x", "supports"), ("a", "y", "contests"), ("b", "y", "supports")],
            [("x", "y", "contests")],
        )  # fmt: skip
        row = m.compare("a", "b").row("y")
        assert row.verdict is Verdict.DISAGREE and len(row.conflicts) == 1


class TestComparison:
    def test_views_and_counts(self) -> None:
        """disagreements, agreements, one_sided and counts() partition the rows by verdict."""
        m = synthetic(
            ["a", "b"], ["t1", "t2", "t3", "t4", "t5"],
            [("a", "t1", "supports"), ("b", "t1", "contests"), ("a", "t2", "supports"), ("b", "t2", "supports"),
             ("a", "t3", "supports"), ("a", "t4", "supports"), ("b", "t4", "contests"), ("b", "t4", "supports")],
        )  # fmt: skip
        c = m.compare("a", "b")
        assert [r.thesis_id for r in c.disagreements] == ["t1", "t4"]
        assert [r.thesis_id for r in c.agreements] == ["t2"]
        assert [r.thesis_id for r in c.one_sided] == ["t3"]
        assert c.counts() == {"agree": 1, "disagree": 1, "tension": 1, "indirect": 0, "one-sided": 1, "silent": 1}

    def test_to_dict_is_json_and_stable(self) -> None:
        """to_dict() survives a JSON round trip and is identical for a rebuilt map."""
        args = (["a", "b"], ["x", "y"], [("a", "x", "supports"), ("b", "y", "supports")], [("x", "y", "contests")])
        first, second = synthetic(*args).compare("a", "b").to_dict(), synthetic(*args).compare("a", "b").to_dict()
        assert json.loads(json.dumps(first)) == first == second
        assert first["rows"][1]["conflicts"][0]["path"] == [["x", "contests", "y"]]

    def test_unknown_ids(self) -> None:
        """An unknown source or thesis raises the specific error naming the known ones."""
        m = synthetic(["a"], ["x"], [])
        with pytest.raises(UnknownSourceError, match="'a'"):
            m.compare("a", "nobody")
        with pytest.raises(UnknownThesisError, match="'x'"):
            m.compare("a", "a").row("nope")

    @given(maps(), st.data())
    def test_mirror(self, m: ArgumentMap, data: st.DataObject) -> None:
        """compare(a, b) is compare(b, a) with the sides swapped."""
        keys = [s.key for s in m.sources]
        a, b = data.draw(st.sampled_from(keys)), data.draw(st.sampled_from(keys))
        assert m.compare(a, b) == m.compare(b, a).mirrored()

    @given(maps(), st.data())
    def test_self_comparison_never_disagrees_directly(self, m: ArgumentMap, data: st.DataObject) -> None:
        """compare(a, a) has no DISAGREE or TENSION rows; only relations can set a source against itself."""
        a = data.draw(st.sampled_from([s.key for s in m.sources]))
        verdicts = {row.verdict for row in m.compare(a, a).rows}
        assert not verdicts & {Verdict.DISAGREE, Verdict.TENSION, Verdict.ONE_SIDED}

    @given(maps(), st.data())
    def test_more_evidence_keeps_a_disagreement(self, m: ArgumentMap, data: st.DataObject) -> None:
        """One more piece of evidence turns a DISAGREE into TENSION at most, never AGREE or ONE_SIDED."""
        add_source(m, "other")
        a, b = m.sources[0].key, "other"
        m.add_thesis("disputed", "A disputed thesis.")
        m.add_evidence(quoting(m, "for", "disputed", "supports", a))
        m.add_evidence(quoting(m, "against", "disputed", "contests", b))
        disagreeing = [r.thesis_id for r in m.compare(a, b).rows if r.verdict is Verdict.DISAGREE]
        tid = data.draw(st.sampled_from(disagreeing))
        key, stance = data.draw(st.sampled_from([a, b])), data.draw(st.sampled_from(["supports", "contests"]))
        m.add_evidence(quoting(m, "extra", tid, stance, key))
        assert m.compare(a, b).row(tid).verdict in (Verdict.DISAGREE, Verdict.TENSION)

    @given(maps())
    def test_rows_in_map_order(self, m: ArgumentMap) -> None:
        """Rows come one per thesis, in the order the theses were added, the same every time."""
        a = m.sources[0].key
        c = m.compare(a, a)
        assert [r.thesis_id for r in c.rows] == [t.id for t in m.theses]
        assert c == m.compare(a, a)

    @given(maps())
    def test_witnesses_are_real_chains(self, m: ArgumentMap) -> None:
        """Every conflict's path is a chain of map relations, one contest at most, from an affirmed thesis."""
        relations = set(m.relations)
        for s in m.sources:
            for t in m.sources:
                for row in m.compare(s.key, t.key).rows:
                    for c in row.conflicts:
                        assert m.position(c.source, c.origin) is Position.AFFIRMS
                        assert all(r in relations for r in c.path)
                        assert [r.from_thesis for r in c.path] == list(c.steps[:-1])
                        contests = sum(r.stance is Stance.CONTESTS for r in c.path)
                        assert contests <= 1 and (contests == 1) == (c.stance is Stance.CONTESTS)
                        assert m.position(c.against, row.thesis_id) is c.position


class TestCompareAll:
    @given(maps())
    def test_matrix_matches_pairwise(self, m: ArgumentMap) -> None:
        """Each cell of the matrix counts the disagreements of that pair's comparison."""
        matrix = m.compare_all()
        for a in matrix.sources:
            for b in matrix.sources:
                assert matrix.disagreements[a][b] == len(compare(m, a, b).disagreements)
        assert matrix.positions == m.positions()
        assert json.loads(json.dumps(matrix.to_dict())) == matrix.to_dict()


class TestKoreanWar:
    def test_flagship_verdicts(self, korean_war: ArgumentMap) -> None:
        """On the flagship map, Chen and Yang and the blog disagree on whether it was Kim's war."""
        c: Comparison = korean_war.compare("hanngill", "chen")
        assert c.row("kims-war").verdict is Verdict.DISAGREE
        assert c.mirrored() == korean_war.compare("chen", "hanngill")

    def test_flagship_documents_quoted_in_their_own_lines(self, korean_war: ArgumentMap) -> None:
        """The letter's and the cable's quotes sit in Document 1 and Document 2 of the blog, not in
        its analysis; the letter against Chen and Yang is cited "quoted in" the blog."""
        m = korean_war
        text = m.source("hanngill").text
        doc1, doc2 = text.index("Document 1"), text.index("Document 2")
        spans = {"stalin-letter": (doc1, doc2), "filippov-cable": (doc2, len(text))}
        for key, (lo, hi) in spans.items():
            assert m.source(key).quoted_in == "hanngill" and m.source(key).text == text
            evidence = [ev for ev in m.evidence if ev.source == key]
            assert evidence and all(lo <= ev.passage.start < ev.passage.end <= hi for ev in evidence)
        assert all(ev.passage.start < doc1 for ev in m.evidence if ev.source == "hanngill")
        letter = m.compare("stalin-letter", "chen")
        assert letter.row("stalin-wanted-us-intervention").verdict is Verdict.DISAGREE
        assert "Joseph Stalin to Klement Gottwald, August 27, 1950, quoted in hanngill" in markdown(letter)


class TestSamePositionIsAgreement:
    def test_shared_position_is_not_at_odds(self) -> None:
        """Two sources that both affirm x and y, where x contests y, agree on y; each is at odds only with itself."""
        m = ArgumentMap()
        for key in ("a", "b"):
            m.add_source(Source(key=key, text="x holds. y holds."))
        m.add_thesis("x", "X.")
        m.add_thesis("y", "Y.")
        m.relate("x", "y", "contests")
        for key in ("a", "b"):
            m.cite("x", key, "x holds", "supports")
            m.cite("y", key, "y holds", "supports")
        row = m.compare("a", "b").row("y")
        assert row.verdict is Verdict.AGREE and row.conflicts == ()
        assert m.compare_all().disagreements == {"a": {"a": 1, "b": 0}, "b": {"a": 0, "b": 1}}
        assert m.compare("a", "a").row("y").verdict is Verdict.INDIRECT
