"""Every way the authority's entities can be written, as token patterns.

A person's patterns are generated from each full name the authority gives,
so the file lists ``Nikita Sergeyevich Khrushchev`` once and the text may say
``Nikita Khrushchev``, ``N.S. Khrushchev``, ``N. Khrushchev``, ``Khrushchev N.S.``
(surname first), ``Nikita Sergeevich`` (name and patronymic), ``Khrushchev`` or,
where the record's context allows, ``Nikita``.  Organizations and places match
their names and abbreviations as listed; abbreviations must be written in
capitals.  Each pattern carries a *form*, which sets the confidence of a match.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.entities.names import Token, fold, tokenise

if TYPE_CHECKING:  # pragma: no cover
    from kg.entities.authority import Authority, Entry

FORM_CONFIDENCE = {
    "name": 1.0,        # a full name, alternative name or abbreviation from the authority
    "patronymic": 0.95,  # given name and patronymic: Nikita Sergeevich
    "initials": 0.95,   # initials and surname, either order: N.S. Khrushchev, Malenkov G.M.
    "surname": 0.9,     # surname alone: Beria
    "given": 0.8,       # given name alone, only for a person the record already names: Georgii
    "adjective": 0.6,   # a place named by its adjective: the Turkish question
}
"""Confidence of a match by form; also the order of preference when spans compete."""

_PATRONYMIC = re.compile(r"(?:ovich|evich|ich|ovna|evna|ichna)$")


@dataclass(frozen=True, order=True)
class Slot:
    """What one word of a pattern accepts."""

    key: str  # the folded word; "" accepts any initial
    upper: bool = False  # must be written in capitals (an abbreviation such as CPSU)
    initial: bool = False  # must be a capital letter followed by a full stop

    def accepts(self, token: Token) -> bool:
        if self.initial and not (token.initial and token.dotted):
            return False
        if self.upper and not token.upper:
            return False
        return self.key in ("", token.key) if self.initial else self.key == token.key


@dataclass(frozen=True, order=True)
class Pattern:
    slots: tuple[Slot, ...]
    entity: str
    form: str

    @property
    def confidence(self) -> float:
        return FORM_CONFIDENCE[self.form]


class Gazetteer:
    """All patterns of an authority, indexed by their first word."""

    def __init__(self, authority: Authority) -> None:
        patterns: set[Pattern] = set()
        for entry in authority:
            patterns.update(entry_patterns(entry, authority.names(entry.id)))
        index: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in sorted(patterns):
            index[pattern.slots[0].key].append(pattern)
        self._index = {key: tuple(found) for key, found in index.items()}

    def starting_with(self, key: str) -> tuple[Pattern, ...]:
        return self._index.get(key, ())

    def __len__(self) -> int:
        return sum(len(found) for found in self._index.values())


def match_at(pattern: Pattern, tokens: list[Token], first: int) -> int | None:
    """Index after the match of ``pattern`` at token ``first``, or None."""
    slots = pattern.slots
    last = first + len(slots)
    if last > len(tokens):
        return None
    # One loop, leaving at the first word that does not fit: it runs for every word of
    # every record against every pattern that starts with that word.
    capitalised = False
    for offset, slot in enumerate(slots):
        token = tokens[first + offset]
        if offset and not token.joined or not slot.accepts(token):
            return None
        capitalised = capitalised or token.capitalised
    # A name is written with a capital somewhere (western Belorussia, party of Lenin and
    # Stalin); one word alone must be capitalised, so "turkey" the bird is no country.
    if not capitalised:
        return None
    return last


def entry_patterns(entry: Entry, names: tuple[str, ...]) -> Iterator[Pattern]:
    """The patterns of one entry, given all its (expanded) names."""
    if entry.type == "person":
        yield from _person_patterns(entry.id, names)
    else:
        for name in names:
            slots = tuple(_slot(token) for token in tokenise(name))
            if slots:
                yield Pattern(slots, entry.id, "name")
    for adjective in entry.adjectives:
        yield Pattern(tuple(_slot(token) for token in tokenise(adjective)), entry.id, "adjective")


def _slot(token: Token) -> Slot:
    return Slot(token.key, upper=token.upper)


def _parts(name: str) -> list[tuple[Slot, ...]]:
    """A person's name split at spaces; a part may hold several words (Il-sung)."""
    parts = [tuple(_slot(token) for token in tokenise(part)) for part in name.split()]
    return [part for part in parts if part]


def _person_patterns(entity: str, names: tuple[str, ...]) -> Iterator[Pattern]:
    full = [_parts(name) for name in names]
    surnames = {parts[-1] for parts in full if len(parts) > 1}
    for parts in full:
        if len(parts) == 1:
            yield Pattern(parts[0], entity, "surname" if parts[0] in surnames else "name")
        elif parts:
            yield from _name_forms(entity, parts)


def _name_forms(entity: str, parts: list[tuple[Slot, ...]]) -> Iterator[Pattern]:
    *given, surname = parts
    first = given[0]
    yield Pattern(_join(parts), entity, "name")
    yield Pattern(first + surname, entity, "name")
    yield Pattern(surname, entity, "surname")
    yield Pattern(first, entity, "given")
    if len(given) > 1 and _PATRONYMIC.search(given[1][-1].key):
        yield Pattern(first + given[1], entity, "patronymic")
    yield from _initial_forms(entity, first, given[1] if len(given) > 1 else None, surname)


def _initial_forms(entity: str, first: tuple[Slot, ...], second: tuple[Slot, ...] | None,
                   surname: tuple[Slot, ...]) -> Iterator[Pattern]:
    """N. Khrushchev, N.S. Khrushchev, Nikita S. Khrushchev, Khrushchev N.S., and the same
    with a middle initial the authority does not know (L. P. Beria, Vladislav M. Zubok)."""
    any_initial = Slot("", initial=True)
    one = _initial(first)
    middles = [any_initial, *(_initial(second) if second else ())]
    yield Pattern(one + surname, entity, "initials")
    yield Pattern(surname + one, entity, "initials")
    for middle in middles:
        yield Pattern(one + (middle,) + surname, entity, "initials")
        yield Pattern(first + (middle,) + surname, entity, "initials")
        yield Pattern(surname + one + (middle,), entity, "initials")


def _initial(part: tuple[Slot, ...]) -> tuple[Slot, ...]:
    # Folded like the text's initials are, so "Yuri" expects the key of "Y".
    return (Slot(fold(part[0].key[0]), initial=True),)


def _join(parts: list[tuple[Slot, ...]]) -> tuple[Slot, ...]:
    return tuple(slot for part in parts for slot in part)


__all__ = ["FORM_CONFIDENCE", "Gazetteer", "Pattern", "Slot", "entry_patterns", "match_at"]
