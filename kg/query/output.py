"""Output formats: an aligned table for people, the SPARQL 1.1 CSV, TSV and JSON results formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import UsageError
from kg.query.engines import Results, Term
from kg.vocab import PREFIXES, XSD

FORMATS = ("table", "csv", "tsv", "json")
TABLE_CELL_WIDTH = 60
"""Longer literals are cut with an ellipsis in ``table`` output (csv, tsv and json are complete)."""

_XSD_STRING = str(XSD.string)
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def format_results(results: Results, fmt: str, *, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Results as text: an aligned ``table`` (IRIs compacted with ``prefixes``), ``csv``,
    ``tsv`` or ``json`` (the SPARQL 1.1 Query Results CSV, TSV and JSON formats)."""
    writers = {"table": lambda: _table(results, prefixes), "csv": lambda: _csv(results),
               "tsv": lambda: _tsv(results), "json": lambda: _json(results)}
    if fmt not in writers:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writers[fmt]()


def compact_iri(iri: str, prefixes: Mapping[str, str]) -> str:
    """``prefix:local`` with the longest matching namespace, else the IRI in angle brackets."""
    for prefix, namespace in sorted(prefixes.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _cell(term: Term | None, prefixes: Mapping[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value, prefixes)  # never cut: a cut IRI names nothing
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    text = " ".join(term.value.split())  # one line per row, whatever the literal holds
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 1] + "…"


def _table(results: Results, prefixes: Mapping[str, str]) -> str:
    if results.boolean is not None:
        return f"{str(results.boolean).lower()}\n"
    cells = [[_cell(term, prefixes) for term in row] for row in results.rows]
    header = list(results.variables)
    widths = [max([len(header[i]), *(len(row[i]) for row in cells)]) for i in range(len(header))]

    def line(values: list[str]) -> str:
        return "  ".join(value.ljust(width) for value, width in zip(values, widths)).rstrip()

    lines = [line(header), line(["-" * width for width in widths]), *map(line, cells)]
    count = len(results.rows)
    more = ", more follow" if results.more else ""
    lines.append(f"({count} row{'' if count == 1 else 's'}{more})")
    return "\n".join(lines) + "\n"


def _csv(results: Results) -> str:
    if results.boolean is not None:
        return f"{str(results.boolean).lower()}\r\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # CRLF, as the SPARQL CSV format says
    writer.writerow(results.variables)
    for row in results.rows:
        writer.writerow(["" if term is None else _csv_value(term) for term in row])
    return buffer.getvalue()


def _csv_value(term: Term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _tsv(results: Results) -> str:
    if results.boolean is not None:
        return f"{str(results.boolean).lower()}\n"
    # N-Triples term syntax escapes tabs and newlines, so every row stays one line.
    lines = ["\t".join(f"?{name}" for name in results.variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in results.rows]
    return "\n".join(lines) + "\n"


def _json(results: Results) -> str:
    if results.boolean is not None:
        document: dict = {"head": {}, "boolean": results.boolean}
    else:
        bindings = [
            {name: json_term(term) for name, term in zip(results.variables, row) if term is not None}
            for row in results.rows
        ]
        document = {"head": {"vars": list(results.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def json_term(term: Term) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    value = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value not in (_XSD_STRING, _RDF_LANGSTRING):
        value["datatype"] = term.datatype.value
    return value


def term_from_json(value: Mapping[str, str]) -> Term:
    """The inverse of :func:`json_term` (also reads the older ``typed-literal``)."""
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])
