"""Rule configuration: package defaults (defaults.toml) with a user file laid over them.

A user file (``--rules FILE``) names only what it changes, and everything it names is
checked against the defaults: a section, tolerance or rule the defaults do not have, a
tolerance that is not a finite number of at least 0, ``enabled`` that is not ``true`` or
``false``, a severity that is not ``error``, ``warning`` or ``info``: each is a
:class:`ConfigError` naming the file, the key and why (a usage error on the command line).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from reconciler.errors import ConfigError
from reconciler.extract.units import finite_number
from reconciler.models import SEVERITIES, Severity
from reconciler.read.regular import read_toml

__all__ = ["ConfigError", "RuleConfig", "load_config"]

_RULE_KEYS = ("enabled", "severity")


@dataclass(frozen=True)
class RuleConfig:
    tolerance: dict[str, float]
    rules: dict[str, dict[str, Any]]

    def enabled(self, rule: str) -> bool:
        return bool(self.rules.get(rule, {}).get("enabled", True))

    def severity(self, rule: str, default: Severity = "error") -> Severity:
        sev = self.rules.get(rule, {}).get("severity", default)
        return sev if sev in ("error", "warning", "info") else default

    def tol(self, name: str) -> float:
        return float(self.tolerance[name])


def _kind(value: object) -> str:
    return {bool: "a boolean", str: "a string", dict: "a table", list: "an array", int: "an integer",
            float: "a number"}.get(type(value), type(value).__name__)


def load_config(path: str | Path | None = None) -> RuleConfig:
    text = resources.files("reconciler.rules").joinpath("defaults.toml").read_text("utf-8")
    data = tomllib.loads(text)
    if path is not None:
        user = read_toml(path, "rules")

        def bad(key: str, why: str) -> ConfigError:
            return ConfigError(f"cannot use rules file {path}: {key}: {why}")

        for section in user:
            if section not in ("tolerance", "rules"):
                raise bad(section, "unknown section (expected [tolerance] or [rules.NAME])")
            if not isinstance(user[section], dict):
                raise bad(section, f"must be a table, not {_kind(user[section])}")
        for key, val in user.get("tolerance", {}).items():
            if key not in data["tolerance"]:
                raise bad(f"tolerance.{key}", "unknown tolerance (known: " + ", ".join(data["tolerance"]) + ")")
            x = finite_number(val)
            if x is None or x < 0:
                raise bad(f"tolerance.{key}", f"must be a finite number of at least 0, not {val!r}")
            data["tolerance"][key] = x
        for rule, table in user.get("rules", {}).items():
            if rule not in data["rules"]:
                raise bad(f"rules.{rule}", "unknown rule (known: " + ", ".join(data["rules"]) + ")")
            if not isinstance(table, dict):
                raise bad(f"rules.{rule}", f"must be a table ([rules.{rule}]), not {_kind(table)}")
            for key, val in table.items():
                if key not in _RULE_KEYS:
                    raise bad(f"rules.{rule}.{key}", "unknown key (expected enabled or severity)")
                if key == "enabled" and not isinstance(val, bool):
                    raise bad(f"rules.{rule}.enabled", f"must be true or false, not {val!r}")
                if key == "severity" and val not in SEVERITIES:
                    raise bad(f"rules.{rule}.severity", f"must be one of {', '.join(SEVERITIES)}, not {val!r}")
            data["rules"][rule].update(table)
    return RuleConfig(tolerance={k: float(v) for k, v in data["tolerance"].items()}, rules=data["rules"])
