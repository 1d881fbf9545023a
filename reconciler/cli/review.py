"""`reconcile review CORPUS ACTION ...`: the editor's decisions from the terminal (click commands
over :mod:`reconciler.desk.decisions`)."""

from __future__ import annotations

import contextlib
import json as _json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from reconciler.desk.decisions import (
    FILENAME,
    Decision,
    DecisionError,
    Loaded,
    clear,
    decide,
    decision_state,
    decisions_path,
    locked,
    read,
    resolve_data,
    result_problem,
    save,
)
from reconciler.output.names import output_name
from reconciler.output.result import outlets_of

# ---------------------------------------------------------------------------------------
# the command line: reconcile review CORPUS ACTION ...


class _Usage(click.ClickException):
    exit_code = 2


def _shown(text: object) -> str:
    """Text from the decisions file or an article, safe to print: control characters
    (terminal escapes among them) and line breaks escaped, so nothing reaches the terminal
    but the characters themselves and every entry stays one line."""
    from reconciler.read.listing import printable

    return printable(str(text))


def _cannot_write(path: Path | str, e: OSError) -> _Usage:
    where = e.filename if isinstance(e.filename, str) and e.filename else path
    return _Usage(f"cannot write {_shown(where)}: {e.strerror or e}")


@dataclass
class _Session:
    corpus: Path
    result_path: Path
    decisions_path: Path
    tried: tuple[Path, ...] = ()  # where the result was looked for (when not named)

    def data(self) -> dict[str, Any]:
        try:
            loaded: dict[str, Any] = _json.loads(self.result_path.read_text("utf-8"))
        except FileNotFoundError as e:
            where = " or ".join(str(p) for p in self.tried) if self.tried else str(self.result_path)
            raise _Usage(f"no result at {where}: run `reconcile {self.corpus}` first "
                         "(or name it with --result)") from e
        except (OSError, ValueError) as e:
            raise _Usage(f"cannot read the result {self.result_path}: {e}") from e
        problem = result_problem(loaded)
        if problem:
            raise _Usage(f"{self.result_path} is not a reconcile result: {problem}")
        return loaded

    def decisions(self) -> list[Decision]:
        """The usable decisions; each entry skipped is named on standard error."""
        loaded = self._read()
        for line in loaded.problems:
            click.echo(_shown(line), err=True)
        return list(loaded.decisions)

    def decisions_to_change(self) -> list[Decision]:
        """The decisions, for a command that rewrites the file: refused while an entry cannot be
        read (rewriting would drop it), with each such entry named."""
        loaded = self._read()
        if loaded.problems:
            raise _Usage("\n".join(_shown(line) for line in loaded.problems)
                         + f"\nnot changed: fix or remove the entries above in {_shown(self.decisions_path)} first")
        return list(loaded.decisions)

    def _read(self) -> Loaded:
        try:
            return read(self.decisions_path)
        except DecisionError as e:
            raise _Usage(_shown(e)) from e

    @contextlib.contextmanager
    def changing(self) -> Iterator[None]:
        """Hold the decisions file's lock (read, change and write under it); a file or folder
        that cannot be written is a usage error."""
        try:
            with locked(self.decisions_path):
                yield
        except DecisionError as e:
            raise _Usage(_shown(e)) from e
        except OSError as e:
            raise _cannot_write(self.decisions_path, e) from e


def _result_candidates(corpus: Path, out_dir: Path | None) -> tuple[Path, ...]:
    """Where a run of ``corpus`` wrote its JSON result: ``reports/NAME.json`` (or
    ``OUT/NAME.json``) from the current folder, or from the folder that holds the corpus
    (a review started inside the corpus, or anywhere else, finds it there)."""
    outputs = out_dir or Path("reports")
    folder = corpus.resolve() if corpus.is_dir() else corpus.resolve().parent
    found = [outputs / f"{output_name(corpus, outputs)}.json"]
    if not outputs.is_absolute():
        beside = folder.parent / outputs
        found.append(beside / f"{output_name(corpus, beside)}.json")
    return tuple(p for i, p in enumerate(found) if p.resolve() not in {q.resolve() for q in found[:i]})


# options of the review group, accepted anywhere on the line: reconcile review seeds/ list --out out
_GROUP_OPTIONS = ("--result", "--out", "--decisions")
# options of the actions that take a value (a value is never taken for a group option)
_ACTION_VALUES = ("--note", "--value", "--by", "--severity", "--publisher", "--url")


class _ReviewGroup(click.Group):
    """``review``, with its own options allowed after CORPUS and after the action too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        front: list[str] = []
        rest: list[str] = []
        i = 0
        while i < len(args):
            a = args[i]
            name = a.split("=", 1)[0]
            if a == "--":
                rest += args[i:]
                break
            if name in _GROUP_OPTIONS:
                take = 1 if "=" in a else 2
                front += args[i:i + take]
                i += take
            elif a in _ACTION_VALUES:
                rest += args[i:i + 2]
                i += 2
            else:
                rest.append(a)
                i += 1
        return super().parse_args(ctx, front + rest)


REVIEW_EPILOG = """\b
Examples:
  reconcile review seeds/ list
  reconcile review seeds/ confirm f-5e5d55adf4 --note 'checked with the paper' --by anna
  reconcile review seeds/ dismiss f-196159e9fd --note 'dateline, not the event date'
  reconcile review seeds/ correct f-4af0749924 --value '$294,000' --note 'scale slip'
  cd seeds/ && reconcile review . list --open   (from any folder)
  reconcile review seeds/ export claimreview.jsonld --publisher "The Desk"

\b
FINDING is a finding id from the report or `list` (a unique prefix will do).
The options --result, --out and --decisions may go anywhere on the line.
Without --result the run's JSON result is looked for in reports/ (or the
--out folder) from here, then beside the corpus folder: a review works
from any folder.
Decisions are kept in CORPUS/reconcile-decisions.toml (plain TOML, meant for
version control), written atomically. The next `reconcile CORPUS` shows them
in the report: dismissed findings folded with their note, and any decision
whose finding is gone listed as orphaned.
"""


@click.group(name="review", cls=_ReviewGroup, epilog=REVIEW_EPILOG,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("corpus", type=click.Path(exists=True, path_type=Path))
@click.option("--result", "result_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The JSON result of the run to review (default: reports/NAME.json, or OUT/NAME.json).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The --out folder the run wrote to.")
@click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"The decisions file (default: CORPUS/{FILENAME}).")
@click.pass_context
def review_command(ctx: click.Context, corpus: Path, result_path: Path | None, out_dir: Path | None,
                   decisions_file: Path | None) -> None:
    """Record an editor's decisions on the findings of a run: confirm, dismiss or correct."""
    tried = () if result_path else _result_candidates(corpus, out_dir)
    ctx.obj = _Session(
        corpus=corpus,
        result_path=result_path or next((p for p in tried if p.is_file()), tried[0]),
        decisions_path=decisions_file or decisions_path([corpus]),
        tried=tried,
    )


def _record(ctx: click.Context, finding: str, status: str, note: str, value: str, by: str) -> None:
    s: _Session = ctx.obj
    data = s.data()
    with s.changing():  # read again under the lock: a decision recorded meanwhile is kept
        try:
            decisions, d = decide(s.decisions_to_change(), data, finding, status, note=note, corrected=value, by=by)
        except DecisionError as e:
            raise _Usage(_shown(e)) from e
        save(s.decisions_path, decisions)
    shown_note = f" (note: {_shown(d.note)})" if d.note else ""
    click.echo(f"{d.status} {_shown(d.finding)}: {_shown(d.message)}{shown_note}")
    click.echo(f"wrote {_shown(s.decisions_path)}")


_note = click.option("--note", default="", help="Why: shown with the finding in the report.")
_by = click.option("--by", default="", help="Who decided (a name or initials).")


@review_command.command("confirm")
@click.argument("finding")
@_note
@_by
@click.pass_context
def _confirm(ctx: click.Context, finding: str, note: str, by: str) -> None:
    """The finding is right: the source printed a wrong figure."""
    _record(ctx, finding, "confirmed", note, "", by)


@review_command.command("dismiss")
@click.argument("finding")
@click.option("--note", required=True, help="Why it is not a problem (required).")
@_by
@click.pass_context
def _dismiss(ctx: click.Context, finding: str, note: str, by: str) -> None:
    """The finding is not a problem (shown folded, with the note)."""
    _record(ctx, finding, "dismissed", note, "", by)


@review_command.command("correct")
@click.argument("finding")
@click.option("--value", required=True, help="The correct figure, as it should be printed.")
@_note
@_by
@click.pass_context
def _correct(ctx: click.Context, finding: str, value: str, note: str, by: str) -> None:
    """The finding is right and this is the correct figure."""
    _record(ctx, finding, "corrected", note, value, by)


@review_command.command("clear")
@click.argument("finding")
@click.pass_context
def _clear(ctx: click.Context, finding: str) -> None:
    """Remove the decision on a finding."""
    s: _Session = ctx.obj
    with s.changing():
        try:
            decisions, d = clear(s.decisions_to_change(), finding)
        except DecisionError as e:
            raise _Usage(_shown(e)) from e
        save(s.decisions_path, decisions)
    click.echo(f"cleared {_shown(d.finding)} (was {d.status})")
    click.echo(f"wrote {_shown(s.decisions_path)}")


@review_command.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only findings without a decision.")
@click.option("--severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Only findings of this severity.")
@click.pass_context
def _list(ctx: click.Context, only_open: bool, severity: str | None) -> None:
    """The findings of the run with their decisions, and any orphaned decision."""
    s: _Session = ctx.obj
    data = s.data()
    res = resolve_data(data, s.decisions(), str(s.decisions_path))
    lines = []
    outlet_of = {s["id"]: s["outlet"] for s in data.get("sources", []) if s.get("outlet")}
    claim_of = {c["id"]: (c["source"], c["text"]) for c in data.get("claims", [])} if outlet_of else {}
    for f in data.get("findings", []):
        a = res.attached.get(f["id"])
        if (only_open and a) or (severity and f["severity"] != severity):
            continue
        state = decision_state(a.decision, note=True) if a else "open"
        who = outlets_of(f["claims"], claim_of, outlet_of)
        lines.append(f"{_shown(f['id'])}  {_shown(f['severity']):7}  {_shown(f['message'])}"
                     + (f" ({_shown(who)})" if who else "") + f"  [{_shown(state)}]")
    for o in res.orphans:
        lines.append(f"{_shown(o.decision.finding)}  orphaned {o.decision.status}: {_shown(o.decision.message)}  "
                     f"({_shown(o.reason)})")
    n = res.counts()
    lines.append(f"{len(data.get('findings', []))} findings: {n['confirmed']} confirmed, {n['corrected']} corrected, "
                 f"{n['dismissed']} dismissed, {len(res.orphans)} orphaned decision(s)")
    click.echo("\n".join(lines))


@review_command.command("export")
@click.argument("file", type=str)
@click.option("--publisher", default="", help="The organisation publishing the reviews (schema.org author).")
@click.option("--url", default="", help="The page the reviews will be published at (each gets URL#finding).")
@click.pass_context
def _export(ctx: click.Context, file: str, publisher: str, url: str) -> None:
    """Write ClaimReview JSON-LD (schema.org) for the confirmed and corrected findings ('-': standard output)."""
    from reconciler.desk.claimreview import NO_URL, BadURL, check_url, claim_reviews, to_jsonld
    from reconciler.output.atomic import write_atomic
    from reconciler.output.guard import OverwritesInput, check_outputs

    try:
        check_url(url)
    except BadURL as e:
        raise _Usage(str(e)) from e
    s: _Session = ctx.obj
    data = s.data()
    res = resolve_data(data, s.decisions(), str(s.decisions_path))
    decisions = [Decision(**{**d.decision.__dict__, "finding": fid}) for fid, d in res.attached.items()]
    doc = claim_reviews(data, decisions, publisher=publisher, url=url)
    if not url and doc["@graph"]:
        click.echo(f"warning: {NO_URL}", err=True)
    text = to_jsonld(doc)
    if file == "-":
        click.echo(text, nl=False)
        return
    try:
        check_outputs([("the ClaimReview export", file)], [s.corpus],
                      [("the decisions file", s.decisions_path),
                       ("the JSON result the export is made from", s.result_path)])
    except OverwritesInput as e:
        raise _Usage(str(e)) from e
    try:
        write_atomic(file, text)
    except OSError as e:
        raise _cannot_write(file, e) from e
    click.echo(f"wrote {_shown(file)}: {len(doc['@graph'])} ClaimReview item(s)")
