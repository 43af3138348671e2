"""The naive baseline: how the build would look written the obvious way with rdflib.

Same reader and the same per-record mapping as the real build (so only the machinery
differs), then one in-memory rdflib Graph of everything, one whole-graph pySHACL run and
rdflib's own Turtle and N-Triples serializers.  It writes less than the real build (no
JSON-LD, no per-document files, no report), so the speed-up it shows is a lower bound.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.scale.clock import StageClock


def naive_build(input_dir: Path, out: Path, stage: StageClock) -> dict:
    from kg.entities import load_authority
    from kg.errors import RecordError
    from kg.reader import read_records
    from kg.scale.worker import record_graphs
    from kg.validate import validate
    from kg.vocab import IriMinter

    graph = Graph()
    records = rejected = 0
    with stage("read+map"):
        minter, authority = IriMinter(), load_authority()
        for item in read_records(input_dir):
            records += 1
            if isinstance(item, RecordError):
                rejected += 1
                continue
            for part in record_graphs(item, minter=minter, authority=authority):
                graph += part
    with stage("validate"):
        report = validate(graph, engine="pyshacl")
    with stage("write"):
        out.mkdir(parents=True, exist_ok=True)
        graph.serialize(out / "kg.ttl", format="turtle")
        graph.serialize(out / "kg.nt", format="nt")
    return {"records": records, "rejected": rejected, "triples": len(graph), "violations": len(report.violations)}

