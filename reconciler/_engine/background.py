"""The JSON result and the ledger of a large run, written by a forked child while the report is made."""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import NoReturn

from reconciler._engine.parallel import note_fork
from reconciler.models import Result
from reconciler.output.atomic import write_atomic
from reconciler.output.result import json_chunks

__all__ = ["BACKGROUND_FROM", "outputs_in_background"]

BACKGROUND_FROM = 50_000  # claims: from here on the JSON result and the ledger are written in the background


def outputs_in_background(result: Result, json_path: str | os.PathLike[str],
                          csv_path: str | os.PathLike[str]) -> Callable[[], None]:
    """Start writing the JSON result (:func:`json_chunks`) to ``json_path`` and the CSV ledger
    (:mod:`reconciler.output.ledger`) to ``csv_path``, each as :func:`write_atomic` does; returns the
    function that waits for both to be written (and raises what went wrong); called again, it
    returns at once.

    For a large result both are written by a child process forked now, which has the whole
    result in its memory (nothing is pickled or spilled to a file: at 10,000 articles the
    spill of the claims cost this process about 1.5 s and the worker as much to read back),
    while this process makes the HTML report on the other core. Anything smaller, or where
    a fork is not safe (no ``fork``, or a thread running that could hold a lock the child
    would inherit), is written here and now.
    """
    from reconciler.output.ledger import ledger_csv_chunks

    if len(result.claims) < BACKGROUND_FROM or not _can_fork():
        write_atomic(json_path, json_chunks(result))
        write_atomic(csv_path, ledger_csv_chunks(result))
        return lambda: None
    read_end, write_end = os.pipe()
    note_fork()
    pid = os.fork()
    if pid == 0:  # the child: write both, report a failure through the pipe, and end
        os.close(read_end)
        _child(result, json_path, csv_path, write_end)
    os.close(write_end)
    waited = False

    def finish() -> None:
        nonlocal waited
        if waited:
            return  # (once: a second call, on the way out after an error, has nothing to wait for)
        waited = True
        with os.fdopen(read_end, "rb") as fh:
            report = fh.read()  # until the child ends (the write end closes with it)
        _, status = os.waitpid(pid, 0)
        if report:
            raise pickle.loads(report)
        if status != 0:
            raise RuntimeError(f"the writer of the JSON result and the ledger ended with status {status}")

    return finish


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _child(result: Result, json_path: str | os.PathLike[str], csv_path: str | os.PathLike[str],
           report: int) -> NoReturn:
    """The forked writer: the two files, or what went wrong pickled to ``report``; then it
    ends at once (no exit handlers, no buffers of the parent's flushed twice)."""
    status = 0
    try:
        from reconciler.output.ledger import ledger_csv_chunks

        write_atomic(json_path, json_chunks(result))
        write_atomic(csv_path, ledger_csv_chunks(result))
    except BaseException as exc:  # whatever it is, the parent raises it
        status = 1
        try:
            data = pickle.dumps(exc.with_traceback(None))
        except Exception:  # an exception that cannot be pickled: its text
            data = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
        try:
            with os.fdopen(report, "wb") as fh:
                fh.write(data)
        except OSError:
            pass
    finally:
        os._exit(status)
