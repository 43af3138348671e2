"""The build at archive scale: parallel map stage, content-keyed cache, streaming merge, shards.

``kg.build.build`` is the entry point; docs/scale.md explains the design and the numbers.

========== ==================================================================
module     what it does
========== ==================================================================
worker     one record -> violations and, when valid, its pieces (in a worker process)
pieces     a record's own block in the three dump formats, its shared lines, its Turtle
mapstage   every input -> its result, from the cache or the workers
cache      the content-keyed cache and its index (``kg build --cache DIR``)
shacl      validation of a record (map stage), the merged shared graph and files (kg validate)
chunks     sort-form N-Triples lines, line files, the streaming merge
runs       buckets of shared lines merged into cached runs
assemble   blocks and shared lines -> kg.nt, kg.ttl, kg.jsonld in one pass
publish    the publish stage: dumps, the merged graph's check, documents, report, store
store      the on-disk pyoxigraph store for ``kg query``
shards     ``--shard i/n`` map stages and publishing them together
pool       the worker processes (or none, for small builds)
clock      stage timings for ``kg bench``
========== ==================================================================
"""
