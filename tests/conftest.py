"""Shared fixtures: the seed texts and corpus books as sources, and the hypothesis profile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import argmap

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "korean_war" / "sources"
DATA = Path(__file__).resolve().parent / "data"

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CHEN_PATTERNS = {"page_pattern": r"^Page (\d+)$", "ignore": [r"^page_\d+<br/>$", r"^\d{1,3}$"]}
GUTENBERG_PATTERNS = {"page_pattern": r"\[Pg ([ivxlcdm]+|\d+)\]", "ignore": [r"\[\d+\]"]}


def chen_source() -> argmap.Source:
    return argmap.Source.from_file(SEEDS / "westad-brothers-in-arms-pp249-252.txt", key="chen", **CHEN_PATTERNS)


def hanngill_source() -> argmap.Source:
    return argmap.Source.from_file(SEEDS / "hanngill-2016-origin-of-the-korean-war.txt", key="hanngill")


def corpus_source(name: str, key: str) -> argmap.Source:
    return argmap.Source.from_file(DATA / f"{name}.txt", key=key, **GUTENBERG_PATTERNS)


@pytest.fixture(scope="session")
def chen() -> argmap.Source:
    return chen_source()


@pytest.fixture(scope="session")
def hanngill() -> argmap.Source:
    return hanngill_source()


@pytest.fixture(scope="session")
def gardiner() -> argmap.Source:
    return corpus_source("gardiner-1897-what-gunpowder-plot-was", "gardiner")


@pytest.fixture(scope="session")
def gerard() -> argmap.Source:
    return corpus_source("gerard-1897-what-was-the-gunpowder-plot", "gerard")


@pytest.fixture(scope="session")
def coburn() -> argmap.Source:
    return corpus_source("coburn-1912-battle-of-april-19-1775", "coburn")
