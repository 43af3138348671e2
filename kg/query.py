"""Bundled SPARQL queries: the catalogue, typed parameters, the local engine, result formats.

A query is a ``.rq`` file whose leading comment lines form a machine-readable header::

    # title: Documents involving a person
    # description: Every document in which a person is ...
    # param: person (person) = required  -- a name or an IRI
    # online: true

Parameters are never pasted into query text.  They become typed RDF terms bound to the
query variable of the same name: locally through pyoxigraph's ``substitutions`` (SPARQL
SEP-0007), on an endpoint through a ``VALUES`` block (:mod:`kg.endpoint`).  Both engines
implement :class:`Engine`, so :func:`run_query` — and the name lookup behind ``person`` and
``archive`` parameters — is the same code locally and remotely.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Union

import pycountry
import pyoxigraph as ox

from kg.assets import asset_dir
from kg.errors import EndpointError, QueryError, UsageError
from kg.text import strip_accents
from kg.vocab import LEXVO, PREFIXES, SDO, XSD

Term = Union[ox.NamedNode, ox.Literal, ox.BlankNode]

DEFAULT_DATA_DIR = Path("dist")
"""Where ``kg build`` writes by default (its ``--out``); queries run there unless told otherwise."""

STORE_SUBDIR = "store"
"""The on-disk pyoxigraph store ``kg build --store`` makes beside the dumps, preferred when present."""

# ---------------------------------------------------------------------------------------------
# The catalogue: .rq files and their headers

PARAM_TYPES = ("string", "iri", "date", "integer", "language", "person", "archive")

_HEADER_LINE = re.compile(r"^#\s*(title|description|param|online):\s*(.*?)\s*$")
_PARAM_SPEC = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+\((?P<type>[a-z]+)\)\s*=\s*(?P<need>required|optional)"
    r"\s+--\s+(?P<description>.+)$"
)


@dataclass(frozen=True)
class Param:
    """One declared parameter: bound to the query variable ``?name``."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Query:
    """A SPARQL query and what its header says about it."""

    name: str
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = ()
    online: bool = False
    path: Path | None = None

    def param(self, name: str) -> Param | None:
        return next((param for param in self.params if param.name == name), None)


def parse_query(text: str, *, name: str, path: Path | None = None) -> Query:
    """Read a query's header (the comment lines before the first other line)."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if not match:
            continue  # a free comment
        key, value = match.groups()
        if key == "param":
            params.append(_parse_param(value, name))
        else:
            fields[key] = value
    return Query(
        name=name,
        text=text,
        title=fields.get("title", name),
        description=fields.get("description", ""),
        params=tuple(params),
        online=fields.get("online", "false").lower() == "true",
        path=path,
    )


def _parse_param(spec: str, query_name: str) -> Param:
    match = _PARAM_SPEC.match(spec)
    if not match:
        raise QueryError(
            f"{query_name}: bad '# param:' header {spec!r}; "
            "expected 'NAME (TYPE) = required|optional  -- description'"
        )
    if match["type"] not in PARAM_TYPES:
        raise QueryError(f"{query_name}: parameter {match['name']} has unknown type {match['type']!r}; "
                         f"use one of {', '.join(PARAM_TYPES)}")
    return Param(match["name"], match["type"], match["need"] == "required", match["description"])


def queries_dir() -> Path:
    return asset_dir("queries")


def bundled_queries() -> list[Query]:
    """Every bundled query, by name."""
    return [_read_query(path) for path in sorted(queries_dir().glob("*.rq"))]


def _read_query(path: Path) -> Query:
    return parse_query(path.read_text(encoding="utf-8"), name=path.stem, path=path)


def find_query(name_or_path: str) -> Query:
    """A bundled query by name (``person-documents``) or a ``.rq`` file of one's own."""
    bundled = queries_dir() / f"{name_or_path}.rq"
    if "/" not in name_or_path and bundled.is_file():
        return _read_query(bundled)
    path = Path(name_or_path)
    if path.is_file():
        return _read_query(path)
    names = ", ".join(query.name for query in bundled_queries())
    raise UsageError(f"no bundled query or file named {name_or_path!r}; bundled queries: {names}")


# ---------------------------------------------------------------------------------------------
# Results and engines


@dataclass(frozen=True)
class Results:
    """A SELECT table (``variables`` and ``rows``, None for unbound) or an ASK answer (``boolean``)."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None


class Engine(Protocol):
    """Runs a SELECT or ASK query with some variables bound to terms."""

    def select(self, text: str, bindings: Mapping[str, Term]) -> Results: ...


class LocalEngine:
    """pyoxigraph, with parameters bound by ``substitutions`` (never spliced into the text)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, text: str, bindings: Mapping[str, Term]) -> Results:
        substitutions = {ox.Variable(name): term for name, term in bindings.items()}
        try:  # evaluation is lazy: errors also come while the solutions are read
            return self._results(self.store.query(text, substitutions=substitutions or None))
        except SyntaxError as error:
            raise QueryError(f"the query does not parse: {error}") from None
        except RuntimeError as error:  # e.g. a parameter missing from the SELECT clause
            raise QueryError(f"the query cannot be run: {error}") from None
        except OSError as error:  # a SERVICE that cannot be reached, or the store's disk
            raise EndpointError(f"the query failed: {error}") from None

    @staticmethod
    def _results(answer) -> Results:
        if isinstance(answer, ox.QueryBoolean):
            return Results(boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            raise QueryError("only SELECT and ASK queries are supported")
        variables = tuple(variable.value for variable in answer.variables)
        return Results(variables, tuple(tuple(solution[name] for name in variables) for solution in answer))


def open_local(paths: Sequence[Path] = ()) -> LocalEngine:
    """The local engine over build output folders or RDF files (default: ``dist/``).

    A single build folder with an on-disk store (``dist/store/``) is opened read-only in
    place; anything else is loaded into an in-memory store (``kg.nt`` of a build folder).
    """
    paths = [Path(path) for path in paths] or [DEFAULT_DATA_DIR]
    if len(paths) == 1 and (store_dir := _store_dir(paths[0])) is not None:
        try:
            return LocalEngine(ox.Store.read_only(str(store_dir)))
        except OSError as error:
            raise UsageError(f"cannot open the store {store_dir}: {error}") from None
    store = ox.Store()
    for path in paths:
        data_file = _data_file(path)
        try:
            store.bulk_load(path=str(data_file), format=_rdf_format(data_file))
        except (SyntaxError, ValueError, OSError) as error:
            raise UsageError(f"cannot load {data_file}: {error}") from None
    return LocalEngine(store)


def _store_dir(path: Path) -> Path | None:
    if (path / STORE_SUBDIR).is_dir():
        return path / STORE_SUBDIR
    return path if (path / "CURRENT").is_file() else None  # a RocksDB folder given directly


def _data_file(path: Path) -> Path:
    if path.is_file():
        return path
    if path.is_dir():
        for name in ("kg.nt", "kg.ttl", "kg.jsonld"):
            if (path / name).is_file():
                return path / name
    raise UsageError(f"no build output at {path}: run `kg build` first, or pass --data FILE|DIR")


def _rdf_format(path: Path) -> ox.RdfFormat:
    found = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if found is None:
        raise UsageError(f"{path}: unknown RDF format (use .nt, .ttl, .nq, .trig, .jsonld or .rdf)")
    return found


# ---------------------------------------------------------------------------------------------
# Parameters: text from the command line -> typed RDF terms


def run_query(
    query: Query, values: Mapping[str, str], engine: Engine, *, allow_online: bool = False
) -> Results:
    """Bind ``values`` to the query's declared parameters and run it on ``engine``."""
    if query.online and not allow_online:
        raise UsageError(f"{query.name} is an online query (it calls a remote SPARQL service); "
                         "allow it with --online")
    return engine.select(query.text, bind_parameters(query, values, engine))


def bind_parameters(query: Query, values: Mapping[str, str], engine: Engine) -> dict[str, Term]:
    """Check names and required parameters, and turn each value into a term of its type."""
    unknown = sorted(set(values) - {param.name for param in query.params})
    if unknown:
        declared = ", ".join(param.name for param in query.params) or "none"
        raise UsageError(f"{query.name} has no parameter {unknown[0]!r} (its parameters: {declared})")
    missing = [param.name for param in query.params if param.required and param.name not in values]
    if missing:
        raise UsageError(f"{query.name} needs --param {missing[0]}=VALUE")
    return {
        param.name: to_term(param, values[param.name], engine)
        for param in query.params
        if param.name in values
    }


def to_term(param: Param, value: str, engine: Engine) -> Term:
    """The RDF term a parameter value stands for; names are looked up with ``engine``."""
    try:
        if param.type in _ENTITY_CLASSES:
            return _entity(param, value, engine)
        return _CONVERTERS[param.type](value)
    except ValueError as error:
        raise UsageError(f"parameter {param.name}: {error}") from None


def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


def _date(value: str) -> ox.Literal:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(str(XSD.date)))


def _integer(value: str) -> ox.Literal:
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an integer") from None
    return ox.Literal(str(number), datatype=ox.NamedNode(str(XSD.integer)))


def _language(value: str) -> ox.NamedNode:
    """An ISO 639-1/639-3 code (or English name) -> the Lexvo IRI kg uses for it (ISO 639-3)."""
    text = value.strip()
    key = {2: "alpha_2", 3: "alpha_3"}.get(len(text), "name")
    found = pycountry.languages.get(**{key: text.lower() if key != "name" else text})
    if found is None and len(text) == 3:
        found = pycountry.languages.get(bibliographic=text.lower())  # ger, fre, ...
    if found is None:
        raise ValueError(f"{value!r} is not an ISO 639 language code")
    return ox.NamedNode(str(LEXVO[found.alpha_3]))


_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")


def looks_like_iri(value: str) -> bool:
    """``<...>``, an absolute IRI or a CURIE with one of kg's prefixes, rather than a name."""
    return (value.startswith("<") and value.endswith(">")) or bool(_IRI.match(value))


def _iri(value: str) -> ox.NamedNode:
    text = value[1:-1] if value.startswith("<") and value.endswith(">") else value
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    if not _IRI.match(text):
        raise ValueError(f"{value!r} is not an absolute IRI")
    return ox.NamedNode(text)


_CONVERTERS: dict[str, Callable[[str], Term]] = {
    "string": _string,
    "iri": _iri,
    "date": _date,
    "integer": _integer,
    "language": _language,
}

# ---------------------------------------------------------------------------------------------
# Name lookup for person and archive parameters

_ENTITY_CLASSES = {"person": SDO.Person, "archive": SDO.ArchiveOrganization}

# The lookup is itself a parameterised query (?class is bound); names are compared in Python,
# where "case- and accent-insensitive" can be done properly, rather than with SPARQL's LCASE.
NAMES_QUERY = """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?class ?entity ?property ?name WHERE {
  VALUES ?property { schema:name schema:alternateName rdfs:label }
  ?entity a ?class ;
          ?property ?name .
}
ORDER BY ?entity ?property ?name
"""

def normalise_name(text: str) -> str:
    """Lower case, accents removed, words separated by single spaces: 'Đilas' -> 'djilas'."""
    return " ".join(re.findall(r"\w+", strip_accents(text).casefold()))


def match_names(wanted: str, candidates: Iterable[tuple[str, str]]) -> list[str]:
    """IRIs whose name equals ``wanted`` (normalised); failing that, whose name has all its words.

    ``candidates`` are (IRI, name) pairs.  "Beria" finds "Lavrentiy Beria"; "Lavrentiy Beria"
    finds only him even if a "Sergo Lavrentiy Beria" existed.
    """
    target = normalise_name(wanted)
    pairs = [(iri, normalise_name(name)) for iri, name in candidates]
    exact = sorted({iri for iri, name in pairs if name == target})
    if exact or not target:
        return exact
    words = set(target.split())
    return sorted({iri for iri, name in pairs if words <= set(name.split())})


def _entity(param: Param, value: str, engine: Engine) -> ox.NamedNode:
    if looks_like_iri(value):
        return _iri(value)
    found = engine.select(NAMES_QUERY, {"class": ox.NamedNode(str(_ENTITY_CLASSES[param.type]))})
    names = [(entity.value, name.value) for _, entity, _, name in found.rows]
    matches = match_names(value, names)
    if not matches:
        raise QueryError(f"no {param.type} named {value!r} in the data "
                         "(names are matched against schema:name and schema:alternateName)")
    if len(matches) > 1:
        labels = dict(names) | {entity.value: name.value for _, entity, prop, name in found.rows
                                if prop.value == str(SDO.name)}  # the preferred name wins
        listed = "; ".join(f"<{iri}> ({labels[iri]})" for iri in matches[:5])
        raise QueryError(f"{value!r} names {len(matches)} {param.type}s: {listed}; "
                         f"pass one IRI, e.g. --param {param.name}=<{matches[0]}>")
    return ox.NamedNode(matches[0])


# ---------------------------------------------------------------------------------------------
# Output formats

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
    lines.append(f"({count} row{'' if count == 1 else 's'})")
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


__all__ = [
    "DEFAULT_DATA_DIR",
    "FORMATS",
    "NAMES_QUERY",
    "PARAM_TYPES",
    "Engine",
    "LocalEngine",
    "Param",
    "Query",
    "Results",
    "bind_parameters",
    "bundled_queries",
    "compact_iri",
    "find_query",
    "format_results",
    "json_term",
    "looks_like_iri",
    "match_names",
    "normalise_name",
    "open_local",
    "parse_query",
    "run_query",
    "term_from_json",
    "to_term",
]
