"""One synthetic archive page, in exactly the Markdown layout of the seed records.

The layout (see ``seeds/``): two blank lines; the bold date line; the bold title wrapped
over lines ending in two-space hard breaks; ``**Citation:**`` with the quoted title, date,
``Wilson Center Digital Archive``, the archival reference, publication and translator
sentences and the page URL; ``**Summary:**``; ``**Original Language:**``; ``**Contents:**``
with ``Translation - English``; the body; footnotes ``[1] ...``; no final newline.
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from kg.synth import pools
from kg.synth.pools import Person

DEFECTS = ("empty", "bad-date", "no-title", "binary")
"""How a malformed record is broken; each is one the reader must reject (README, "Bad input")."""

FIRST_DOC_ID = 100000
# Written out: calendar.month_name follows the process locale, the archive does not.
_MONTHS = tuple("January February March April May June July August September October November December".split())
_HOSTS = ("digitalarchive.wilsoncenter.org",) * 8 + ("wilson-center.drivingcreative.com", "digitalarchive.umd.edu")


@dataclass(frozen=True)
class SynthRecord:
    index: int
    name: str  # file name, like the seeds': "0000042_1f2e3d4c5b6a7988.txt"
    data: bytes
    defect: str | None = None  # None for a well-formed record, else one of DEFECTS


@dataclass(frozen=True)
class _Date:
    printed: str  # the date line and the citation's date
    closing: str | None  # "22 June 1954": how a signed letter ends, for exact dates


class _Writer:
    """Draws one record's parts from its own random stream (so record i never depends on N)."""

    def __init__(self, rng: random.Random, pool: tuple[Person, ...]) -> None:
        self.rng = rng
        self.pool = pool
        self.cumulative = _zipf_cumulative(len(pool))
        self.footnotes: list[str] = []

    # -- people -----------------------------------------------------------------
    def person(self) -> Person:
        """A person, a few far more often than the rest (Zipf-like), as in real archives."""
        total = self.cumulative[-1]
        return self.pool[bisect(self.cumulative, self.rng.random() * total)]

    def mention(self, person: Person) -> str:
        """How the body names a person: ``Cde. N.S. Khrushchev``, ``Comrade Stalin``, ``Nikita Sergeevich [Khrushchev]``."""
        rng, variant = self.rng, self.rng.choice(person.variants)
        form = rng.random()
        if form < 0.25:
            return f"Cde. {variant}"
        if form < 0.4:
            return f"Comrade {person.surname}"
        if form < 0.47 and variant != person.surname and person.surname not in variant:
            return f"{variant} [{person.surname}]"
        return variant

    # -- pieces -----------------------------------------------------------------
    def date(self) -> _Date:
        rng = self.rng
        year = min(1991, max(1917, int(rng.gauss(1958, 11))))
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        name = _MONTHS[month - 1]
        kind = rng.random()
        if kind < 0.58:
            return _Date(f"{name} {day}, {year}", f"{day} {name} {year}")
        if kind < 0.70:
            return _Date(f"{day} {name} {year}", f"{day} {name} {year}")
        if kind < 0.78:
            return _Date(f"{name} {year}", None)
        if kind < 0.84:
            return _Date(str(year), None)
        if kind < 0.89:
            return _Date(f"{name} {day}-{min(day + rng.randint(1, 3), 28)}, {year}", None)
        if kind < 0.92:
            month = min(month, 11)  # the range runs into the next month of the same year
            return _Date(f"{_MONTHS[month - 1]} {day} - {_MONTHS[month]} {rng.randint(1, 28)}, {year}", None)
        if kind < 0.94:
            return _Date(f"{year} - {year + rng.randint(1, 4)}", None)
        if kind < 0.97:
            return _Date(f"c. {year}", None)
        return _Date("Undated", None)

    def title(self, creator: Person, recipient: Person) -> str:
        rng = self.rng
        kind = rng.choices([k for k, _ in pools.KINDS], weights=[w for _, w in pools.KINDS])[0]
        org_full, org_short = rng.choice(pools.ORGANIZATIONS)
        topic = rng.choice(pools.TOPICS)
        if kind in ("Memorandum of Conversation", "Record of Conversation"):
            text = f"{kind} between {creator.full} and {recipient.full}"
            if rng.random() < 0.4:
                text += f" in {rng.choice(pools.PLACES)}"
        elif kind == "Minutes":
            text = f"Minutes of the Meeting of the {rng.choice((org_full, org_short))} on {topic}"
        elif kind == "Speech":
            text = f"Speech by {creator.full} at the Plenum of the {org_full}"
        elif kind in ("Resolution", "Decree", "Instruction"):
            text = f"{kind} of the {org_full} on {topic}"
        elif kind == "Diary Entry":
            text = f"From the Diary of {creator.full}, {rng.choice(pools.OFFICES)}"
        else:
            text = f"{kind} from {creator.full}"
            if rng.random() < 0.35:
                text += f", {rng.choice(pools.OFFICES)},"
            text += f" to {recipient.full if rng.random() < 0.7 else 'the ' + org_full}"
            if rng.random() < 0.4:
                text += f" on {topic}"
        if rng.random() < 0.12:
            text += " (Excerpt)"
        return text

    def archival(self) -> str:
        rng = self.rng
        region = rng.choice(pools.REGIONS)
        return rng.choice(pools.ARCHIVE_PATTERNS).format(
            f=rng.randint(1, 600), f4=f"0{rng.randint(100, 999)}", op=rng.randint(1, 200),
            d=rng.randint(1, 2000), p=rng.randint(1, 400), year=rng.randint(1945, 1990),
            l1=(start := rng.randint(1, 300)), l2=start + rng.randint(1, 40),
            a3=f"{rng.randint(1, 999):03d}", a5=rng.randint(10000, 99999), region=region, abbr=region[0],
        )

    def publications(self) -> list[str]:
        rng, sentences = self.rng, []
        if rng.random() < 0.3:
            note = rng.choice(("", "in its entirety in ", "in part in ", "in abridged form in "))
            start = rng.randint(1, 300)
            sentences.append(f"Published {note or 'in '}{rng.choice(pools.PERIODICALS)}, {rng.randint(1, 12)} "
                             f"({rng.randint(1988, 2015)}), p. {start}-{start + rng.randint(1, 20)}")
        if rng.random() < 0.55:
            names = " and ".join(rng.sample(pools.TRANSLATORS, rng.choice((1, 1, 1, 2))))
            sentences.append(rng.choice(("Translated by ", "Obtained and translated for CWIHP by ")) + names)
        if rng.random() < 0.12:
            sentences.append(f"See also CWIHP Bulletin, no. {rng.randint(1, 16)} "
                             f"({rng.choice(_MONTHS)} {rng.randint(1992, 2008)}), p. {rng.randint(1, 400)}")
        return sentences

    def sentence(self, people: list[Person]) -> str:
        rng = self.rng
        a, b = (self.mention(rng.choice(people)) for _ in range(2))
        org = rng.choice(pools.ORGANIZATIONS)[rng.randint(0, 1)]
        template = rng.choice(_SENTENCES)
        text = template.format(a=a, b=b, org=org, place=rng.choice(pools.PLACES), topic=rng.choice(pools.TOPICS),
                               year=rng.randint(1945, 1990))
        if rng.random() < 0.03:
            text = text[:-1] + " [sic]."
        if rng.random() < 0.04 and len(self.footnotes) < 6:
            self.footnotes.append(self.footnote(people))
            text += f"[{len(self.footnotes)}]"
        return text

    def footnote(self, people: list[Person]) -> str:
        rng = self.rng
        if rng.random() < 0.6:
            born = rng.randint(1880, 1930)
            return f"{rng.choice(people).full} ({born}-{born + rng.randint(40, 90)}), {rng.choice(pools.OFFICES)}."
        full, short = rng.choice(pools.ORGANIZATIONS)
        return f"{short}: {full}, renamed at its congress in {rng.randint(1945, 1990)}."

    def body(self, people: list[Person]) -> list[str]:
        rng = self.rng
        paragraphs = []
        count = min(60, max(1, int(rng.lognormvariate(1.5, 0.8))))
        for _ in range(count):
            if rng.random() < 0.06:
                paragraphs.append("[. . .]")
                continue
            paragraphs.append(" ".join(self.sentence(people) for _ in range(rng.randint(1, 7))))
        return paragraphs


_SENTENCES = (
    "{a} informed us that the {org} had discussed {topic}.",
    "In the conversation {a} stressed that the situation in {place} remains tense.",
    "{a} and {b} exchanged views on {topic}.",
    "I told {a} that the {org} would consider the proposal on {topic} without delay.",
    "According to {a}, the comrades in {place} did not receive the instructions of the {org}.",
    "{a} asked me to convey his greetings to {b}.",
    "The {org} approved the proposals of {a} concerning {topic}.",
    "{a} remarked that {b} had spoken about this question in {place} in {year}.",
    "We consider it necessary to inform {a} about the position of the {org} on {topic}.",
    "Further, {a} expressed the wish to visit {place} together with {b}.",
    "It is evident that {topic} cannot be resolved without the participation of the {org}.",
    "The conversation lasted two hours and took place in a friendly atmosphere.",
    "After the discussion {a} thanked {b} for the information.",
    # Sentences naming nobody: real bodies are mostly argument, not names.
    "The situation requires further study before a final decision is taken.",
    "This question was discussed at length and no agreement was reached.",
    "We are convinced that the difficulties will be overcome in the near future.",
    "The delegation expressed its gratitude for the warm reception.",
    "It was agreed to continue the exchange of opinions through diplomatic channels.",
    "Concrete measures will be worked out by the respective ministries.",
    "The economic situation in {place} has improved somewhat since {year}.",
    "The question of {topic} will be examined again at the next session.",
)


@lru_cache(maxsize=4)
def _zipf_cumulative(size: int) -> tuple[float, ...]:
    return tuple(accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(size)))


def _wrap(title: str, width: int = 52) -> list[str]:
    """Title lines as the archive wraps them (each but the last ends in a hard break)."""
    lines, current = [], ""
    for word in title.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return lines + [current]


def render(index: int, *, seed: int = 0, pool: tuple[Person, ...] | None = None,
           defect: str | None = None) -> str:
    """The Markdown text of record ``index`` (``defect`` "bad-date" or "no-title" breaks it)."""
    rng = random.Random(f"record:{seed}:{index}")
    writer = _Writer(rng, pool or pools.people(seed=seed))
    doc_id = FIRST_DOC_ID + index
    date = writer.date()
    if defect == "bad-date":
        date = _Date(rng.choice(("February 30, 1953", "Smarch 5, 1953", "31 April 1961", "1953-13-45")), None)
    creator, recipient = writer.person(), writer.person()
    cast = [creator, recipient] + [writer.person() for _ in range(rng.randint(0, 6))]
    title = writer.title(creator, recipient)
    language = rng.choice(pools.LANGUAGES)

    citation = f'"{title}", {date.printed}, Wilson Center Digital Archive'
    if rng.random() < 0.97:
        citation += f", {writer.archival()}"
    citation = ". ".join([citation, *writer.publications()]) + "."
    url = f"<https://{rng.choice(_HOSTS)}/document/{doc_id}>"
    citation_blocks = [f"{citation}  \n{url}"] if rng.random() < 0.6 else [citation, url]

    summary = (f"{title.split(' ')[0]} {rng.choice(('from', 'by', 'concerning'))} {creator.full} "
               f"discussing {rng.choice(pools.TOPICS)}.")
    if rng.random() < 0.7:
        summary += f" {recipient.surname} also discusses {rng.choice(pools.TOPICS)} and the position of the " \
                   f"{rng.choice(pools.ORGANIZATIONS)[0]}."

    body = writer.body(cast)
    addressee = rng.choice((f"Comrade {recipient.surname}", f"Cde. {recipient.surname}", f"the {rng.choice(pools.ORGANIZATIONS)[1]}"))
    salutation = f"To {addressee}  \n{rng.choice(pools.ORGANIZATIONS)[1]}"
    closing = [writer.mention(creator).removeprefix("Cde. ")] + ([date.closing] if date.closing else [])
    notes = [f"[{number}] {text}" for number, text in enumerate(writer.footnotes, start=1)]

    blocks = [f"**{date.printed}**"]
    if defect != "no-title":
        blocks.append("**" + "  \n".join(_wrap(title)) + "**")
    blocks += ["**Citation:**", *citation_blocks, "**Summary:**", summary, "**Original Language:**", language,
               "**Contents:**", "Transcript - English" if language == "English" else "Translation - English"]
    if rng.random() < 0.2:
        blocks.append(title)  # the page often repeats the title above the text
    blocks += [salutation, *body, *closing, *notes]
    return "\n\n" + "\n\n".join(blocks)


def _junk(rng: random.Random) -> bytes:
    """Bytes no text reader should accept: NULs and invalid UTF-8 among random noise."""
    return b"\x00\xff\xfe" + bytes(rng.randrange(256) for _ in range(rng.randint(64, 2048)))


def synth_record(index: int, *, seed: int = 0, malformed_rate: float = 0.015,
                 pool: tuple[Person, ...] | None = None) -> SynthRecord:
    """Record ``index`` of the archive ``seed``: same index and seed, same bytes, whatever N is."""
    rng = random.Random(f"defect:{seed}:{index}")
    defect = rng.choice(DEFECTS) if rng.random() < malformed_rate else None
    if defect == "empty":
        data = rng.choice((b"", b"\n\n", b"  \n\n \n"))
    elif defect == "binary":
        data = _junk(rng)
    else:
        data = render(index, seed=seed, pool=pool, defect=defect).encode("utf-8")
    name = f"{index:07d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
    return SynthRecord(index=index, name=name, data=data, defect=defect)
