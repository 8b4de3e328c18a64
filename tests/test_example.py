"""The flagship example: `make demo`'s script runs and writes what the README says it writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import argmap

from .conftest import EXAMPLE


@pytest.mark.graphviz
def test_demo_writes_every_output(tmp_path: Path) -> None:
    """run.py loads the map, prints positions, the comparison and the check, and writes the diagrams,
    both written comparisons and the JSON form, which loads back as the same map."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLE / "run.py"), str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Check: 55 quotes checked: 54 ok, 1 fuzzy, 0 missing" in done.stdout
    assert "hanngill vs chen: 17 theses" in done.stdout
    written = {p.name for p in tmp_path.iterdir()}
    assert written == {
        "full.svg", "full.png", "overview.svg", "overview.png", "disagreements.svg", "comparison.md",
        "comparison-letter-chen.md", "map.json", "reading.html",
    }  # fmt: skip
    assert (tmp_path / "full.png").read_bytes().startswith(b"\x89PNG")
    assert "## Bibliography" in (tmp_path / "comparison.md").read_text(encoding="utf-8")
    # the JSON form refers to the texts where they are, outside its own folder: allowed by name
    assert argmap.load(tmp_path / "map.json", allowed=[EXAMPLE]) == argmap.load(EXAMPLE / "map.toml")


def test_the_pdf_cites_the_pages_of_the_text(korean_war: argmap.ArgumentMap) -> None:
    """Each quote of the chapter's PDF is cited with the pages the same words have in the text version."""
    pdf = korean_war.evidence_for("stalin-feared-clash", "chen-pdf") + korean_war.evidence_for(
        "china-entry-planned-before-war", "chen-pdf"
    ) + korean_war.evidence_for("kims-war", "chen-pdf")
    assert len(pdf) == 3
    chen = korean_war.source("chen")
    for ev in pdf:
        in_text = argmap.locate(chen, ev.quote, occurrence=1)
        assert ev.passage.pages == in_text.pages and ev.passage.page_indexes
    assert ("251", "252") in [ev.passage.pages for ev in pdf]
