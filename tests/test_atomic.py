"""Never half-written: outputs are replaced atomically, even when a run is killed.

``write_atomic`` writes a hidden temporary file in the target's folder and renames it into
place. The kill test runs the real command on a corpus whose outputs take measurable time
to write, SIGKILLs it at random moments (many of them right after a temporary file
appears, that is while it writes), and checks after every kill that each output on disk
is the complete previous version or the complete new one.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reconciler.output import atomic as output
from reconciler.output.atomic import remove_stale_temps, write_atomic

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
N_ARTICLES = 80
KILL_BUDGET = 20.0  # seconds of kill-and-check iterations beyond the first MIN_KILLS
MIN_KILLS = 5
MAX_KILLS = 40
OUTPUTS = ("corpus.json", "corpus.csv", "corpus.html")


# ---------------------------------------------------------------------------------------
# write_atomic itself


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "report.json"
    write_atomic(target, '{"v": 1}\n')
    write_atomic(target, b'{"v": 2}\n')
    assert target.read_bytes() == b'{"v": 2}\n'
    assert temps(target.parent) == []


def test_write_atomic_gives_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_atomic(target, "x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "claims.csv"
    write_atomic(target, "old\n")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert temps(tmp_path) == []


def test_pieces_are_written_as_they_come_and_a_failure_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "corpus.json"
    write_atomic(target, iter(["{", '"a": "é"', "}\n"]))
    assert target.read_text("utf-8") == '{"a": "é"}\n'

    def pieces() -> Iterator[str]:
        yield '{"b": '
        raise ValueError("Out of range float values are not JSON compliant")

    with pytest.raises(ValueError, match="Out of range"):
        write_atomic(target, pieces())
    assert target.read_text("utf-8") == '{"a": "é"}\n'
    assert temps(tmp_path) == []


def test_stale_temps_of_dead_runs_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "corpus.json"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)  # a process that has exited
    stale = tmp_path / f".corpus.json.{dead_pid}.abcd1234.tmp"
    live = tmp_path / f".corpus.json.{os.getppid()}.abcd1234.tmp"  # our parent is alive
    ancient = tmp_path / ".corpus.json.k3x9q2mz.tmp"  # no pid (older naming), a week old
    other = tmp_path / f".corpus.csv.{dead_pid}.abcd1234.tmp"  # another target's: not ours to judge
    for p in (stale, live, ancient, other):
        p.write_text("partial")
    week_ago = time.time() - 7 * 24 * 3600
    os.utime(ancient, (week_ago, week_ago))
    write_atomic(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert sorted(temps(tmp_path)) == sorted([live.name, other.name])
    assert remove_stale_temps(tmp_path / "corpus.csv") == [other]


# ---------------------------------------------------------------------------------------
# SIGKILL while writing


def make_corpus(root: Path, version: str) -> Path:
    """``root/corpus``: N_ARTICLES articles from the seeds; version B changes some figures."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    seeds = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(N_ARTICLES):
        files = i + 100 if version == "A" or i % 4 else i + 700
        note = f"\n\nDesk note {i}: the archive lists {files} files and {i % 13 + 2} boxes.\n"
        (corpus / f"a{i:03d}.txt").write_text(f"Dispatch {i}\n\n" + seeds[i % len(seeds)] + note, "utf-8")
    return corpus


_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?: ?[A-Z]{2,5}|[+-]\d{2}:?\d{2}|Z)?")


def normalise(name: str, data: bytes) -> Any:
    """What must match a known version: JSON and CSV byte for byte, HTML but its run time."""
    if name.endswith(".html"):
        return _STAMP.sub("<time>", data.decode("utf-8"))
    return data


def command(corpus: Path, out: Path) -> list[str]:
    """The run on ``corpus`` through one link beside ``out``: both versions are the same corpus
    at the same place (so their outputs have the same names and replace each other)."""
    link = out.parent / corpus.name
    if link == corpus:
        return [sys.executable, "-m", "reconciler", str(corpus), "--out", str(out), "-q"]
    if link.is_symlink():
        link.unlink()
    link.symlink_to(corpus, target_is_directory=True)
    return [sys.executable, "-m", "reconciler", str(link), "--out", str(out), "-q"]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output file (not hidden, not the cache) and its bytes."""
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}


def run_to_end(corpus: Path, out: Path) -> float:
    t = time.perf_counter()
    subprocess.run(command(corpus, out), check=True, capture_output=True, timeout=600)
    return time.perf_counter() - t


def cache_entries(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.json") if ".reconcile-cache" in p.parts]


def test_sigkill_while_writing_leaves_old_or_new_outputs(tmp_path: Path) -> None:
    corpora = {v: make_corpus(tmp_path / f"src-{v}", v) for v in "AB"}
    # the known versions, each written over the other one (as in the loop below)
    out = tmp_path / "out"
    run_to_end(corpora["B"], out)
    full = run_to_end(corpora["A"], out)
    ref_a = snapshot(out)
    run_to_end(corpora["B"], out)
    ref_b = snapshot(out)
    assert set(ref_a) == set(ref_b) >= set(OUTPUTS)
    assert sum(len(v) for v in ref_a.values()) > 1_000_000  # big enough to take a while to write
    known = {name: {normalise(name, ref_a[name]), normalise(name, ref_b[name])} for name in ref_a}
    assert all(len(v) == 2 for k, v in known.items() if not k.endswith(".html")), "versions must differ"

    rng = random.Random(int(os.environ.get("RECONCILE_KILL_SEED", "4")))
    version = "A"
    kills = mid_write = 0
    deadline = time.monotonic() + KILL_BUDGET
    # at least MIN_KILLS kills however slow the machine (a loaded one makes each run longer), more
    # while the time budget lasts
    while kills < MAX_KILLS and (kills < MIN_KILLS or time.monotonic() < deadline):
        proc = subprocess.Popen(command(corpora[version], out), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            if kills % 2:  # at a random moment of the whole run
                time.sleep(rng.uniform(0, full * 1.1))
            else:  # right after it starts writing an output
                started = time.monotonic()
                while not temps(out) and proc.poll() is None and time.monotonic() - started < full * 3:
                    time.sleep(0.0005)
                time.sleep(rng.choice((0, rng.uniform(0, 0.005), rng.uniform(0, 0.05))))
        finally:
            finished = proc.poll() is not None
            if not finished:
                os.killpg(proc.pid, signal.SIGKILL)  # the run and any worker it started
            proc.wait()
        kills += 1
        left = temps(out)
        mid_write += bool(left) and not finished
        now = snapshot(out)
        assert set(now) <= set(known), f"unexpected files: {set(now) - set(known)}"
        for name, data in now.items():
            assert normalise(name, data) in known[name], f"{name} is neither version after kill {kills}"
            if name.endswith(".json"):
                json.loads(data)
        if finished:  # not killed: it wrote the new version of everything
            assert proc.returncode == 0
            ref = ref_a if version == "A" else ref_b
            assert {n: normalise(n, d) for n, d in now.items()} == {n: normalise(n, d) for n, d in ref.items()}
        for entry in cache_entries(out):  # cache entries are whole too
            json.loads(entry.read_bytes())
        version = "B" if version == "A" else "A"

    assert mid_write >= 1, "no kill landed while an output was being written"
    # the next complete run gives exactly the reference outputs (no cache entry was
    # poisoned) and removes the temporary files the killed runs left beside them
    run_to_end(corpora["A"], out)
    final = snapshot(out)
    assert {n: normalise(n, d) for n, d in final.items()} == {n: normalise(n, d) for n, d in ref_a.items()}
    assert temps(out) == []
    for leftover in out.rglob("*.tmp"):  # only cache temporaries can remain: never read as entries
        assert ".reconcile-cache" in leftover.parts and leftover.name.startswith(".")
    print(f"{kills} kills, {mid_write} while writing; a full run takes {full:.2f} s", file=sys.stderr)


def test_cleanup_needs_no_previous_outputs(tmp_path: Path) -> None:
    """A temp file left by a run killed before its first output ever appeared."""
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / f".corpus.html.{int(dead.stdout)}.zz9plur9.tmp").write_text("<!doctype html><html><bo")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "000_6291c126803fc765.txt", corpus / "a.txt")
    run_to_end(corpus, out)
    assert temps(out) == []
    assert (out / "corpus.html").read_text("utf-8").rstrip().endswith("</html>")
