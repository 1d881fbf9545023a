"""The JSON result and the ledger of a large run, written by a second process while the report is made."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reconciler.models import Claim, Result
from reconciler.output.atomic import _TMP_SUFFIX, atomic_file, remove_stale_temps, temp_prefix, write_atomic
from reconciler.output.result import json_chunks

if TYPE_CHECKING:
    from reconciler._engine.parallel import Processes



# ---------------------------------------------------------------------------------------
# the JSON result and the ledger of a large run, written by a second process


BACKGROUND_FROM = 50_000  # claims: from here on the JSON result and the ledger are written in the background
_SPILL_BATCH = 4096  # claims pickled together


def outputs_in_background(result: Result, json_path: str | os.PathLike[str], csv_path: str | os.PathLike[str],
                          pool: Processes | None = None) -> Callable[[], None]:
    """Start writing the JSON result (:func:`json_chunks`) to ``json_path`` and the CSV ledger
    (:mod:`reconciler.output.ledger`) to ``csv_path``, each as :func:`write_atomic` does; returns the
    function that waits for both to be written (and raises what went wrong).

    For a large result both are written by one worker of ``pool`` (the run's, started before
    the corpus was read, so small), in one pass over the claims, while this process makes
    the HTML report on the other core (two writers beside it measured slower: three busy
    processes on two cores slow the report down more than they gain). The worker gets the
    result through a temporary file beside the JSON (the parts that stay small, then the
    claims in batches), reads it a batch at a time, and deletes it as soon as it has it
    open. Anything smaller, or without a running pool, is written here and now.
    """
    from reconciler.output.ledger import ledger_csv_chunks

    if pool is None or not pool.started or len(result.claims) < BACKGROUND_FROM:
        write_atomic(json_path, json_chunks(result))
        write_atomic(csv_path, ledger_csv_chunks(result))
        return lambda: None
    import pickle

    target = Path(json_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    fd, spill = tempfile.mkstemp(prefix=f"{temp_prefix(target)}{os.getpid()}.", suffix=_TMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((len(result.claims), result.sources, result.groups, result.findings, result.skipped), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
            for k in range(0, len(result.claims), _SPILL_BATCH):
                pickle.dump(result.claims[k:k + _SPILL_BATCH], fh, protocol=pickle.HIGHEST_PROTOCOL)
        job = pool.submit(_outputs_from_spill, spill, str(target), os.fspath(csv_path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(spill)
        raise

    def finish() -> None:
        try:
            job.result()
        finally:
            with contextlib.suppress(OSError):
                os.unlink(spill)  # (if it did not get as far as opening it)

    return finish


@contextlib.contextmanager
def _spilled(spill: str) -> Iterator[tuple[Result, int, Iterator[list[Claim]]]]:
    """The result in a spill file: its small parts (without claims), the number of claims,
    and the claims a batch at a time. The file's name is removed as soon as it is open."""
    import pickle

    from reconciler._engine.memory import gc_paused

    with open(spill, "rb") as fh, gc_paused():
        with contextlib.suppress(OSError):
            os.unlink(spill)  # nothing is left behind, whatever happens next
        count, sources, groups, findings, skipped = pickle.load(fh)

        def batches() -> Iterator[list[Claim]]:
            seen = 0
            while seen < count:
                batch = pickle.load(fh)
                seen += len(batch)
                yield batch

        yield Result(sources=sources, claims=(), groups=groups, findings=findings, skipped=skipped), count, batches()


class _Streamed:
    """Claims as :func:`json_chunks` takes them, read as they are written: their number, then each."""

    def __init__(self, count: int, batches: Iterator[list[Claim]]) -> None:
        self.count, self.batches = count, batches

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Claim]:
        for batch in self.batches:
            yield from batch


def _outputs_from_spill(spill: str, json_path: str, csv_path: str) -> None:
    """The worker's part of :func:`outputs_in_background`: the spill file to the JSON result
    and the CSV ledger, in one pass over the claims."""
    from reconciler.output.ledger import LedgerRows

    with _spilled(spill) as (result, count, batches):
        rows = LedgerRows(result.sources, result.groups, result.findings)
        header = True
        with atomic_file(csv_path) as ledger:

            def each(batch: list[Claim]) -> list[Claim]:
                nonlocal header
                ledger.write(rows.csv(batch, header).encode("utf-8"))
                header = False
                return batch

            claims: Any = _Streamed(count, map(each, batches))  # (a tuple's part, once)
            write_atomic(json_path, json_chunks(dataclasses.replace(result, claims=claims)))
            if header:  # no claims: the ledger is its header
                ledger.write(rows.csv((), True).encode("utf-8"))


