"""Name lookup for ``person`` and ``archive`` parameters: a name -> the one entity it names.

Names are compared folded (:func:`kg.text.fold_name`: case and accents dropped, ``đ`` -> ``dj``),
in Python, where that can be done properly.  A build by ``kg build`` publishes the folded words
of every person's and archive's names (``kg:nameToken``, :mod:`kg.analytics.name_index`), so
the candidates are found by one index lookup per word of the wanted name; on data without that
index (a hand-made file, an older build) every name of the class is read and compared.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.catalogue import Param
from kg.query.engines import Engine, Results
from kg.text import fold_name as normalise_name
from kg.vocab import SDO

ENTITY_CLASSES = {"person": SDO.Person, "archive": SDO.ArchiveOrganization}
"""Parameter types whose values are names of entities of these classes."""

_PROLOGUE = """\
PREFIX kg: <https://kg.example.org/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""

# Every name of every entity of a class (?class is bound): the lookup without an index.
NAMES_QUERY = _PROLOGUE + """\
SELECT ?class ?entity ?property ?name WHERE {
  VALUES ?property { schema:name schema:alternateName rdfs:label }
  ?entity a ?class ;
          ?property ?name .
}
ORDER BY ?entity ?property ?name
"""

HAS_INDEX_QUERY = _PROLOGUE + "ASK { ?entity kg:nameToken ?token }\n"


def _candidates_query(words: int) -> str:
    """The names of the entities of ?class having every word ?w0, ?w1... in the name index."""
    tokens = ", ".join(f"?w{i}" for i in range(words))
    return _PROLOGUE + f"""\
SELECT ?class ?entity ?property ?name WHERE {{
  VALUES ?property {{ schema:name schema:alternateName rdfs:label }}
  ?entity kg:nameToken {tokens} ;
          a ?class ;
          ?property ?name .
}}
ORDER BY ?entity ?property ?name
"""


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


def candidate_names(cls: ox.NamedNode, value: str, engine: Engine) -> Results:
    """``(class, entity, property, name)`` rows of the entities that may be named ``value``.

    Every entity whose names hold all the words of ``value`` is among them (which is all that
    :func:`match_names` can match), found through the name index when the data has one.
    """
    words = sorted(set(normalise_name(value).split()))
    if not words:
        return Results(("class", "entity", "property", "name"))
    bindings = {"class": cls} | {f"w{i}": ox.Literal(word) for i, word in enumerate(words)}
    found = engine.select(_candidates_query(len(words)), bindings)
    if found.rows or engine.select(HAS_INDEX_QUERY, {}).boolean:
        return found
    return engine.select(NAMES_QUERY, {"class": cls})


def find_entity(param: Param, value: str, engine: Engine) -> ox.NamedNode:
    """The entity of the parameter's class that ``value`` names; an error unless exactly one."""
    found = candidate_names(ox.NamedNode(str(ENTITY_CLASSES[param.type])), value, engine)
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
