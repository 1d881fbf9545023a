"""The command line, a click group whose default command is the main job.

``reconcile PATHS ...`` is ``reconcile run PATHS ...``: any first word that is not a command
name goes to ``run`` (the pattern of sqlite-utils' ``DefaultGroup``). ``reconcile --help``
shows the main job's help with the other commands listed after it. A corpus folder that is
itself called like a command is named with a path: ``reconcile ./review``.
"""

from __future__ import annotations

from typing import Any

import click

from reconciler.cli.review import review_command
from reconciler.cli.run import run_command
from reconciler.cli.serve import serve_command
from reconciler.cli.text import text_command

__all__ = ["main"]


class _DefaultGroup(click.Group):
    """A group whose first argument, when it names no command, is the default command's."""

    default = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--version", *ctx.help_option_names)):
            args = [self.default, *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The main job's help (usage, options, examples), then the other commands."""
        command = self.commands[self.default]
        with click.Context(command, info_name=ctx.info_name, parent=ctx.parent) as sub:
            command.format_help(sub, formatter)
        others = [(name, cmd.get_short_help_str(68)) for name, cmd in self.commands.items() if name != self.default]
        if others:
            with formatter.section("Other commands (reconcile COMMAND --help)"):
                formatter.write_dl(others)


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reconcile")
def main(**_: Any) -> None:
    """Reconcile the numbers that news articles about one story report."""


main.add_command(run_command)
main.add_command(review_command)
main.add_command(text_command)
main.add_command(serve_command)
