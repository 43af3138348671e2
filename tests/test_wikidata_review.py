"""The review workflow end to end: ``kg link`` against a local SPARQL server, a curated
decision, and the ``sameAs`` link it becomes in the next ``kg build``."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.assets import data_file
from kg.cli import cli
from kg.entities.review import entities_to_link
from kg.entities.recognise import bundled_authority
from tests.entities_support import FIXTURE, SEEDS, seed_records
from tests.servers import free_port, oxigraph_server

HEADER = "entity_id,type,name,decision,qid,note,date\n"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("wikidata-review"), load=[FIXTURE]) as server:
        yield server.query_endpoint


@pytest.fixture
def workspace(tmp_path):
    """Copies of the authority and decisions files, so the bundled ones stay untouched."""
    authority = shutil.copy(data_file("authority.csv"), tmp_path / "authority.csv")
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(HEADER, encoding="utf-8")
    return tmp_path, Path(authority), decisions


def run_link(endpoint, workspace, *extra):
    folder, authority, decisions = workspace
    review = folder / "review.csv"
    result = CliRunner().invoke(cli, [
        "link", "--input", str(SEEDS), "--endpoint", endpoint, "--review", str(review),
        "--authority", str(authority), "--decisions", str(decisions), "--cache", str(folder / "cache"),
        "--timeout", "5", *extra])
    rows = list(csv.DictReader(review.open(encoding="utf-8"))) if review.exists() else []
    return result, rows


def candidates(rows, entity):
    return {row["candidate_qid"]: row for row in rows if row["entity_id"] == entity and row["candidate_qid"]}


def test_only_entities_without_a_published_link_are_reviewed():
    keys = {e.key for e in entities_to_link(seed_records(), bundled_authority())}
    assert {"georgy-malenkov", "josip-broz-tito", "svetozar-rajak", "communist-party-of-the-soviet-union"} <= keys
    assert not keys & {"lavrentiy-beria", "joseph-stalin", "soviet-union", "istochnik"}


def test_kg_link_writes_candidates_scores_and_evidence(endpoint, workspace):
    result, rows = run_link(endpoint, workspace)
    assert result.exit_code == 0, result.output
    assert "entities without a link" in result.output
    # An entity the authority file does not know, found by the rules (a translator credit):
    rajak = candidates(rows, "svetozar-rajak")
    assert set(rajak) == {"Q900000006"} and float(rajak["Q900000006"]["score"]) >= 0.8
    # The ship that shares Malenkov's label is no candidate for a person.
    assert set(candidates(rows, "georgy-malenkov")) == {"Q900000001"}
    # Dates decide: the Imre Nagy born after the letter is excluded and says why.
    nagy = candidates(rows, "imre-nagy")
    assert float(nagy["Q900000004"]["score"]) > float(nagy["Q900000003"]["score"]) == 0.0
    assert "born 1990" in nagy["Q900000003"]["evidence"]
    # A recipient cannot have died before receiving the letter.
    assert "died 1930" in candidates(rows, "josip-broz-tito")["Q900000015"]["evidence"]
    # A one-source QID of the authority is offered for review, not published.
    party = candidates(rows, "communist-party-of-the-soviet-union")
    assert "bundled QID, one source" in party["Q79854"]["evidence"]
    assert not {row["entity_id"] for row in rows} & {"lavrentiy-beria", "joseph-stalin"}


def test_an_accepted_decision_is_a_sameAs_link_in_the_next_build(endpoint, workspace, monkeypatch):
    folder, authority, decisions = workspace
    _, rows = run_link(endpoint, workspace)
    chosen = candidates(rows, "svetozar-rajak")["Q900000006"]
    with decisions.open("a", encoding="utf-8") as handle:
        handle.write(f"svetozar-rajak,person,{chosen['name']},accepted,Q900000006,fixture item,2025-01-01\n")
        handle.write("georgy-malenkov,person,Georgy Malenkov,rejected,Q900000001,not him,2025-01-01\n")
    monkeypatch.setenv("KG_AUTHORITY", str(authority))
    monkeypatch.setenv("KG_DECISIONS", str(decisions))
    out = folder / "dist"
    result = CliRunner().invoke(cli, ["build", "--input", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    dump = (out / "kg.nt").read_text(encoding="utf-8")
    rajak = "<https://kg.example.org/id/person/svetozar-rajak>"
    assert f"{rajak} <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q900000006> ." in dump
    assert f"{rajak} <https://schema.org/sameAs> <http://www.wikidata.org/entity/Q900000006> ." in dump
    assert "Q900000001" not in dump
    # Decided entities are not proposed again; the rejected candidate is gone for good.
    _, again = run_link(endpoint, workspace)
    assert not candidates(again, "svetozar-rajak")
    assert "Q900000001" not in candidates(again, "georgy-malenkov")


def test_apply_folds_decisions_into_the_authority_file(workspace):
    folder, authority, decisions = workspace
    decisions.write_text(HEADER + "svetozar-rajak,person,Svetozar Rajak,accepted,Q900000006,ok,2025-01-01\n"
                         "communist-party-of-the-soviet-union,organization,CPSU,accepted,Q79854,"
                         "second source found,2025-01-01\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["link", "--apply", "--authority", str(authority),
                                      "--decisions", str(decisions)])
    assert result.exit_code == 0, result.output
    assert "applied 2 decision(s)" in result.output
    rows = {row["id"]: row for row in csv.DictReader(authority.open(encoding="utf-8"))}
    assert rows["svetozar-rajak"]["qid"] == "Q900000006" and rows["svetozar-rajak"]["type"] == "person"
    assert rows["communist-party-of-the-soviet-union"]["qid_confidence"] == "accepted"
    assert rows["joseph-stalin"]["qid"] == "Q855"  # everything else as it was
    again = CliRunner().invoke(cli, ["link", "--apply", "--authority", str(authority),
                                     "--decisions", str(decisions)])
    assert "applied 0 decision(s)" in again.output  # applying twice changes nothing


def test_offline_the_bundled_links_stay_and_the_message_is_clear(workspace):
    dead = f"http://127.0.0.1:{free_port()}/sparql"
    result, rows = run_link(dead, workspace, "--retries", "2")
    assert result.exit_code == 1
    assert "cannot use the Wikidata Query Service at http://127.0.0.1" in result.output
    assert "tried 2 time(s)" in result.output
    assert "working offline: the bundled links are kept" in result.output
    assert candidates(rows, "communist-party-of-the-soviet-union")  # the bundled candidate still listed
    assert any("not looked up" in row["evidence"] for row in rows)
