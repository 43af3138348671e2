"""Wall time per build stage, for ``build(timings=...)`` and ``kg bench``."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

_running: list[str] = []  # the stages now timed in this process, innermost last


def current_stage() -> str | None:
    """The innermost stage now timed in this process (read by kg.benchmark's memory sampler)."""
    return _running[-1] if _running else None


class StageClock:
    """Adds each stage's wall seconds to ``timings`` (when given); worker CPU as ``cpu:<stage>``."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        _running.append(stage)
        try:
            yield
        finally:
            _running.pop()
            self.add(stage, time.perf_counter() - started)

    def add(self, stage: str, seconds: float) -> None:
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + seconds

    def add_cpu(self, seconds_by_stage: dict[str, float]) -> None:
        for stage, seconds in seconds_by_stage.items():
            self.add(f"cpu:{stage}", seconds)
