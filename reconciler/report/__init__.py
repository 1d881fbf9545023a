"""HTML report stage: ``build_context`` precomputes the data, ``render_html`` renders it.

Usage::

    from reconciler.report import render_html
    Path("report.html").write_text(render_html(result), encoding="utf-8")
"""

from __future__ import annotations

from reconciler.models import Result

from .context import build_context
from .render import render_context
from .views import ReportContext

__all__ = ["ReportContext", "build_context", "render_context", "render_html"]


def render_html(result: Result, *, generated_at: str | None = None) -> str:
    """The whole report as one self-contained HTML document (offline, strict CSP)."""
    return render_context(build_context(result, generated_at=generated_at))
