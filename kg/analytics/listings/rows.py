"""What a listing is made of: groups of entries, each entry one resource and what it is listed under."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Entry(NamedTuple):
    """One entry: the resource it lists (``schema:item``) and, when the resource alone does not
    say where its rows go, the values it is listed under: another resource (``kg:listedWith``:
    a language, a translator, a class) and a name (``schema:name``, in N-Triples syntax)."""

    item: str
    listed_with: str | None = None
    name: str | None = None


@dataclass
class Group:
    """The entries for one value of the listing's parameters (``values``: IRIs, N-Triples
    literals), in the query's order."""

    listing: str
    values: tuple[str, ...]
    entries: list[Entry] = field(default_factory=list)


def grouped(listing: str, keyed: dict[tuple[str, ...], list[Entry]]) -> list[Group]:
    """Groups from a dict of value tuples -> entries (already in order)."""
    return [Group(listing, values, entries) for values, entries in keyed.items()]
