"""The publish stage: deterministic dumps (N-Triples, Turtle, JSON-LD), written atomically.

Everything starts from sorted, de-duplicated N-Triples lines, so the same
triples always give byte-identical files whatever order they were made in.
"""

from kg.publish.atomic import atomic_path, atomic_writer
from kg.publish.dumps import DUMP_FILES, graph_lines, line_sort_key, sort_lines, write_dumps, write_turtle

__all__ = ["DUMP_FILES", "atomic_path", "atomic_writer", "graph_lines", "line_sort_key", "sort_lines", "write_dumps", "write_turtle"]
