"""``kg link``: propose Wikidata items for the entities that have no link yet.

1. recognise the entities of every record; keep those with no published link
   and no curated decision (accepted or no-match);
2. ask the Wikidata Query Service for items carrying their names
   (:mod:`kg.entities.wikidata`) and score them (:mod:`kg.entities.scoring`);
3. write the review file (CSV), one row per candidate, with score and evidence;
   a QID the authority holds on weaker evidence (``one source``) is listed too.

A person then records decisions in ``kg/data/decisions.csv``; every build reads
it, and ``kg link --apply`` folds the decisions into the authority file.
When the service cannot be reached, the review lists the bundled candidates
only and the bundled links stay as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.entities.authority import COLUMNS as AUTHORITY_COLUMNS
from kg.entities.authority import Authority
from kg.entities.decisions import Decision, decided, read_decisions
from kg.entities.recognise import recognise
from kg.entities.scoring import EntityToLink, Scored, score_candidates
from kg.entities.wikidata import NameQuery, WikidataClient
from kg.errors import EndpointError, UsageError
from kg.records import AgentRef, Record

REVIEW_COLUMNS = ("entity_id", "type", "name", "documents", "candidate_qid", "candidate_label",
                  "description", "score", "evidence")


@dataclass
class _Gathered:
    type: str
    name: str
    names: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    born_by: dt.date | None = None
    alive_on: set[dt.date] = field(default_factory=set)


@dataclass(frozen=True)
class LinkReport:
    entities: tuple[EntityToLink, ...]
    rows: tuple[dict[str, str], ...]
    offline: str | None = None  # why the service could not be used, when it could not
    queries_sent: int = 0


def entities_to_link(records: Iterable[Record], authority: Authority) -> list[EntityToLink]:
    """Entities the records name that have no published link and no final decision."""
    done = decided(authority.decisions)
    gathered: dict[str, _Gathered] = {}
    for record in records:
        for key, type, name, agent in _record_entities(record, authority):
            if authority.link(key) or key in done or type == "work":
                continue
            entry = authority.get(key)
            item = gathered.setdefault(key, _Gathered(type, entry.preferred_name if entry else name))
            item.names.update((entry.preferred_name, *entry.plain_alt_names) if entry else (name,))
            item.documents.add(record.doc_id.value)
            _add_dates(item, record, agent)
    return [
        EntityToLink(key=key, type=item.type, name=item.name, names=tuple(sorted(item.names)),
                     documents=tuple(sorted(item.documents)), born_by=item.born_by,
                     alive_on=tuple(sorted(item.alive_on)))
        for key, item in sorted(gathered.items())
    ]


def _record_entities(record: Record, authority: Authority) -> Iterable[tuple[str, str, str, bool]]:
    """(key, type, name, wrote or received it) for the record's agents and mentions."""
    date = record.date.value if record.date else None
    agents = [(located.value, True) for located in (*record.creators, *record.recipients)]
    if record.citation is not None:
        agents += [(AgentRef(name=n, kind="person"), False) for n in record.citation.value.translators]
    for ref, wrote in agents:
        resolved = authority.resolver.resolve(ref, date=date)
        yield resolved.key, resolved.kind, ref.name, wrote
    for mention in recognise(record, authority):
        yield mention.entity, mention.type, mention.surface, False


def _add_dates(item: _Gathered, record: Record, agent: bool) -> None:
    date = record.date.value if record.date else None
    if date is None or date.latest is None:
        return
    item.born_by = min(filter(None, (item.born_by, date.latest)))
    if agent:
        item.alive_on.add(date.earliest)


def link(records: Iterable[Record], authority: Authority, client: WikidataClient) -> LinkReport:
    """Candidates for every entity without a link; offline, the bundled candidates only."""
    entities = entities_to_link(records, authority)
    queries = [NameQuery(e.key, e.type, e.names) for e in entities]
    offline = None
    try:
        found = client.find_candidates(queries)
    except EndpointError as error:
        offline, found = str(error), {}
    rows: list[dict[str, str]] = []
    for entity in entities:
        rejected = authority.rejected(entity.key)
        candidates = {q: c for q, c in found.get(entity.key, {}).items() if q not in rejected}
        scored = score_candidates(entity, candidates)
        rows += _rows(entity, scored, _bundled(entity, authority, {s.qid for s in scored}),
                      looked_up=offline is None)
    return LinkReport(tuple(entities), tuple(rows), offline, client.sent)


def _bundled(entity: EntityToLink, authority: Authority, seen: set[str]) -> list[Scored]:
    """The authority's own unpublished QID (e.g. ``one source``), as a candidate to confirm."""
    entry = authority.get(entity.key)
    if entry is None or not entry.qid or entry.qid in seen:
        return []
    note = f"bundled QID, {entry.qid_confidence or 'unverified'}: {entry.qid_source}"
    return [Scored(entry.qid, "", "", None, (note,))]


def _rows(entity: EntityToLink, scored: list[Scored], bundled: list[Scored], *,
          looked_up: bool) -> list[dict[str, str]]:
    base = {"entity_id": entity.key, "type": entity.type, "name": entity.name,
            "documents": " ".join(entity.documents)}
    candidates = scored + bundled
    if not candidates:
        evidence = ("no candidate found: record no-match, or add the QID by hand" if looked_up
                    else "not looked up: the service could not be reached")
        return [{**base, "candidate_qid": "", "candidate_label": "", "description": "", "score": "",
                 "evidence": evidence}]
    return [{**base, "candidate_qid": c.qid, "candidate_label": c.label, "description": c.description,
             "score": "" if c.score is None else f"{c.score:.2f}",
             "evidence": "; ".join(c.evidence)} for c in candidates]


def write_review(rows: Iterable[dict[str, str]], path: Path) -> Path:
    """Write the review file atomically (CSV, UTF-8, one row per candidate)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(partial, path)
    return path


def apply_decisions(authority_path: Path, decisions_path: Path | None = None) -> list[str]:
    """Fold the curated decisions into the authority file; returns what changed, one line each.

    ``accepted`` sets the QID (confidence ``accepted``, the decision as its source), adding
    a row for an entity the file did not know; ``rejected`` removes a QID the file held.
    """
    authority_path = Path(authority_path)
    with authority_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or AUTHORITY_COLUMNS)
        rows = list(reader)
    by_id = {row["id"]: row for row in rows}
    changes = []
    for decision in read_decisions(decisions_path):
        change = _apply(decision, by_id, rows)
        if change:
            changes.append(change)
    partial = authority_path.with_name(authority_path.name + ".part")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(partial, authority_path)
    return changes


def _apply(decision: Decision, by_id: dict[str, dict[str, str]], rows: list[dict[str, str]]) -> str | None:
    row = by_id.get(decision.entity_id)
    source = f"decisions.csv, {decision.decision} {decision.date}: {decision.note}".strip()
    if decision.decision == "accepted":
        if row is None:
            if decision.type not in ("person", "organization", "place") or not decision.name:
                raise UsageError(f"decision for new entity {decision.entity_id} needs its type and name")
            row = {"id": decision.entity_id, "type": decision.type, "preferred_name": decision.name}
            rows.append(row)
            by_id[decision.entity_id] = row
        if row.get("qid") == decision.qid and row.get("qid_confidence") == "accepted":
            return None
        row.update(qid=decision.qid, qid_source=source, qid_confidence="accepted")
        return f"{decision.entity_id}: {decision.qid} accepted"
    if decision.decision == "rejected" and row is not None and row.get("qid") == decision.qid:
        row.update(qid="", qid_source=source, qid_confidence="rejected")
        return f"{decision.entity_id}: {decision.qid} removed (rejected)"
    return None


__all__ = ["LinkReport", "REVIEW_COLUMNS", "apply_decisions", "entities_to_link", "link", "write_review"]
