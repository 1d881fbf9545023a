"""The live desk's state: the last good run of a corpus, its report page with the desk's
controls, the editor's decisions, and the watch on the folder that re-runs it.

:class:`Desk` is what :mod:`reconciler.desk.server` serves. Every method may be called from
any thread: one lock guards the state, another serialises the decisions file (read, change,
write, within one lock, so two tabs deciding at once lose nothing), and a re-run happens
outside both (the page keeps being served from the last good run meanwhile).
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reconciler.desk import decisions as review
from reconciler.desk import history
from reconciler.models import Result
from reconciler.pipeline import Options, reconcile
from reconciler.read.listing import list_articles

ASSETS = Path(__file__).parent / "assets"
Snapshot = frozenset[tuple[str, int, int]]  # (path, mtime_ns, size) of each article file


def _now() -> str:
    return _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")


def snapshot(corpus: Path) -> Snapshot:
    """The article files under ``corpus`` (as a run lists them) with their times and sizes:
    a different snapshot means something was added, saved, renamed or removed."""
    try:
        found, _ = list_articles([corpus])
    except Exception:  # the folder is gone or unreadable: the re-run will say why
        return frozenset()
    out = set()
    for path, _ in found:
        try:
            st = os.stat(path)
        except OSError:
            out.add((path, -1, -1))
            continue
        out.add((path, st.st_mtime_ns, st.st_size))
    return frozenset(out)


def _file_stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


@dataclass
class Run:
    """One good run: its result (and as JSON data, what decisions are made against), what
    changed since the run before it, and when it was made."""

    number: int
    result: Result
    data: dict[str, Any]
    changes: history.Changes
    when: str


@dataclass
class Desk:
    corpus: Path
    token: str
    options: Options = field(default_factory=Options)
    history_file: Path | None = None  # the last command-line run's history, to compare the first run with
    title: str = ""  # the story's name for the page heading ("" : the corpus folder's name)
    run: Run | None = None
    error: str = ""  # why the latest re-run failed ("" when it did not)
    error_when: str = ""
    running: bool = False
    decisions_version: int = 0
    _state: dict[str, Any] | None = None
    _seen: Snapshot = frozenset()
    _decisions_stamp: tuple[int, int] = (-1, -1)
    _page: tuple[tuple[int, int], str] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _write_lock: threading.Lock = field(default_factory=threading.Lock)
    _rerun_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def decisions_file(self) -> Path:
        return review.decisions_path([self.corpus])

    # ------------------------------------------------------------------ running
    def rerun(self) -> bool:
        """Run the pipeline on the corpus; on success it becomes the run served, on failure
        the last good run stays and :attr:`error` says why. True when it succeeded."""
        with self._rerun_lock:
            seen = snapshot(self.corpus)
            with self._lock:
                self.running = True
            try:
                result = reconcile([self.corpus], self.options)
                from reconciler.output.result import to_dict

                data = to_dict(result)
            except Exception as e:  # any failure is shown on the page, the server goes on
                why = str(e) or type(e).__name__
                with self._lock:
                    self.running, self.error, self.error_when, self._seen = False, why, _now(), seen
                return False
            when = _now()
            with self._lock:
                if self._state is None and self.history_file is not None:
                    self._state = history.load_state(self.history_file)
                self._state, before = history.advance(self._state, result, when)
                number = (self.run.number + 1) if self.run else 1
                self.run = Run(number, result, data, history.compare(before, result), when)
                self.running, self.error, self.error_when, self._seen = False, "", "", seen
                self._page = None
            return True

    def poll(self) -> bool:
        """One look at the folder (and the decisions file): re-run when an article was added,
        saved or removed since the last run and is no longer changing. True if it re-ran."""
        stamp = _file_stamp(self.decisions_file)
        with self._lock:
            if stamp != self._decisions_stamp:
                self._decisions_stamp = stamp
                self.decisions_version += 1
                self._page = None
        now = snapshot(self.corpus)
        if now == self._seen:
            return False
        if snapshot(self.corpus) != now:  # still being written: the next poll will see it settled
            return False
        return self.rerun()

    def watch(self, stop: threading.Event, interval: float = 1.0) -> None:
        """Poll every ``interval`` seconds until ``stop`` is set."""
        while not stop.wait(interval):
            try:
                self.poll()
            except Exception:  # the watch must outlive a bad moment of the folder
                traceback.print_exc()

    # ------------------------------------------------------------------ the page
    def page(self) -> str:
        """The report of the last good run with the desk's controls (cached per run and
        decisions version)."""
        with self._lock:
            run = self.run
            key = (run.number if run else 0, self.decisions_version)
            if self._page is not None and self._page[0] == key:
                return self._page[1]
        if run is None:
            raise RuntimeError("no good run yet")
        from reconciler.report import Addon, render_html

        try:
            resolution: review.Resolution | None = review.resolve(
                run.result, review.load(self.decisions_file), str(self.decisions_file))
        except review.DecisionError:
            resolution = None
        addon = Addon(style=_asset("desk.css"), script=_asset("desk.js"), connect=True,
                      meta=(("reconcile-desk-token", self.token), ("reconcile-desk-run", str(key[0])),
                            ("reconcile-desk-decisions", str(key[1]))))
        html = render_html(run.result, generated_at=run.when, review=resolution, changes=run.changes, addon=addon,
                           title=self.title or self.corpus.resolve().name)
        with self._lock:
            self._page = (key, html)
        return html

    def status(self) -> dict[str, Any]:
        with self._lock:
            run = self.run
            ch = run.changes if run else None
            return {
                "run": run.number if run else 0,
                "decisions": self.decisions_version,
                "when": run.when if run else "",
                "running": self.running,
                "error": self.error,
                "error_when": self.error_when,
                "changes": None if ch is None or ch.first else
                {"new": ch.count("new"), "resolved": ch.count("resolved"), "changed": ch.count("changed")},
            }

    # ------------------------------------------------------------------ deciding
    def decide(self, finding: str, status: str, *, note: str = "", corrected: str = "",
               by: str = "") -> review.Decision:
        """Record a decision on a finding of the current run (replacing any it had)."""
        return self._change(lambda ds, run: _decide(ds, run, finding, status, note, corrected, by))

    def undo(self, finding: str) -> review.Decision:
        """Remove the decision that holds ``finding`` (the one shown on it)."""
        return self._change(lambda ds, run: _undo(ds, run, finding))

    def _change(self, how: Callable[[list[review.Decision], Run], tuple[list[review.Decision], review.Decision]]
                ) -> review.Decision:
        with self._lock:
            run = self.run
        if run is None:
            raise review.DecisionError("no run to decide on yet")
        with self._write_lock:
            decisions, d = how(review.load(self.decisions_file), run)
            review.save(self.decisions_file, decisions)
            with self._lock:
                self._decisions_stamp = _file_stamp(self.decisions_file)
                self.decisions_version += 1
                self._page = None
        return d


def _held_by(decisions: list[review.Decision], run: Run, finding: str) -> str | None:
    """The finding id under which the decision shown on ``finding`` is stored (it differs when
    the decision followed its quote after an edit)."""
    attached = review.resolve(run.result, decisions).attached.get(finding)
    return attached.decision.finding if attached else None


def _decide(decisions: list[review.Decision], run: Run, finding: str, status: str, note: str, corrected: str,
            by: str) -> tuple[list[review.Decision], review.Decision]:
    if not any(f["id"] == finding for f in run.data.get("findings", [])):
        raise review.DecisionError(f"no finding {finding!r} in the current run")
    held = _held_by(decisions, run, finding)
    kept = [d for d in decisions if d.finding != held]
    return review.decide(kept, run.data, finding, status, note=note, corrected=corrected, by=by)


def _undo(decisions: list[review.Decision], run: Run, finding: str) -> tuple[list[review.Decision], review.Decision]:
    held = _held_by(decisions, run, finding)
    if held is None:
        raise review.DecisionError(f"no decision on {finding!r}")
    kept, d = review.clear(decisions, held)
    return kept, replace(d, finding=finding)


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8").replace("\r\n", "\n")
