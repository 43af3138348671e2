"""kg: archive records to a validated, Wikidata-linked knowledge graph.

The pipeline's stages, for notebook use without the CLI::

    from kg import read_record, map_record, validate, build
"""

__version__ = "0.1.0"

from kg.build import BuildResult, build  # noqa: E402
from kg.entities import entity_stage, load_authority  # noqa: E402
from kg.errors import EndpointError, KgError, QueryError, RecordError, UsageError  # noqa: E402
from kg.mapper import map_record  # noqa: E402
from kg.reader import parse_record, read_record, read_records  # noqa: E402
from kg.records import Record  # noqa: E402
from kg.validate import Report, Violation, validate, validate_files  # noqa: E402
from kg.vocab import DEFAULT_BASE_IRI, IriMinter  # noqa: E402

__all__ = [
    "DEFAULT_BASE_IRI",
    "BuildResult",
    "EndpointError",
    "IriMinter",
    "KgError",
    "QueryError",
    "Record",
    "RecordError",
    "Report",
    "UsageError",
    "Violation",
    "__version__",
    "build",
    "entity_stage",
    "load_authority",
    "map_record",
    "parse_record",
    "read_record",
    "read_records",
    "validate",
    "validate_files",
]
