"""Render a ReportContext to one self-contained HTML page with a strict CSP."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from reconciler.report.views import ReportContext

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "report.html.j2"

# Our own CSS/JS are inlined raw; they must not be able to close their element early.
_BREAKOUT = re.compile(r"</(script|style)|<!--", re.IGNORECASE)


def csp_source(text: str) -> str:
    """CSP hash source for the exact text of an inline element: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str, addon: Addon | None = None) -> str:
    """The report's policy: only its own style and script run, by hash; nothing is fetched.
    An ``addon`` adds its own style and script (by hash) and, if it asks, requests back to
    the page's own origin (``connect-src 'self'``)."""
    styles, scripts = [style], [script]
    if addon is not None:
        styles.append(addon.style)
        scripts.append(addon.script)
    return "; ".join((
        "default-src 'none'",
        "style-src " + " ".join(csp_source(s) for s in styles),
        "script-src " + " ".join(csp_source(s) for s in scripts),
        *(("connect-src 'self'",) if addon is not None and addon.connect else ()),
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ))


@dataclass(frozen=True)
class Addon:
    """Extra style and script for the page (the live desk's controls), hashed into its CSP,
    and ``<meta name content>`` pairs the script reads. Both texts are trusted package files."""

    style: str
    script: str
    meta: tuple[tuple[str, str], ...] = ()
    connect: bool = False  # may the script make requests to the page's own origin


@cache
def asset(name: str) -> str:
    """Text of a file in templates/, with LF line ends (what the HTML parser hashes)."""
    text = (TEMPLATES / name).read_text(encoding="utf-8").replace("\r\n", "\n")
    if _BREAKOUT.search(text):
        raise ValueError(f"{name} contains a sequence that would end its inline element")
    return text


def thousands(value: int) -> str:
    """The ``n`` filter: a count with thousands separators (``63,124``)."""
    return f"{value:,}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["n"] = thousands
    return env


# Direction embeddings, overrides and isolates (U+202A-202E, U+2066-2069) in article text
# would reorder what the report shows around them ("512" drawn as "215"): shown as visible
# markers instead. Zero-width characters stay (they do not reorder; a figure touching one
# is not extracted, and the source's notes say so).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def reveal(text: str) -> str:
    """``text`` with each direction control replaced by a visible ``[U+202E]`` marker.

    >>> reveal("cost \u202e$294,000\u202c")
    'cost [U+202E]$294,000[U+202C]'
    """
    return _BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def _reveal_all(obj: Any) -> Any:
    """Every string in the (frozen, nested) view data passed through :func:`reveal`."""
    if isinstance(obj, str):
        return reveal(obj) if _BIDI_CONTROLS.search(obj) else obj
    if isinstance(obj, tuple):
        items = tuple(_reveal_all(x) for x in obj)
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changed = {}
        for name in _field_names(type(obj)):
            old = getattr(obj, name)
            new = _reveal_all(old)
            if new is not old:
                changed[name] = new
        return dataclasses.replace(obj, **changed) if changed else obj
    return obj


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def render_context(context: ReportContext, addon: Addon | None = None) -> str:
    """Render precomputed report data. Only our own CSS and JS (and an addon's) are marked safe."""
    style, script = asset("report.css"), asset("report.js")
    template = environment().get_template(TEMPLATE)
    if addon is not None:
        for text in (addon.style, addon.script):
            if _BREAKOUT.search(text):
                raise ValueError("the addon contains a sequence that would end its inline element")
    return template.render(
        c=_reveal_all(context),
        csp=content_security_policy(style, script, addon),
        style=Markup(style),  # trusted package file, hashed into the CSP
        script=Markup(script),  # trusted package file, hashed into the CSP
        addon=addon,
        addon_style=Markup(addon.style) if addon else "",  # trusted package file, hashed into the CSP
        addon_script=Markup(addon.script) if addon else "",  # trusted package file, hashed into the CSP
    )
