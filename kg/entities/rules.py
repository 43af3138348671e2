"""The general recogniser: hand-written rules for names the authority does not know.

No statistical model is used (docs/linking.md says why); three rules, each
cautious, run over the words the authority left unmatched:

* **person after a cue**: capitalised words right after a form of address or a
  credit (``Comrade Ivanov``, ``Cde. Ivanov``, ``translated ... by Svetozar Rajak``);
* **person with initials**: initials followed by a surname (``V. M. Ivanov``,
  ``Vladimir M. Ivanov``);
* **organization or place by its head word**: a run of capitalised words (with
  ``of``/``the``/``for``/``and`` between them) containing a head noun such as
  ``Committee``, ``Center`` or ``Republic`` and at least one word that is not
  generic (so ``the Central Committee`` alone is not taken for a new body).

Their mentions have method ``rule`` and confidence 0.5; the entity key is the
slug of the name, as :class:`kg.agents.NameResolver` would mint it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.entities.names import Token

RULE_CONFIDENCE = 0.5

_PERSON_CUE = re.compile(
    r"(?:\b(?:Comrades?|Cdes?\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Marshal|General|Ambassador|Premier)"
    r"|\b(?:[Tt]ranslated|[Ee]dited|[Cc]ompiled)\b[^.;\n]{0,60}?\bby)\s+$"
)
# How the last word of a _PERSON_CUE match ends (a superset: it only spares the regex).
_CUE_LAST_WORDS = ("Comrade", "Comrades", "Cde", "Cdes", "Mr", "Mrs", "Ms", "Dr", "Marshal", "General",
                   "Ambassador", "Premier", "by")
# Words of address and office that open or stop a name rather than belong to it.
TITLE_WORDS = frozenset(
    "comrade comrades cde cdes mr mrs ms dr marshal general ambassador premier president "
    "chairman secretary minister sir dear to from".split()
)
_CONNECTORS = frozenset({"of", "the", "for", "and"})
_ORG_HEADS = frozenset(
    "committee party ministry council center centre bureau commission agency institute "
    "league front army academy archive archives project organization organisation".split()
)
_PLACE_HEADS = frozenset("republic oblast krai province region district ssr assr".split())
_GENERIC = _CONNECTORS | _ORG_HEADS | _PLACE_HEADS | frozenset(
    "central committees executive supreme state national people peoples soviet union communist "
    "socialist federal democratic political presidium plenum government ministers the a".split()
)


@dataclass(frozen=True)
class RuleMatch:
    first: int  # token index
    last: int  # token index after the match
    type: str  # person / organization / place


def rule_matches(text: str, tokens: list[Token], covered: set[int]) -> Iterator[RuleMatch]:
    """Matches of the rules among the tokens not in ``covered``, left to right."""
    index = 0
    while index < len(tokens):
        # Every rule's match begins with a free name word: test that once, before the rules.
        free_name = index not in covered and _name_word(tokens[index])
        match = free_name and (_person_after_cue(text, tokens, covered, index) or _person_with_initials(
            tokens, covered, index) or _named_body(tokens, covered, index))
        if not match:
            index += 1
            continue
        yield match
        index = match.last


def _free(tokens: list[Token], covered: set[int], index: int, first: int) -> bool:
    """Token ``index`` is unmatched and continues a name begun at ``first``."""
    if index >= len(tokens) or index in covered:
        return False
    return index == first or tokens[index].joined


def _name_word(token: Token) -> bool:
    return (token.capitalised and len(token.text) > 1 or token.initial and token.dotted) \
        and token.key not in TITLE_WORDS


def _name_run(tokens: list[Token], covered: set[int], first: int, limit: int = 4) -> int:
    """Index after the longest run of name words starting at ``first`` (``first`` if none)."""
    last = first
    while last - first < limit and _free(tokens, covered, last, first) and _name_word(tokens[last]):
        last += 1
    while last > first and tokens[last - 1].initial:  # a name does not end in an initial
        last -= 1
    return last


def _person_after_cue(text: str, tokens: list[Token], covered: set[int], first: int) -> RuleMatch | None:
    # The cue, if any, ends with the word before this one: test that word before the regex.
    if first == 0 or not tokens[first - 1].text.endswith(_CUE_LAST_WORDS):
        return None
    window = text[max(0, tokens[first].start - 80):tokens[first].start]
    if not _PERSON_CUE.search(window):
        return None
    last = _name_run(tokens, covered, first)
    return RuleMatch(first, last, "person") if last > first else None


def _person_with_initials(tokens: list[Token], covered: set[int], first: int) -> RuleMatch | None:
    last = _name_run(tokens, covered, first)
    run = tokens[first:last]
    if len(run) < 2 or not any(token.initial for token in run[:-1]):
        return None
    return RuleMatch(first, last, "person")


def _named_body(tokens: list[Token], covered: set[int], first: int) -> RuleMatch | None:
    if tokens[first].key in _CONNECTORS or not _name_word(tokens[first]):
        return None
    last = first
    while _free(tokens, covered, last, first) and (
            _name_word(tokens[last]) or tokens[last].key in _CONNECTORS):
        last += 1
    while last > first and tokens[last - 1].key in _CONNECTORS:
        last -= 1
    keys = [token.key for token in tokens[first:last]]
    heads = [key for key in keys if key in _ORG_HEADS or key in _PLACE_HEADS]
    if not heads or all(key in _GENERIC for key in keys):
        return None
    return RuleMatch(first, last, "organization" if heads[0] in _ORG_HEADS else "place")


__all__ = ["RULE_CONFIDENCE", "TITLE_WORDS", "RuleMatch", "rule_matches"]
