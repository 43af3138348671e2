"""The bundled authority file: the persons, organizations and places kg knows.

``kg/data/authority.csv`` has one row per entity::

    id,type,preferred_name,alt_names,adjectives,born,died,dates_source,parent,qid,qid_source,qid_confidence

* ``id`` is the entity's key, the last IRI segment (``person/lavrentiy-beria``).
* ``type`` is ``person``, ``organization``, ``place`` or ``work``; works (periodicals)
  are recognised only so that the names inside them (``CWIHP`` in ``CWIHP
  Bulletin``) are not taken for mentions; the publications mapper publishes them.
* ``alt_names`` (``|``-separated) are other spellings, transliterations and
  abbreviations.  ``{parent}`` in an alternative name stands for every name of
  the ``parent`` entity, so ``CC {parent}`` gives ``CC CPSU`` and ``CC of the
  Communist Party of the Soviet Union`` without listing each.
* ``adjectives`` are the words that name a place as an adjective (``Turkish``),
  recognised with lower confidence (docs/linking.md explains the decision).
* ``born`` / ``died`` are life or existence dates (ISO year or date), filled only
  where a citable source gives them, named in ``dates_source``.
* ``qid`` is the Wikidata item, ``qid_source`` the evidence for it and
  ``qid_confidence`` how far it is verified: only ``two sources`` (or a curated
  ``accepted`` decision) is published as a link; ``one source`` is a candidate.

Curated decisions (:mod:`kg.entities.decisions`) are applied on load, so every
build sees them.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kg.assets import data_file
from kg.entities.decisions import Decision, accepted_links, read_decisions, rejected_qids
from kg.errors import UsageError
from kg.records import DateValue, PartialDate

if TYPE_CHECKING:  # pragma: no cover
    from kg.entities.gazetteer import Gazetteer
    from kg.entities.resolver import AuthorityResolver

EntityType = Literal["person", "organization", "place", "work"]
TYPES: tuple[str, ...] = ("person", "organization", "place", "work")
COLUMNS = (
    "id", "type", "preferred_name", "alt_names", "adjectives", "born", "died", "dates_source",
    "parent", "qid", "qid_source", "qid_confidence",
)
PUBLISHED_CONFIDENCE = frozenset({"two sources", "accepted"})
"""Only these QIDs become owl:sameAs links; anything less is a review candidate."""

PARENT = "{parent}"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ISO = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_iso(text: str) -> PartialDate | None:
    """``1894`` / ``1894-04`` / ``1894-04-15`` as a PartialDate; empty gives None."""
    if not text:
        return None
    match = _ISO.match(text)
    if not match:
        raise ValueError(f"not an ISO year or date: {text!r}")
    year, month, day = match.groups()
    return PartialDate(int(year), int(month) if month else None, int(day) if day else None)


@dataclass(frozen=True)
class Entry:
    """One entity of the authority file, with any curated decision applied."""

    id: str
    type: EntityType
    preferred_name: str
    alt_names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    born: PartialDate | None = None
    died: PartialDate | None = None
    parent: str | None = None
    qid: str | None = None
    qid_source: str = ""
    qid_confidence: str = ""

    @property
    def published_qid(self) -> str | None:
        """The QID published as owl:sameAs, or None when it is only a candidate."""
        return self.qid if self.qid and self.qid_confidence in PUBLISHED_CONFIDENCE else None

    @property
    def plain_alt_names(self) -> tuple[str, ...]:
        """Alternative names without ``{parent}`` templates: what schema:alternateName lists."""
        return tuple(name for name in self.alt_names if PARENT not in name)

    def exists_by(self, date: DateValue | None) -> bool:
        """False when the entity was born (founded) only after the record was written."""
        if date is None or date.latest is None or self.born is None:
            return True
        return self.born.earliest <= date.latest

    def current_at(self, date: DateValue | None) -> int:
        """2 if its dates show it alive (existing) at ``date``, 1 if they cannot tell, 0 if it
        had died (been dissolved) before: "Georgia" in 1953 is the Georgian SSR (1921-1991)
        rather than an undated Georgia, and in 2008 the other way round."""
        if date is None or date.earliest is None or (self.born is None and self.died is None):
            return 1
        if self.died is not None and self.died.latest < date.earliest:
            return 0
        return 2 if self.born is not None else 1


class Authority:
    """The entries of an authority file with the curated decisions applied."""

    def __init__(self, entries: Iterable[Entry], decisions: tuple[Decision, ...] = (),
                 *, path: Path | None = None) -> None:
        self.path = path
        self.decisions = decisions
        self._accepted = accepted_links(decisions)
        self._rejected = rejected_qids(decisions)
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self.entries:
                raise UsageError(f"{path or 'authority'}: entity id {entry.id!r} is listed twice")
            self.entries[entry.id] = self._decide(entry)
        _check_parents(self.entries, path)

    def _decide(self, entry: Entry) -> Entry:
        accepted = self._accepted.get(entry.id)
        if accepted is not None:
            source = f"decisions.csv {accepted.date}: {accepted.note}".strip()
            return replace(entry, qid=accepted.qid, qid_source=source, qid_confidence="accepted")
        if entry.qid and entry.qid in self._rejected.get(entry.id, ()):
            return replace(entry, qid=None, qid_source="", qid_confidence="rejected")
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def link(self, key: str) -> str | None:
        """The published QID of ``key``: the authority's, or an accepted decision's for a new entity."""
        entry = self.entries.get(key)
        if entry is not None:
            return entry.published_qid
        accepted = self._accepted.get(key)
        return accepted.qid if accepted else None

    def choose(self, keys: Iterable[str], date: DateValue | None,
               context: Iterable[str] = ()) -> str | None:
        """The one entity among ``keys`` a record of ``date`` means, or None if still ambiguous.

        Entities born (founded) after the date are out; of several, those in the
        record's ``context`` win, else those best shown to be alive (existing) at the date.
        """
        keys = [key for key in dict.fromkeys(keys) if self.entries[key].exists_by(date)]
        if len(keys) > 1:
            context = set(context)
            keys = [key for key in keys if key in context] or keys
        if len(keys) > 1:
            best = max(self.entries[key].current_at(date) for key in keys)
            keys = [key for key in keys if self.entries[key].current_at(date) == best]
        return keys[0] if len(keys) == 1 else None

    def rejected(self, key: str) -> frozenset[str]:
        return self._rejected.get(key, frozenset())

    def names(self, key: str) -> tuple[str, ...]:
        """Every name of an entity, ``{parent}`` templates expanded with the parent's names."""
        return self._expanded[key]

    @cached_property
    def _expanded(self) -> dict[str, tuple[str, ...]]:
        expanded: dict[str, tuple[str, ...]] = {}

        def names_of(key: str) -> tuple[str, ...]:
            if key not in expanded:
                entry = self.entries[key]
                parent_names = names_of(entry.parent) if entry.parent else ()
                found: list[str] = []
                for name in (entry.preferred_name, *entry.alt_names):
                    found += [name.replace(PARENT, p) for p in parent_names] if PARENT in name else [name]
                expanded[key] = tuple(dict.fromkeys(found))
            return expanded[key]

        for key in self.entries:
            names_of(key)
        return expanded

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from kg.entities.gazetteer import Gazetteer

        return Gazetteer(self)

    @cached_property
    def resolver(self) -> AuthorityResolver:
        from kg.entities.resolver import AuthorityResolver

        return AuthorityResolver(self)


def default_authority_path() -> Path:
    """``KG_AUTHORITY`` when set, else the authority file bundled with kg."""
    return Path(os.environ.get("KG_AUTHORITY") or data_file("authority.csv"))


def load_authority(path: Path | None = None, decisions: Path | None = None) -> Authority:
    """The authority file with the curated decisions applied (defaults: the bundled files)."""
    path = Path(path) if path is not None else default_authority_path()
    return Authority(read_entries(path), read_decisions(decisions), path=path)


def read_entries(path: Path) -> list[Entry]:
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read the authority file {path}: {error.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise UsageError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return [_entry(path, line, row) for line, row in enumerate(reader, start=2)]


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split("|") if part.strip())


def _entry(path: Path, line: int, row: dict[str, str]) -> Entry:
    def fail(problem: str) -> UsageError:
        return UsageError(f"{path}:{line}: {problem}")

    value = {column: (row.get(column) or "").strip() for column in COLUMNS}
    if not _ID.match(value["id"]):
        raise fail(f"id {value['id']!r} must be lower-case words joined by '-'")
    if value["type"] not in TYPES:
        raise fail(f"type must be one of {', '.join(TYPES)}, not {value['type']!r}")
    if not value["preferred_name"]:
        raise fail("preferred_name is empty")
    if value["qid"] and not _QID.match(value["qid"]):
        raise fail(f"qid {value['qid']!r} is not a Wikidata item id such as Q855")
    if value["qid"] and not value["qid_source"]:
        raise fail(f"qid {value['qid']} has no qid_source: every shipped QID needs its evidence")
    if (value["born"] or value["died"]) and not value["dates_source"]:
        raise fail("born/died given without dates_source: every date needs its evidence")
    try:
        born, died = parse_iso(value["born"]), parse_iso(value["died"])
    except ValueError as error:
        raise fail(str(error)) from None
    return Entry(
        id=value["id"], type=value["type"], preferred_name=value["preferred_name"],  # type: ignore[arg-type]
        alt_names=_split(value["alt_names"]), adjectives=_split(value["adjectives"]),
        born=born, died=died, parent=value["parent"] or None,
        qid=value["qid"] or None, qid_source=value["qid_source"], qid_confidence=value["qid_confidence"],
    )


def _check_parents(entries: dict[str, Entry], path: Path | None) -> None:
    for entry in entries.values():
        if entry.parent and entry.parent not in entries:
            raise UsageError(f"{path or 'authority'}: {entry.id} has unknown parent {entry.parent!r}")
        if PARENT in "".join(entry.alt_names) and not entry.parent:
            raise UsageError(f"{path or 'authority'}: {entry.id} uses {PARENT} but has no parent")
        seen, key = {entry.id}, entry.parent
        while key:  # a cycle would make {parent} expansion endless
            if key in seen:
                raise UsageError(f"{path or 'authority'}: {entry.id} is its own ancestor")
            seen.add(key)
            key = entries[key].parent if key in entries else None


__all__ = [
    "Authority", "COLUMNS", "Entry", "EntityType", "PUBLISHED_CONFIDENCE", "TYPES",
    "default_authority_path", "load_authority", "parse_iso", "read_entries",
]
