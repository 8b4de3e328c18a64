"""The package's shape: its public names, and an import that stays light."""

from __future__ import annotations

import subprocess
import sys

import argmap


def test_public_names_sorted_and_present() -> None:
    """``argmap.__all__`` is sorted and every name in it is there."""
    assert list(argmap.__all__) == sorted(argmap.__all__)
    assert all(hasattr(argmap, name) for name in argmap.__all__)


def test_import_does_not_load_networkx_or_graphviz() -> None:
    """``import argmap`` leaves networkx (only to_networkx and GraphML need it) and the graphviz package unloaded."""
    code = "import sys, argmap; print(sorted(m for m in ('networkx', 'graphviz') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
