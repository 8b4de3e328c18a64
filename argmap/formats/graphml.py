"""GraphML: the map as a graph with typed attributes, for graph tools (Gephi, yEd, networkx).

The graph is :meth:`argmap.ArgumentMap.to_networkx`: nodes ``source:KEY`` and ``thesis:ID``,
evidence as edges from source to thesis, relations as edges between theses, every field as a
typed attribute (strings, integers, doubles; lists joined with ``"; "``); networkx reads it back.

XML cannot hold most control characters (a form feed from a source text, ``\\x01``) or lone
surrogates: each is written as U+FFFD, the replacement character, so that the file is always
well-formed XML.
"""

from __future__ import annotations

import io
import re
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.errors import expect

__all__ = ["to_graphml"]


def to_graphml(m: ArgumentMap) -> str:
    """The map as GraphML with typed attributes, which ``networkx.read_graphml`` reads back.

    Examples:
        >>> import networkx as nx
        >>> from argmap.model import Source
        >>> m = ArgumentMap(title="Lexington")
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first", year=1775))
        >>> g = nx.read_graphml(io.StringIO(to_graphml(m)))
        >>> g.nodes["source:gage"]["year"], g.graph["title"]
        (1775, 'Lexington')
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    import networkx as nx  # networkx writes GraphML; only this export needs it

    graph = m.to_networkx()
    for data in [graph.graph, *(d for _, d in graph.nodes(data=True)), *(d for *_, d in graph.edges(data=True))]:
        data.update((key, xml_text(value)) for key, value in data.items() if isinstance(value, str))
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)
    return out.getvalue().decode("utf-8")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: Any) -> Any:
    """``value`` with what XML cannot hold (control characters but tab and line breaks, lone
    surrogates, U+FFFE/U+FFFF) replaced by U+FFFD.

    Examples:
        >>> xml_text("page\\x0cbreak\\x01")
        'page\\ufffdbreak\\ufffd'
    """
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value
