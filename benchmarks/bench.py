"""The scale benchmark from a checkout, without installing kg: ``python benchmarks/bench.py --help``.

The same as ``kg bench`` (kg/cli/bench.py, kg/benchmark/); see docs/scale.md.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.cli.bench import bench_command  # noqa: E402  (after the path is set)

if __name__ == "__main__":
    bench_command(prog_name="benchmarks/bench.py")
