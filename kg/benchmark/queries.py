"""Time every bundled local query on a built store, with parameters a user would pass.

Parameters are chosen from the data, not hard-coded, so they exist at every size.  A query
about one person or archive is timed twice: for a *typical* one (a median number of documents)
and for the *top* one (the most documents: the heaviest answer).  An optional parameter that
narrows the answer (a language, a fond) is timed without it and with the value of the most
documents.  Each run asks for the first page (:data:`kg.query.DEFAULT_PAGE_SIZE` rows), as
``kg query`` does.  Online queries (they call Wikidata) are skipped: no network here.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pyoxigraph as ox

from kg.benchmark.measure import median

_PROLOGUE = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://kg.example.org/ns#>
PREFIX level: <https://kg.example.org/ns/level/>
PREFIX schema: <https://schema.org/>
"""
_RANKED = _PROLOGUE + "SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?d {predicate} ?x }} GROUP BY ?x ORDER BY DESC(?n) ?x"
_ENTITY_PREDICATES = {"person": "dcterms:creator", "archive": "schema:holdingArchive"}

# Values by parameter type; dates and text by parameter name where the type is not enough.
_FIXED = {"string": "Yugoslavia", "language": "ru", "integer": "10"}
_DATES = {"from": "1953-01-01", "to": "1953-12-31"}

# Optional parameters that narrow the answer, by name: the value of the most documents
# (?archive, when the query has one, is the archive of the run).
_NARROWING = {
    "language": _PROLOGUE + """SELECT ?value (COUNT(*) AS ?n) WHERE {
        ?d a schema:ArchiveComponent ; dcterms:language ?value } GROUP BY ?value ORDER BY DESC(?n) ?value LIMIT 1""",
    "fond": _PROLOGUE + """SELECT ?archive ?value (COUNT(*) AS ?n) WHERE {
        ?d schema:holdingArchive ?archive ; dcterms:isPartOf+ ?fond .
        ?fond kg:level level:fond ; schema:identifier ?value } GROUP BY ?archive ?value ORDER BY DESC(?n) ?value LIMIT 1""",
}


def _ranked(engine, param_type: str) -> dict[str, str]:
    """The entity of most documents (``top``) and one of a median number (``typical``)."""
    rows = engine.select(_RANKED.format(predicate=_ENTITY_PREDICATES[param_type]), {}).rows
    return {"typical": rows[len(rows) // 2][0].value, "top": rows[0][0].value} if rows else {}


_NAME = _PROLOGUE + "SELECT ?name WHERE { ?entity schema:name ?name } ORDER BY ?name LIMIT 1"


def _name(engine, iri: str) -> str | None:
    rows = engine.select(_NAME, {"entity": ox.NamedNode(iri)}).rows
    return rows[0][0].value if rows else None


def _most_documents(engine, name: str, values: dict[str, str]) -> str | None:
    """The value of the narrowing parameter ``name`` that selects the most documents."""
    bindings = {"archive": ox.NamedNode(values["archive"])} if "archive" in values else {}
    rows = engine.select(_NARROWING[name], bindings).rows
    if not rows:
        return None
    value = rows[0][-2].value
    return value.rsplit("/", 1)[-1] if name == "language" else value  # a language as its ISO code


def parameter_sets(query, engine) -> dict[str, dict[str, str]]:
    """Runs to time, by label: one, or for a person or archive query a typical entity (by IRI and
    by name, as a user types it) and the top one, and, for a narrowing optional parameter, the
    heaviest of those with its value of most documents.

    Required parameters get a value; date bounds too (they make the query selective).
    """
    values: dict[str, str] = {}
    entity = None
    narrowing = []
    for param in query.params:
        if param.type in _ENTITY_PREDICATES:
            entity = param
        elif param.type == "date" and param.name in _DATES:
            values[param.name] = _DATES[param.name]
        elif param.required and param.type in _FIXED:
            values[param.name] = _FIXED[param.type]
        elif not param.required and param.name in _NARROWING:
            narrowing.append(param.name)
    if entity is None:
        runs = {query.name: values}
    else:
        ranked = _ranked(engine, entity.type)
        runs = {f"{query.name} ({label})": values | {entity.name: value} for label, value in ranked.items()}
        if ranked and (name := _name(engine, ranked["typical"])) is not None:  # the name lookup too
            runs = {f"{query.name} (typical, by name)": values | {entity.name: name}} | runs
    heaviest = next(reversed(runs.items()), None)  # the single run, or the top entity's
    for name in narrowing:
        if heaviest is not None and (choice := _most_documents(engine, name, heaviest[1])) is not None:
            runs[f"{query.name} ({'top, ' if entity else ''}one {name})"] = heaviest[1] | {name: choice}
    return runs


def _time_one(out: Path, name: str, values: dict, repeat: int, slow_s: float, memory_cap: int, connection) -> None:
    """In a child process: open the store, time query ``name`` with ``values``; send the result back.

    The child's address space is capped: a query that builds a huge intermediate result
    (a cartesian product) must fail alone, not push the machine into swapping or the OOM killer.
    """
    import resource

    from kg.query import find_query, open_local, run_query

    resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))
    engine = open_local([out])
    query = find_query(name)
    samples, results = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        results = run_query(query, values, engine)
        samples.append(time.perf_counter() - began)
        if samples[-1] > slow_s:  # one run says enough: it is far off the target either way
            break
    connection.send({"median_ms": median(samples) * 1000, "first_ms": samples[0] * 1000, "runs": len(samples),
                     "rows": len(results.rows), "more": results.more, "params": values})


def time_queries(out: Path, *, repeat: int = 5, slow_s: float = 10.0, limit_s: float = 300.0,
                 memory_cap: int = 6 * 2**30) -> dict:
    """``{name: {median_ms, first_ms, runs, rows, more, params}}`` for every bundled local query
    (``rows``: of the first page; ``more``: whether the answer has more).

    Each query runs in its own child process with a time limit (``limit_s``): one query that
    does not finish must not stop the others from being measured.
    """
    from kg.query import bundled_queries, open_local

    start = time.perf_counter()
    open_local([out])
    opened = time.perf_counter() - start
    context = multiprocessing.get_context("fork")
    engine = open_local([out])
    timings: dict[str, dict] = {}
    for query in bundled_queries():
        if query.online:
            continue
        for label, values in parameter_sets(query, engine).items():
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_time_one,
                                    args=(out, query.name, values, repeat, slow_s, memory_cap, sender))
            child.start()
            sender.close()  # the child holds the only sending end: its death is seen as end of file
            timings[label] = _answer(receiver, limit_s, memory_cap)
            child.kill()
            child.join()
    return {"open_s": opened, "queries": timings}


def _answer(receiver, limit_s: float, memory_cap: int) -> dict:
    stopped = {"median_ms": limit_s * 1000, "rows": 0, "runs": 0}
    if not receiver.poll(limit_s):
        return stopped | {"error": f"stopped after {limit_s:.0f} s"}
    try:
        return receiver.recv()
    except EOFError:
        return stopped | {"error": f"failed: more than {memory_cap / 2**30:.0f} GiB of memory, or a crash"}
