"""Tokens and folded keys: the spellings one name may take compare equal, and only those."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.entities.names import fold, tokenise


@pytest.mark.parametrize("one, other", [
    ("Đilas", "Djilas"),
    ("Georgii", "Georgy"),
    ("Georgij", "Georgi"),
    ("Lavrentiy", "Lavrenty"),
    ("Lavrentii", "Lavrenti"),
    ("Sergeyevich", "Sergeevich"),
    ("Alexandrovich", "Aleksandrovich"),
    ("Stalin's", "Stalin"),
    ("Stalin’s", "stalin"),
    ("Nikolay", "Nikolai"),
])
def test_spellings_of_one_name_fold_together(one, other):
    assert fold(one) == fold(other)


@pytest.mark.parametrize("one, other", [("Georgii", "Georgia"), ("Ukraine", "Ukrainian"), ("Tito", "Titov")])
def test_different_words_stay_apart(one, other):
    assert fold(one) != fold(other)


def test_other_scripts_keep_a_key():
    assert fold("Берия") == "берия"


def test_tokens_know_initials_and_where_names_may_continue():
    text = "Cde. Malenkov G.M. and [Milovan] Djilas"
    tokens = tokenise(text)
    words = [t.text for t in tokens]
    assert words == ["Cde", "Malenkov", "G", "M", "and", "Milovan", "Djilas"]
    g, m = tokens[2], tokens[3]
    assert g.initial and g.dotted and m.joined
    assert not tokens[1].joined  # "Cde." is a title, not an initial, so the name starts afresh
    assert not tokens[6].joined  # a bracket stops a name
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_line_breaks_and_hyphens_join_names():
    tokens = tokenise("League of Communists Of  \nYugoslavia, Kim Il-sung")
    assert tokens[4].text == "Yugoslavia" and tokens[4].joined
    assert tokens[-1].text == "sung" and tokens[-1].joined


@given(st.text(max_size=60))
def test_offsets_always_point_at_the_token(text):
    for token in tokenise(text):
        assert text[token.start:token.end] == token.text
