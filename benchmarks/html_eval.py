"""Score main-text extraction on ../shared/html-eval (real saved pages, trafilatura's annotations).

usage: python benchmarks/html_eval.py [--extractor reconcile|trafilatura] [--sample N] [--verbose]

Scored as trafilatura scores it: the extracted text is whitespace-normalised; each ``with``
snippet found is a true positive (missing: a false negative), each ``without`` snippet found a
false positive. The set is split into two fixed halves (by the parity of the page's position in
file-name order) so that a change tuned on one can be checked on the other. Prints precision,
recall and pages per second (one process, so one core) for the whole set and for each half.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "html-eval"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pages: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def line(self, name: str) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        return (f"{name:6} pages {self.pages:4} precision {self.precision:.3f} recall {self.recall:.3f} "
                f"tp {self.tp} fp {self.fp} fn {self.fn} pages/s {rate:.1f}")


def pages(sample: int | None = None, root: Path = EVAL) -> list[tuple[str, Path, dict[str, list[str]]]]:
    """(half, page file, annotation) for every annotated page, in file-name order.

    ``sample`` keeps every k-th page so that about that many remain (a fixed sample).
    """
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    items = sorted(data.values(), key=lambda d: d["file"])
    out = [("a" if i % 2 == 0 else "b", root / "pages" / d["file"], d) for i, d in enumerate(items)]
    if sample and sample < len(out):
        step = len(out) / sample
        out = [out[int(k * step)] for k in range(sample)]
    return out


def reconcile_text(path: Path) -> str:
    from reconciler.read.listing import UnreadableSource
    from reconciler.read.source import read_source

    try:
        return read_source(path, path.name).text
    except UnreadableSource:
        return ""


def trafilatura_text(path: Path) -> str:
    import trafilatura

    return trafilatura.extract(path.read_bytes(), fast=False, include_comments=False, include_tables=True) or ""


EXTRACTORS: dict[str, Callable[[Path], str]] = {"reconcile": reconcile_text, "trafilatura": trafilatura_text}


def score(extract: Callable[[Path], str], sample: int | None = None, root: Path = EVAL) -> dict[str, Score]:
    """Scores per half ("a", "b") and for the whole set ("all")."""
    scores = {"all": Score(), "a": Score(), "b": Score()}
    for half, path, ann in pages(sample, root):
        t0 = time.perf_counter()
        text = extract(path)
        dt = time.perf_counter() - t0
        norm = " ".join(text.split())
        for s in (scores["all"], scores[half]):
            s.pages += 1
            s.seconds += dt
        for snippet in ann.get("with", []):
            hit = " ".join(snippet.split()) in norm
            for s in (scores["all"], scores[half]):
                if hit:
                    s.tp += 1
                else:
                    s.fn += 1
            if not hit:
                scores["all"].misses.append(f"{path.name}: missing {snippet[:60]!r}")
        for snippet in ann.get("without", []):
            if " ".join(snippet.split()) in norm:
                for s in (scores["all"], scores[half]):
                    s.fp += 1
                scores["all"].misses.append(f"{path.name}: chrome {snippet[:60]!r}")
    return scores


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--extractor", choices=sorted(EXTRACTORS), default="reconcile")
    ap.add_argument("--sample", type=int, default=None, help="score a fixed sample of about N pages")
    ap.add_argument("--verbose", action="store_true", help="list every missed or chrome snippet")
    args = ap.parse_args()
    if not (EVAL / "evaldata.json").exists():
        sys.exit(f"no evaluation set at {EVAL}")
    scores = score(EXTRACTORS[args.extractor], args.sample)
    if args.verbose:
        print("\n".join(scores["all"].misses))
    for name in ("all", "a", "b"):
        print(scores[name].line(name))


if __name__ == "__main__":
    main()
