"""Which listings there are and where their entries live: shared by ``kg build`` and ``kg query``.

A *listing* is the answer of a bundled query, precomputed in the query's order, one *group*
per value of the parameters that narrow it (one person's documents, one language's...).  The
``n``-th entry of a group has the IRI ``{group}/{n}``, so a page of a group is a lookup of the
page's IRIs: kg computes them (:func:`group_iri`, :func:`entry_iri`) and binds them in a
``VALUES`` block; no engine has to sort or count anything.

IRIs, under the dataset's (``id:dataset/listing/...``)::

    listing/person-documents                                 the listing (kg:Listing)
    listing/person-documents/person/joseph-stalin            a group: its number of entries
    listing/person-documents/person/joseph-stalin/17         its 17th entry: schema:item <document>
    listing/archive-documents/archive/ap-rf/text/3f2a...     a group of two values: archive, fond
    listing/translators/5                                    a listing of one group: the archive

A value's segment is :func:`kg.analytics.terms.key` of an IRI (its path under the base, or a
hash) and ``text/`` + a hash of a literal in N-Triples syntax.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from kg.analytics.terms import dataset_iri, key

POSITIONS, DATES, WORDS = "positions", "dates", "words"
"""How a page finds its entries: by position in its group, through the date index, by words."""


@dataclass(frozen=True)
class ListingSpec:
    """A listing as both sides see it: its name (``# listing: NAME`` in a query's header)."""

    name: str
    groups: tuple[str, ...] = ()  # the parameters whose values pick a group, in this order
    pager: str = POSITIONS


LISTINGS = {spec.name: spec for spec in (
    ListingSpec("person-documents", groups=("person",)),
    ListingSpec("documents-by-language", groups=("language",)),
    ListingSpec("archive-documents", groups=("archive", "fond")),
    ListingSpec("translators"),
    ListingSpec("publications"),
    ListingSpec("wikidata-links"),
    ListingSpec("date-range", pager=DATES),
    ListingSpec("title-search", pager=WORDS),
)}


def listing_iri(base: str, name: str) -> str:
    return dataset_iri(base, "listing", name)


def base_of(listing: str, name: str) -> str:
    """The base IRI a listing was built under: its IRI without ``dataset/listing/{name}``."""
    return listing.removesuffix(listing_iri("", name))


def segment(term: str, base: str) -> str:
    """A group value's IRI segment: an IRI (as a plain string) or a literal in N-Triples syntax."""
    if term.startswith('"'):
        return "text/" + hashlib.sha256(term.encode()).hexdigest()[:16]
    return key(term, base)


def group_iri(listing: str, values: Sequence[str], base: str) -> str:
    """The group of ``values`` (IRIs and N-Triples literals); the listing itself for none."""
    return "/".join((listing, *(segment(value, base) for value in values)))


def entry_iri(group: str, position: int) -> str:
    """The ``position``-th entry of a group, from 1."""
    return f"{group}/{position:d}"


def position_of(entry: str) -> int:
    return int(entry.rsplit("/", 1)[1])
