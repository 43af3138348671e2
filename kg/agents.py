"""Turning a name as a record writes it into one agent with a stable key.

The mapper never mints a person or organization IRI from a raw name itself:
it asks an :class:`AgentResolver`.  The default, :class:`NameResolver`, keys
an agent by the slug of its name.  The entity stage (``kg.entities``) plugs in
a resolver backed by the authority file that merges spellings (``Georgii`` /
``Georgy Malenkov``) and adds Wikidata links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kg.records import AgentKind, AgentRef, DateValue
from kg.vocab import slug


@dataclass(frozen=True)
class ResolvedAgent:
    """One agent as it appears in the graph."""

    key: str  # IRI segment under person/ or organization/
    kind: AgentKind
    name: str  # preferred name
    alternate_names: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()  # IRIs of the same entity elsewhere, e.g. Wikidata items


class AgentResolver(Protocol):
    def resolve(self, ref: AgentRef, *, date: DateValue | None = None) -> ResolvedAgent:
        """Find (or mint) the agent a record means by ``ref``, around ``date``."""
        ...


class NameResolver:
    """Keys agents by the slug of their name as written; merges nothing."""

    def resolve(self, ref: AgentRef, *, date: DateValue | None = None) -> ResolvedAgent:
        return ResolvedAgent(key=slug(ref.name), kind=ref.kind, name=ref.name)
