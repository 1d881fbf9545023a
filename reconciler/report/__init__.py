"""HTML report stage: ``build_context`` precomputes the data, ``render_html`` renders it.

Usage::

    from reconciler.report import render_html
    Path("report.html").write_text(render_html(result), encoding="utf-8")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconciler.models import Result
from reconciler.report.context import build_context
from reconciler.report.render import Addon, render_context
from reconciler.report.views import Limits, ReportContext

if TYPE_CHECKING:
    from reconciler.desk.decisions import Resolution
    from reconciler.desk.history import Changes

__all__ = ["Addon", "Limits", "ReportContext", "build_context", "render_context", "render_html"]


def render_html(result: Result, *, generated_at: str | None = None, review: Resolution | None = None,
                changes: Changes | None = None, limits: Limits | None = None, json_name: str = "",
                addon: Addon | None = None, title: str = "") -> str:
    """The whole report as one self-contained HTML document (offline, strict CSP).

    ``review``: decisions attached to the findings (:func:`reconciler.desk.decisions.resolve`);
    ``changes``: what changed since the previous run (:func:`reconciler.desk.history.compare`);
    ``addon``: extra style and script for the page, hashed into its CSP (the live desk's controls);
    ``title``: the story's name for the heading (default: "Reconcile report").
    """
    return render_context(build_context(result, generated_at=generated_at, review=review, changes=changes,
                                        limits=limits, json_name=json_name, title=title), addon)
