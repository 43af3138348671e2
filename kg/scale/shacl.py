"""SHACL validation for the build and for ``kg validate``, with each engine's fast path.

``engine="kg"`` (the default, :mod:`kg.shacl`): a record's N-Triples are parsed strictly by
pyoxigraph and checked on pyoxigraph's terms; ``kg validate`` loads N-Triples and N-Quads
files into an in-memory pyoxigraph store and checks it node by node.  ``engine="turbo"``:
the record, or the files, are bulk-loaded into a pyoxigraph store and validated by
pyshacl-turbo with shapes compiled once per process (from a pyoxigraph store as well:
compiled from rdflib's graph, pyshacl-turbo 0.6 compares ``sh:in`` values against store
literals by datatype and reports ``"authority"`` as not in ``("authority" "model" "rule")``).
``engine="pyshacl"`` (the reference): rdflib graphs go to :func:`kg.validate.validate`.  All
three give the same :class:`~kg.validate.Violation` tuples; ``tests/test_scale.py`` checks it.
"""

from __future__ import annotations

import functools
import gc
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.assets import asset_dir
from kg.errors import UsageError
from kg.validate import Report, Violation, rdf_format, report_from_graph, validate, validate_files


def default_engine() -> str:
    """``kg``: kg's own engine, exact and the fastest, with no optional dependency."""
    return "kg"


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
    if engine == "kg":
        from kg.shacl import bundled_program
        from kg.shacl.terms import OXIGRAPH

        bundled_program(OXIGRAPH)
    elif engine == "turbo":
        _store_program()


def validate_store(store: ox.Store) -> Report:
    """Validate a pyoxigraph store's default graph with pyshacl-turbo."""
    conforms, report_graph, _ = _store_program().validate(store)
    return report_from_graph(bool(conforms), report_graph)


# kg.validate's parser names (by file extension) -> pyoxigraph's formats.
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
               "xml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


IN_MEMORY_MAX_BYTES = 512 << 20
"""Up to this many bytes of files, ``kg validate`` reads them into an in-memory store; past it,
into an on-disk store in a temporary folder (``$TMPDIR``), whose memory does not grow with the
data.  In memory, a kg.nt of 1 GB (6.6 million triples) takes 2.8 GiB and 77 s to validate; on disk,
0.5 GiB and 98 s."""


def load_files(paths: list[Path], location: str | None = None) -> ox.Store:
    """The union of RDF files in one store's default graph (named graphs merged, as kg validate does).

    ``location``: a folder for an on-disk store; by default the store is in memory.
    """
    store = ox.Store(location)
    for path in map(Path, paths):
        fmt = _OX_FORMATS[rdf_format(path)]  # an unknown extension is refused with the list of known ones
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
        try:
            if fmt.supports_datasets:
                store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt))
            elif location and fmt == ox.RdfFormat.N_TRIPLES:
                _bulk_load_ntriples(store, path)
            else:
                store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError) as error:
            detail = " ".join(str(error).split()) or type(error).__name__
            raise UsageError(f"{path}: not valid {fmt.name}: {detail}") from None
    return store


def _bulk_load_ntriples(store: ox.Store, path: Path) -> None:
    """In parts, so that the loader's memory stays bounded; an error is reported at the file's line."""
    from kg.scale.store import bulk_load_ntriples

    try:
        bulk_load_ntriples(store, path)
    except SyntaxError:
        for _ in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):  # raises at the file's line
            pass
        raise


T = TypeVar("T")


def _no_room(error: OSError, size: int) -> UsageError:
    return UsageError(f"kg validate could not use an on-disk store in {tempfile.gettempdir()}: {error} "
                      f"(it needs about {size / 2**30:.1f} GiB there; TMPDIR sets the folder)")


def with_loaded_files(paths: list[Path], use: Callable[[ox.Store, bool], T], in_memory_max: int | None = None) -> T:
    """``use(store, on_disk)`` on :func:`load_files` in memory, or, past ``in_memory_max`` bytes
    (:data:`IN_MEMORY_MAX_BYTES`), on a temporary on-disk store, removed once ``use`` returns."""
    size = sum(path.stat().st_size for path in map(Path, paths) if path.is_file())
    if size <= (IN_MEMORY_MAX_BYTES if in_memory_max is None else in_memory_max):
        return use(load_files(paths), False)
    try:
        folder = tempfile.TemporaryDirectory(prefix="kg-validate-")
    except OSError as error:
        raise _no_room(error, size) from None
    with folder:
        try:
            store = load_files(paths, location=folder.name)
            store.optimize()  # the bulk loader's many small files, merged: lookups several times faster
        except OSError as error:  # no room left, most likely
            raise _no_room(error, size) from None
        try:
            return use(store, True)
        finally:
            del store  # the only reference: RocksDB closes before its folder is removed
            gc.collect()


def validate_files_fast(paths: list[Path]) -> Report:
    """``kg validate`` with pyshacl-turbo: files bulk-loaded into pyoxigraph, validated there.

    kg.validate.validate_files parses with rdflib first, which takes longer than the
    validation itself on a whole dump.
    """
    if not paths:
        raise UsageError("no files to validate")
    return with_loaded_files(paths, lambda store, _: validate_store(store))


def _read_alike_by_oxigraph(path: Path) -> bool:
    """Whether pyoxigraph reads this file into the terms rdflib reads (see kg.shacl.views).

    Only in N-Triples and N-Quads can that be told from the bytes; other syntaxes (prefixes,
    JSON-LD contexts, XML entities) can spell an explicit xsd:string in too many ways.
    """
    if not path.is_file() or rdf_format(path) not in ("nt", "nquads"):
        return False
    from kg.scale.store import LOAD_PART_BYTES, ntriples_parts
    from kg.shacl import store_reads_differently

    # Part by part (what is looked for lies within a line): a whole dump mapped into memory
    # would count its gigabytes in the process's resident size.
    return not any(store_reads_differently(part) for part in ntriples_parts(path, LOAD_PART_BYTES))


def _validate_files_kg(paths: list[Path], focus: Iterable[URIRef] | None = None) -> Report:
    """``kg validate`` with the kg engine: a pyoxigraph store when it reads the files as rdflib does, else rdflib."""
    from kg.shacl import validate_store as validate_kg_store

    if paths and all(_read_alike_by_oxigraph(Path(path)) for path in paths):
        return with_loaded_files(paths, lambda store, on_disk: validate_kg_store(
            store, on_disk=on_disk, scan=_rescan(paths) if on_disk else None, focus=focus))
    return validate_files(paths, engine="kg")


def _rescan(paths: list[Path]) -> Callable[[], Iterator[ox.Quad]]:
    """Read the triples of N-Triples or N-Quads files again, in order (for kg.shacl.StoreView)."""
    def scan():
        for path in paths:
            yield from ox.parse(path=str(path), format=_OX_FORMATS[rdf_format(Path(path))])
    return scan


def validate_record(ntriples: bytes, graphs: list[Graph] | None, engine: str,
                    quads: list[ox.Quad] | None = None) -> tuple[Violation, ...]:
    """The violations of one record, given as N-Triples bytes.

    Only the pyshacl engine uses ``graphs`` (the rdflib graphs the bytes were written from),
    to save parsing them again; without them it parses ``ntriples`` with rdflib.  Only the kg
    engine uses ``quads``, the bytes parsed strictly by pyoxigraph.
    """
    if engine == "kg":
        from kg.shacl import validate_ntriples

        return validate_ntriples(ntriples, quads)
    if engine == "turbo":
        store = ox.Store()
        store.load(ntriples, format=ox.RdfFormat.N_TRIPLES)  # for a few hundred triples, faster than bulk_load
        return validate_store(store).violations
    merged = Graph()
    if graphs is None:
        merged.parse(data=ntriples, format="nt")
    for graph in graphs or ():
        merged += graph
    return validate(merged, engine="pyshacl").violations


def validate_shared_graph(path: str, engine: str) -> tuple[Violation, ...]:
    """The violations of the build's shared graph: every published line outside the records' own blocks.

    Each record was validated alone as it was mapped.  What a record alone cannot show is in
    the lines several records state (a person, an archive: their triples merged) and in the
    derived resources computed from all records (analytics, listings, the dataset
    description); no shape on those reads a document's own lines, so they are checked here,
    once, on the merged lines (about 13% of the dump's, so a seventh of validating it whole).
    """
    return validate_paths([Path(path)], engine).violations


def validate_paths(paths: list[Path], engine: str | None = None, *, focus: Iterable[URIRef] | None = None) -> Report:
    """What ``kg validate`` runs: each engine's fastest way to read the files, then its validation.

    ``focus``: the focus nodes whose results are wanted.  The kg engine evaluates no other;
    the others evaluate every node, so their report may hold more.
    """
    engine = engine or default_engine()
    if engine == "kg":
        return _validate_files_kg(paths, focus)
    if engine == "turbo":
        return validate_files_fast(paths)
    return validate_files(paths, engine="pyshacl")
