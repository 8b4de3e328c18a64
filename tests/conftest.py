"""Shared fixtures: the seed texts, corpus books and the flagship map; the hypothesis profile;
the markers of tests that need Graphviz or Node.js (skipped, saying why, where they are missing;
``make test`` installs both, so CI runs every test)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import argmap
from argmap.files import CACHE_ENVIRONMENT

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "korean_war"
FLAGSHIP = EXAMPLE / "map.toml"
SEEDS = EXAMPLE / "sources"
ARGDOWN = Path(__file__).resolve().parent / "interop" / "argdown"
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


@pytest.fixture(scope="session", autouse=True)
def _cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests' own cache of extracted texts, never the user's."""
    os.environ[CACHE_ENVIRONMENT] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def korean_war() -> argmap.ArgumentMap:
    """The flagship map, loaded from its map file (do not change it: it is shared)."""
    return argmap.load(FLAGSHIP)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a test that needs a program this machine lacks, saying how to get it."""
    if item.get_closest_marker("graphviz") and shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (apt-get install graphviz; make test installs it)")
    if item.get_closest_marker("node") and (
        shutil.which("node") is None or not (ARGDOWN / "node_modules" / "@argdown").is_dir()
    ):
        pytest.skip("Node.js or the Argdown parser is missing (apt-get install nodejs npm; then make argdown)")


_SKIPPED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _SKIPPED.append(f"{report.nodeid}: {report.longrepr[-1] if isinstance(report.longrepr, tuple) else ''}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With ``ARGMAP_NO_SKIPS=1`` (CI), a skipped test fails the run: CI installs every program."""
    if os.environ.get("ARGMAP_NO_SKIPS") and _SKIPPED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if os.environ.get("ARGMAP_NO_SKIPS") and _SKIPPED:
        terminalreporter.write_line("ARGMAP_NO_SKIPS is set, and these tests were skipped (a failure):", red=True)
        for line in _SKIPPED:
            terminalreporter.write_line(f"  {line}", red=True)
