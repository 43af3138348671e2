"""Time every bundled local query on a built store, with parameters a user would pass.

Parameters are chosen from the data, not hard-coded, so they exist at every size: the
person who wrote the most documents (the heaviest ``person-documents`` answer), the archive
holding the most.  Online queries (they call Wikidata) are skipped: no network here.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from kg.benchmark.measure import median

_TOP = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?d {predicate} ?x }} GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1
"""

# Values by parameter type; dates and text by parameter name where the type is not enough.
_FIXED = {"string": "Yugoslavia", "language": "ru", "integer": "10"}
_DATES = {"from": "1953-01-01", "to": "1953-12-31"}


def _top(engine, predicate: str) -> str | None:
    rows = engine.select(_TOP.format(predicate=predicate), {}).rows
    return rows[0][0].value if rows else None


def parameter_values(query, engine) -> dict[str, str]:
    """Values for the query's required parameters (and date bounds, which make it selective)."""
    values: dict[str, str] = {}
    for param in query.params:
        if param.type == "person":
            value = _top(engine, "dcterms:creator")
        elif param.type == "archive":
            value = _top(engine, "schema:holdingArchive")
        elif param.type == "date":
            value = _DATES.get(param.name)
        elif param.required:
            value = _FIXED.get(param.type)
        else:
            value = None
        if value is not None:
            values[param.name] = value
    return values


def _time_one(out: Path, name: str, repeat: int, slow_s: float, memory_cap: int, connection) -> None:
    """In a child process: open the store, time query ``name``; send the result back.

    The child's address space is capped: a query that builds a huge intermediate result
    (a cartesian product) must fail alone, not push the machine into swapping or the OOM killer.
    """
    import resource

    from kg.query import find_query, open_local, run_query

    resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))

    engine = open_local([out])
    query = find_query(name)
    values = parameter_values(query, engine)
    samples, rows = [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        rows = len(run_query(query, values, engine).rows)
        samples.append(time.perf_counter() - began)
        if samples[-1] > slow_s:  # one run says enough: it is far off the target either way
            break
    connection.send({"median_ms": median(samples) * 1000, "first_ms": samples[0] * 1000, "runs": len(samples),
                     "rows": rows, "params": values})


def time_queries(out: Path, *, repeat: int = 5, slow_s: float = 10.0, limit_s: float = 300.0,
                 memory_cap: int = 6 * 2**30) -> dict:
    """``{name: {median_ms, first_ms, runs, rows, params}}`` for every bundled local query.

    Each query runs in its own child process with a time limit (``limit_s``): one query that
    does not finish must not stop the others from being measured.
    """
    from kg.query import bundled_queries, open_local

    start = time.perf_counter()
    open_local([out])
    opened = time.perf_counter() - start
    context = multiprocessing.get_context("fork")
    timings: dict[str, dict] = {}
    for query in bundled_queries():
        if query.online:
            continue
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_time_one, args=(out, query.name, repeat, slow_s, memory_cap, sender))
        child.start()
        sender.close()  # the child holds the only sending end: its death is seen as end of file
        timings[query.name] = _answer(receiver, limit_s, memory_cap)
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
