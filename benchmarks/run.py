"""The performance benchmark: one command, figures printed as a markdown table.

    python benchmarks/run.py                       # sizes 10, 100, 1000, 10000
    python benchmarks/run.py --sizes 10,100        # a quick look
    python benchmarks/run.py --crossover           # where parallel extraction starts to pay

For each size it generates a synthetic corpus (``benchmarks/generate.py``) and runs the
command line on it (``reconcile CORPUS --out OUT --timings``, the same code path as from the
shell) in a fresh child process, three times:

- cold: no cache. Wall time end to end (interpreter start-up included, as from the shell),
  time per stage as ``--timings`` prints it (read, extract, align, check; then history =
  the comparison with the previous run and the editor's decisions, and write = HTML + JSON
  + CSV written), MB of article text per second, peak RSS of the main process and of the
  largest worker, and the HTML report's size;
- warm: the same corpus again, everything cached;
- +1 article: one more article added to the corpus, then run again: only that article is
  extracted and only its story aligned. The target is at most 5 s plus the render (the
  write stage).

It also measures extraction throughput on the seeds against quantulum3 on the same text
(``pip install quantulum3`` first; it is not a dependency of the tool) and a bare regex
scan for digits (the floor).

The machine should be otherwise idle: other processes on its cores show in every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # this checkout's package, installed or not

import generate  # noqa: E402  (the sibling module, found through sys.path above)

TARGET_INCREMENTAL = 5.0


# ---------------------------------------------------------------------------------------
# the child: one run of the tool, timed by stage


def child(corpus: str, out: str, cache_dir: str | None, jobs: int | None) -> None:
    """One run of the command line itself (``reconcile CORPUS --out OUT --timings -q``), in this
    process; prints its stage times (from ``--timings``) and what it found, as one JSON line."""
    t0 = time.perf_counter()
    code = os.environ.get("RECONCILE_BENCH_CODE")
    if code:  # import the snapshot, not the (editable) installed package
        sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()
                            and "editable" not in getattr(f, "__name__", "").lower()]
        sys.path.insert(0, code)
    import contextlib
    import io
    import re

    import reconciler
    from reconciler import cli
    from reconciler.cli import run as cli_run
    from reconciler.output.names import output_name

    imported = time.perf_counter() - t0
    seen: list[Any] = []
    run = cli_run.reconcile

    def counted(*args: Any, **kwargs: Any) -> Any:  # the command's own run, its result kept for the counts
        result = run(*args, **kwargs)
        seen.append(result)
        return result

    cli_run.reconcile = counted
    argv = [corpus, "--out", out, "--timings", "-q"]
    argv += ["--cache-dir", cache_dir] if cache_dir else ["--no-cache"]
    argv += ["--jobs", str(jobs)] if jobs else []
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        cli.main(argv, standalone_mode=False)
    line = next(ln for ln in err.getvalue().splitlines() if ln.startswith("timings: "))
    stages = {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+) s\b", line)}
    rss = re.search(r"peak memory (\d+) MB(?:, workers (\d+) MB)?", line)
    assert rss is not None, line
    result = seen[0]
    name = output_name(corpus, out)
    print(json.dumps({
        "import": imported, **stages, "report": stages["history"] + stages["write"],
        "code": str(Path(reconciler.__file__).parent),
        "sources": len(result.sources), "claims": len(result.claims), "groups": len(result.groups),
        "findings": len(result.findings), "chars": sum(len(s.text) for s in result.sources),
        "html_bytes": (Path(out) / f"{name}.html").stat().st_size,
        "rss_main_mb": float(rss.group(1)), "rss_worker_mb": float(rss.group(2) or 0),
    }))


def snapshot(work: Path) -> Path:
    """A copy of the package as it is now: every run of the benchmark measures the same code,
    even while the working tree changes (and a changed grammar would empty the cache)."""
    target = work / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "reconciler", target / "reconciler",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


_CODE: Path | None = None  # the snapshot the child processes import


def run_child(corpus: Path, out: Path, cache_dir: Path | None, jobs: int | None) -> dict[str, float]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), "--out", str(out)]
    if cache_dir is not None:
        cmd += ["--cache-dir", str(cache_dir)]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    env = dict(os.environ)
    if _CODE is not None:
        env["RECONCILE_BENCH_CODE"] = str(_CODE)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"run failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    data: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    data["wall"] = wall
    return data


# ---------------------------------------------------------------------------------------
# extraction throughput on the seeds: ours, quantulum3, a bare digit scan


def _timed_passes(fn, texts: list[str], min_seconds: float) -> float:  # type: ignore[no-untyped-def]
    """Seconds per pass over ``texts``, repeating until ``min_seconds`` have passed."""
    passes = 0
    t = time.perf_counter()
    while True:
        for text in texts:
            fn(text)
        passes += 1
        elapsed = time.perf_counter() - t
        if elapsed >= min_seconds:
            return elapsed / passes


def extraction_vs_quantulum() -> list[str]:
    import re

    from reconciler.extract import extract_claims
    from reconciler.read.source import read_sources

    sources, _ = read_sources([ROOT / "seeds"])
    texts = [s.text for s in sources]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    by_text = {s.text: s for s in sources}
    for s in sources:  # warm up (regex compilation, lazy tables)
        extract_claims(s)
    ours = _timed_passes(lambda t: extract_claims(by_text[t]), texts, 2.0)
    digits = re.compile(r"\d+")
    floor = _timed_passes(digits.findall, texts, 0.5)
    lines = [f"seeds: {len(texts)} articles, {mb * 1000:.1f} KB of text",
             f"reconcile extraction: {mb / ours:.2f} MB/s on one core ({ours * 1000:.1f} ms per pass)",
             f"bare regex scan for digits (the floor): {mb / floor:.0f} MB/s"]
    try:
        from quantulum3 import parser as q
    except ImportError:
        lines.append("quantulum3 not installed (pip install quantulum3 to compare)")
        return lines
    q.parse(texts[0][:200])  # warm up: it loads its models on first use
    theirs = _timed_passes(q.parse, texts, 2.0)
    lines.append(f"quantulum3 on the same text: {mb / theirs:.3f} MB/s")
    lines.append(f"ratio: reconcile is {theirs / ours:.0f}x faster than quantulum3")
    return lines


# ---------------------------------------------------------------------------------------
# where parallel extraction starts to pay


def crossover(sizes: list[int], seed: int) -> list[str]:
    from reconciler._engine.parallel import Processes, Serial, default_jobs, extract_sources
    from reconciler.read.source import read_sources

    jobs = max(2, default_jobs())
    lines = [f"| articles | one process (s) | {jobs} processes, pool start included (s) | speed-up |",
             "| ---: | ---: | ---: | ---: |"]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / str(n)
            generate.generate(n, folder, seed)
            sources, _ = read_sources([folder])
            best_serial = best_par = float("inf")
            for _ in range(3):
                t = time.perf_counter()
                extract_sources(sources, Serial(), None)
                best_serial = min(best_serial, time.perf_counter() - t)
                runner = Processes(jobs)
                t = time.perf_counter()
                extract_sources(sources, runner, None, chunk_size=max(1, min(32, n // (2 * jobs) or 1)))
                runner.close()
                best_par = min(best_par, time.perf_counter() - t)
            lines.append(f"| {n} | {best_serial:.3f} | {best_par:.3f} | {best_serial / best_par:.2f} |")
    return lines


# ---------------------------------------------------------------------------------------


def benchmark(sizes: list[int], seed: int, jobs: int | None, incremental: bool, keep: Path | None) -> list[str]:
    global _CODE
    rows = []
    work = Path(tempfile.mkdtemp(prefix="reconcile-bench-")) if keep is None else keep
    _CODE = snapshot(work)
    try:
        for n in sizes:
            corpus = work / f"corpus-{n}"
            shutil.rmtree(corpus, ignore_errors=True)
            files = generate.generate(n, corpus, seed)
            mb = sum(f.stat().st_size for f in files) / 1e6
            out = work / f"out-{n}"
            cache = work / f"cache-{n}"
            shutil.rmtree(cache, ignore_errors=True)
            print(f"size {n}: {mb:.1f} MB on disk; cold run ...", file=sys.stderr, flush=True)
            cold = run_child(corpus, out, cache, jobs)
            row = {"n": n, "mb": mb, "cold": cold}
            if incremental:
                print(f"size {n}: warm run ...", file=sys.stderr, flush=True)
                row["warm"] = run_child(corpus, out, cache, jobs)
                rel, text = generate.articles(n + 1, seed)[-1]
                (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
                (corpus / rel).write_text(text, encoding="utf-8")
                print(f"size {n}: +1 article run ...", file=sys.stderr, flush=True)
                row["plus1"] = run_child(corpus, out, cache, jobs)
            rows.append(row)
            print(_row_line(row), file=sys.stderr, flush=True)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return _table(rows, incremental)


def _row_line(row: dict) -> str:  # type: ignore[type-arg]
    lines = []
    for run in ("cold", "warm", "plus1"):
        if run in row:
            c = row[run]
            lines.append(f"  {row['n']} articles, {run}: wall {c['wall']:.2f} s (imports {c['import']:.2f}), "
                         f"read {c['read']:.2f}, extract {c['extract']:.2f}, align {c['align']:.2f}, "
                         f"check {c['check']:.2f}, history {c['history']:.2f}, "
                         f"write {c['write']:.2f}; {c['claims']:.0f} claims, "
                         f"{c['groups']:.0f} groups, {c['findings']:.0f} findings")
    return "\n".join(lines)


def _table(rows: list[dict], incremental: bool) -> list[str]:  # type: ignore[type-arg]
    head = ["articles", "text MB", "wall s", "read s", "extract s", "align s", "check s", "history + write s", "MB/s",
            "peak RSS MB (main / worker)", "HTML MB", "claims", "findings"]
    if incremental:
        head += ["warm re-run s", "+1 article s", "+1 article minus write s", "+1 article minus history and write s"]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---:" for _ in head) + " |"]
    for row in rows:
        c = row["cold"]
        cells = [f"{row['n']:,}", f"{c['chars'] / 1e6:.1f}", f"{c['wall']:.2f}", f"{c['read']:.2f}",
                 f"{c['extract']:.2f}", f"{c['align']:.2f}", f"{c['check']:.2f}", f"{c['report']:.2f}",
                 f"{row['mb'] / c['wall']:.2f}", f"{c['rss_main_mb']:.0f} / {c['rss_worker_mb']:.0f}",
                 f"{c['html_bytes'] / 1e6:.1f}", f"{c['claims']:,.0f}", f"{c['findings']:,.0f}"]
        if incremental:
            w, p = row["warm"], row["plus1"]
            cells += [f"{w['wall']:.2f}", f"{p['wall']:.2f}", f"{p['wall'] - p['write']:.2f}",
                      f"{p['wall'] - p['report']:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10,100,1000,10000", help="comma-separated article counts")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: the tool's own choice)")
    ap.add_argument("--no-incremental", action="store_true", help="skip the warm and +1 article runs")
    ap.add_argument("--keep", type=Path, default=None, help="keep corpora and outputs in this folder")
    ap.add_argument("--crossover", action="store_true", help="only measure where parallel extraction pays")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.out, args.cache_dir, args.jobs)
        return 0
    if args.crossover:
        print("\n".join(crossover([4, 8, 16, 24, 32, 48, 64, 128], args.seed)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"reconcile benchmark on {os.cpu_count()} cores, seed {args.seed}", file=sys.stderr)
    table = benchmark(sizes, args.seed, args.jobs, not args.no_incremental, args.keep)
    print()
    print("\n".join(table))
    print()
    print("\n".join(extraction_vs_quantulum()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
