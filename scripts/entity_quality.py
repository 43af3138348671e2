#!/usr/bin/env python3
"""Precision and recall of kg's entity stage against the hand-made annotation of the seeds.

    .venv/bin/python scripts/entity_quality.py [--expected tests/expected_mentions.json] [--input seeds]

Measures what kg publishes, not its internals: the entities a document
``schema:mentions`` in the entity stage's graph (per type), the creators,
recipients and translators the authority-backed resolver gives, and the
``owl:sameAs`` links of the entities of each document.  Exits 1 when person
recall is below 0.9 or link precision below 1.0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, URIRef

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from kg.entities import Authority, entity_stage, load_authority  # noqa: E402
from kg.records import AgentRef, Record  # noqa: E402
from kg.vocab import SDO, WD, IriMinter  # noqa: E402

TYPES = ("person", "organization", "place")
ROLES = ("creator", "recipient", "translator")
PERSON_RECALL_MIN, LINK_PRECISION_MIN = 0.9, 1.0


@dataclass
class Score:
    """True positives, false positives and false negatives, with the items behind them."""

    found: set = field(default_factory=set)
    expected: set = field(default_factory=set)

    @property
    def precision(self) -> float:
        return len(self.found & self.expected) / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return len(self.found & self.expected) / len(self.expected) if self.expected else 1.0

    def line(self, name: str) -> str:
        tp = len(self.found & self.expected)
        return (f"{name:<14} precision {self.precision:5.3f}  recall {self.recall:5.3f}  "
                f"(tp {tp}, fp {len(self.found - self.expected)}, fn {len(self.expected - self.found)})")


@dataclass
class Report:
    mentioned: dict[str, Score]
    roles: dict[str, Score]
    links: Score

    @property
    def ok(self) -> bool:
        return (self.mentioned["person"].recall >= PERSON_RECALL_MIN
                and self.links.precision >= LINK_PRECISION_MIN)

    def lines(self) -> list[str]:
        out = ["mentioned (document, entity) pairs, by type:"]
        out += ["  " + self.mentioned[t].line(t) for t in TYPES]
        out.append("roles (document, entity) pairs:")
        out += ["  " + self.roles[r].line(r) for r in ROLES]
        out.append("published Wikidata links (entity, QID):")
        out.append("  " + self.links.line("sameAs"))
        for label, score in [*self.mentioned.items(), *self.roles.items(), ("links", self.links)]:
            for item in sorted(score.found - score.expected):
                out.append(f"  false positive {label}: {item}")
            for item in sorted(score.expected - score.found):
                out.append(f"  missed {label}: {item}")
        return out


def evaluate(records: list[Record], expected: dict, authority: Authority | None = None) -> Report:
    """Compare the entity stage's output on ``records`` with the ``expected`` annotation."""
    authority = authority or load_authority()
    minter = IriMinter()
    mentioned = {t: Score() for t in TYPES}
    roles = {r: Score() for r in ROLES}
    links = Score(expected={(key, qid) for key, qid in expected["links"].items()})
    for record in records:
        doc_id = record.doc_id.value
        gold = expected["documents"].get(doc_id)
        if gold is None:
            continue
        graph = entity_stage(record, minter=minter, authority=authority)
        for iri in graph.objects(minter.document(doc_id), SDO.mentions):
            type, key = _type_and_key(iri, minter)
            mentioned[type].found.add((doc_id, key))
        for type in TYPES:
            mentioned[type].expected |= {(doc_id, key) for key in gold["mentioned"].get(type, ())}
        for role, keys in _roles(record, authority).items():
            roles[role].found |= {(doc_id, key) for key in keys}
            roles[role].expected |= {(doc_id, key) for key in gold.get(role, ())}
        for entity, same in graph.subject_objects(OWL.sameAs):
            links.found.add((_type_and_key(entity, minter)[1], str(same).removeprefix(str(WD))))
    # Only the entities of the annotated documents count for link recall.
    seen = {key for score in mentioned.values() for _, key in score.found | score.expected}
    seen |= {key for score in roles.values() for _, key in score.found | score.expected}
    links.expected = {(key, qid) for key, qid in links.expected if key in seen}
    return Report(mentioned, roles, links)


def _type_and_key(iri: URIRef, minter: IriMinter) -> tuple[str, str]:
    type, key = str(iri).removeprefix(minter.base).split("/", 1)
    return type, key


def _roles(record: Record, authority: Authority) -> dict[str, set[str]]:
    date = record.date.value if record.date else None
    resolve = authority.resolver.resolve
    translators = record.citation.value.translators if record.citation else ()
    return {
        "creator": {resolve(c.value, date=date).key for c in record.creators},
        "recipient": {resolve(r.value, date=date).key for r in record.recipients},
        "translator": {resolve(AgentRef(name=n, kind="person"), date=date).key for n in translators},
    }


def forms_found(records: list[Record], authority: Authority | None = None) -> Counter:
    """(surface form, entity) pairs the recogniser produced, for the merge check."""
    from kg.entities import recognise

    authority = authority or load_authority()
    return Counter((m.surface, m.entity) for r in records for m in recognise(r, authority))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--expected", type=Path, default=ROOT / "tests" / "expected_mentions.json")
    parser.add_argument("--input", type=Path, default=ROOT / "seeds")
    args = parser.parse_args(argv)
    from kg.reader import read_records

    records = [r for r in read_records(args.input) if isinstance(r, Record)]
    report = evaluate(records, json.loads(args.expected.read_text(encoding="utf-8")))
    print("\n".join(report.lines()))
    print("OK" if report.ok else f"BELOW TARGET: person recall >= {PERSON_RECALL_MIN}, "
          f"link precision >= {LINK_PRECISION_MIN}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
