"""`reconcile [run] PATHS`: the main job. Parse options, call the library, write the outputs,
turn domain errors into exit codes."""

from __future__ import annotations

import contextlib
import datetime as _dt
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reconciler._engine.background import outputs_in_background
from reconciler._engine.cache import DEFAULT_DIR
from reconciler._engine.distributed import SchedulerError
from reconciler._engine.memory import gc_paused
from reconciler._engine.parallel import workers_forked
from reconciler._engine.progress import for_terminal
from reconciler.models import Result
from reconciler.output.atomic import write_atomic
from reconciler.output.names import output_name
from reconciler.output.result import outlets_of, to_json
from reconciler.pipeline import NoArticles, Options, reconcile
from reconciler.read.listing import NoInput, printable
from reconciler.rules import ConfigError

if TYPE_CHECKING:
    from reconciler.desk.decisions import Resolution
    from reconciler.desk.history import Changes

EPILOG = """\b
Examples:
  reconcile seeds/                      report on the five seed articles
  reconcile seeds/ docs/new-article.md  add an article and run again
  reconcile seeds/ --json - | jq .findings
  reconcile seeds/ --fail-on error      exit 1 if any error is found (for CI)
  reconcile archive/ --scheduler tcp://10.0.0.5:8786   run on a Dask cluster
  reconcile review seeds/ list          the findings and the editor's decisions
  reconcile review seeds/ dismiss f-196159e9fd --note 'dateline, not the event'

\b
Outputs (NAME is the first path's folder or file name, as in seeds; unless
the corpus sits beside the outputs' folder, as seeds/ beside reports/, a
short hash of its path follows, as in news-1f3a9c0b, so corpora called
alike never share outputs, history or decisions):
  reports/NAME.html   the discrepancy report (one offline file)
  reports/NAME.json   the JSON result (schema reconcile/1)
  claims/NAME.csv     the claim ledger, one row per claim
With --out DIR all three go to DIR. Per-article results are cached in
.reconcile-cache/ (beside the outputs with --out), so a re-run only redoes
what changed; the folder is safe to delete. Each run compares itself with
the previous one (.NAME.history.json.gz beside the HTML) and the report
opens with what is new, resolved or changed. Decisions recorded with
`reconcile review` live in CORPUS/reconcile-decisions.toml; the corpus
settings (primary = ["press-release.txt"]) in CORPUS/reconcile.toml.

\b
Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage error,
a path that does not exist, no readable article, a --primary FILE that
is no article of the corpus, or outputs that cannot be written or would
replace an input (an article, the decisions or settings file); 3 done,
with internal errors (an article or story that raised is named on standard
error and under "Problems" in the report; the rest of the run is complete).
--strict or RECONCILE_STRICT=1 stops at the first internal error instead.
"""


class _UsageError(click.ClickException):
    exit_code = 2


@click.command("run", epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the HTML, JSON and CSV outputs (default: reports/ and claims/).")
@click.option("--json", "json_path", type=str, default=None,
              help="Write the JSON result to this file instead ('-' for standard output).")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default=None,
              help="Exit with status 1 when a finding at or above this severity exists.")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="TOML file overriding rules and tolerances (see rules/defaults.toml).")
@click.option("--rates", "rates_file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="TOML file overriding the currency rate table.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: every core for large corpora, one for small ones).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help=f"Folder of cached per-article results (default: {DEFAULT_DIR}/ beside the outputs).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--scheduler", type=str, default=None, metavar="tcp://HOST:PORT",
              help="Run extraction and alignment on this Dask scheduler (needs reconcile[dask]).")
@click.option("--claimreview", "claimreview_path", type=str, default=None, metavar="FILE",
              help="Also write ClaimReview JSON-LD (schema.org) for the confirmed and corrected findings "
                   "('-' for standard output).")
@click.option("--primary", "primary", type=str, multiple=True, metavar="FILE",
              help="An article that is a primary source (the paper, the press release): the reference where it "
                   "states a figure, whatever the count of others. A path or a file name in the corpus; "
                   "repeatable; added to `primary` in CORPUS/reconcile.toml.")
@click.option("--title", type=str, default=None,
              help="The story's name for the report's heading (default: the corpus folder's name).")
@click.option("--strict", is_flag=True,
              help="Stop at the first internal error, with its traceback, instead of reporting it and going on "
                   "(also RECONCILE_STRICT=1).")
@click.option("--timings", is_flag=True,
              help="Print how long each stage took and the peak memory to standard error (even with --quiet).")
@click.version_option(package_name="reconcile")
def run_command(paths: tuple[str, ...], out_dir: Path | None, json_path: str | None, fail_on: str | None,
         rules_file: str | None, rates_file: str | None, quiet: bool, jobs: int | None,
         cache_dir: str | None, no_cache: bool, scheduler: str | None, claimreview_path: str | None,
         strict: bool, timings: bool, title: str | None, primary: tuple[str, ...]) -> None:
    """Reconcile the numbers that news articles about one story report.

    Reads every .txt, .md and .html article under PATHS, extracts each numeric claim
    with its exact quote, aligns the claims that state the same quantity across
    sources, flags the ones that disagree and explains why, and writes an HTML
    report, a JSON result and a CSV claim ledger.

    `reconcile review CORPUS --help` shows how to confirm, dismiss or correct a finding.
    """
    started = time.perf_counter()
    if not no_cache and cache_dir is None:
        cache_dir = str((out_dir or Path()) / DEFAULT_DIR)
    name = output_name(paths[0], out_dir or Path("reports"))
    html_path = (out_dir or Path("reports")) / f"{name}.html"
    csv_path = (out_dir or Path("claims")) / f"{name}.csv"
    json_file = None if json_path == "-" else Path(json_path or (out_dir or Path("reports")) / f"{name}.json")
    targets = [p for p in (html_path, json_file, csv_path, claimreview_path) if p is not None and p != "-"]
    _check_outputs(paths, html_path, json_file, csv_path, claimreview_path, rules_file, rates_file)
    options = Options(rules_file=rules_file, rates_file=rates_file, jobs=jobs,
                      cache_dir=None if no_cache else cache_dir, scheduler=scheduler, strict=strict,
                      own_outputs=tuple(str(p) for p in targets),  # never read back, wherever they are
                      primary=primary)
    # millions of acyclic objects: no cyclic collector during the run, nor on the way out
    with gc_paused(freeze=True):
        progress = for_terminal(quiet)
        try:
            try:
                result = reconcile(paths, options, progress)
            except (NoInput, NoArticles, ConfigError, SchedulerError) as exc:
                raise _UsageError(str(exc)) from exc
            progress.start("write")
            try:
                t = time.perf_counter()
                # the JSON result and the ledger first: a large run's are written by a forked
                # child while this process compares the run with the previous one and makes the report
                data = _DataOutputs.start(result, json_file, csv_path)
                writing = time.perf_counter() - t
                try:
                    t = time.perf_counter()
                    desk = _Desk.open(paths, result, html_path.parent, name)
                    stages = {**result.timings, "history": time.perf_counter() - t}
                    t = time.perf_counter()
                    written = _write_report(result, html_path, desk, data, title or _story(paths))
                    stages["write"] = writing + time.perf_counter() - t
                except BaseException:
                    with contextlib.suppress(Exception):  # the first error is the one to report
                        data.done()  # the writer's files complete (or removed) before the command ends
                    raise
            except OSError as exc:  # a folder that cannot be made or written, a full disk
                raise _cannot_write(exc) from exc
        finally:
            progress.close()
        if timings:
            stages["total"] = time.perf_counter() - started
            click.echo(_timings_line(stages), err=True)
        for s in result.skipped:
            click.echo(f"skipped {s.path}: {s.reason}", err=True)
        for p in result.errors:
            click.echo(f"internal error ({p.stage}) in {p.where}: {p.error}", err=True)
        if desk.problem:
            click.echo(desk.problem, err=True)
        if claimreview_path:
            try:
                _write_claimreview(result, desk, claimreview_path, written)
            except OSError as exc:
                raise _cannot_write(exc) from exc
        if not quiet:
            _summary(result, written, to_stderr=json_path in ("-",) or claimreview_path == "-", desk=desk)
        if fail_on:
            levels = ("error",) if fail_on == "error" else ("error", "warning")
            if any(f.severity in levels for f in result.findings):
                sys.exit(1)
        if result.errors:
            sys.exit(3)  # done, with internal errors: the outputs hold the rest of the run


@dataclass
class _Desk:
    """The editor's side of a run: decisions beside the corpus, the previous run's digest."""

    decisions_file: Path
    resolution: Resolution | None
    state_file: Path
    state: dict[str, Any]
    changes: Changes
    now: str
    problem: str = ""

    @classmethod
    def open(cls, paths: tuple[str, ...], result: Result, out: Path, name: str) -> _Desk:
        from reconciler.desk import decisions as review
        from reconciler.desk import history

        now = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
        decisions_file = review.decisions_path(paths)
        problem = ""
        try:
            loaded = review.read(decisions_file)  # an entry that cannot be used is skipped and named
            resolution: Resolution | None = review.resolve(result, loaded.decisions, str(decisions_file))
            problem = "\n".join(printable(line) for line in loaded.problems)
        except review.DecisionError as e:
            resolution, problem = None, printable(f"decisions not applied: {e}")
        state_file = history.state_path(out, name)
        state, before = history.advance(history.load_state(state_file), result, now)
        return cls(decisions_file, resolution, state_file, state, history.compare(before, result), now, problem)


@dataclass
class _DataOutputs:
    """The JSON result and the CSV ledger, being written (see :func:`outputs_in_background`)."""

    json_file: Path | None  # None: on standard output
    csv_file: Path
    done: Callable[[], None]  # waits until both are written

    @classmethod
    def start(cls, result: Result, json_file: Path | None, csv_path: Path) -> _DataOutputs:
        """``json_file``: None for standard output."""
        from reconciler.output.ledger import ledger_csv_chunks

        if json_file is None:
            click.echo(to_json(result), nl=False)
            write_atomic(csv_path, ledger_csv_chunks(result))
            return cls(None, csv_path, _nothing)
        return cls(json_file, csv_path, outputs_in_background(result, json_file, csv_path))


def _check_outputs(paths: tuple[str, ...], html_path: Path, json_file: Path | None, csv_path: Path,
                   claimreview_path: str | None, rules_file: str | None, rates_file: str | None) -> None:
    """Refuse (exit 2, before anything is read or written) outputs that would replace an
    article, the decisions file, a --rules or --rates file, or each other."""
    from reconciler.desk.decisions import decisions_path
    from reconciler.output.guard import OverwritesInput, check_outputs
    from reconciler.read.settings import settings_path

    try:
        check_outputs([("the report", html_path), ("the JSON result", json_file), ("the claim ledger", csv_path),
                       ("the ClaimReview export", claimreview_path)], paths,
                      [("the decisions file", decisions_path(paths)), ("the settings file", settings_path(paths)),
                       ("the --rules file", rules_file), ("the --rates file", rates_file)])
    except OverwritesInput as exc:
        raise _UsageError(str(exc)) from exc


def _write_report(result: Result, html_path: Path, desk: _Desk, data: _DataOutputs, title: str) -> list[Path]:
    """The HTML report and the run's history; returns every file written, once all are."""
    from reconciler.desk.history import save_state
    from reconciler.report import render_html

    write_atomic(html_path, render_html(result, generated_at=desk.now, review=desk.resolution,
                                        changes=desk.changes, json_name=data.json_file.name if data.json_file else "",
                                        title=title))
    data.done()
    save_state(desk.state_file, desk.state)
    return [*([data.json_file] if data.json_file else []), html_path, data.csv_file]


def _nothing() -> None:
    pass


def _write_claimreview(result: Result, desk: _Desk, path: str, written: list[Path]) -> None:
    from reconciler.desk.claimreview import NO_URL, claim_reviews, to_jsonld
    from reconciler.output.result import to_dict

    attached = desk.resolution.attached if desk.resolution else {}
    decisions = [replace(a.decision, finding=fid) for fid, a in attached.items()]
    reviews = claim_reviews(to_dict(result), decisions)
    if reviews["@graph"]:
        click.echo(f"warning: {NO_URL}", err=True)
    doc = to_jsonld(reviews)
    if path == "-":
        click.echo(doc, nl=False)
    else:
        write_atomic(path, doc)
        written.append(Path(path))


def _cannot_write(exc: OSError) -> _UsageError:
    where = f" {exc.filename}" if exc.filename else ""
    return _UsageError(f"cannot write the outputs:{where}: {exc.strerror or exc} (no file is left half-written)")


def _timings_line(stages: dict[str, float]) -> str:
    """``timings: read 0.01 s, extract 0.12 s, ...; peak memory 80 MB, workers 60 MB`` (the
    largest worker process of this machine, when the run had any: the resident size of a
    worker forked late in the run counts the pages it still shares with this process)."""
    line = "timings: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in stages.items())
    try:
        import resource
    except ImportError:  # not on this platform (Windows)
        return line
    kib = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss is in KiB on Linux, bytes on macOS
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib
    line += f"; peak memory {me:.0f} MB"
    if workers_forked():
        line += f", workers {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kib:.0f} MB"
    return line


def _story(paths: tuple[str, ...]) -> str:
    """The story's name: the first path's folder (a file's own folder)."""
    first = Path(paths[0]).resolve()
    return (first if first.is_dir() else first.parent).name


def _summary(result: Result, written: list[Path], *, to_stderr: bool, desk: _Desk | None = None) -> None:
    c = result.counts()
    lines = [
        f"{len(result.sources)} sources, {len(result.claims)} claims, {len(result.groups)} aligned quantities",
        f"findings: {c['error']} error, {c['warning']} warning, {c['info']} info"
        + (f"; {len(result.skipped)} file(s) skipped" if result.skipped else "")
        + (f"; {len(result.errors)} internal error(s), see Problems in the report" if result.errors else ""),
    ]
    from reconciler.desk.decisions import decision_state

    outlet_of = {s.id: s.outlet for s in result.sources if s.outlet}
    claim_of = {c.id: (c.source, c.text) for c in result.claims} if outlet_of else {}
    attached = desk.resolution.attached if desk is not None and desk.resolution is not None else {}
    for f in [f for f in result.findings if f.severity != "info"][:8]:
        who = outlets_of(f.claims, claim_of, outlet_of)
        a = attached.get(f.id)
        lines.append(f"  {f.severity:7} {f.message}" + (f" ({who})" if who else "")
                     + (f"  [{decision_state(a.decision)}]" if a else ""))
    if desk is not None and desk.changes.none:
        lines.append(f"since the last run: no change since the run of {desk.changes.since}")
    elif desk is not None and not desk.changes.first:
        ch = desk.changes
        lines.append(f"since the last run: {ch.count('new')} new, {ch.count('resolved')} resolved, "
                     f"{ch.count('changed')} changed" + (f"; {len(ch.orphaned_claims)} flagged claim(s) no longer "
                                                        "found" if ch.orphaned_claims else ""))
    if desk is not None and desk.resolution is not None and (desk.resolution.attached or desk.resolution.orphans):
        n = desk.resolution.counts()
        lines.append(f"decisions: {n['confirmed']} confirmed, {n['corrected']} corrected, {n['dismissed']} dismissed"
                     + (f"; {len(desk.resolution.orphans)} orphaned" if desk.resolution.orphans else ""))
        for o in desk.resolution.orphans[:5]:
            lines.append(f"  orphaned {o.decision.finding} ({o.decision.status}): {o.reason}")
    lines += [f"wrote {p}" for p in written]
    click.echo("\n".join(lines), err=to_stderr)
