"""Helpers for the entity-stage tests: hand-built records and small authority files."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from kg.entities.authority import COLUMNS, Authority, load_authority
from kg.records import (
    AgentRef, Citation, DateValue, Footnote, Located, PartialDate, Record, SourceFile,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURE = Path(__file__).resolve().parent / "data" / "wikidata_fixture.ttl"
EXPECTED = Path(__file__).resolve().parent / "expected_mentions.json"


def make_record(
    *, title: str = "A record", summary: str | None = None, body: str | None = None,
    footnotes: tuple[str, ...] = (), citation: str | None = None, date: str | None = "1953-07-01",
    creators: tuple[AgentRef, ...] = (), recipients: tuple[AgentRef, ...] = (),
    translators: tuple[str, ...] = (), doc_id: str = "1",
) -> Record:
    """A record built by hand, the way the reader would type it."""
    def at(value):
        return Located(value, 1)

    date_value = None
    if date:
        year, month, day = (int(part) for part in date.split("-"))
        date_value = at(DateValue(date, PartialDate(year, month, day)))
    cited = at(Citation(text=citation, translators=translators)) if citation is not None else None
    if cited is None and translators:
        cited = at(Citation(text="", translators=translators))
    return Record(
        source=SourceFile(name=f"{doc_id}.txt", sha256="0" * 64, size=0),
        doc_id=at(doc_id), title=at(title), kind="letter", is_excerpt=False, date=date_value,
        citation=cited, summary=at(summary) if summary is not None else None,
        body=at(body) if body is not None else None,
        footnotes=tuple(at(Footnote(i, text)) for i, text in enumerate(footnotes, start=1)),
        creators=tuple(at(ref) for ref in creators), recipients=tuple(at(ref) for ref in recipients),
    )


def person(name: str) -> AgentRef:
    return AgentRef(name=name, kind="person")


def write_authority(path: Path, rows: list[dict[str, str]]) -> Path:
    """An authority file with the given rows (missing columns left empty)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in COLUMNS} for row in rows)
    return path


def small_authority(tmp_path: Path, rows: list[dict[str, str]], decisions: str | None = None) -> Authority:
    path = write_authority(tmp_path / "authority.csv", rows)
    decisions_path = tmp_path / "decisions.csv"
    decisions_path.write_text(decisions or "entity_id,type,name,decision,qid,note,date\n", encoding="utf-8")
    return load_authority(path, decisions_path)


@lru_cache(maxsize=1)
def seed_records() -> tuple[Record, ...]:
    from kg.reader import read_record

    return tuple(read_record(path) for path in sorted(SEEDS.glob("*.txt")))


def seed(doc_id: str) -> Record:
    return next(record for record in seed_records() if record.doc_id.value == doc_id)
