"""Quality gate: run the real pipeline on every annotated corpus, score it, compare with pinned floors.

Corpora scored (each has a ``gold.json`` in the shape of ``../shared/corpora/*/gold.json``):

- ``seeds``: ``seeds/`` with ``../shared/eval/seeds-gold.json``
- every story under ``../shared/corpora/`` (``key-bridge``, ``llama-405b``)
- every story under ``tests/stories/`` (our own evaluation corpus)
- ``real-<cluster>``: every ``tests/real/<cluster>.gold.json`` (gold written by reading real
  multi-outlet coverage) against the articles in ``../shared/corpora/real/<cluster>``

The official scorer, ``../shared/eval/score.py``, prints a last line
``core a/b stretch s false_alarms f wrong_pairs w claims c/d traps t``. ``tests/eval_baseline.json``
pins, per corpus, floors for ``core_found`` and ``claims_found`` and ceilings for
``false_alarms_max``, ``wrong_pairs_max`` and ``traps_max``. A run fails when a floor is undercut
or a ceiling exceeded, and the message shows the scorer line.

When the numbers move on purpose (the tool got better, or a gold file was corrected), refresh
the pins and commit them together with the change::

    python tests/stories/update_baseline.py            # show old vs new, change nothing
    python tests/stories/update_baseline.py --write    # rewrite tests/eval_baseline.json

The scorer lives beside the repository (``../shared``); CI always has it there. Without it the
gate is skipped locally and fails under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reconciler.output.result import to_json
from reconciler.pipeline import reconcile

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
STORIES = TESTS / "stories"
REAL = TESTS / "real"
REAL_PREFIX = "real-"
BASELINE = TESTS / "eval_baseline.json"

SUMMARY = re.compile(
    r"core (?P<core_found>\d+)/(?P<core_total>\d+) stretch (?P<stretch>\d+) "
    r"false_alarms (?P<false_alarms>\d+) wrong_pairs (?P<wrong_pairs>\d+) "
    r"claims (?P<claims_found>\d+)/(?P<claims_total>\d+) traps (?P<traps>\d+)"
)

# baseline key -> (scorer field, direction): "floor" may not drop, "ceiling" may not rise
PINS = {
    "core_found": ("core_found", "floor"),
    "false_alarms_max": ("false_alarms", "ceiling"),
    "wrong_pairs_max": ("wrong_pairs", "ceiling"),
    "claims_found": ("claims_found", "floor"),
    "traps_max": ("traps", "ceiling"),
}


def corpus_paths(name: str) -> tuple[Path, Path]:
    """(folder with the articles, gold file) for a corpus name."""
    if name == "seeds":
        return ROOT / "seeds", SHARED / "eval" / "seeds-gold.json"
    if name.startswith(REAL_PREFIX):
        cluster = name[len(REAL_PREFIX):]
        return SHARED / "corpora" / "real" / cluster, REAL / f"{cluster}.gold.json"
    if (STORIES / name / "gold.json").is_file():
        return STORIES / name, STORIES / name / "gold.json"
    return SHARED / "corpora" / name, SHARED / "corpora" / name / "gold.json"


def corpus_names() -> list[str]:
    """Every corpus we can find, plus every corpus the baseline pins (so a vanished one is noticed)."""
    names = ["seeds"]
    names += sorted(p.parent.name for p in (SHARED / "corpora").glob("*/gold.json"))
    names += sorted(p.parent.name for p in STORIES.glob("*/gold.json"))
    names += sorted(REAL_PREFIX + p.name[: -len(".gold.json")] for p in REAL.glob("*.gold.json"))
    if BASELINE.is_file():
        names += sorted(load_baseline())
    return list(dict.fromkeys(names))


def load_baseline() -> dict[str, dict[str, int]]:
    data: dict[str, dict[str, int]] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def missing_prerequisite(name: str) -> str | None:
    """Why this corpus cannot be scored here, or None."""
    corpus, gold = corpus_paths(name)
    if not SCORER.is_file():
        return f"official scorer not found at {SCORER} (expected ../shared beside the repository)"
    if not gold.is_file():
        return f"gold file for {name!r} not found at {gold}"
    if not corpus.is_dir():
        return f"articles for {name!r} not found at {corpus}"
    return None


def score(name: str, workdir: Path) -> tuple[str, dict[str, int]]:
    """Run the pipeline on one corpus, score the JSON result; return (scorer last line, numbers)."""
    corpus, gold_path = corpus_paths(name)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = [corpus / f for f in gold["files"].values()]
    result = reconcile([str(p) for p in articles])
    out = workdir / f"{name}.json"
    out.write_text(to_json(result), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(gold_path), str(corpus), str(out)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"scorer failed on {name} (exit {proc.returncode}):\n{proc.stderr}")
    lines = proc.stdout.strip().splitlines()
    line = lines[-1] if lines else ""
    m = SUMMARY.fullmatch(line.strip())
    if m is None:
        raise RuntimeError(f"cannot parse the scorer's last line for {name}: {line!r}")
    return line.strip(), {k: int(v) for k, v in m.groupdict().items()}


def pins_from(numbers: dict[str, int]) -> dict[str, int]:
    """Baseline entry pinning today's numbers."""
    return {key: numbers[field] for key, (field, _) in PINS.items()}


def regressions(numbers: dict[str, int], pinned: dict[str, Any]) -> list[str]:
    """Human-readable list of pins the numbers break (empty when the gate passes)."""
    broken = []
    for key, (field, direction) in PINS.items():
        if key not in pinned:
            broken.append(f"baseline has no {key!r}")
            continue
        got, pin = numbers[field], int(pinned[key])
        if direction == "floor" and got < pin:
            broken.append(f"{field} dropped to {got} (floor {key}={pin})")
        if direction == "ceiling" and got > pin:
            broken.append(f"{field} rose to {got} (ceiling {key}={pin})")
    return broken


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"eval gate cannot run in CI: {reason}")
    pytest.skip(reason)


def test_story_names_are_unique() -> None:
    shared = {p.parent.name for p in (SHARED / "corpora").glob("*/gold.json")} | {"seeds"}
    ours = {p.parent.name for p in STORIES.glob("*/gold.json")}
    assert not shared & ours, f"tests/stories reuses corpus names from ../shared: {sorted(shared & ours)}"


@pytest.mark.parametrize("name", corpus_names())
def test_eval_gate(name: str, tmp_path: Path) -> None:
    reason = missing_prerequisite(name)
    if reason:
        _unavailable(reason)
    baseline = load_baseline() if BASELINE.is_file() else {}
    assert name in baseline, (
        f"{name}: no pinned numbers in {BASELINE.name}; run `python tests/stories/update_baseline.py --write`"
    )
    line, numbers = score(name, tmp_path)
    corpus, gold = corpus_paths(name)
    broken = regressions(numbers, baseline[name])
    assert not broken, (
        f"{name}: quality below the pinned baseline\n"
        f"  scorer:   {line}\n"
        f"  pinned:   {json.dumps(baseline[name], sort_keys=True)}\n"
        f"  broken:   {'; '.join(broken)}\n"
        f"  details:  python3 {SCORER} {gold} {corpus} {tmp_path / (name + '.json')} --verbose\n"
        f"  if the change is intended: python tests/stories/update_baseline.py --write"
    )
