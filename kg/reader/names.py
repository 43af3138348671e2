"""Agent names as titles print them: person or organization, offices, parent bodies.

``Nikita S. Khrushchev, First Secretary of the Central Committee of the Communist
Party of the Soviet Union`` is one person holding an office in an organization whose
parent is the Communist Party of the Soviet Union.  Which words make an organization
or an office are listed below; everything else is taken for a person.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import pycountry

from kg.records import AgentRef

ORGANIZATION_WORDS = frozenset(
    """Committee Party Ministry Embassy Government Council Presidium Politburo League Union
    Bureau Department Office Secretariat Mission Soviet People's Commission Command
    Headquarters Agency Administration Delegation Consulate Legation Directorate
    Organization Institute Academy Association Federation Congress Assembly Parliament
    Cabinet Leadership Front Army Navy Staff Plenum Republic Kingdom Service""".split()
)
"""A name with one of these words (and no office word) names an organization."""

OFFICE_WORDS = frozenset(
    """Secretary Chairman Chairwoman Chair President Premier Minister Ambassador Envoy
    Consul Counselor Counsellor Attaché Chargé Director Head Chief Leader Commander
    Marshal Deputy Member Representative Adviser Advisor Chancellor Governor Mayor
    Comrade King Queen Emperor Prince""".split()
)
"""A name with one of these words names a person, even if it names a body too
(``Soviet Ambassador Pavel Yudin``, ``Secretary of the CC``)."""

PARENT_BODIES = re.compile(
    r"(?:Central Committee|Presidium|Politburo|Secretariat|Political Bureau|Plenum)\s+of\s+(?:the\s+)?(?P<parent>.+)",
    re.IGNORECASE,
)
"""A body of another organization: its parent is named after the ``of``."""

FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "by"})
"""Lower case inside names: ``League of Communists Of Yugoslavia`` is the League of Communists of Yugoslavia."""

_MAX_NAME_WORDS = 16
_MAX_OFFICE_WORDS = 4
_OFFICE = re.compile(r"(?P<office>.+?)\s+of\s+(?:the\s+)?(?P<organization>.+)")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_NOT_IN_NAMES = re.compile(r"[\d;:?!\"“”]")
# "Milovan Djilas in Vienna": where the person was, not their name (the place is recognised
# from the title's text as any other place is).
_PERSON_IN_PLACE = re.compile(r"(?P<name>.+?)\s+in\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def normalise_name(text: str) -> str:
    """Spacing, a leading ``the`` and function-word case made uniform; nothing else changed."""
    words = text.strip(" ,;:").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(
        [words[0]] + [word.lower() if word.lower() in FUNCTION_WORDS else word for word in words[1:]]
        if words
        else []
    )


def looks_like_name(name: str) -> bool:
    """Capitalised, no digits, not too long: a name rather than a date or a phrase."""
    return (
        name[:1].isupper()
        and not _NOT_IN_NAMES.search(name)
        and len(name.split()) <= _MAX_NAME_WORDS
    )


def agent(text: str) -> AgentRef | None:
    """The agent a name means, or None when ``text`` does not look like a name."""
    name = normalise_name(text)
    if not looks_like_name(name):
        return None
    if is_organization(name):
        return organization(name)
    located = _PERSON_IN_PLACE.fullmatch(name)
    if located and not set(_WORD.findall(name)) & OFFICE_WORDS:  # "Ambassador in Beijing" is an office
        name = located["name"]
    return AgentRef(name, "person")


def organization(text: str) -> AgentRef:
    """An organization, with its parent when it is a body of another (``Central Committee of X``)."""
    name = normalise_name(text)
    body = PARENT_BODIES.fullmatch(name)
    parent = organization(body["parent"]) if body and looks_like_name(normalise_name(body["parent"])) else None
    return AgentRef(name, "organization", parent=parent)


def is_organization(name: str) -> bool:
    words = set(_WORD.findall(name))
    if words & OFFICE_WORDS:
        return False
    if words & ORGANIZATION_WORDS or any(len(word) > 1 and word.isalpha() and word.isupper() for word in words):
        return True
    return _is_country(name)


def with_office(person: AgentRef, text: str) -> AgentRef | None:
    """``person`` holding the office ``text`` names (``First Secretary of the CC``), or None
    when ``text`` is no office."""
    text = normalise_name(text)
    office, body = text, None
    if match := _OFFICE.fullmatch(text):
        office, body = match["office"], match["organization"]
    if len(office.split()) > _MAX_OFFICE_WORDS or not set(_WORD.findall(office)) & OFFICE_WORDS:
        return None
    return replace(person, office=office, office_organization=organization(body) if body else None)


@lru_cache(maxsize=16384)  # an archive names thousands of people; a miss costs a scan of pycountry's data
def _is_country(name: str) -> bool:
    """A state named as an agent (``China``, ``German Democratic Republic``) acts as an organization."""
    if len(name) <= 3:  # such a name would only hit a country code
        return False
    for countries in (pycountry.countries, pycountry.historic_countries):
        try:
            countries.lookup(name)
        except LookupError:
            continue
        return True
    return False
