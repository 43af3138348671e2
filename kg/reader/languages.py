"""Language names as the archive prints them -> ISO 639 codes, from pycountry's ISO 639-3 data.

No code is written down here: every code comes from pycountry, so a name pycountry
does not know is reported (a warning on the record), never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from kg.records import Language

_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|/|&|\band\b)\s*")
_QUALIFIER = re.compile(r"\s*\([^)]*\)")


def split_language_names(text: str) -> list[str]:
    """``Russian, German`` / ``Russian and German`` -> ``["Russian", "German"]``."""
    return [name for name in _LIST_SEPARATOR.split(text.strip()) if name]


@lru_cache(maxsize=512)
def lookup_language(name: str) -> Language | None:
    """The language ``name`` means, or None when ISO 639 has no such name."""
    name = " ".join(name.split())
    if not name:
        return None
    entry = (
        pycountry.languages.get(name=name)
        or _lookup(name)
        or _major_languages().get(name.lower())
    )
    if entry is None:
        return None
    code_1 = getattr(entry, "alpha_2", None)
    return Language(name=name, iso639_3=entry.alpha_3, bcp47=code_1 or entry.alpha_3)


def _lookup(name: str):
    """pycountry's lookup, which also knows common names (``Bangla``).

    It matches codes too; a name of three letters or fewer would hit one by chance
    (``Bar`` is Bavarian's code), so short names only count when they are ISO names.
    """
    if len(name) <= 3:
        return None
    try:
        return pycountry.languages.lookup(name)
    except LookupError:
        return None


@lru_cache(maxsize=1)
def _major_languages() -> dict:
    """ISO 639-1 languages by their plain name: ISO names ``Greek`` as ``Modern Greek (1453-)``
    (inverted ``Greek, Modern (1453-)``) and ``Swahili`` as ``Swahili (macrolanguage)``.

    Only languages with an ISO 639-1 code are indexed, and a plain name shared by two of
    them is dropped, so the index never picks one of several candidates.
    """
    index: dict[str, object] = {}
    ambiguous: set[str] = set()
    for entry in pycountry.languages:
        if not hasattr(entry, "alpha_2"):
            continue
        plain_names = {_QUALIFIER.sub("", entry.name)}
        if hasattr(entry, "inverted_name"):
            plain_names.add(entry.inverted_name.split(",")[0])
        for plain in {plain.strip().lower() for plain in plain_names}:
            if plain in index and index[plain] is not entry:
                ambiguous.add(plain)
            index[plain] = entry
    return {plain: entry for plain, entry in index.items() if plain not in ambiguous}
