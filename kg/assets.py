"""Where the bundled assets live: ontology, shapes, queries and the seed corpus.

In a checkout (or an editable install) they are the top-level folders beside
``kg/``; in a wheel they are copied to ``kg/_assets/``.  Nothing else in kg
locates files relative to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def asset_dir(name: str) -> Path:
    """The folder of bundled asset ``name`` ("ontology", "shapes", "queries", "seeds")."""
    for candidate in (_PACKAGE / "_assets" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's bundled {name}/ folder is missing from {_PACKAGE}")


def data_file(name: str) -> Path:
    """A data file shipped inside the package (``kg/data/``)."""
    return _PACKAGE / "data" / name
