"""Writing the derived resources: their IRIs and N-Triples lines.

Every derived resource has an IRI under the dataset's (``id:dataset/...``, like the VoID
partitions ``kg publish`` describes), made from the IRIs it is about, so that two builds of
the same records give the same lines and no blank node is ever needed.
"""

from __future__ import annotations

import hashlib
import re

import pyoxigraph as ox

from kg.vocab import XSD

_XSD_INTEGER = str(XSD.integer)
_XSD_DATE = str(XSD.date)
_READABLE = re.compile(r"[a-z]+/[A-Za-z0-9._~-]+")  # person/lavrentiy-beria: a kg-minted IRI


def dataset_iri(base: str, *segments: str) -> str:
    """``{base}dataset/segment/...``: the IRI of a derived resource."""
    return "/".join((f"{base}dataset", *segments))


def key(iri: str, base: str) -> str:
    """A stable IRI segment for a resource: its path under the base when kg minted it
    (``person/lavrentiy-beria``), else a hash of the whole IRI."""
    local = iri[len(base):] if iri.startswith(base) else ""
    if _READABLE.fullmatch(local):
        return local
    return "iri/" + hashlib.sha256(iri.encode()).hexdigest()[:16]


def triple(subject: str, predicate: str, obj: str) -> str:
    """One N-Triples line; ``obj`` in N-Triples syntax (:func:`iri`, :func:`integer`, ...).

    The IRIs all come from N-Triples lines the build wrote, or are made of them: they are
    written as they are (a million lines at 100,000 records, so no term objects per line).
    """
    return f"<{subject}> <{predicate}> {obj} ."


def iri(value: str) -> str:
    return f"<{value}>"


def integer(number: int) -> str:
    return f'"{number:d}"^^<{_XSD_INTEGER}>'


def date(lexical: str) -> str:
    """An xsd:date from its lexical form as the build wrote it (YYYY-MM-DD)."""
    return f'"{lexical}"^^<{_XSD_DATE}>'


def string(text: str) -> str:
    return str(ox.Literal(text))  # pyoxigraph escapes what N-Triples needs escaped
