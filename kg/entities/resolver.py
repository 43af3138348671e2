"""An :class:`~kg.agents.AgentResolver` backed by the authority file.

The mapper asks it for every creator, recipient, translator and office body.
A name the authority knows (in any of its spellings: ``Georgii Malenkov``,
``Nikita S. Khrushchev``, ``Central Committee of the League of Communists of
Yugoslavia``) resolves to the authority entry: its id as key, its preferred
name, its other names and, only for a published QID, its Wikidata item.  A name
it does not know falls back to :class:`kg.agents.NameResolver`'s slug key, with
a Wikidata link only if a curated decision accepted one for that key.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.agents import ResolvedAgent
from kg.entities.authority import Authority, Entry
from kg.entities.gazetteer import match_at
from kg.entities.names import tokenise
from kg.entities.rules import TITLE_WORDS
from kg.records import AgentRef, DateValue
from kg.vocab import WD, slug

# Short forms that name nobody without a record's context.
_AGENT_FORMS = frozenset({"name", "patronymic", "initials", "surname"})


@dataclass(frozen=True)
class EntityDescription:
    """What the graph says about an entity: its type, names, parent and links."""

    key: str
    type: str  # person / organization / place
    name: str
    alternate_names: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    parent: str | None = None


class AuthorityResolver:
    """Resolves names to authority entries; see the module docstring."""

    def __init__(self, authority: Authority) -> None:
        self.authority = authority

    def resolve(self, ref: AgentRef, *, date: DateValue | None = None) -> ResolvedAgent:
        entry = self.find(ref.name, kind=ref.kind, date=date)
        if entry is None:
            key = slug(ref.name)
            return ResolvedAgent(key=key, kind=ref.kind, name=ref.name, same_as=self.same_as(key))
        return ResolvedAgent(
            key=entry.id, kind=ref.kind, name=entry.preferred_name,
            alternate_names=entry.plain_alt_names, same_as=self.same_as(entry.id),
        )

    def find(self, name: str, *, kind: str, date: DateValue | None = None) -> Entry | None:
        """The entry of type ``kind`` whose name is all of ``name`` (after ``Comrade`` and the
        like), or None."""
        tokens = tokenise(name)
        while tokens and tokens[0].key in TITLE_WORDS:
            tokens = tokens[1:]
        if not tokens:
            return None
        keys = [
            pattern.entity for pattern in self.authority.gazetteer.starting_with(tokens[0].key)
            if pattern.form in _AGENT_FORMS and self.authority.entries[pattern.entity].type == kind
            and match_at(pattern, tokens, 0) == len(tokens)
        ]
        chosen = self.authority.choose(keys, date)
        return self.authority.entries[chosen] if chosen else None

    def same_as(self, key: str) -> tuple[str, ...]:
        """The Wikidata IRI of ``key`` when its link is published, else nothing."""
        qid = self.authority.link(key)
        return (str(WD[qid]),) if qid else ()

    def describe(self, key: str, *, type: str, name: str) -> EntityDescription:
        """The description of entity ``key``; ``type`` and ``name`` serve for unknown keys."""
        entry = self.authority.get(key)
        if entry is None:
            return EntityDescription(key=key, type=type, name=name, same_as=self.same_as(key))
        return EntityDescription(
            key=key, type=entry.type, name=entry.preferred_name,
            alternate_names=entry.plain_alt_names, same_as=self.same_as(key), parent=entry.parent,
        )


__all__ = ["AuthorityResolver", "EntityDescription"]
