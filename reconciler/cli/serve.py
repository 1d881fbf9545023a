"""`reconcile serve CORPUS`: the live desk in the browser (see :mod:`reconciler.desk.server`)."""

from __future__ import annotations

from pathlib import Path

import click

from reconciler._engine.cache import DEFAULT_DIR

SERVE_EPILOG = """\b
Examples:
  reconcile serve seeds/                 open the report with its controls
  reconcile serve seeds/ --port 8765 --no-browser

\b
The page is the report with confirm, dismiss, correct and undo on every
finding; decisions go to CORPUS/reconcile-decisions.toml, the file that
`reconcile review` reads and writes. An article saved into CORPUS (or
dropped onto the page) re-runs the corpus and the page follows. The server
listens on 127.0.0.1 only and answers only requests that carry the token
of the printed address. Exit codes: 0 stopped; 2 the corpus cannot be run
or the port cannot be used.
"""


class _Usage(click.ClickException):
    exit_code = 2


@click.command("serve", epilog=SERVE_EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="The port on 127.0.0.1 (0: a free one).")
@click.option("--no-browser", is_flag=True, help="Print the address but do not open a browser.")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="TOML file overriding rules and tolerances.")
@click.option("--rates", "rates_file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="TOML file overriding the currency rate table.")
@click.option("--title", type=str, default=None,
              help="The story's name for the page heading (default: the corpus folder's name).")
@click.option("--interval", type=click.FloatRange(0.1, 60), default=1.0, show_default=True,
              help="Seconds between looks at the folder for new or saved articles.")
def serve_command(corpus: Path, port: int, no_browser: bool, rules_file: str | None, rates_file: str | None,
                  interval: float, title: str | None) -> None:
    """Review in the browser: the report with working controls, updated as articles arrive."""
    try:
        from reconciler.desk.live import Desk
        from reconciler.desk.server import ServeError, new_token, serve
    except ImportError as e:  # pragma: no cover - the serve extra is missing
        raise _Usage(f"reconcile serve needs Starlette and uvicorn: pip install 'reconcile[serve]' ({e})") from e
    from reconciler.desk.history import state_path
    from reconciler.pipeline import Options

    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in (corpus.resolve().name or "reconcile"))
    desk = Desk(corpus, new_token(), Options(rules_file=rules_file, rates_file=rates_file, cache_dir=DEFAULT_DIR),
                history_file=state_path(Path("reports"), name), title=title or "")
    try:
        serve(desk, port=port, open_browser=not no_browser, interval=interval, echo=click.echo)
    except ServeError as e:
        raise _Usage(str(e)) from e
