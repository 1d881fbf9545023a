"""Progress of a long run: a rich progress bar on a terminal, nothing otherwise.

The pipeline reports stages (``start``), work done (``advance``) and the end (``close``)
to a :class:`Progress`. :class:`Silent` ignores it all. :class:`Bar` draws on standard
error, but only once a stage has at least ``min_total`` items, so short runs never import
rich and print nothing.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Protocol, TextIO

__all__ = ["Bar", "Progress", "Silent", "for_terminal"]


class Progress(Protocol):
    def start(self, stage: str, total: int | None = None) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def close(self) -> None: ...


class Silent:
    """Reports nothing."""

    def start(self, stage: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class Bar:
    """A rich progress bar on ``stream`` (standard error), one line per stage."""

    def __init__(self, stream: TextIO | None = None, min_total: int = 100) -> None:
        self.stream = stream or sys.stderr
        self.min_total = min_total
        self._progress: Any = None
        self._task: Any = None

    def start(self, stage: str, total: int | None = None) -> None:
        if self._progress is None:
            if total is None or total < self.min_total:
                return
            self._open()
        self._finish_task()
        self._task = self._progress.add_task(stage, total=total)
        self._progress.refresh()

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)
            self._progress.refresh()

    def close(self) -> None:
        if self._progress is not None:
            self._finish_task()
            self._progress.stop()
            self._progress = None

    def _finish_task(self) -> None:
        if self._task is not None:
            task = self._progress.tasks[-1]
            if task.total is not None:
                self._progress.update(self._task, completed=task.total)
            else:
                self._progress.update(self._task, total=1, completed=1)
            self._task = None

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        # no refresh thread: the bar is redrawn when work is reported, so worker
        # processes are never forked while a thread holds a lock
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description:<8}"), BarColumn(),
                                  MofNCompleteColumn(), TimeElapsedColumn(),
                                  console=Console(file=self.stream), auto_refresh=False, transient=False)
        self._progress.start()


def for_terminal(quiet: bool, stream: TextIO | None = None) -> Progress:
    """A :class:`Bar` when ``stream`` (standard error) is a terminal, not quiet and not in CI."""
    stream = stream or sys.stderr
    if quiet or os.environ.get("CI") or not _isatty(stream):
        return Silent()
    return Bar(stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
