"""Text folding shared by IRI slugs, name matching, the name index and entity recognition."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({
    "đ": "dj", "Đ": "Dj", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i",
})


def strip_accents(text: str) -> str:
    """``Đilas`` -> ``Djilas``, ``Chruščëv`` -> ``Chruscev``; other scripts are kept as they are."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_name(text: str) -> str:
    """A name as kg's name lookup compares it: lower case, accents removed, words separated by
    single spaces (``Milovan Đilas`` -> ``milovan djilas``)."""
    return " ".join(re.findall(r"\w+", strip_accents(text).casefold()))
