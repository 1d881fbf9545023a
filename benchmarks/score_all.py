"""Score the seeds, every story in ../shared/corpora and tests/stories against their gold files.

usage: python benchmarks/score_all.py [--verbose] [extra corpus dirs with gold.json ...]
Prints one summary line per corpus (the scorer's last line).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from reconciler.output.result import to_json
from reconciler.pipeline import reconcile

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def corpora(extra: list[str]) -> list[tuple[str, Path, Path]]:
    out = [("seeds", ROOT / "seeds", SHARED / "eval" / "seeds-gold.json")]
    for d in sorted((SHARED / "corpora").glob("*/gold.json")):
        out.append((d.parent.name, d.parent, d))
    for d in sorted((ROOT / "tests" / "stories").glob("*/gold.json")):
        out.append((d.parent.name, d.parent, d))
    for e in extra:
        p = Path(e)
        out.append((p.name, p, p / "gold.json"))
    return out


def main() -> None:
    verbose = "--verbose" in sys.argv
    extra = [a for a in sys.argv[1:] if not a.startswith("--")]
    totals = [0, 0, 0, 0, 0, 0, 0, 0]
    for name, corpus, gold in corpora(extra):
        files = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm"))
        result = reconcile([str(p) for p in files])
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            fh.write(to_json(result))
        args = [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(corpus), fh.name]
        if verbose:
            args.append("--verbose")
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        last = out.strip().splitlines()[-1]
        print(f"== {name}")
        print(out if verbose else last)
        f = last.split()
        core_a, core_b = map(int, f[1].split("/"))
        claims_a, claims_b = map(int, f[9].split("/"))
        for i, v in enumerate((core_a, core_b, int(f[3]), int(f[5]), int(f[7]), claims_a, claims_b, int(f[11]))):
            totals[i] += v
    print(f"TOTAL core {totals[0]}/{totals[1]} stretch {totals[2]} false_alarms {totals[3]} "
          f"wrong_pairs {totals[4]} claims {totals[5]}/{totals[6]} traps {totals[7]}")


if __name__ == "__main__":
    main()
