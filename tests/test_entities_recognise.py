"""Recognition on hand-built records: the forms names take and the classic errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.entities import recognise
from kg.entities.recognise import CONTEXT_CONFIDENCE, bundled_authority
from kg.records import AgentRef
from tests.entities_support import make_record, person, small_authority


def found(record, authority=None):
    return [(m.surface, m.entity) for m in recognise(record, authority)]


def entities(record, authority=None):
    return {m.entity for m in recognise(record, authority)}


@pytest.mark.parametrize("text, surface, entity", [
    ("a letter from Lavrentiy Beria", "Lavrentiy Beria", "lavrentiy-beria"),
    ("signed L. P. Beria", "L. P. Beria", "lavrentiy-beria"),
    ("spoke to Cde. N.S. Khrushchev", "N.S. Khrushchev", "nikita-khrushchev"),
    ("as Cde. Malenkov G.M. said", "Malenkov G.M.", "georgy-malenkov"),
    ("after Stalin's death", "Stalin", "joseph-stalin"),
    ("met Comrade Stalin", "Stalin", "joseph-stalin"),
    ("wrote to Milovan Đilas", "Milovan Đilas", "milovan-djilas"),
    ("from Nikita S.\nKhrushchev", "Nikita S.\nKhrushchev", "nikita-khrushchev"),
    ("the CC CPSU decided", "CC CPSU", "central-committee-of-the-communist-party-of-the-soviet-union"),
    ("the CPSU CC decided", "CPSU CC", "central-committee-of-the-communist-party-of-the-soviet-union"),
    ("the leadership of the MVD", "MVD", "ministry-of-internal-affairs-of-the-ussr"),
    ("break with the CPY", "CPY", "league-of-communists-of-yugoslavia"),
    ("the LCY congress", "LCY", "league-of-communists-of-yugoslavia"),
    ("the government of FNRJ", "FNRJ", "federal-peoples-republic-of-yugoslavia"),
    ("repression in the Lithuanian SSR", "Lithuanian SSR", "lithuanian-ssr"),
    ("and western Belorussia", "western Belorussia", "western-belorussia"),
])
def test_forms_of_names(text, surface, entity):
    assert (surface, entity) in found(make_record(body=text))


def test_given_name_and_patronymic():
    record = make_record(body="Nikita Sergeevich [Khrushchev]! You and N. A. Bulganin")
    assert found(record) == [("Nikita Sergeevich", "nikita-khrushchev"), ("Khrushchev", "nikita-khrushchev"),
                             ("N. A. Bulganin", "nikolai-bulganin")]


def test_a_first_name_is_not_a_place():
    # Georgii alone is nobody without context, and never Georgia.
    record = make_record(body="Dear Georgii! The affair in Georgia.")
    assert ("Georgii", "georgian-ssr") not in found(record)
    assert [e for s, e in found(record) if s == "Georgii"] == []


def test_a_first_name_alone_means_the_person_the_record_names():
    record = make_record(body="Dear Georgii!", recipients=(person("Georgii Malenkov"),))
    (mention,) = recognise(record)
    assert (mention.surface, mention.entity, mention.confidence) == ("Georgii", "georgy-malenkov", 0.8)


def test_a_person_inside_an_organizations_name_is_not_a_mention():
    record = make_record(body="a loyal son of the party of Lenin and Stalin")
    assert found(record) == [("party of Lenin and Stalin", "communist-party-of-the-soviet-union")]


def test_the_longest_name_wins():
    record = make_record(body="the Central Committee of the League of Communists of Yugoslavia")
    assert entities(record) == {"central-committee-of-the-league-of-communists-of-yugoslavia"}


def test_adjectives_name_places_with_lower_confidence():
    mentions = recognise(make_record(body="the Korean, the German, the Turkish question"))
    assert [(m.entity, m.method, m.confidence) for m in mentions] == [
        ("korea", "authority", 0.6), ("germany", "authority", 0.6), ("turkey", "authority", 0.6)]


def test_lower_case_common_words_are_not_names():
    assert found(make_record(body="a turkey for dinner; the soviet of workers")) == []


def test_the_records_date_chooses_between_namesakes():
    # "Georgia" is an alternative name of the Georgian SSR (1921-1991) and the name of an
    # undated Georgia: in 1953 it is the SSR, in 2008 the other.
    assert entities(make_record(body="in Georgia", date="1953-07-01")) == {"georgian-ssr"}
    assert entities(make_record(body="in Georgia", date="2008-08-08")) == {"georgia"}
    (mention,) = recognise(make_record(body="in Georgia", date="1953-07-01"))
    assert mention.confidence == CONTEXT_CONFIDENCE


NAMESAKES = [
    {"id": "imre-nagy", "type": "person", "preferred_name": "Imre Nagy", "born": "1896",
     "died": "1958", "dates_source": "test"},
    {"id": "ferenc-nagy", "type": "person", "preferred_name": "Ferenc Nagy", "born": "1903",
     "died": "1979", "dates_source": "test"},
    {"id": "young-nagy", "type": "person", "preferred_name": "Zoltan Nagy", "born": "1990",
     "dates_source": "test"},
]


def test_two_people_with_one_surname(tmp_path):
    authority = small_authority(tmp_path, NAMESAKES)
    # Alone, "Nagy" in 1950 could be Imre or Ferenc: not guessed.
    assert found(make_record(body="Nagy spoke.", date="1950-01-01"), authority) == []
    # Named in full elsewhere in the record, the surname means that one.
    record = make_record(body="Imre Nagy arrived. Later Nagy spoke.", date="1950-01-01")
    assert found(record, authority) == [("Imre Nagy", "imre-nagy"), ("Nagy", "imre-nagy")]
    # After Imre Nagy's death only Ferenc was alive; one born after the record never counts.
    assert found(make_record(body="Nagy spoke.", date="1970-01-01"), authority) == [("Nagy", "ferenc-nagy")]


def test_creators_give_context_to_short_names(tmp_path):
    authority = small_authority(tmp_path, NAMESAKES)
    record = make_record(body="Nagy", creators=(person("Ferenc Nagy"),), date="1950-01-01")
    assert found(record, authority) == [("Nagy", "ferenc-nagy")]


def test_rules_find_names_the_authority_lacks():
    record = make_record(body="Comrade Ivan Petrov and V. M. Sidorov met the Mingrelian Nationalist Center.")
    mentions = recognise(record)
    assert [(m.surface, m.entity, m.type, m.method, m.confidence, m.known) for m in mentions] == [
        ("Ivan Petrov", "ivan-petrov", "person", "rule", 0.5, False),
        ("V. M. Sidorov", "v-m-sidorov", "person", "rule", 0.5, False),
        ("Mingrelian Nationalist Center", "mingrelian-nationalist-center", "organization", "rule", 0.5, False),
    ]


def test_rules_leave_generic_bodies_and_sentence_starts_alone():
    record = make_record(body="The Central Committee met. Particularly grave was the Presidium [sic].")
    assert found(record) == []


def test_translator_credit_is_recognised_in_the_citation():
    text = "\"A letter\", 1954. Obtained and translated for CWIHP by Svetozar Rajak."
    record = make_record(citation=text, translators=("Svetozar Rajak",))
    assert found(record) == [("CWIHP", "cold-war-international-history-project"),
                             ("Svetozar Rajak", "svetozar-rajak")]


def test_periodical_titles_shadow_the_names_inside_them():
    record = make_record(citation="See also CWIHP Bulletin, no. 10 (March 1998), p. 99.")
    assert found(record) == []


def test_offsets_point_into_each_field():
    record = make_record(title="Letter from Nikita S. Khrushchev", summary="Beria wrote",
                         body="To the CPSU CC", footnotes=("Communist Party of Yugoslavia, renamed",),
                         citation="\"Letter\", translated by Vladislav M. Zubok.")
    texts = {"title": record.title.value, "summary": record.summary.value, "body": record.body.value,
             "footnote/1": record.footnotes[0].value.text, "citation": record.citation.value.text}
    mentions = recognise(record)
    assert [m.field for m in mentions] == ["title", "summary", "body", "footnote/1", "citation"]
    for mention in mentions:
        assert texts[mention.field][mention.start:mention.end] == mention.surface


def test_recognition_is_deterministic():
    record = make_record(body="Stalin, Beria and N.S. Khrushchev in Moscow; the MVD; the Turkish question")
    assert recognise(record) == recognise(record)


def test_resolver_merges_spellings_of_agents():
    resolver = bundled_authority().resolver
    for name, key in [("Georgii Malenkov", "georgy-malenkov"), ("Nikita S. Khrushchev", "nikita-khrushchev"),
                      ("Josip Broz Tito", "josip-broz-tito"), ("Lavrentii Beria", "lavrentiy-beria"),
                      ("Vladislav M. Zubok", "vladislav-zubok"), ("Comrade Tito", "josip-broz-tito")]:
        agent = resolver.resolve(person(name))
        assert agent.key == key and agent.kind == "person"
    body = resolver.resolve(AgentRef("Central Committee of the League of Communists of Yugoslavia", "organization"))
    assert body.key == "central-committee-of-the-league-of-communists-of-yugoslavia"


def test_resolver_links_only_published_qids_and_falls_back_to_slugs():
    resolver = bundled_authority().resolver
    beria = resolver.resolve(person("Lavrentiy Beria"))
    assert beria.name == "Lavrentiy Beria" and beria.same_as == ("http://www.wikidata.org/entity/Q141829",)
    assert resolver.resolve(person("Georgii Malenkov")).same_as == ()  # unverified: no remembered QID
    party = resolver.resolve(AgentRef("Communist Party of the Soviet Union", "organization"))
    assert party.same_as == ()  # one source only: a candidate, not a link
    unknown = resolver.resolve(person("Svetozar Rajak"))
    assert (unknown.key, unknown.name, unknown.same_as) == ("svetozar-rajak", "Svetozar Rajak", ())
    # A person's name never resolves to an organization, nor a surname alone to a body.
    assert resolver.resolve(AgentRef("Stalin", "organization")).key == "stalin"


WORDS = ["Stalin's", "Beria", "N.S.", "Khrushchev", "Georgii", "Georgia", "the", "party", "of", "Lenin",
         "and", "Comrade", "Ivan", "CC", "CPSU", "Turkish", "question", "[sic]", "Đilas", "G.M.", "Malenkov",
         "Council", "Ministers", "Center", "\n", ",", "translated", "by", "Western", "Ukraine"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_any_text_gives_ordered_non_overlapping_mentions_at_their_offsets(words):
    text = " ".join(words)
    mentions = recognise(make_record(body=text))
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface and mention.surface
        assert 0 < mention.confidence <= 1 and mention.method in ("authority", "rule")
    for before, after in zip(mentions, mentions[1:]):
        assert before.end <= after.start
