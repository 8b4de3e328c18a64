"""GraphML: the map as a graph with typed attributes, for graph tools (Gephi, yEd, networkx).

The graph is :meth:`argmap.ArgumentMap.to_networkx`: nodes ``source:KEY`` and ``thesis:ID``,
evidence as edges from source to thesis, relations as edges between theses, every field as a
typed attribute (strings, integers, doubles; lists joined with ``"; "``); networkx reads it back.
"""

from __future__ import annotations

import io

from argmap.argument_map import ArgumentMap

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
    import networkx as nx  # networkx writes GraphML; only this export needs it

    out = io.BytesIO()
    nx.write_graphml(m.to_networkx(), out, encoding="utf-8", prettyprint=True)
    return out.getvalue().decode("utf-8")
