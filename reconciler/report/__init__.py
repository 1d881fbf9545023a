"""HTML report stage: ``build_context`` precomputes the data, ``render_html`` renders it.

Usage::

    from reconciler.report import render_html
    Path("report.html").write_text(render_html(result), encoding="utf-8")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconciler.models import Result

from .context import Limits, build_context
from .render import render_context
from .views import ReportContext

if TYPE_CHECKING:
    from reconciler.history import Changes
    from reconciler.review import Resolution

__all__ = ["Limits", "ReportContext", "build_context", "render_context", "render_html"]


def render_html(result: Result, *, generated_at: str | None = None, review: Resolution | None = None,
                changes: Changes | None = None, limits: Limits | None = None, json_name: str = "") -> str:
    """The whole report as one self-contained HTML document (offline, strict CSP).

    ``review``: decisions attached to the findings (:func:`reconciler.review.resolve`);
    ``changes``: what changed since the previous run (:func:`reconciler.history.compare`).
    """
    return render_context(build_context(result, generated_at=generated_at, review=review, changes=changes,
                                        limits=limits, json_name=json_name))
