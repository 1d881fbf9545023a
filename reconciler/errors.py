"""Domain errors the command line turns into one-line messages (exit status 2)."""

from __future__ import annotations


class ConfigError(ValueError):
    """A rules or rates file that cannot be used."""
