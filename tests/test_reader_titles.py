"""The title: one line from several, kind of document, excerpt flag, creators and recipients."""

from __future__ import annotations

import pytest

from kg.reader import KINDS, OTHER_KIND
from kg.records import AgentRef
from tests.test_reader_support import parse, record_text


def titled(title: str):
    return parse(record_text(title=title))


def names(agents):
    return [agent.value.name for agent in agents]


def test_title_over_several_lines_becomes_one_line():
    record = titled("Letter from Ann Smith\nto Bob   Jones\nRegarding the Harvest")
    assert record.title.value == "Letter from Ann Smith to Bob Jones Regarding the Harvest"
    assert record.title.line == 5
    assert [(agent.value.name, agent.line) for agent in record.creators] == [("Ann Smith", 5)]
    assert [(agent.value.name, agent.line) for agent in record.recipients] == [("Bob Jones", 6)]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Letter from Ann Smith to Bob Jones", "letter"),
        ("Ciphered Telegram from Ann Smith to Bob Jones", "telegram"),
        ("Memorandum of Conversation between Ann Smith and Bob Jones", "memorandum-of-conversation"),
        ("Record of a Conversation with Mao Zedong", "record-of-conversation"),
        ("Minutes of the Meeting of the Politburo", "minutes"),
        ("Report on the Letter from Ann Smith", "report"),
        ("Note from the Embassy to the Ministry", "note"),
        ("Cable from Zhou Enlai to Pak Hon-yong", "cable"),
        ("Speech by Nikita Khrushchev at the Plenum", "speech"),
        ("Resolution of the CC CPSU Presidium", "resolution"),
        ("Decree of the Presidium of the Supreme Soviet", "decree"),
        ("Excerpt from the Diary of Anatoly Chernyaev", "diary"),
        ("Instructions to the Soviet Delegation", "instruction"),
        ("Transcript of the Talks in Moscow", "transcript"),
        ("Conversation between Ann Smith and Bob Jones", OTHER_KIND),
    ],
)
def test_kind_is_the_first_kind_word_in_the_title(title, kind):
    assert titled(title).kind == kind
    assert kind in {key for key, _ in KINDS} | {OTHER_KIND}


@pytest.mark.parametrize(
    ("title", "excerpt"),
    [
        ("Letter from Ann Smith to Bob Jones (Excerpt)", True),
        ("Letter from Ann Smith to Bob Jones (Excerpts)", True),
        ("Excerpt from the Diary of Anatoly Chernyaev", True),
        ("Letter from Ann Smith to Bob Jones", False),
    ],
)
def test_excerpt_flag(title, excerpt):
    assert titled(title).is_excerpt is excerpt


@pytest.mark.parametrize(
    ("title", "creators", "recipients"),
    [
        ("Letter from Ann Smith to Bob Jones", ["Ann Smith"], ["Bob Jones"]),
        ("Telegram from Mao Zedong to Joseph Stalin Reflecting on the Korean War", ["Mao Zedong"], ["Joseph Stalin"]),
        ("Memorandum of Conversation between Mao Zedong and Pavel Yudin", ["Mao Zedong", "Pavel Yudin"], []),
        ("Cable from Zhou Enlai to Pak Hon-yong", ["Zhou Enlai"], ["Pak Hon-yong"]),
        ("Minutes of the Meeting of the Politburo", [], []),
        ("Khrushchev's Letter to Tito", ["Khrushchev"], ["Tito"]),
        ("Letter from Mao Zedong, Zhou Enlai, and Liu Shaoqi to Kim Il Sung",
         ["Mao Zedong", "Zhou Enlai", "Liu Shaoqi"], ["Kim Il Sung"]),
        ("Letter from Ann Smith to Bob Jones regarding the Harvest", ["Ann Smith"], ["Bob Jones"]),
        ("Letter from Ann Smith to Bob Jones on the Harvest", ["Ann Smith"], ["Bob Jones"]),
        ("Letter from Ann Smith to Bob Jones about the Harvest", ["Ann Smith"], ["Bob Jones"]),
        ("Letter from Ann Smith to Bob Jones concerning the Harvest", ["Ann Smith"], ["Bob Jones"]),
        ("Letter from Stalin to Mao, 5 July 1953", ["Stalin"], ["Mao"]),
        ("Note to the Government of China from the Soviet Government", ["Soviet Government"], ["Government of China"]),
        ("Telegram from Soviet Ambassador to China Pavel Yudin to the CPSU CC",
         ["Soviet Ambassador to China Pavel Yudin"], ["CPSU CC"]),
        ("Proposal to Withdraw Troops", [], []),
        ("Memorandum of Conversation between Mao Zedong and Pavel Yudin in Beijing", ["Mao Zedong", "Pavel Yudin"], []),
        ("Letter from Ann Smith in the Hague to Bob Jones", ["Ann Smith"], ["Bob Jones"]),
        ("Telegram from Soviet Ambassador in Beijing to the CPSU CC", ["Soviet Ambassador in Beijing"], ["CPSU CC"]),
    ],
)
def test_creators_and_recipients(title, creators, recipients):
    record = titled(title)
    assert names(record.creators) == creators
    assert names(record.recipients) == recipients


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Josip Broz Tito", "person"),
        ("Soviet Ambassador Pavel Yudin", "person"),
        ("the Ministry of Foreign Affairs", "organization"),
        ("the Embassy of the USSR in Beijing", "organization"),
        ("the Presidium of the Supreme Soviet", "organization"),
        ("the CPSU CC", "organization"),
        ("the Hungarian People's Republic", "organization"),
        ("China", "organization"),
    ],
)
def test_person_or_organization(name, kind):
    [recipient] = titled(f"Letter from Ann Smith to {name}").recipients
    assert recipient.value.kind == kind


def test_parent_of_a_party_body_and_function_word_case():
    [recipient] = titled("Letter from Ann Smith to the Presidium of the Central Committee Of the CPSU").recipients
    assert recipient.value == AgentRef(
        "Presidium of the Central Committee of the CPSU",
        "organization",
        parent=AgentRef("Central Committee of the CPSU", "organization", parent=AgentRef("CPSU", "organization")),
    )


def test_office_of_an_organization():
    [creator] = titled(
        "Letter from Zhou Enlai, Premier of the State Council of the People's Republic of China, to Ann Smith"
    ).creators
    assert creator.value == AgentRef(
        "Zhou Enlai",
        "person",
        office="Premier",
        office_organization=AgentRef("State Council of the People's Republic of China", "organization"),
    )


def test_office_without_organization_and_a_name_after_and():
    creators = titled("Letter from Ann Smith, Chairman, and Bob Jones to Carl Brown").creators
    offices = [(agent.value.name, agent.value.office) for agent in creators]
    assert offices == [("Ann Smith", "Chairman"), ("Bob Jones", None)]


def test_a_plain_memorandum_is_its_own_kind():
    from kg.reader.titles import read_title

    assert read_title("Memorandum from the Soviet Embassy on the Situation in Hungary").kind == "memorandum"
    assert read_title("Memorandum of Conversation between Mao Zedong and Kim Il Sung").kind == "memorandum-of-conversation"
