"""Re-pin tests/eval_baseline.json from a fresh run of the pipeline and the official scorer.

usage::

    python tests/stories/update_baseline.py [--write] [NAME ...]

Without ``--write`` (the default) nothing changes: the script scores every corpus the eval gate
knows (seeds, ../shared/corpora/*, tests/stories/*, and real-<cluster> for each
tests/real/<cluster>.gold.json), or only the NAMEs given, and prints the old and the new pins
side by side. With ``--write`` it rewrites ``tests/eval_baseline.json`` with
today's numbers as the new floors (core_found, claims_found) and ceilings (false_alarms_max,
wrong_pairs_max, traps_max). Entries not re-scored are kept as they were.

Commit the rewritten baseline together with the change that moved the numbers, and say why in
the commit message: a drop should be a conscious decision, never a side effect.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
from pathlib import Path
from types import ModuleType

GATE_FILE = Path(__file__).resolve().parents[1] / "test_eval_gate.py"


def _gate() -> ModuleType:
    """The eval gate module (corpus list, scoring and pin logic live there, once)."""
    spec = importlib.util.spec_from_file_location("_reconcile_eval_gate", GATE_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="corpora to re-score (default: all)")
    parser.add_argument("--write", action="store_true",
                        help="rewrite tests/eval_baseline.json (default: only show old vs new)")
    args = parser.parse_args(argv)

    gate = _gate()
    old: dict[str, dict[str, int]] = gate.load_baseline() if gate.BASELINE.is_file() else {}
    names = args.names or gate.corpus_names()
    new = dict(old)
    problems = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            reason = gate.missing_prerequisite(name)
            if reason:
                print(f"{name:20s} SKIPPED: {reason}")
                problems += 1
                continue
            line, numbers = gate.score(name, Path(tmp))
            pins = gate.pins_from(numbers)
            before = old.get(name)
            print(f"{name:20s} {line}")
            for key in gate.PINS:
                was = "-" if before is None else before.get(key, "-")
                mark = "" if was == pins[key] else "   <- changed"
                print(f"    {key:18s} {was!s:>5} -> {pins[key]:<5}{mark}")
            new[name] = pins
    if args.write:
        gate.BASELINE.write_text(json.dumps(dict(sorted(new.items())), indent=1, sort_keys=True) + "\n",
                                 encoding="utf-8")
        print(f"wrote {gate.BASELINE}")
    else:
        print("dry run: nothing written (pass --write to re-pin)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
