from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = Path(__file__).resolve().parent / "expected"
SEED_BERIA = SEEDS / "000_b15e87d12b1721f2.txt"
SEED_KHRUSHCHEV = SEEDS / "004_5d627ae21579287d.txt"


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory):
    """The seeds built once per test session with the library API (``kg build``'s engine)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("dist")
    return build(SEEDS, out)
