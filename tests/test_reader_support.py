"""Builders shared by the reader tests: synthetic records in the archive's export format."""

from __future__ import annotations

from pathlib import Path

from kg.reader import parse_record
from kg.records import Record, SourceFile

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = SEEDS / "000_b15e87d12b1721f2.txt"
SEED_004 = SEEDS / "004_5d627ae21579287d.txt"

SOURCE = SourceFile(name="sample.txt", sha256="0" * 64, size=0)

CITATION = (
    '"Letter from Ann Smith to Bob Jones", May 4, 1960, Wilson Center Digital Archive, '
    "RGANI, f. 5, op. 30, d. 1, ll. 2-3. Translated by Carl Brown."
)
SECTIONS = {
    "Citation": f"{CITATION}  \n<https://digitalarchive.wilsoncenter.org/document/123456>",
    "Summary": "Ann writes to Bob.",
    "Original Language": "Russian",
    "Contents": "Translation - English\n\nDear Bob!\n\nAll is well.",
}


def record_text(
    date: str | None = "May 4, 1960",
    title: str | None = "Letter from Ann Smith to Bob Jones",
    sections: dict[str, str] | None = None,
) -> str:
    """A record page: the bold date, the bold title (``\\n`` in it becomes a hard break), sections."""
    parts = ["", ""]
    if date is not None:
        parts += [f"**{date}**", ""]
    if title is not None:
        parts += ["**" + "  \n".join(title.split("\n")) + "**", ""]
    for heading, content in (SECTIONS if sections is None else sections).items():
        parts += [f"**{heading}:**", "", content, ""]
    return "\n".join(parts)


def parse(text: str, path: str = "sample.txt") -> Record:
    return parse_record(text, source=SOURCE, path=path)


def line_of(text: str, fragment: str) -> int:
    """The 1-based line where ``fragment`` first occurs in ``text``."""
    return text[: text.index(fragment)].count("\n") + 1
