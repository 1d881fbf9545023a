"""`reconcile text FILE...`: what the tool reads from each file (title, outlet, date, main text)."""

from __future__ import annotations

import json

import click

from reconciler.models import Source
from reconciler.read.listing import NoInput
from reconciler.read.source import read_sources

TEXT_EPILOG = """\b
Examples:
  reconcile text seeds/000_6291c126803fc765.txt
  reconcile text saved-page.html release.pdf agency-copy.docx
  reconcile text --json seeds/ > read.json

\b
Reads .txt, .md, .html, .pdf and .docx as a run does: the main text of a web
page (page chrome left out), a PDF's text layer page by page (page furniture
left out, "[page N]" where each page begins), a Word document's paragraphs and
tables. Files that cannot be read are named on standard error with the reason.
Exit codes: 0 done, 2 a path that does not exist or nothing readable.
"""


class _Usage(click.ClickException):
    exit_code = 2


def record(source: Source) -> dict[str, str | None]:
    """The JSON record of one source read: ``{path, title, outlet, date, text}``."""
    return {"path": source.path, "title": source.title, "outlet": source.outlet, "date": source.date,
            "text": source.text}


def show(source: Source) -> str:
    """A source as printed: its header lines, a blank line, then its text (pages marked)."""
    head = [f"== {source.path}", f"title:  {source.title}", f"outlet: {source.outlet or '(not stated)'}",
            f"date:   {source.date or '(not stated)'}", f"format: {source.format}"
            + (f", {len(source.pages)} page(s)" if source.pages else "")]
    head += [f"note:   {n}" for n in source.notes]
    text = source.text
    for n, start in reversed(list(enumerate(source.pages, start=1))):
        if n > 1:
            text = f"{text[:start]}\n[page {n}]\n{text[start:]}"
    if source.pages:
        text = f"[page 1]\n{text}"
    return "\n".join(head) + "\n\n" + text.rstrip("\n") + "\n"


@click.command(name="text", epilog=TEXT_EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of {path, title, outlet, date, text}.")
def text_command(paths: tuple[str, ...], as_json: bool) -> None:
    """Print what reconcile reads from each file: title, outlet, date and main text."""
    try:
        sources, skipped = read_sources(list(paths))
    except NoInput as e:
        raise _Usage(str(e)) from e
    for s in skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)
    if not sources:
        raise _Usage("nothing readable")
    if as_json:
        click.echo(json.dumps([record(s) for s in sources], ensure_ascii=False, indent=1))
    else:
        click.echo("\n".join(show(s) for s in sources), nl=False)
