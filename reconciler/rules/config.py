"""Rule configuration: package defaults (defaults.toml) with a user file laid over them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from reconciler.errors import ConfigError
from reconciler.models import Severity

__all__ = ["ConfigError", "RuleConfig", "load_config"]


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


def load_config(path: str | Path | None = None) -> RuleConfig:
    text = resources.files("reconciler.rules").joinpath("defaults.toml").read_text("utf-8")
    data = tomllib.loads(text)
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot use rules file {path}: {exc}") from exc
        for section in ("tolerance", "rules"):
            for key, val in user.get(section, {}).items():
                if section == "rules" and isinstance(val, dict):
                    data["rules"].setdefault(key, {}).update(val)
                else:
                    data[section][key] = val
    return RuleConfig(tolerance={k: float(v) for k, v in data["tolerance"].items()}, rules=data["rules"])
