"""Recognition: which persons, organizations and places a record names, and where.

For each text field (:mod:`kg.entities.fields`) the words are matched against
the authority's patterns (:mod:`kg.entities.gazetteer`); where several
patterns overlap, the longest wins, so ``the party of Lenin and Stalin`` is the
party and not a mention of Stalin, and ``Georgian SSR`` is not ``Georgia``.
A stretch that several entities could be (two people with one surname) is
decided by context, in this order:

1. the entity must exist by the record's date (born / founded before it);
2. a given name alone (``Dear Georgii!``) counts only for a person the record
   already names in full or has as creator, recipient or translator;
3. among several, the one the record names in full elsewhere, or has as an
   agent, wins; else the one whose dates best show it alive (existing) at the
   record's date (:meth:`Authority.choose`);
4. what is still ambiguous is dropped rather than guessed.

Words the authority does not match go to the rules (:mod:`kg.entities.rules`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.entities.authority import Authority, load_authority
from kg.entities.fields import FieldText, record_fields
from kg.entities.gazetteer import FORM_CONFIDENCE, Gazetteer, Pattern, match_at
from kg.entities.names import Token, tokenise
from kg.entities.rules import RULE_CONFIDENCE, rule_matches
from kg.records import AgentRef, DateValue, Record
from kg.vocab import slug

_POSSESSIVE = re.compile(r"['’]s$")

CONTEXT_CONFIDENCE = FORM_CONFIDENCE["given"]
"""Confidence of a match that context, not the name alone, decided."""

_ANCHOR_FORMS = frozenset({"name", "patronymic", "initials"})


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity's name in one field of a record."""

    field: str  # "title", "summary", "body", "citation" or "footnote/N"
    start: int  # character offsets into the field's text, end exclusive
    end: int
    surface: str  # the text at [start:end]
    entity: str  # authority id, or for a name the authority lacks the slug of the name
    type: str  # person / organization / place
    method: str  # "authority" or "rule"
    confidence: float
    known: bool = True  # the entity is in the authority file


@dataclass(frozen=True)
class Span:
    """A stretch of a field that authority patterns match, before deciding which entity."""

    field: FieldText
    first: int  # token indices, end exclusive
    last: int
    start: int  # character offsets in the field, end exclusive
    end: int
    patterns: tuple[Pattern, ...]


@lru_cache(maxsize=1)
def bundled_authority() -> Authority:
    """The authority file and decisions kg ships (read once per process)."""
    return load_authority()


def recognise(record: Record, authority: Authority | None = None) -> tuple[Mention, ...]:
    """Every mention of a person, organization or place in ``record``, in reading order."""
    authority = authority or bundled_authority()
    date = record.date.value if record.date else None
    fields = [(field, tokenise(field.searchable)) for field in record_fields(record)]
    spans = [span for field, tokens in fields for span in _spans(field, tokens, authority.gazetteer)]
    context = record_agents(record, authority) | _anchors(spans, authority, date)
    mentions = []
    for span in spans:
        mention = _decide(span, authority, date, context)
        if mention is not None:
            mentions.append(mention)
    for field, tokens in fields:
        covered = {i for span in spans if span.field == field for i in range(span.first, span.last)}
        mentions += _rule_mentions(field, tokens, covered)
    order = {field.name: index for index, (field, _) in enumerate(fields)}
    return tuple(sorted(mentions, key=lambda m: (order[m.field], m.start)))


def record_agents(record: Record, authority: Authority) -> set[str]:
    """Authority ids of the record's creators, recipients and translators (and their bodies)."""
    date = record.date.value if record.date else None
    refs: list[AgentRef] = [located.value for located in (*record.creators, *record.recipients)]
    refs += [ref.office_organization for ref in refs if ref.office_organization is not None]
    if record.citation is not None:
        refs += [AgentRef(name=name, kind="person") for name in record.citation.value.translators]
    keys = {authority.resolver.resolve(ref, date=date).key for ref in refs}
    return {key for key in keys if authority.get(key) is not None}


def _spans(field: FieldText, tokens: list[Token], gazetteer: Gazetteer) -> list[Span]:
    """Non-overlapping stretches matched by the authority; longest first, then most confident."""
    found: dict[tuple[int, int], list[Pattern]] = defaultdict(list)
    for first, token in enumerate(tokens):
        for pattern in gazetteer.starting_with(token.key):
            last = match_at(pattern, tokens, first)
            if last is not None:
                found[(first, last)].append(pattern)
    ranked = sorted(found.items(), key=lambda item: (
        item[0][0] - item[0][1], -max(p.confidence for p in item[1]), item[0][0]))
    taken: set[int] = set()
    spans = []
    for (first, last), patterns in ranked:
        if taken.isdisjoint(range(first, last)):
            taken.update(range(first, last))
            spans.append(Span(field, first, last, tokens[first].start, _end(tokens[last - 1]),
                              tuple(patterns)))
    return sorted(spans, key=lambda span: span.first)


def _end(token: Token) -> int:
    """Where a name ends: after an initial's full stop (Malenkov G.M.), before a possessive."""
    if token.initial and token.dotted:
        return token.end + 1
    return token.end - 2 if _POSSESSIVE.search(token.text) else token.end


def _candidates(span: Span) -> dict[str, Pattern]:
    """Entity -> its most confident pattern in ``span``."""
    best: dict[str, Pattern] = {}
    for pattern in span.patterns:
        known = best.get(pattern.entity)
        if known is None or pattern.confidence > known.confidence:
            best[pattern.entity] = pattern
    return best


def _anchors(spans: Iterable[Span], authority: Authority, date: DateValue | None) -> set[str]:
    """Entities the record names unambiguously in full: the context for short forms."""
    anchors = set()
    for span in spans:
        full = [e for e, p in _candidates(span).items() if p.form in _ANCHOR_FORMS]
        if len(full) == 1 and authority.entries[full[0]].exists_by(date):
            anchors.add(full[0])
    return anchors


def _decide(span: Span, authority: Authority, date: DateValue | None,
            context: set[str]) -> Mention | None:
    candidates = _candidates(span)
    if any(authority.entries[entity].type == "work" for entity in candidates):
        return None  # a periodical's title: the names inside it are not mentions
    # A given name alone means someone only when the record already names them.
    keys = [e for e, p in candidates.items() if p.form != "given" or e in context]
    entity = authority.choose(keys, date, context)
    if entity is None:
        return None  # unknown in this record's context, or still ambiguous: not guessed
    confidence = candidates[entity].confidence
    if len(keys) > 1:
        confidence = min(confidence, CONTEXT_CONFIDENCE)
    return Mention(
        field=span.field.name, start=span.start, end=span.end,
        surface=span.field.text[span.start:span.end], entity=entity,
        type=authority.entries[entity].type, method="authority", confidence=confidence,
    )


def _rule_mentions(field: FieldText, tokens: list[Token], covered: set[int]) -> list[Mention]:
    mentions = []
    for match in rule_matches(field.searchable, tokens, covered):
        start, end = tokens[match.first].start, _end(tokens[match.last - 1])
        surface = field.text[start:end]
        mentions.append(Mention(
            field=field.name, start=start, end=end, surface=surface, entity=slug(surface),
            type=match.type, method="rule", confidence=RULE_CONFIDENCE, known=False,
        ))
    return mentions


__all__ = ["CONTEXT_CONFIDENCE", "Mention", "bundled_authority", "recognise", "record_agents"]
