"""`reconcile review CORPUS ACTION ...`: the editor's decisions from the terminal (click commands
over :mod:`reconciler.desk.decisions`)."""

from __future__ import annotations

import json as _json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from reconciler.desk.decisions import (
    FILENAME,
    Decision,
    DecisionError,
    clear,
    decide,
    decisions_path,
    load,
    resolve_data,
    save,
)
from reconciler.output.names import output_name

# ---------------------------------------------------------------------------------------
# the command line: reconcile review CORPUS ACTION ...


class _Usage(click.ClickException):
    exit_code = 2


@dataclass
class _Session:
    corpus: Path
    result_path: Path
    decisions_path: Path

    def data(self) -> dict[str, Any]:
        try:
            loaded: dict[str, Any] = _json.loads(self.result_path.read_text("utf-8"))
        except FileNotFoundError as e:
            raise _Usage(f"no result at {self.result_path}: run `reconcile {self.corpus}` first "
                         "(or name it with --result)") from e
        except (OSError, ValueError) as e:
            raise _Usage(f"cannot read the result {self.result_path}: {e}") from e
        return loaded

    def decisions(self) -> list[Decision]:
        try:
            return load(self.decisions_path)
        except DecisionError as e:
            raise _Usage(str(e)) from e


REVIEW_EPILOG = """\b
Examples:
  reconcile review seeds/ list
  reconcile review seeds/ confirm f-5e5d55adf4 --note "checked with the paper" --by anna
  reconcile review seeds/ dismiss f-196159e9fd --note "dateline, not the event date"
  reconcile review seeds/ correct f-4af0749924 --value '$294,000' --note "scale slip"
  reconcile review seeds/ export claimreview.jsonld --publisher "The Desk"

\b
FINDING is a finding id from the report or `list` (a unique prefix will do).
The options --result, --out and --decisions go before CORPUS.
Decisions are kept in CORPUS/reconcile-decisions.toml (plain TOML, meant for
version control), written atomically. The next `reconcile CORPUS` shows them
in the report: dismissed findings folded with their note, and any decision
whose finding is gone listed as orphaned.
"""


@click.group(name="review", epilog=REVIEW_EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
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
    outputs = out_dir or Path("reports")
    ctx.obj = _Session(
        corpus=corpus,
        result_path=result_path or outputs / f"{output_name(corpus, outputs)}.json",
        decisions_path=decisions_file or decisions_path([corpus]),
    )


def _record(ctx: click.Context, finding: str, status: str, note: str, value: str, by: str) -> None:
    s: _Session = ctx.obj
    try:
        decisions, d = decide(s.decisions(), s.data(), finding, status, note=note, corrected=value, by=by)
    except DecisionError as e:
        raise _Usage(str(e)) from e
    save(s.decisions_path, decisions)
    click.echo(f"{d.status} {d.finding}: {d.message}" + (f" (note: {d.note})" if d.note else ""))
    click.echo(f"wrote {s.decisions_path}")


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
    try:
        decisions, d = clear(s.decisions(), finding)
    except DecisionError as e:
        raise _Usage(str(e)) from e
    save(s.decisions_path, decisions)
    click.echo(f"cleared {d.finding} (was {d.status})")
    click.echo(f"wrote {s.decisions_path}")


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
    for f in data.get("findings", []):
        a = res.attached.get(f["id"])
        if (only_open and a) or (severity and f["severity"] != severity):
            continue
        state = f"{a.decision.status}" + (f": {a.decision.note}" if a.decision.note else "") if a else "open"
        lines.append(f"{f['id']}  {f['severity']:7}  {f['message']}  [{state}]")
    for o in res.orphans:
        lines.append(f"{o.decision.finding}  orphaned {o.decision.status}: {o.decision.message}  ({o.reason})")
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
    from reconciler.desk.claimreview import BadURL, check_url, claim_reviews, to_jsonld
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
    write_atomic(file, text)
    click.echo(f"wrote {file}: {len(doc['@graph'])} ClaimReview item(s)")
