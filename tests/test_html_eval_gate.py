"""Quality gate on real saved web pages, like trafilatura's own ``tests/eval_gate.py``.

``../shared/html-eval`` holds real pages with annotated snippets of main text and of page
chrome; ``benchmarks/html_eval.py`` scores what the read stage keeps of them. CI scores a fixed
sample (``sample`` in ``tests/html_eval_baseline.json``, a few seconds) against the pinned
floors: a drop in precision or recall fails. The whole set: ``python benchmarks/html_eval.py``.
Without the set the gate is skipped locally and fails under ``CI=true``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "html-eval"
BASELINE = Path(__file__).resolve().parent / "html_eval_baseline.json"


def _scorer() -> object:
    spec = importlib.util.spec_from_file_location("html_eval", ROOT / "benchmarks" / "html_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_html_eval_floors() -> None:
    if not (EVAL / "evaldata.json").exists():
        if os.environ.get("CI"):
            pytest.fail(f"the evaluation set is missing: {EVAL}")
        pytest.skip("no ../shared/html-eval here")
    pins = json.loads(BASELINE.read_text(encoding="utf-8"))
    html_eval = _scorer()
    scores = html_eval.score(html_eval.reconcile_text, pins["sample"])  # type: ignore[attr-defined]
    got = scores["all"]
    line = got.line("sample")
    assert got.pages == pins["sample"], line
    assert got.precision >= pins["precision_min"], f"precision fell below its floor: {line}"
    assert got.recall >= pins["recall_min"], f"recall fell below its floor: {line}"


def test_scorer_counts_as_trafilatura_does(tmp_path: Path) -> None:
    """The scorer itself: snippets found or missed in whitespace-normalised text."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.html").write_text(
        "<html><body><nav>Menu item</nav><article><p>" + "The levee  held for 14 hours. " * 12
        + "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "evaldata.json").write_text(json.dumps({"u": {
        "file": "p.html", "with": ["levee held for 14", "not in the page"], "without": ["Menu item", "held for"]}}))
    html_eval = _scorer()
    s = html_eval.score(html_eval.reconcile_text, None, tmp_path)["all"]  # type: ignore[attr-defined]
    assert (s.tp, s.fn, s.fp) == (1, 1, 1)
    assert (s.precision, s.recall) == (0.5, 0.5)
