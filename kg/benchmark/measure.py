"""Measuring a run: wall time per stage and peak memory of the whole process tree.

``resource.getrusage`` gives the peak RSS of this process and, separately, of its largest
waited-for child; a build with a worker pool uses all of them at once, so we also sample
the *tree* (this process and every descendant) a few times a second and keep the peak of
its summed PSS (proportional set size: pages shared after ``fork`` are counted once, not
once per worker, which summed RSS would do).
"""

from __future__ import annotations

import contextlib
import os
import resource
import threading
import time
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in task.read_text().split()]
    return found


def _tree(pid: int) -> list[int]:
    pids, pending = [], [pid]
    while pending:
        current = pending.pop()
        pids.append(current)
        pending += _children(current)
    return pids


def _pss_bytes(pid: int) -> int:
    """Proportional set size from smaps_rollup; resident size when that is unavailable."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0  # the process ended between listing and reading


class TreeMemorySampler:
    """Samples the summed PSS of this process tree in a background thread; ``peak`` in bytes.

    To tell what the peak is made of, it also keeps the peak of each build stage running at
    the time (:func:`kg.scale.clock.current_stage`), and each process's share at the peak
    (this process first).
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self.peak_by_stage: dict[str, int] = {}
        self.peak_by_process: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="rss-sampler")

    def _run(self) -> None:
        from kg.scale.clock import current_stage

        root = os.getpid()
        while not self._stop.is_set():
            stage = current_stage()  # before the reading: a stage that ends meanwhile is not charged
            shares = [_pss_bytes(pid) for pid in _tree(root)]
            total = sum(shares)
            if total > self.peak:
                self.peak, self.peak_by_process = total, shares[:1] + sorted(shares[1:], reverse=True)
            if stage is not None:
                self.peak_by_stage[stage] = max(self.peak_by_stage.get(stage, 0), total)
            self._stop.wait(self.interval)

    def __enter__(self) -> "TreeMemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def rusage_summary() -> dict[str, float]:
    """Peak RSS (MiB) of this process and of its largest finished child, and the CPU seconds
    of both (user + system): CPU seconds over wall seconds says how many cores were busy."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return {
        "self_peak_rss_mib": own.ru_maxrss / 1024,  # ru_maxrss is in KiB on Linux
        "children_peak_rss_mib": children.ru_maxrss / 1024,
        "cpu_s": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
    }


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
