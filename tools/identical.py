"""Digests of the JSON result and the CSV ledger on every corpus the project measures, so a
refactoring can show it changed no output byte (issue 12's check).

    python tools/identical.py > before.txt      # on the old code
    python tools/identical.py > after.txt       # on the new code
    diff before.txt after.txt                   # empty: byte-identical

Corpora: ``seeds/``, every story in ``../shared/corpora/`` (the real clusters included) and
``tests/stories/``, and a generated 1,000-article corpus (``benchmarks/generate.py``, seed 7).
Each is run through the command line with ``--no-cache`` into a temporary folder.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpora(tmp: Path) -> list[Path]:
    found = [ROOT / "seeds"]
    for base in (SHARED / "corpora", SHARED / "corpora" / "real", ROOT / "tests" / "stories"):
        found += sorted(p for p in base.iterdir() if p.is_dir() and p.name != "real") if base.is_dir() else []
    generated = tmp / "generated-1000"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "1000", str(generated), "--seed", "7"],
                   check=True, capture_output=True)
    return [*found, generated]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for corpus in corpora(tmp):
            out = tmp / "out" / corpus.name
            done = subprocess.run([sys.executable, "-m", "reconciler", str(corpus), "--out", str(out), "--no-cache",
                                   "-q"], cwd=ROOT, capture_output=True, text=True)
            digests = []
            for suffix in (".json", ".csv"):
                # NAME-HASH.json: a corpus that does not sit beside --out gets a short hash in its outputs' name
                found = sorted(out.glob(f"{corpus.name}*{suffix}")) if out.is_dir() else []
                path = found[0] if len(found) == 1 else out / f"{corpus.name}{suffix}"
                digests.append(hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else "missing")
            print(f"{corpus.name:28s} rc={done.returncode} json={digests[0]} csv={digests[1]}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
