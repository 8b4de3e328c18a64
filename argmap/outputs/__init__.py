"""What a person reads: Chicago citations, the written comparison (Markdown), diagrams as DOT
text, and :mod:`~argmap.outputs.render`, the one module that runs Graphviz."""
