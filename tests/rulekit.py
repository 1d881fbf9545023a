"""Shared helpers for the rule tables: write articles to real files, run the pipeline, and
find the findings that hold given quotes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reconciler.models import Finding, Result
from reconciler.pipeline import Options, reconcile

LOUD = ("error", "warning")


def run(tmp_path: Path, articles: Sequence[str], rules: str | None = None) -> Result:
    """Write each article to its own file and reconcile the folder (with an optional rules file)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, text in enumerate(articles):
        (folder / f"{i:03d}.txt").write_text(text + "\n", encoding="utf-8")
    rules_file = None
    if rules is not None:
        rules_file = tmp_path / "rules.toml"
        rules_file.write_text(rules, encoding="utf-8")
    return reconcile([folder], Options(rules_file=str(rules_file) if rules_file else None))


def texts(result: Result, finding: Finding) -> list[str]:
    by_id = {c.id: c for c in result.claims}
    return [by_id[cid].text for cid in finding.claims]


def holding(result: Result, *quotes: str, severities: Sequence[str] = LOUD) -> list[Finding]:
    """Findings of the given severities holding, for each quote, a claim whose text contains it."""
    return [f for f in result.findings if f.severity in severities
            and all(any(q in t for t in texts(result, f)) for q in quotes)]


def loud(result: Result) -> list[Finding]:
    return [f for f in result.findings if f.severity in LOUD]


def of_rule(result: Result, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


def describe(result: Result) -> str:
    return "\n".join(f"[{f.severity}] {f.rule}: {f.message} {texts(result, f)}" for f in result.findings)
