"""The build cache (``kg build --cache DIR``): what each record became, keyed by what could change it.

A record's result (its pieces of the dumps and per-document Turtle, kg/scale/pieces.py, or its
violations or read error) depends only on its file name and bytes and on the build's *settings*: kg's code and
data, the shapes, the authority file, the base IRI and the SHACL engine.  The cache key is the
SHA-256 of those, so an unchanged record is never read, mapped or validated again and a
changed one always is.

One cache serves one output folder: the index is by input path, and objects the last build
did not use are removed.  Looking a record up must not cost a read of every input either: the index remembers each
path's ``stat`` signature (size, mtime, ctime, inode), like git's index; only a path whose
signature changed is hashed, and only a path whose *content key* is new is processed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.analytics.facts import RecordFacts
from kg.assets import asset_dir
from kg.scale.pieces import PIECES, OwnBlock
from kg.validate import Violation

_INDEX = "index.pickle"
_FORMAT = 2  # bump when RecordMeta or the object layout changes

# Code that cannot change what a record maps to; editing it keeps the cache.
_NOT_MAPPING = {"benchmark", "synth", "cli", "query", "__pycache__"}


@dataclass(frozen=True)
class RecordMeta:
    """What became of one record, without its triples (those are in its cache objects)."""

    source: str  # file name
    key: str | None  # content key: names the cached objects; None when the file could not be hashed
    doc_id: str | None = None
    doc_line: int | None = None
    violations: tuple[Violation, ...] = ()
    error_line: int | None = None  # a RecordError: its line and problem (the path is added when shown)
    error: str | None = None
    mapping_failed: bool = False  # ``error`` is then the whole message: a kg bug, not bad input
    digest: str | None = None  # SHA-256 of its N-Triples, for the build fingerprint
    lines: int = 0
    block: OwnBlock | None = None  # where its own lines go in the dumps; None unless it is valid
    facts: RecordFacts | None = None  # what it brings to the archive-wide analytics, when valid

    @property
    def read(self) -> bool:
        """Whether the reader could read the record (it may still have failed to map)."""
        return self.error is None or self.mapping_failed

    @property
    def has_pieces(self) -> bool:
        """Whether it was mapped and valid, so its pieces of the dumps are in the cache."""
        return self.block is not None


def _hash_tree(digest, root: Path, skip: set[str] = frozenset()) -> None:
    for path in sorted(root.rglob("*")):
        parts = set(path.relative_to(root).parts)
        if path.is_file() and not parts & skip and path.suffix != ".pyc":
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")


def settings_fingerprint(*, base: str, engine: str) -> str:
    """SHA-256 of everything besides the record that shapes a record's result."""
    from kg.entities.authority import default_authority_path
    from kg.entities.decisions import default_decisions_path

    digest = hashlib.sha256(f"kg {__version__}\nformat {_FORMAT}\nbase {base}\nengine {engine}\n".encode())
    package = Path(__file__).resolve().parent.parent
    _hash_tree(digest, package, _NOT_MAPPING)
    for name in ("shapes", "ontology"):
        _hash_tree(digest, asset_dir(name))
    for path in (default_authority_path(), default_decisions_path()):  # may be outside kg (env vars)
        digest.update(str(path).encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()


def content_key(settings: str, name: str, sha256: str) -> str:
    return hashlib.sha256(f"{settings}\0{name}\0{sha256}".encode()).hexdigest()


def stat_signature(stat: os.stat_result) -> tuple[int, ...]:
    # ctime too: it changes on every write and cannot be set back, unlike mtime.
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


@dataclass
class BuildCache:
    """The cache folder: content-keyed objects plus an index by input path."""

    root: Path
    settings: str
    by_path: dict[str, tuple[tuple[int, ...], RecordMeta]] = field(default_factory=dict)
    by_key: dict[str, RecordMeta] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path, settings: str) -> "BuildCache":
        cache = cls(root, settings)
        try:
            with (root / _INDEX).open("rb") as handle:
                saved = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return cache  # no index yet, or an unreadable one: start afresh
        if saved.get("format") == _FORMAT and saved.get("settings") == settings:
            cache.by_path = saved["by_path"]
            cache.by_key = {meta.key: meta for _, meta in cache.by_path.values() if meta.key}
        else:  # other code or settings: nothing in here can be used again
            shutil.rmtree(root / "objects", ignore_errors=True)
            shutil.rmtree(root / "runs", ignore_errors=True)
        return cache

    @property
    def objects(self) -> Path:
        return self.root / "objects"

    def object_path(self, key: str, suffix: str) -> Path:
        return self.objects / key[:2] / f"{key}{suffix}"

    def lookup(self, path: Path, signature: tuple[int, ...]) -> RecordMeta | None:
        """The cached result of ``path`` if its stat signature is unchanged."""
        known = self.by_path.get(str(path))
        if known is not None and known[0] == signature and self._complete(known[1]):
            return known[1]
        return None

    def lookup_content(self, name: str, sha256: str) -> RecordMeta | None:
        """The cached result of these bytes under this file name, whatever path they came from."""
        meta = self.by_key.get(content_key(self.settings, name, sha256))
        return meta if meta is not None and self._complete(meta) else None

    def _complete(self, meta: RecordMeta) -> bool:
        return not meta.has_pieces or all(self.object_path(meta.key, suffix).is_file() for suffix in PIECES)

    def save(self, entries: dict[str, tuple[tuple[int, ...], RecordMeta]]) -> None:
        """Write the new index and remove objects only the old one used."""
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.root / f".{_INDEX}.{os.getpid()}.tmp"
        with temporary.open("wb") as handle:
            pickle.dump({"format": _FORMAT, "settings": self.settings, "by_path": entries}, handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.root / _INDEX)
        live = {meta.key for _, meta in entries.values() if meta.key}
        for _, meta in self.by_path.values():
            if meta.key and meta.key not in live:
                for suffix in PIECES:
                    self.object_path(meta.key, suffix).unlink(missing_ok=True)
