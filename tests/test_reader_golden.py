"""The reader's whole output, pinned: every field, source line, warning and error message.

A speed-up of the reader must not change a single byte of what it reads.  This test reads
a fixed corpus (the seeds, synthetic records, the seeds and a synthetic record with odd
Markdown spliced in, and deterministic manglings of all of them) and compares a hash of
each result's ``repr`` (which, unlike ``==``, includes the warnings) with the hashes in
``tests/expected/reader_golden.json``.

The golden was written by the reader before its optimisation.  Should a deliberate change
of the reader's output be made, rewrite it with ``python -m tests.test_reader_golden``
and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import pytest

from kg.errors import RecordError
from kg.reader import parse_record
from kg.records import SourceFile
from kg.synth import synth_record
from tests.test_reader_support import SEED_000, SEED_004, record_text

GOLDEN = Path(__file__).resolve().parent / "expected" / "reader_golden.json"
SOURCE = SourceFile(name="golden.txt", sha256="0" * 64, size=0)

SYNTHETIC = 60  # records of the synthetic archive, seed 0
MALFORMED = 12  # synthetic records drawn with every one malformed
MANGLED_PER_TEXT = 4

MARKDOWN_SNIPPETS = (
    "- item one\n- item two\n\n  still item two\n\n* other list",
    "1. first\n2) second\n10. tenth",
    "> quoted **bold**\nlazy continuation\n\n> second quote",
    "    indented code\n\n    more code\n",
    "```text\nfenced **not bold**\n\n**Summary:**\n```",
    "~~~\nunclosed fence",
    "<div>\nan *HTML* block\n</div>",
    "<!-- a comment\n\n**Summary:**\n-->",
    '[ref]: https://example.org/x "Title"\n\nSee [ref], [text][ref], [inline](https://a.b/c "t") and ![alt *x*](i.png)',
    "[not a link] and [also not](  and [1] and [. . .] and [sic]",
    "Setext heading\n===",
    "Setext two\n---",
    "# ATX heading #",
    "## Contents",
    "***\n\n---\n\n_ _ _",
    "`code span` and ``double ` tick`` and `unclosed",
    "*em* _em_ **strong** __strong__ ***both*** **unclosed and a*b*c and snake_case_word",
    "a\\*b \\[c\\] trailing backslash\\\nnext line",
    "&amp; &copy; &#65; &#x42; &bogus; & alone",
    "<https://x.y/z> <mail@x.y> <span>inline html</span> < not html",
    "hard  \nbreak and soft\nbreak   \n   indented continuation  ",
    "tab\tseparated\n\ttab-indented line",
    "line\u2028separator and\u00a0nbsp  \nnext\x00nul",
    "**Bold heading:**\n\ntext under it",
    "**Tags:**\n\nCold War",
    "**Date line**  \n**two**",
    "**bold** then plain",
    "[1] first note\n[2] second note\ncontinued",
    "[1] repeated\n\n[1] repeated again",
    "[3] *emphasised* note with <https://n.o/te>",
    "Translation - Klingon\nAudio - English\nOriginal Scan",
    "Russian, German and Klingon",
    '"Quoted", 1 May 1950, Wilson Center Digital Archive, SAPMO-BArch, DY 30/IV 2/2.039/319. '
    "Published in CWIHP Bulletin, nos. 8-9 (Winter 1996), pp. 10-12. See also Istochnik 3 (1995).",
)
"""Markdown the archive rarely prints, but the reader must read the same way every time."""


def _splice(text: str, snippet: str, where: float) -> str:
    """``snippet`` as its own blocks at a blank line about ``where`` (0..1) through ``text``."""
    gaps = [index for index in range(len(text)) if text.startswith("\n\n", index)] or [len(text)]
    at = gaps[int(where * (len(gaps) - 1))]
    return f"{text[:at]}\n\n{snippet}\n\n{text[at:]}"


def _mangle(text: str, rng: random.Random) -> str:
    """Delete, duplicate, swap or break lines, as the reader's fuzz test does, but repeatably."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        index = rng.randrange(len(lines)) if lines else 0
        operation = rng.choice(("delete", "duplicate", "swap", "insert"))
        if operation == "delete" and lines:
            del lines[index]
        elif operation == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif operation == "swap" and len(lines) > 1:
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            line = lines[index] if lines else ""
            at = rng.randint(0, len(line))
            insertion = rng.choice(("**", "**Citation:**", "**Contents:**", "[1] ", " - ", "\r", "\ufeff",
                                    "<", ">", "  ", "\u2028", "*", "_", "`", "\\", "&amp;", "[x](y)", "\t"))
            lines[index:index + 1] = [line[:at] + insertion + line[at:]]
    return "\n".join(lines)


def golden_texts() -> dict[str, str]:
    """The corpus: case name -> record text."""
    texts = {
        "seed-000": SEED_000.read_text(encoding="utf-8"),
        "seed-004": SEED_004.read_text(encoding="utf-8"),
        "sample": record_text(),
    }
    for index in range(SYNTHETIC):
        texts[f"synth-{index}"] = synth_record(index).data.decode("utf-8", "replace")
    for index in range(MALFORMED):
        texts[f"malformed-{index}"] = synth_record(index, malformed_rate=1.0).data.decode("utf-8", "replace")
    bases = ("synth-0", "sample")
    for number, snippet in enumerate(MARKDOWN_SNIPPETS):
        for base in bases:
            for where in (0.0, 0.5, 1.0):
                texts[f"markdown-{number}-{base}-{where}"] = _splice(texts[base], snippet, where)
    for name in [name for name in texts if not name.startswith("markdown-")] + [f"markdown-{n}-synth-0-0.5"
                                                                                for n in range(len(MARKDOWN_SNIPPETS))]:
        rng = random.Random(f"mangle:{name}")
        for copy in range(MANGLED_PER_TEXT):
            texts[f"mangled-{copy}-{name}"] = _mangle(texts[name], rng)
    return texts


def read_as_text(text: str) -> str:
    """The reader's answer to ``text`` as one string: the record's repr, or the error's parts."""
    try:
        return repr(parse_record(text, source=SOURCE, path="golden.txt"))
    except RecordError as error:
        return f"RecordError({error.path!r}, {error.line!r}, {error.problem!r})"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]  # 80 bits: no collision


def fingerprints() -> dict[str, list[str]]:
    """Case name -> [hash of the input, hash of the reader's answer]."""
    return {name: [_sha(text), _sha(read_as_text(text))] for name, text in golden_texts().items()}


@pytest.fixture(scope="module")
def golden() -> dict[str, list[str]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return golden_texts()


def test_golden_corpus_is_the_one_pinned(golden, texts):
    """The inputs themselves have not changed (else the output hashes below mean nothing)."""
    changed = sorted(name for name, text in texts.items() if golden.get(name, [None])[0] != _sha(text))
    assert set(texts) == set(golden) and not changed, (
        f"the golden corpus changed ({len(changed)} cases, e.g. {changed[:3]}); kg.synth or the corpus was "
        "edited: rewrite the golden with a reader known to be right (python -m tests.test_reader_golden)"
    )


def test_reader_output_is_unchanged(golden, texts):
    changed = [name for name, text in texts.items() if _sha(read_as_text(text)) != golden[name][1]]
    assert not changed, (
        f"{len(changed)} of {len(texts)} records read differently, e.g. {changed[:5]}; "
        f"{changed[0]} now reads as:\n{read_as_text(texts[changed[0]])[:2000]}"
    )


if __name__ == "__main__":
    rows = [f"{json.dumps(name)}: {json.dumps(hashes)}" for name, hashes in sorted(fingerprints().items())]
    GOLDEN.write_text("{\n" + ",\n".join(rows) + "\n}\n", encoding="utf-8")  # a line a case: readable diffs
    print(f"wrote {GOLDEN} ({len(golden_texts())} cases)", file=sys.stderr)
