"""A long whole-pipeline fuzzing run (the bounded one is ``tests/test_fuzz.py``).

    python benchmarks/fuzz.py                      # 2,000 corpora
    python benchmarks/fuzz.py --corpora 200 --seed 5

Each corpus is one of the base corpora (the seeds, each development story in
``tests/stories``) with one to four mutations of ``tests/fuzzkit.py`` (digits replaced with
zeros favoured, figures made 0, huge, negative or exponent-written, words and separators
dropped, lines shuffled or doubled), applied to some or all of its articles; every
``--whole-every``-th corpus is all of them at once (about 80 articles: enough to be split into
stories). Each must finish strict, give JSON a strict parser reads (no NaN or Infinity) and
the same JSON, CSV and HTML bytes when rerun. A failure is printed with what reproduces it
(the corpus, the mutations, the seed) and the run goes on; the exit status is the number of
failures (capped at 100).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzkit import MUTATIONS, base_corpora, mutate, run_twice  # after the path above


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=int, default=2000, help="how many corpora to run (default 2000)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the whole run (default 0)")
    ap.add_argument("--whole-every", type=int, default=50,
                    help="every Nth corpus is all base corpora together (0: never; default 50)")
    args = ap.parse_args()
    bases = base_corpora()
    whole = {f"{name}-{file}": text for name, files in bases.items() for file, text in files.items()}
    names = sorted(bases)
    rng = random.Random(args.seed)
    failures = 0
    outcomes: dict[str, int] = {}
    t0 = time.perf_counter()
    for i in range(args.corpora):
        big = args.whole_every and i % args.whole_every == args.whole_every - 1
        name = "all" if big else rng.choice(names)
        kinds = rng.sample(sorted(MUTATIONS), rng.randint(1, 4))
        seed = rng.randrange(2**32)
        share = rng.choice((0.3, 1.0))
        try:
            outcome = run_twice(mutate(whole if big else bases[name], kinds, seed, share))
        except Exception:
            failures += 1
            outcome = "failed"
            print(f"FAILED corpus {i}: name={name!r} kinds={kinds!r} seed={seed} share={share}", flush=True)
            traceback.print_exc(limit=-3)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if (i + 1) % 100 == 0:
            print(f"{i + 1} corpora, {failures} failed, {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"done: {args.corpora} corpora in {time.perf_counter() - t0:.0f} s: "
          + ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())))
    return min(failures, 100)


if __name__ == "__main__":
    sys.exit(main())
