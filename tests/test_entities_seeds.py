"""The issue's "done when" on the seeds: recognise, merge, link right, measure."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict

import pytest
from rdflib import OWL, URIRef

from kg.entities import entity_stage, recognise
from kg.entities.recognise import bundled_authority
from kg.mapper import map_record
from kg.vocab import SDO, IriMinter
from tests.entities_support import EXPECTED, ROOT, seed, seed_records

MINTER = IriMinter()
REQUIRED = ["lavrentiy-beria", "georgy-malenkov", "nikita-khrushchev", "nikolai-bulganin", "joseph-stalin",
            "imre-nagy", "dwight-d-eisenhower", "winston-churchill", "josip-broz-tito", "milovan-djilas"]


@pytest.fixture(scope="module")
def expected():
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graphs():
    authority = bundled_authority()
    return {r.doc_id.value: entity_stage(r, minter=MINTER, authority=authority) for r in seed_records()}


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("entity_quality", ROOT / "scripts" / "entity_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_the_ten_people_are_recognised_across_the_seeds():
    keys = {m.entity for record in seed_records() for m in recognise(record)}
    assert set(REQUIRED) <= keys


def test_spellings_merge_into_one_person(expected):
    forms = defaultdict(set)
    for record in seed_records():
        for mention in recognise(record):
            forms[mention.surface].add(mention.entity)
    for entity, surfaces in expected["forms"].items():
        if entity == "about":
            continue
        for surface in surfaces:
            assert forms[surface] == {entity}, surface


def test_verified_qids_are_linked_and_nothing_else(graphs, expected):
    links = {}
    for graph in graphs.values():
        for entity, same in graph.subject_objects(OWL.sameAs):
            links[str(entity).rsplit("/", 1)[-1]] = str(same).rsplit("/", 1)[-1]
    for key, qid in links.items():
        assert expected["links"].get(key) == qid, f"{key} linked to {qid}"
    for key, qid in expected["links"].items():
        assert links.get(key) == qid, f"{key} not linked to {qid}"
    for unverified in ("georgy-malenkov", "nikolai-bulganin", "imre-nagy", "josip-broz-tito",
                       "milovan-djilas", "lithuanian-ssr"):
        assert unverified not in links


def test_creators_are_not_listed_as_mentioned(graphs):
    assert URIRef(MINTER.person("lavrentiy-beria")) not in set(graphs["111310"].objects(
        MINTER.document("111310"), SDO.mentions))
    assert URIRef(MINTER.person("nikita-khrushchev")) not in set(graphs["112968"].objects(
        MINTER.document("112968"), SDO.mentions))
    assert URIRef(MINTER.person("lavrentiy-beria")) in set(graphs["112968"].objects(
        MINTER.document("112968"), SDO.mentions))


def test_mapper_and_entity_stage_agree_on_agent_iris():
    """The mapper, given the authority's resolver, mints the IRIs the mentions point at."""
    authority = bundled_authority()
    record = seed("112968")
    mapped = map_record(record, minter=MINTER, resolver=authority.resolver)
    mentions = entity_stage(record, minter=MINTER, authority=authority)
    tito = MINTER.person("josip-broz-tito")
    assert (MINTER.document("112968"), SDO.recipient, tito) in mapped
    assert (MINTER.document("112968"), SDO.mentions, tito) in mentions


def test_seed_graphs_conform_to_the_shapes(graphs):
    from kg.validate import validate

    for doc_id, graph in graphs.items():
        report = validate(graph)
        assert report.conforms, (doc_id, [v.sentence() for v in report.violations])


def test_quality_meets_the_targets(quality, expected):
    report = quality.evaluate(list(seed_records()), expected, bundled_authority())
    assert report.mentioned["person"].recall >= 0.9
    assert report.links.precision == 1.0
    assert report.ok


def test_quality_script_prints_precision_and_recall_per_type(quality, capsys):
    assert quality.main([]) == 0
    out = capsys.readouterr().out
    for word in ("person", "organization", "place", "creator", "sameAs", "precision", "recall"):
        assert word in out


def test_quality_report_counts_false_links(quality, expected):
    wrong = json.loads(json.dumps(expected))
    wrong["links"]["joseph-stalin"] = "Q1"  # pretend the gold item were another one
    report = quality.evaluate(list(seed_records()), wrong, bundled_authority())
    assert report.links.precision < 1.0 and not report.ok
