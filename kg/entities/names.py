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
from functools import lru_cache
from typing import NamedTuple

from kg.text import strip_accents

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_FINAL_I = re.compile(r"(?:iy|ii|ij|yi|y)$")
# Words may run on across spaces and line breaks, a hyphen (Kim Il-sung), or the
# full stop after an initial (N.S. Khrushchev); brackets and commas stop a name.
_SPACE = re.compile(r"\s+|\s*-\s*")
_AFTER_INITIAL = re.compile(r"\.\s*")


@lru_cache(maxsize=1 << 16)  # an archive's words repeat: each is folded once per process
def fold(word: str) -> str:
    """The comparison key of one word (see the module docstring)."""
    # Drop accents only, so that names in other scripts keep a key of their own.
    word = strip_accents(_POSSESSIVE.sub("", word)).casefold().replace("'", "").replace("’", "")
    word = word.replace("x", "ks").replace("yev", "ev")
    return _FINAL_I.sub("i", word)


class Token(NamedTuple):
    """One word of a field: where it is, how it is written, and its key.

    A named tuple, with the spelling tests made once: the recogniser asks them of every
    word several times, and a record has thousands of words.
    """

    text: str
    start: int
    end: int
    key: str
    joined: bool  # may continue a name begun by the previous token
    dotted: bool  # a full stop follows at once, as after an initial ("N.")
    capitalised: bool  # begins with a capital
    upper: bool  # two or more letters, all capitals (an abbreviation: CPSU)
    initial: bool  # one capital letter


def _token(text: str, word: str, start: int, end: int, previous: Token | None) -> Token:
    joined = previous is not None and _joinable(text[previous.end:start], previous)
    capital = word[0].isupper()
    single = len(word) == 1
    return Token(word, start, end, fold(word), joined, text[end:end + 1] == ".",
                 capital, not single and word.isupper(), single and capital)


def tokenise(text: str) -> list[Token]:
    """The words of ``text`` with their character offsets (Unicode code points)."""
    tokens: list[Token] = []
    previous = None
    for match in _WORD.finditer(text):
        previous = _token(text, match.group(), match.start(), match.end(), previous)
        tokens.append(previous)
    return tokens


def _joinable(gap: str, previous: Token) -> bool:
    if gap == " " or _SPACE.fullmatch(gap):  # one space, by far the most common gap, without a regex
        return True
    return previous.initial and bool(_AFTER_INITIAL.fullmatch(gap))


def words(name: str) -> list[str]:
    """The words of a name as written (for building patterns from the authority)."""
    return [token.text for token in tokenise(name)]


__all__ = ["Token", "fold", "tokenise", "words"]
