"""Render a ReportContext to one self-contained HTML page with a strict CSP."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .views import ReportContext

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "report.html.j2"

# Our own CSS/JS are inlined raw; they must not be able to close their element early.
_BREAKOUT = re.compile(r"</(script|style)|<!--", re.IGNORECASE)


def csp_source(text: str) -> str:
    """CSP hash source for the exact text of an inline element: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    return "; ".join((
        "default-src 'none'",
        f"style-src {csp_source(style)}",
        f"script-src {csp_source(script)}",
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ))


@cache
def asset(name: str) -> str:
    """Text of a file in templates/, with LF line ends (what the HTML parser hashes)."""
    text = (TEMPLATES / name).read_text(encoding="utf-8").replace("\r\n", "\n")
    if _BREAKOUT.search(text):
        raise ValueError(f"{name} contains a sequence that would end its inline element")
    return text


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render_context(context: ReportContext) -> str:
    """Render precomputed report data. Only our own CSS and JS are marked safe."""
    style, script = asset("report.css"), asset("report.js")
    template = environment().get_template(TEMPLATE)
    return template.render(
        c=context,
        csp=content_security_policy(style, script),
        style=Markup(style),  # trusted package file, hashed into the CSP
        script=Markup(script),  # trusted package file, hashed into the CSP
    )
