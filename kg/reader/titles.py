"""What a record's title tells: the kind of document, whether it is an excerpt, who wrote to whom.

Titles follow a few patterns: ``Letter from X to Y``, ``Telegram from X to Y Reflecting
on ...``, ``Memorandum of Conversation between X and Y``, ``X's Letter to Y``.  The words
before ``from``/``to``/``between`` must end in a document noun (``Ciphered Telegram``,
``Record of a Conversation``), so ``Minutes of the Meeting of ...`` or ``Proposal to
Withdraw Troops`` yield no agents.  A topic phrase (``Reflecting on``, ``regarding``,
``on``, ...) ends the last agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.reader.names import OFFICE_WORDS, agent, with_office
from kg.records import AgentRef

KINDS: tuple[tuple[str, str], ...] = (
    ("memorandum-of-conversation", r"memorand(?:um|a) of (?:a |the )?conversations?"),
    ("record-of-conversation", r"records? of (?:a |the )?conversations?"),
    ("letter", r"letters?"),
    ("telegram", r"telegrams?|telegrammes?"),
    ("cable", r"cables?|cablegrams?"),
    ("minutes", r"minutes"),
    ("report", r"reports?"),
    ("note", r"notes?"),
    ("speech", r"speech(?:es)?"),
    ("resolution", r"resolutions?"),
    ("decree", r"decrees?"),
    ("diary", r"diary|diaries"),
    ("instruction", r"instructions?"),
    ("transcript", r"transcripts?"),
    ("memorandum", r"memorand(?:um|a)|memos?"),
)
"""Document kinds (keys of ``ontology/kinds.ttl``) and the title words naming them.

The kind whose words come first in the title wins (``Report on a Letter`` is a report);
at the same place the group listed first wins, so multi-word groups come first.  A title
naming none of them is of kind ``other``.
"""

OTHER_KIND = "other"

DOCUMENT_NOUNS = frozenset(
    """letter telegram telegramme cable cablegram minutes report note speech resolution decree
    diary instruction transcript memorandum memo message statement conversation meeting talk
    discussion appeal request declaration communique order directive information record""".split()
)
"""The noun ending the words before ``from``/``to``/``between`` (singular, lower case)."""

TOPIC_WORDS = (
    "on about regarding concerning re: with at during after following in_connection_with "
    "in_response_to in_reply_to with_regard_to "
    "reflecting discussing describing requesting informing expressing proposing transmitting "
    "enclosing conveying reporting outlining summarizing explaining announcing thanking asking "
    "suggesting responding replying recommending urging inviting protesting containing "
    "presenting forwarding assessing criticizing approving confirming notifying seeking offering"
).split()
"""Words that start the topic of a title and so end its last agent (``_`` stands for a space)."""

_MEETINGS = re.compile(r"\b(?:conversations?|meetings?|talks?|discussions?|negotiations?)\b", re.IGNORECASE)
# One search for all kinds: it stops at the first place where any kind's words match, and
# there takes the first kind listed that matches - the rule KINDS states.  Each kind is a
# named group, which tells the kind that matched.
_KIND_GROUPS = {f"kind{rank}": key for rank, (key, _) in enumerate(KINDS)}
_KIND_WORDS = re.compile(
    "|".join(rf"(?P<{group}>\b(?:{words})\b)" for group, (_, words) in zip(_KIND_GROUPS, KINDS)), re.IGNORECASE
)
_EXCERPT = re.compile(r"\bexcerpt", re.IGNORECASE)
_LEADING_EXCERPT = re.compile(r"excerpts?\s+(?:from|of)\s+(?:the\s+|an?\s+)?", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?P<name>(?:[A-Z][\w.'’-]*\s+)*?[A-Z][\w.-]*)['’]s\s+")
_PERSON_TITLES_BEFORE_TO = "".join(f"(?<!{word})" for word in ("Ambassador", "Envoy", "Representative", "Consul"))
_KEYWORD = re.compile(rf"{_PERSON_TITLES_BEFORE_TO}(?:,\s*|\s+)(?P<keyword>from|by|to|between|with)\s+")
_TOPIC = re.compile(
    r"(?:,\s*|\s+)(?:" + "|".join(re.escape(word).replace("_", r"\s+") for word in TOPIC_WORDS) + r")(?=\s|$)",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r"\s*(?P<comma>,)\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_PARENTHESES = re.compile(r"\([^()]*\)")
_LEADING_THE = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
_OF = re.compile(r"\s+of\s+")


@dataclass(frozen=True)
class TitleAgent:
    agent: AgentRef
    offset: int  # where the name starts in the title, to find its source line


@dataclass(frozen=True)
class TitleFacts:
    kind: str
    is_excerpt: bool
    creators: tuple[TitleAgent, ...] = ()
    recipients: tuple[TitleAgent, ...] = ()


def read_title(title: str) -> TitleFacts:
    """Kind, excerpt flag and agents of a title (a single line, whitespace collapsed)."""
    creators, recipients = _agents(_blank_parentheses(title))
    return TitleFacts(
        kind=document_kind(title),
        is_excerpt=bool(_EXCERPT.search(title)),
        creators=tuple(creators),
        recipients=tuple(recipients),
    )


def document_kind(title: str) -> str:
    """The key of the kind named first in ``title`` (see :data:`KINDS`), else ``other``."""
    match = _KIND_WORDS.search(title)
    return _KIND_GROUPS[match.lastgroup] if match else OTHER_KIND


def _blank_parentheses(title: str) -> str:
    """``(Excerpt)`` and other asides blanked out, keeping every offset in place."""
    return _PARENTHESES.sub(lambda aside: " " * len(aside.group()), title)


def _agents(title: str) -> tuple[list[TitleAgent], list[TitleAgent]]:
    """Creators and recipients: possessive, then the words after the document's designation."""
    creators, start = [], 0
    if lead := _LEADING_EXCERPT.match(title):
        start = lead.end()
    if possessive := _POSSESSIVE.match(title, start):  # "Khrushchev's Letter to Tito"
        creators = _agent_list(title, possessive.start("name"), possessive.end("name"))
        start = possessive.end()
    first = _KEYWORD.search(title, start)
    if first is None or not _is_designation(title[start: first.start()]):
        return creators, []
    if first["keyword"] in ("between", "with"):
        if not _MEETINGS.search(title[start: first.start()]):
            return creators, []
        return creators + _agent_list(title, first.end(), _topic_start(title, first.end())), []
    return _clauses(title, first, creators)


def _clauses(
    title: str, first: re.Match[str], creators: list[TitleAgent]
) -> tuple[list[TitleAgent], list[TitleAgent]]:
    """``from X to Y`` (in either order) up to the topic."""
    end = _topic_start(title, first.end())
    recipients: list[TitleAgent] = []
    keyword = first
    while keyword is not None:
        following = _KEYWORD.search(title, keyword.end(), end)
        if keyword["keyword"] in ("between", "with"):
            break
        found = _agent_list(title, keyword.end(), following.start() if following else end)
        (recipients if keyword["keyword"] == "to" else creators).extend(found)
        keyword = following
    return creators, recipients


def _is_designation(words: str) -> bool:
    """Whether the words before ``from``/``to`` name a document (``Ciphered Telegram``)."""
    words = words.split()
    if not words or len(words) > 6:
        return False
    noun = words[-1].lower()
    return noun in DOCUMENT_NOUNS or noun.removesuffix("s") in DOCUMENT_NOUNS


def _topic_start(title: str, start: int) -> int:
    topic = _TOPIC.search(title, start)
    return topic.start() if topic else len(title)


def _agent_list(title: str, start: int, end: int) -> list[TitleAgent]:
    """Agents separated by commas and ``and``; a comma-separated office joins the person before it.

    The list stops at the first part that is no name (a date, a stray phrase).
    """
    agents: list[TitleAgent] = []
    position, after_comma = start, False
    for separator in [*_LIST_SEPARATOR.finditer(title, start, end), None]:
        part_end = separator.start() if separator else end
        part = title[position:part_end]
        if part.strip():
            if not _add_part(agents, part, position, after_comma):
                break
        if separator is None:
            break
        position, after_comma = separator.end(), bool(separator["comma"])
    return agents


def _add_part(agents: list[TitleAgent], part: str, position: int, after_comma: bool) -> bool:
    """Add the agent or office ``part`` names; False when it names neither."""
    last = agents[-1] if agents else None
    if after_comma and last and last.agent.kind == "person" and _ends_in_office_word(part):
        if last.agent.office is None and (held := with_office(last.agent, part)):
            agents[-1] = TitleAgent(held, last.offset)
        return True
    found = agent(part)
    if found is None:
        return False
    leading = _LEADING_THE.match(part).end()
    agents.append(TitleAgent(found, position + leading))
    return True


def _ends_in_office_word(part: str) -> bool:
    """``First Secretary of the CC`` or ``Chairman`` is an office; ``Chairman Mao`` a person."""
    office = _OF.split(part.strip(), maxsplit=1)[0]
    return office.split()[-1] in OFFICE_WORDS if office.split() else False
