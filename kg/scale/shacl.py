"""Per-record SHACL validation for the build: pyshacl-turbo on a pyoxigraph store, or pySHACL.

With ``engine="turbo"`` the record's N-Triples are bulk-loaded into an in-memory pyoxigraph
Store and validated there with shapes compiled once per process.  The shapes are compiled
from a pyoxigraph Store as well: compiled from rdflib's graph, pyshacl-turbo 0.6 compares
``sh:in`` values against store literals by datatype and reports ``"authority"`` as not in
``("authority" "model" "rule")``.  With ``engine="pyshacl"`` (the reference) the rdflib graph
goes to :func:`kg.validate.validate` unchanged.  Both give the same
:class:`~kg.validate.Violation` tuples; ``tests/test_scale.py`` checks that they agree.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.assets import asset_dir
from kg.errors import UsageError
from kg.validate import Report, Violation, rdf_format, report_from_graph, validate, validate_files


def default_engine() -> str:
    """``turbo`` when pyshacl-turbo is installed (``kg[fast]``), else the reference ``pyshacl``."""
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return "pyshacl"
    return "turbo"


@functools.lru_cache(maxsize=1)
def _store_program():
    import pyshacl_turbo

    shapes = ox.Store()
    for path in sorted(asset_dir("shapes").glob("*.ttl")):
        shapes.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    try:
        return pyshacl_turbo.compile_shapes(shapes)
    except pyshacl_turbo.ValidationFailure as error:
        raise UsageError(f"the SHACL shapes cannot be compiled: {error}") from None


def warm_up(engine: str) -> None:
    """Compile the shapes now (once per worker process), not inside the first record's timing."""
    if engine == "turbo":
        _store_program()


def validate_store(store: ox.Store) -> Report:
    """Validate a pyoxigraph store's default graph with pyshacl-turbo."""
    conforms, report_graph, _ = _store_program().validate(store)
    return report_from_graph(bool(conforms), report_graph)


# kg.validate's parser names (by file extension) -> pyoxigraph's formats.
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
               "xml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def load_files(paths: list[Path]) -> ox.Store:
    """The union of RDF files in one store's default graph (named graphs merged, as kg validate does)."""
    store = ox.Store()
    for path in map(Path, paths):
        fmt = _OX_FORMATS[rdf_format(path)]  # an unknown extension is refused with the list of known ones
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
        try:
            if fmt.supports_datasets:
                store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt))
            else:
                store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError) as error:
            detail = " ".join(str(error).split()) or type(error).__name__
            raise UsageError(f"{path}: not valid {fmt.name}: {detail}") from None
    return store


def validate_files_fast(paths: list[Path]) -> Report:
    """``kg validate`` with pyshacl-turbo: files bulk-loaded into pyoxigraph, validated there.

    kg.validate.validate_files parses with rdflib first, which takes longer than the
    validation itself on a whole dump.
    """
    if not paths:
        raise UsageError("no files to validate")
    return validate_store(load_files(paths))


def validate_record(ntriples: bytes, graphs: list[Graph], engine: str) -> tuple[Violation, ...]:
    """The violations of one record, given as N-Triples bytes and as the rdflib graphs they came from."""
    if engine == "turbo":
        store = ox.Store()
        store.load(ntriples, format=ox.RdfFormat.N_TRIPLES)  # for a few hundred triples, faster than bulk_load
        return validate_store(store).violations
    merged = Graph()
    for graph in graphs:
        merged += graph
    return validate(merged, engine="pyshacl").violations


def validate_paths(paths: list[Path], engine: str | None = None) -> Report:
    """What ``kg validate`` runs: the fast path with turbo, kg.validate's rdflib path with pyshacl."""
    if (engine or default_engine()) == "turbo":
        return validate_files_fast(paths)
    return validate_files(paths, engine="pyshacl")
