"""The build at archive scale: parallel map stage, content-keyed cache, streaming merge, shards.

``kg.build.build`` is the entry point; docs/scale.md explains the design and the numbers.

========== ==================================================================
module     what it does
========== ==================================================================
worker     one record -> sorted N-Triples chunk + violations (in a worker process)
mapstage   every input -> its result, from the cache or the workers
cache      the content-keyed cache and its index (``kg build --cache DIR``)
shacl      validation of a record (in the map stage) and of files (kg validate), per engine
chunks     sort-form N-Triples lines, chunk files, the streaming merge
runs       buckets of chunks merged into cached runs
publish    runs -> kg.nt -> kg.ttl / kg.jsonld / store, documents, report
store      the on-disk pyoxigraph store for ``kg query``
shards     ``--shard i/n`` map stages and publishing them together
pool       the worker processes (or none, for small builds)
clock      stage timings for ``kg bench``
========== ==================================================================
"""
