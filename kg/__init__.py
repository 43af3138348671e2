"""kg: archive records to a validated, Wikidata-linked knowledge graph."""

__version__ = "0.1.0"
