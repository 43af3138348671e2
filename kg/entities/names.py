"""Words of a text as the entity stage compares them: tokens with offsets, folded keys.

Two spellings of one name must compare equal, so every word is reduced to a
*key*: case and diacritics dropped (``Đilas`` -> ``djilas``, as :func:`kg.vocab.slug`
does), a possessive ``'s`` dropped (``Stalin's`` -> ``stalin``), and the endings
on which English transliterations of Russian names disagree made one
(``Georgii`` / ``Georgy`` / ``Georgij`` -> ``georgi``, ``Sergeyevich`` ->
``sergeevich``, ``Alexandrovich`` -> ``aleksandrovich``).  The same folding is
applied to the authority's names and to the text, so it can only merge words
that differ in exactly these ways; ``Georgii`` still never equals ``Georgia``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text import strip_accents

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_FINAL_I = re.compile(r"(?:iy|ii|ij|yi|y)$")
# Words may run on across spaces and line breaks, a hyphen (Kim Il-sung), or the
# full stop after an initial (N.S. Khrushchev); brackets and commas stop a name.
_SPACE = re.compile(r"\s+|\s*-\s*")
_AFTER_INITIAL = re.compile(r"\.\s*")


def fold(word: str) -> str:
    """The comparison key of one word (see the module docstring)."""
    # Drop accents only, so that names in other scripts keep a key of their own.
    word = strip_accents(_POSSESSIVE.sub("", word)).casefold().replace("'", "").replace("’", "")
    word = word.replace("x", "ks").replace("yev", "ev")
    return _FINAL_I.sub("i", word)


@dataclass(frozen=True)
class Token:
    """One word of a field: where it is, how it is written, and its key."""

    text: str
    start: int
    end: int
    key: str
    joined: bool  # may continue a name begun by the previous token
    dotted: bool  # a full stop follows at once, as after an initial ("N.")

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def upper(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()

    @property
    def initial(self) -> bool:
        return len(self.text) == 1 and self.text.isupper()


def tokenise(text: str) -> list[Token]:
    """The words of ``text`` with their character offsets (Unicode code points)."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group()
        joined = bool(tokens) and _joinable(text[tokens[-1].end:match.start()], tokens[-1])
        end = match.end()
        dotted = text[end:end + 1] == "."
        tokens.append(Token(word, match.start(), end, fold(word), joined, dotted))
    return tokens


def _joinable(gap: str, previous: Token) -> bool:
    if _SPACE.fullmatch(gap):
        return True
    return previous.initial and bool(_AFTER_INITIAL.fullmatch(gap))


def words(name: str) -> list[str]:
    """The words of a name as written (for building patterns from the authority)."""
    return [token.text for token in tokenise(name)]


__all__ = ["Token", "fold", "tokenise", "words"]
