"""Curated review decisions: which Wikidata item an entity is, or that it has none.

``kg/data/decisions.csv`` is written by people, one row per decision, and read by
every build, so a decision survives rebuilds.  Columns::

    entity_id,type,name,decision,qid,note,date

``decision`` is ``accepted`` (publish ``qid`` as the entity's link), ``rejected``
(``qid`` is not this entity: never publish or propose it again) or ``no-match``
(Wikidata has no item for it: stop asking).  ``type`` and ``name`` are copied from
the review file so that an entity the authority file does not know yet (found by
the rules) can be added to it by ``kg link --apply``.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.assets import data_file
from kg.errors import UsageError

COLUMNS = ("entity_id", "type", "name", "decision", "qid", "note", "date")
DECISIONS = ("accepted", "rejected", "no-match")
QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Decision:
    entity_id: str
    type: str
    name: str
    decision: str
    qid: str
    note: str = ""
    date: str = ""


def default_decisions_path() -> Path:
    """``KG_DECISIONS`` when set, else the curated file bundled with kg."""
    return Path(os.environ.get("KG_DECISIONS") or data_file("decisions.csv"))


def read_decisions(path: Path | None = None) -> tuple[Decision, ...]:
    """The decisions in ``path`` (default: :func:`default_decisions_path`), checked."""
    path = Path(path) if path is not None else default_decisions_path()
    if not path.exists():
        return ()
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise UsageError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return tuple(_decision(path, line, row) for line, row in enumerate(reader, start=2))


def _decision(path: Path, line: int, row: dict[str, str]) -> Decision:
    values = {column: (row.get(column) or "").strip() for column in COLUMNS}
    decision = Decision(**values)
    if not decision.entity_id:
        raise UsageError(f"{path}:{line}: entity_id is empty")
    if decision.decision not in DECISIONS:
        raise UsageError(f"{path}:{line}: decision must be one of {', '.join(DECISIONS)}, not {decision.decision!r}")
    if decision.decision != "no-match" and not QID.match(decision.qid):
        raise UsageError(f"{path}:{line}: an {decision.decision} decision needs a QID such as Q855, not {decision.qid!r}")
    return decision


def accepted_links(decisions: tuple[Decision, ...]) -> dict[str, Decision]:
    """entity id -> its accepted decision; two different accepted QIDs for one entity is an error."""
    links: dict[str, Decision] = {}
    for decision in decisions:
        if decision.decision != "accepted":
            continue
        known = links.get(decision.entity_id)
        if known is not None and known.qid != decision.qid:
            raise UsageError(
                f"decisions accept both {known.qid} and {decision.qid} for {decision.entity_id}; keep one"
            )
        links[decision.entity_id] = decision
    return links


def rejected_qids(decisions: tuple[Decision, ...]) -> dict[str, frozenset[str]]:
    """entity id -> the QIDs reviewers said it is not."""
    rejected: dict[str, set[str]] = {}
    for decision in decisions:
        if decision.decision == "rejected":
            rejected.setdefault(decision.entity_id, set()).add(decision.qid)
    return {key: frozenset(qids) for key, qids in rejected.items()}


def decided(decisions: tuple[Decision, ...]) -> frozenset[str]:
    """Entities that need no more review: accepted or declared to have no match."""
    return frozenset(d.entity_id for d in decisions if d.decision in ("accepted", "no-match"))


__all__ = [
    "COLUMNS", "DECISIONS", "Decision", "accepted_links", "decided", "default_decisions_path",
    "read_decisions", "rejected_qids",
]
