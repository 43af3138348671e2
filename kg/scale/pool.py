"""Worker processes for the build, or none: the same calls either way.

A process pool pays for itself only with enough records to share out; below
``MIN_PARALLEL`` items (and with ``jobs=1``) the work runs in this process, which
also keeps small builds and the test suite free of process start-up.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from kg.errors import UsageError
from kg.scale import worker
from kg.scale.worker import WorkerSettings

MIN_PARALLEL = 16


def resolve_jobs(jobs: int | None) -> int:
    if jobs is None:
        return os.cpu_count() or 1
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    return jobs


class Workers:
    """``map`` over a lazily started process pool, and ``submit_apart``; or both in this process."""

    def __init__(self, jobs: int, settings: WorkerSettings) -> None:
        self.jobs = jobs
        self.settings = settings
        self._pool: ProcessPoolExecutor | None = None
        self._local_ready = False
        self._apart: list[ProcessPoolExecutor] = []

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        for pool in [self._pool, *self._apart]:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def _parallel(self, items: int) -> bool:
        if self.jobs == 1 or items < MIN_PARALLEL and self._pool is None:
            if not self._local_ready:
                worker.init(self.settings)
                self._local_ready = True
            return False
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.jobs, initializer=worker.init, initargs=(self.settings,))
        return True

    @property
    def parallel(self) -> bool:
        """Whether a pool is running (set up by an earlier :meth:`map` with enough work)."""
        return self._pool is not None

    def map(self, function: Callable, items: list, *, size: int) -> Iterator:
        """``function(item)`` for each item, in order (``size`` says how much work there is)."""
        if self._parallel(size):
            return self._pool.map(function, items)
        return map(function, items)

    def release(self) -> None:
        """Stop the pool's workers, which keep the memory their work left them (0.36 GiB in
        all at 100,000 records) until the pool ends; a later :meth:`map` starts a new pool."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def submit_apart(self, function: Callable, *args, size: int) -> Future:
        """Run ``function(*args)`` beside the caller in a process of its own, which exits when done.

        For work that leaves much memory behind (the merged graph's check: about 0.55 GiB at
        100,000 records, kept by a pool's worker through the store load that follows). With one
        job, or under ``MIN_PARALLEL`` items of work, it runs now, in this process.
        """
        if self.jobs == 1 or size < MIN_PARALLEL:
            future: Future = Future()
            try:
                future.set_result(function(*args))
            except Exception as error:  # raised by .result(), as it would be from a process
                future.set_exception(error)
            return future
        # A forked child starts with this process's modules and compiled shapes: no initializer.
        apart = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = apart.submit(function, *args)
        future.add_done_callback(lambda _: apart.shutdown(wait=False))
        self._apart.append(apart)
        return future


def batches(items: list, jobs: int, *, largest: int = 64) -> list[list]:
    """Split work into batches: several per job (to balance), none too large (to stream)."""
    size = max(1, min(largest, len(items) // (jobs * 4) or 1))
    return [items[start:start + size] for start in range(0, len(items), size)]
