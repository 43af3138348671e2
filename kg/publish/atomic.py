"""Write, then rename: a crash or Ctrl-C never leaves a truncated file where a dump was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes 0600; published files are world-readable
    try:
        yield temporary
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_writer(target: Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``target`` for writing; rename it over ``target`` when done."""
    encoding = None if "b" in mode else "utf-8"
    with atomic_path(target) as temporary, temporary.open(mode, encoding=encoding, newline="\n" if encoding else None) as handle:
        yield handle
