"""Shared fixtures: a headless Chromium (Playwright on Debian's ``chromium``) and helpers
to run the real ``reconcile`` command in a subprocess.

Browser tests take the ``browser`` fixture (one browser per session) or ``page`` (a fresh
page that records dialogs, console messages and CSP violations). Outside CI a missing
browser or Playwright skips them; with ``CI=true`` it fails the run instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# the net (an internal error in one article or story is reported and the run goes on) must
# never hide a bug from the tests: every run in the suite, and every command it starts, is strict
os.environ["RECONCILE_STRICT"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CHROMIUM = os.environ.get("RECONCILE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _unavailable(why: str) -> None:
    """Skip outside CI; in CI a missing browser is a failure, never a skip."""
    if in_ci():
        pytest.fail(f"browser tests cannot run in CI: {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright (``playwright.sync_api.Browser``)."""
    if not os.access(CHROMIUM, os.X_OK):  # first: the same message with or without Playwright
        _unavailable(f"no browser at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - depends on the machine
        _unavailable(f"playwright is not installed ({e})")
    with sync_playwright() as pw:
        try:
            launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as e:  # pragma: no cover - depends on the machine
            _unavailable(f"{CHROMIUM} does not start: {e}")
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class PageLog:
    """What a page did that a test may want to assert on."""

    dialogs: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions in the page
    requests: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [text for kind, text in self.console if "Content Security Policy" in text]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own context); ``page.log`` is a :class:`PageLog`. Dialogs are dismissed."""
    context = browser.new_context(java_script_enabled=True)
    pg = context.new_page()
    log = PageLog()

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("console", lambda m: log.console.append((m.type, m.text)))
    pg.on("pageerror", lambda e: log.errors.append(str(e)))
    pg.on("request", lambda r: log.requests.append(r.url))
    pg.log = log
    try:
        yield pg
    finally:
        context.close()


# ---------------------------------------------------------------------------------------
# the real command, in a subprocess


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float  # peak resident memory of the command, in MB
    seconds: float


_MEASURE = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True)
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.buffer.write(b"%d %d %f\n" % (p.returncode, rss, dt))
sys.stdout.buffer.write(len(p.stdout).to_bytes(8, "big") + p.stdout + p.stderr)
"""


def run_reconcile(*args: str | os.PathLike[str], cwd: Path, timeout: float = 600,
                  env: dict[str, str] | None = None) -> Run:
    """``python -m reconciler ARGS`` in ``cwd``, with its peak memory (Linux ru_maxrss)."""
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "reconciler", *map(os.fspath, args)]
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, env=full_env)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    head, rest = proc.stdout.split(b"\n", 1)
    code, rss_kb, seconds = head.split()
    n = int.from_bytes(rest[:8], "big")
    return Run(int(code), rest[8:8 + n].decode("utf-8", "replace"), rest[8 + n:].decode("utf-8", "replace"),
               int(rss_kb) / 1024, float(seconds))


@pytest.fixture
def reconcile_cmd() -> Any:
    """:func:`run_reconcile`: the real command in a subprocess, with its peak memory."""
    return run_reconcile
