"""Load an AIF JSON file with the real arguebuf reader and print a JSON summary.

Usage: python tests/interop/load_aif.py FILE.json   (needs `pip install arguebuf==2.7.2`)

Prints {"atomNodes", "schemeNodes", "support", "attack", "otherSchemes",
"edges", "atomTexts", "schemes"}; exits 1 if arguebuf raises or if an AIF
node/edge of the input was silently dropped by the reader.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

import arguebuf
from arguebuf.model.scheme import Attack, Support


def summarize(path: str) -> dict:
    with open(path, encoding="utf-8") as fp:
        raw = json.load(fp)
    # load.file dispatches on suffix/keys: a .json dict is read as AIF only if
    # it has a "locutions" key (else it is parsed as arguebuf protobuf JSON).
    # arguebuf.load.aif(raw) is the direct call for an already-parsed dict.
    graph = arguebuf.load.aif(raw)

    kinds: Counter[str] = Counter()
    for node in graph.scheme_nodes.values():
        if isinstance(node.scheme, Support):
            kinds["support"] += 1
        elif isinstance(node.scheme, Attack):
            kinds["attack"] += 1
        else:  # Rephrase (MA), Preference (PA) or None ("" type)
            kinds["other"] += 1

    summary = {
        "atomNodes": len(graph.atom_nodes),
        "schemeNodes": len(graph.scheme_nodes),
        "support": kinds["support"],
        "attack": kinds["attack"],
        "otherSchemes": kinds["other"],
        "edges": len(graph.edges),
        "atomTexts": sorted(n.plain_text for n in graph.atom_nodes.values()),
        "schemes": sorted(
            f"{type(n.scheme).__name__}.{n.scheme.name}" if n.scheme else "None"
            for n in graph.scheme_nodes.values()
        ),
    }
    # arguebuf drops L/TA/YA (and unknown-type) nodes and edges whose ends are
    # missing with only a log warning: make that loud.
    dropped_nodes = len(raw["nodes"]) - len(graph.nodes)
    dropped_edges = len(raw["edges"]) - len(graph.edges)
    if dropped_nodes or dropped_edges:
        summary["dropped"] = {"nodes": dropped_nodes, "edges": dropped_edges}
    return summary


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: load_aif.py FILE.json", file=sys.stderr)
        return 2
    summary = summarize(sys.argv[1])
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 1 if "dropped" in summary else 0


if __name__ == "__main__":
    sys.exit(main())
