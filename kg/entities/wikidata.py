"""A polite client for the Wikidata Query Service: candidate items for names.

It behaves as the service asks of bots: a descriptive User-Agent, several names
per query (``VALUES``), answers cached on disk (``.kg-cache/wikidata/``, keyed by
a hash of endpoint and query, so a rerun sends nothing), a timeout, and retries
with exponential backoff on timeouts, refused connections, HTTP 429 (honouring
``Retry-After``) and 5xx.  When the service still cannot be used it raises
:class:`kg.errors.EndpointError` with the reason; ``kg link`` then falls back
to the bundled links.

The query looks names up as English labels and aliases (``rdfs:label`` /
``skos:altLabel``) bound to literals, which the service answers from its index.
A ``LCASE`` filter over all labels would be the literal reading of
"case-insensitive", but it scans every label and times out on Wikidata; instead
each name is sent as written and title-cased, and :mod:`kg.entities.scoring`
compares labels case-insensitively.  Types are constrained by ``wdt:P31``:
persons must be humans; organizations and places must not be, and score higher
when an instance of one of the classes below (directly or through subclasses).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import time
import urllib.error
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

from kg import __version__
from kg.errors import EndpointError

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = f"kg/{__version__} (https://kg.example.org; linked-data publisher for archives)"
DEFAULT_CACHE = Path(".kg-cache") / "wikidata"

HUMAN = "Q5"
# Class items, each as public Wikidata queries use it (search-index ids of the files quoted):
#   Q5 human ("?item wdt:P31 wd:Q5 . # instance of human", 58302720501; "# human", 40810596711)
#   Q43229 organization ("wdt:P31 wd:Q43229 . # instance of organization", 66126447103)
#   Q7278 political party (parties "mainValue: wd:Q7278", 18092230736; 24427460834)
#   Q6256 country ("?item wdt:P31 wd:Q6256. # is a country", 30917661498)
#   Q3624078 sovereign state ("Or should it be Q3624078 (sovereign state)", 36057358818)
#   Q3024240 historical country ("# not a historical country ... wd:Q3024240", 16125206451)
#   Q515 city ("?city wdt:P31 wd:Q515 ; # Instance of city", 1152338223)
TYPE_CLASSES: dict[str, tuple[str, ...]] = {
    "person": (HUMAN,),
    "organization": ("Q43229", "Q7278"),
    "place": ("Q6256", "Q3624078", "Q3024240", "Q515"),
}
CLASS_LABELS = {
    "Q5": "human", "Q43229": "organization", "Q7278": "political party", "Q6256": "country",
    "Q3624078": "sovereign state", "Q3024240": "historical country", "Q515": "city",
}

_PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""
_PARTICLES = frozenset("of the and for de del da di du la le von van der den zu".split())


@dataclass(frozen=True)
class NameQuery:
    """An entity to look up: its key, type and the names it goes by."""

    key: str
    type: str  # person / organization / place
    names: tuple[str, ...]


@dataclass
class Candidate:
    """One Wikidata item that carries one of an entity's names."""

    qid: str
    label: str = ""
    description: str = ""
    labels_matched: set[str] = field(default_factory=set)  # our names equal to its rdfs:label
    aliases_matched: set[str] = field(default_factory=set)  # our names equal to a skos:altLabel
    classes: set[str] = field(default_factory=set)  # documented classes it is an instance of
    born: str | None = None  # P569 / P570 as the service gives them (xsd:dateTime)
    died: str | None = None


def label_variants(names: Iterable[str]) -> list[str]:
    """Each name as written and title-cased (particles kept small), without repeats."""
    variants: list[str] = []
    for name in names:
        titled = " ".join(w if w in _PARTICLES else w[:1].upper() + w[1:] for w in name.split())
        variants += [name, titled]
    return list(dict.fromkeys(variants))


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False) + "@en"


def candidate_query(batch: Sequence[NameQuery], type: str) -> str:
    """The SPARQL query for a batch of entities of one type."""
    rows = " ".join(
        f"({json.dumps(q.key)} {_literal(name)})" for q in batch for name in label_variants(q.names)
    )
    classes = " ".join(f"wd:{qid}" for qid in TYPE_CLASSES[type])
    if type == "person":
        type_clause = f"VALUES ?class {{ {classes} }} ?item wdt:P31 ?class ."
    else:
        type_clause = (f"FILTER NOT EXISTS {{ ?item wdt:P31 wd:{HUMAN} }}\n"
                       f"  OPTIONAL {{ VALUES ?class {{ {classes} }} ?item wdt:P31/wdt:P279* ?class . }}")
    return f"""{_PREFIXES}SELECT ?key ?name ?via ?item ?label ?description ?class ?born ?died WHERE {{
  VALUES (?key ?name) {{ {rows} }}
  {{ ?item rdfs:label ?name . BIND("label" AS ?via) }}
  UNION {{ ?item skos:altLabel ?name . BIND("alias" AS ?via) }}
  {type_clause}
  OPTIONAL {{ ?item rdfs:label ?label . FILTER(LANG(?label) = "en") }}
  OPTIONAL {{ ?item schema:description ?description . FILTER(LANG(?description) = "en") }}
  OPTIONAL {{ ?item wdt:P569 ?born . }}
  OPTIONAL {{ ?item wdt:P570 ?died . }}
}}"""


class WikidataClient:
    """SPARQL SELECTs against one endpoint, cached, with retries; see the module docstring."""

    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, *, cache_dir: Path | None = DEFAULT_CACHE,
                 timeout: float = 30.0, retries: int = 3, backoff: float = 1.0, batch_size: int = 10,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.endpoint = endpoint
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.timeout = timeout
        self.retries = max(1, retries)
        self.backoff = backoff
        self.batch_size = max(1, batch_size)
        self.sleep = sleep
        self.sent = 0  # queries that went over the network (not answered from the cache)

    def find_candidates(self, queries: Iterable[NameQuery]) -> dict[str, dict[str, Candidate]]:
        """entity key -> QID -> candidate, for every entity that has any."""
        found: dict[str, dict[str, Candidate]] = {}
        by_type: dict[str, list[NameQuery]] = {}
        for query in queries:
            if query.names:
                by_type.setdefault(query.type, []).append(query)
        for type, pending in sorted(by_type.items()):
            for start in range(0, len(pending), self.batch_size):
                batch = pending[start:start + self.batch_size]
                _collect(found, self.select(candidate_query(batch, type)))
        return found

    def select(self, query: str) -> list[dict[str, str]]:
        """The bindings of a SELECT query, each as variable -> value."""
        cached = self._cache_path(query)
        if cached is not None and cached.exists():
            return json.loads(cached.read_text(encoding="utf-8"))
        bindings = self._with_retries(query)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(".part")
            partial.write_text(json.dumps(bindings, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(partial, cached)
        return bindings

    def _cache_path(self, query: str) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()
        return self.cache_dir / f"{digest}.json"

    def _with_retries(self, query: str) -> list[dict[str, str]]:
        reason = ""
        for attempt in range(1, self.retries + 1):
            try:
                return self._send(query)
            except _Transient as error:
                reason = str(error)
                if attempt < self.retries:
                    self.sleep(error.retry_after or self.backoff * 2 ** (attempt - 1))
        raise EndpointError(
            f"cannot use the Wikidata Query Service at {self.endpoint}: {reason} "
            f"(tried {self.retries} time(s))"
        )

    def _send(self, query: str) -> list[dict[str, str]]:
        client = SPARQLWrapper(self.endpoint, agent=USER_AGENT)
        client.setQuery(query)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(max(1, math.ceil(self.timeout)))  # SPARQLWrapper counts whole seconds
        self.sent += 1
        try:
            result = client.queryAndConvert()
        except urllib.error.HTTPError as error:
            if error.code == 429 or error.code >= 500:
                raise _Transient(f"HTTP {error.code} {error.reason}", _retry_after(error)) from None
            raise EndpointError(f"{self.endpoint} answered HTTP {error.code} {error.reason}") from None
        except EndPointInternalError as error:
            raise _Transient(f"server error: {_first_line(error)}") from None
        except SPARQLWrapperException as error:
            raise EndpointError(f"{self.endpoint} refused the query: {_first_line(error)}") from None
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as error:
            raise _Transient(_network_reason(error)) from None
        except ValueError as error:  # not JSON: a proxy page or a truncated answer
            raise _Transient(f"unreadable answer ({error})") from None
        if not isinstance(result, dict) or "results" not in result:
            raise _Transient("the answer is not SPARQL JSON results")
        return [{name: value["value"] for name, value in row.items()}
                for row in result["results"]["bindings"]]


class _Transient(Exception):
    """A failure worth retrying."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _retry_after(error: urllib.error.HTTPError) -> float | None:
    value = error.headers.get("Retry-After") if error.headers else None
    try:
        return min(float(value), 60.0) if value else None
    except ValueError:
        return None


def _network_reason(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    return "timed out" if isinstance(reason, (socket.timeout, TimeoutError)) else f"unreachable ({reason})"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _collect(found: dict[str, dict[str, Candidate]], bindings: list[dict[str, str]]) -> None:
    for row in bindings:
        qid = row["item"].rsplit("/", 1)[-1]
        candidate = found.setdefault(row["key"], {}).setdefault(qid, Candidate(qid))
        candidate.label = candidate.label or row.get("label", "")
        candidate.description = candidate.description or row.get("description", "")
        matched = candidate.labels_matched if row.get("via") == "label" else candidate.aliases_matched
        matched.add(row["name"])
        if row.get("class"):
            candidate.classes.add(row["class"].rsplit("/", 1)[-1])
        candidate.born = min(filter(None, (candidate.born, row.get("born"))), default=None)
        candidate.died = max(filter(None, (candidate.died, row.get("died"))), default=None)


__all__ = [
    "CLASS_LABELS", "Candidate", "DEFAULT_CACHE", "DEFAULT_ENDPOINT", "HUMAN", "NameQuery",
    "TYPE_CLASSES", "USER_AGENT", "WikidataClient", "candidate_query", "label_variants",
]
