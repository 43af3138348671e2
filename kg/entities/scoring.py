"""How a Wikidata candidate is scored for an entity (docs/linking.md, "Scoring").

=====================================  ======
evidence                               points
=====================================  ======
one of our names is its English label  0.5
... or only one of its aliases         0.35
our preferred name is among them       +0.1
instance of an expected class          +0.2   (human; organization / party; country / city ...)
life dates known and consistent        +0.2   (born by the documents' dates; alive for its letters)
each other candidate left standing     -0.1   (at most -0.3)
=====================================  ======

A candidate whose dates contradict the documents (a person born after a
document that mentions them, a creator or recipient who died before writing
or receiving it) scores 0 and says why.  Scores only order the review file:
no candidate is ever published without a curated ``accepted`` decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.entities.wikidata import CLASS_LABELS, TYPE_CLASSES, Candidate

LABEL, ALIAS, PREFERRED, TYPE, DATES, PER_RIVAL, MAX_RIVAL_PENALTY = 0.5, 0.35, 0.1, 0.2, 0.2, 0.1, 0.3


@dataclass(frozen=True)
class EntityToLink:
    """An entity without a published link, with what the corpus says about it."""

    key: str
    type: str
    name: str  # preferred name
    names: tuple[str, ...]  # every name to look up
    documents: tuple[str, ...]  # document ids that mention it
    born_by: dt.date | None = None  # it must exist by then: the latest date of its earliest document
    alive_on: tuple[dt.date, ...] = ()  # earliest dates of the documents it wrote or received


@dataclass(frozen=True)
class Scored:
    qid: str
    label: str
    description: str
    score: float | None  # None for a QID that was not scored (the authority's own candidate)
    evidence: tuple[str, ...]


def score_candidates(entity: EntityToLink, candidates: dict[str, Candidate]) -> list[Scored]:
    """All candidates of one entity, best first (ties by QID, for a stable file)."""
    verdicts = {qid: _contradiction(entity, c) for qid, c in candidates.items()}
    standing = [qid for qid, reason in verdicts.items() if reason is None]
    scored = [
        _score(entity, candidate, rivals=len(standing) - 1) if verdicts[qid] is None
        else Scored(qid, candidate.label, candidate.description, 0.0, (verdicts[qid],))
        for qid, candidate in candidates.items()
    ]
    return sorted(scored, key=lambda s: (-s.score, int(s.qid[1:])))


def _score(entity: EntityToLink, candidate: Candidate, *, rivals: int) -> Scored:
    ours = {name.casefold(): name for name in entity.names}
    label_hits = sorted(n for n in candidate.labels_matched if n.casefold() in ours)
    alias_hits = sorted(n for n in candidate.aliases_matched if n.casefold() in ours)
    points, evidence = 0.0, []
    if label_hits:
        points += LABEL
        evidence.append(f"label {candidate.label or label_hits[0]!r} = our name {label_hits[0]!r}")
    elif alias_hits:
        points += ALIAS
        evidence.append(f"alias {alias_hits[0]!r} = our name")
    if entity.name.casefold() in {n.casefold() for n in label_hits + alias_hits}:
        points += PREFERRED
        evidence.append("matches our preferred name")
    classes = sorted(candidate.classes & set(TYPE_CLASSES[entity.type]))
    if classes:
        points += TYPE
        evidence.append("instance of " + ", ".join(f"{q} ({CLASS_LABELS[q]})" for q in classes))
    else:
        evidence.append(f"type not confirmed as {entity.type}")
    if candidate.born or candidate.died:
        points += DATES
        evidence.append(_dates_text(candidate) + " fits the documents")
    if rivals:
        points -= min(PER_RIVAL * rivals, MAX_RIVAL_PENALTY)
        evidence.append(f"{rivals} other candidate(s) share the name")
    return Scored(candidate.qid, candidate.label, candidate.description,
                  round(max(0.0, min(1.0, points)), 2), tuple(evidence))


def _contradiction(entity: EntityToLink, candidate: Candidate) -> str | None:
    """Why the candidate's life dates rule it out, or None."""
    born, died = _date(candidate.born), _date(candidate.died)
    if born and entity.born_by and born > entity.born_by:
        return f"excluded: born {born.isoformat()}, after a document of {entity.born_by.isoformat()}"
    for date in entity.alive_on:
        if died and died < date:
            return f"excluded: died {died.isoformat()}, before writing or receiving a document of {date.isoformat()}"
    return None


def _date(value: str | None) -> dt.date | None:
    """The date of an xsd:dateTime / xsd:date value (Wikidata gives 1894-04-15T00:00:00Z)."""
    if not value or value.startswith("-"):
        return None  # no document predates the common era
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _dates_text(candidate: Candidate) -> str:
    born, died = _date(candidate.born), _date(candidate.died)
    return "life " + "–".join(d.isoformat() if d else "?" for d in (born, died))


__all__ = ["EntityToLink", "Scored", "score_candidates"]
