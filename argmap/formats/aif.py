"""AIF, the Argument Interchange Format, as the JSON that OVA and AIFdb exchange.

Theses and quotes are I-nodes; each piece of evidence and each relation is an RA node
(support) or CA node (conflict) with an edge in and an edge out. AIF has no place for what
argmap knows about sources: authors, titles, pages, offsets, match kinds, notes and ids are
lost, and node ids are numbers. arguebuf's AIF reader reads it (``tests/interop``).
"""

from __future__ import annotations

from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.errors import expect
from argmap.model import Stance

__all__ = ["to_aif"]



def to_aif(m: ArgumentMap) -> dict[str, Any]:
    """The map as AIF JSON (``nodes``, ``edges``, ``locutions``), as OVA and AIFdb exchange it.

    Examples:
        >>> from argmap.model import Source
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first"))
        >>> _ = m.add_thesis("t", "The regulars fired first.")
        >>> _ = m.cite("t", "gage", "the Rebels fired first", "contests")
        >>> [(n["nodeID"], n["type"], n["text"]) for n in to_aif(m)["nodes"]]
        [('1', 'I', 'The regulars fired first.'), ('2', 'I', 'the Rebels fired first'), ('3', 'CA', 'Default Conflict')]
        >>> [(e["fromID"], e["toID"]) for e in to_aif(m)["edges"]]
        [('2', '3'), ('3', '1')]
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    nodes: list[dict[str, str]] = []
    edges: list[dict[str, str]] = []

    def node(kind: str, text: str) -> str:
        nodes.append({"nodeID": str(len(nodes) + 1), "text": text, "type": kind})
        return nodes[-1]["nodeID"]

    def scheme(stance: Stance, premise: str, conclusion: str) -> None:
        support = stance is Stance.SUPPORTS
        middle = node("RA" if support else "CA", "Default Inference" if support else "Default Conflict")
        for start, end in ((premise, middle), (middle, conclusion)):
            edges.append({"edgeID": str(len(edges) + 1), "fromID": start, "toID": end})

    theses = {t.id: node("I", t.statement) for t in m.theses}
    for ev in m.evidence:
        scheme(ev.stance, node("I", ev.quote), theses[ev.thesis])
    for rel in m.relations:
        scheme(rel.stance, theses[rel.from_thesis], theses[rel.to_thesis])
    return {"nodes": nodes, "edges": edges, "locutions": []}
