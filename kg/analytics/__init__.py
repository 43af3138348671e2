"""Archive-wide analytics, precomputed at build time as derived resources in the published graph.

What a query over the whole archive would have to scan or join for every request — which
persons are mentioned together, who wrote to whom, how many resources of each class, which
entity a name means — is computed once per build and published beside the records:

=================  ===========================================================
``facts``          :func:`record_facts`: what one record contributes, from its N-Triples
``comentions``     ``kg:CoMention`` pairs of persons, the strongest, ranked
``correspondence`` ``kg:Correspondence`` edges sender -> recipient, ranked
``partitions``     VoID class partitions (``void:classPartition``)
``name_index``     ``kg:nameToken``: the folded words of persons' and archives' names
``listings``       ``kg:Listing``: the listing queries' answers in order, for pages by lookup
``terms``          IRIs under ``id:dataset/`` and N-Triples lines
=================  ===========================================================

The map stage keeps each record's :class:`RecordFacts` in its cached meta; the publish stage
calls :func:`analytics_lines` once over the facts of every published record and merges the
lines into ``kg.nt`` with the chunks; the listings, millions of lines at 100,000 records, are
streamed from sorted run files (:func:`listing_lines`).  Everything is a pure function of the published records'
facts, so the lines are the same however the build ran (parallel, incremental, sharded).
docs/model.md, "Derived resources", describes the resources; ``shapes/analytics.ttl`` checks them.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.analytics.comentions import MAX_PAIRS, CoMentions
from kg.analytics.correspondence import Correspondence
from kg.analytics.facts import RecordFacts, mapped_facts, record_facts
from kg.analytics.listings import listing_lines, root_lines
from kg.analytics.name_index import NameIndex
from kg.analytics.partitions import ClassPartitions
from kg.scale.chunks import sort_form


def analytics_lines(facts: Iterable[RecordFacts], *, base: str, other_lines: Iterable[str] = (),
                    max_pairs: int = MAX_PAIRS) -> list[str]:
    """The derived resources of the published records' ``facts``, as sorted sort-form lines.

    ``other_lines`` (N-Triples, dump form) are the rest of the graph that is not the records'
    — the dataset description — whose resources the class partitions count too.
    """
    partitions = ClassPartitions(base)
    derived = [CoMentions(base, max_pairs), Correspondence(base), NameIndex()]
    for record in facts:  # one pass over the records
        partitions.add(record)
        for accumulator in derived:
            accumulator.add(record)
    lines = [line for accumulator in derived for line in accumulator.lines()] + root_lines(base)
    partitions.add_lines(lines)
    partitions.add_lines(other_lines)
    return sorted(sort_form(line) for line in [*lines, *partitions.lines()])


__all__ = ["MAX_PAIRS", "RecordFacts", "analytics_lines", "listing_lines", "mapped_facts", "record_facts"]
