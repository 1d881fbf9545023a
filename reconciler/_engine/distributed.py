"""Run extraction and per-story alignment on a Dask distributed cluster.

``reconcile PATHS --scheduler tcp://HOST:PORT`` connects a :class:`dask.distributed.Client`
to a running scheduler and maps the same top-level functions as the local pool over it;
results come back in input order, so the output is the same, byte for byte, as a local
run. Every worker needs this package installed (``pip install 'reconcile[dask]'``); the
articles travel to the workers with the tasks, so workers need no access to the files.
Dask is imported only here, and only when a scheduler is given.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["Dask", "SchedulerError"]

T = TypeVar("T")
R = TypeVar("R")


class SchedulerError(Exception):
    """Dask is missing, or the scheduler cannot be reached."""


class Dask:
    remote = True

    def __init__(self, address: str, timeout: str = "10s") -> None:
        try:
            # imported as a plain module object, so the type gate is the same with or without the extra
            self._dd: Any = importlib.import_module("dask.distributed")
        except ImportError as e:
            raise SchedulerError("--scheduler needs Dask: pip install 'reconcile[dask]'") from e
        try:
            self._client: Any = self._dd.Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {e}") from e
        self.workers = max(1, sum(w.get("nthreads", 1) for w in
                                  self._client.scheduler_info().get("workers", {}).values()))

    def map(self, fn: Callable[[T], R], chunks: Sequence[T], done: Callable[[int], None]) -> list[R]:
        if not chunks:
            return []
        futures = self._client.map(fn, list(chunks), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        # the client's own loop: this client is not set as the default one
        for f in self._dd.as_completed(futures, loop=self._client.loop):
            done(index[f.key])
        results: list[R] = self._client.gather(futures)
        return results

    def close(self) -> None:
        self._client.close()
