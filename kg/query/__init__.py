"""Bundled SPARQL queries: the catalogue, typed parameters, engines, result formats.

===============  ================================================================
``catalogue``    ``.rq`` files and their headers (:class:`Query`, :class:`Param`)
``params``       command-line text -> typed RDF terms, bound to query variables
``names``        the name lookup behind ``person`` and ``archive`` parameters
``engines``      :class:`LocalEngine` (pyoxigraph); :class:`kg.endpoint.Endpoint` is remote
``sparql_text``  where a query's WHERE group and outer LIMIT/OFFSET are, lexically
``listings``     a page of a listing query: its entries found, bound as ``VALUES``
``run``          :func:`run_query`: bind the parameters, run one :class:`Page` on an engine
``output``       table, CSV, TSV and JSON
===============  ================================================================

Parameters are never pasted into query text: they become typed RDF terms bound to the query
variable of the same name by a ``VALUES`` block, locally and on an endpoint.  Both engines
implement :class:`Engine`, so :func:`run_query` — pages and the name lookup included — is the
same code locally and remotely.
"""

from kg.query.catalogue import PARAM_TYPES, Param, Query, bundled_queries, find_query, parse_query, queries_dir
from kg.query.engines import DEFAULT_DATA_DIR, STORE_SUBDIR, Engine, LocalEngine, Results, Term, open_local
from kg.query.names import NAMES_QUERY, match_names, normalise_name
from kg.query.output import FORMATS, compact_iri, format_results, json_term, term_from_json
from kg.query.params import bind_parameters, looks_like_iri, to_term
from kg.query.run import ALL_ROWS, DEFAULT_PAGE_SIZE, Page, run_query

__all__ = [
    "ALL_ROWS",
    "DEFAULT_DATA_DIR",
    "DEFAULT_PAGE_SIZE",
    "FORMATS",
    "NAMES_QUERY",
    "PARAM_TYPES",
    "STORE_SUBDIR",
    "Engine",
    "LocalEngine",
    "Page",
    "Param",
    "Query",
    "Results",
    "Term",
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
    "queries_dir",
    "run_query",
    "term_from_json",
    "to_term",
]
