"""Name lookup for ``person`` and ``archive`` parameters: a name -> the one entity it names."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.catalogue import Param
from kg.query.engines import Engine
from kg.text import strip_accents
from kg.vocab import SDO

ENTITY_CLASSES = {"person": SDO.Person, "archive": SDO.ArchiveOrganization}
"""Parameter types whose values are names of entities of these classes."""

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


def find_entity(param: Param, value: str, engine: Engine) -> ox.NamedNode:
    """The entity of the parameter's class that ``value`` names; an error unless exactly one."""
    found = engine.select(NAMES_QUERY, {"class": ox.NamedNode(str(ENTITY_CLASSES[param.type]))})
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
