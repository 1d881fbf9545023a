"""Where the extracted text of an HTML page sits in the page: runs over which the two agree
character for character, so every quote keeps its exact position in the file."""

from __future__ import annotations

import bisect
import re

# ---------------------------------------------------------------------------------------
# where the extracted text sits in the page


_HIDDEN_CLOSE = {name: re.compile("</" + name + r"\s*>", re.IGNORECASE)
                 for name in ("script", "style", "noscript", "template", "title", "textarea")}
_PIECE = re.compile(r"\w+|[^\w\s]")  # a word, or one mark of punctuation
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_SEARCH_WINDOW = 20_000  # characters of visible page text searched ahead for the next line or word
_WORD_WINDOW = 400  # ... and for the next word of the same line
_ANCHOR_MIN = 24  # a line this long found whole in the page is taken as its place
_LINE = re.compile(r"[^\n]+")


_LD_TYPE = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)


def _visible_segments(raw: str, structured: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the page's text between tags, comments and script-like elements; linear.

    With ``structured``, the content of the page's JSON-LD scripts counts as text too: an article
    read from its ``articleBody`` sits there, as written, inside the JSON string.
    """
    out: list[tuple[int, int]] = []
    pos, n = 0, len(raw)
    while pos < n:
        lt = raw.find("<", pos)
        if lt < 0:
            out.append((pos, n))
            break
        if lt > pos:
            out.append((pos, lt))
        if raw.startswith("<!--", lt):
            end = raw.find("-->", lt + 4)
            pos = n if end < 0 else end + 3
            continue
        gt = raw.find(">", lt + 1)
        if gt < 0:
            break
        words = raw[lt + 1: gt].split(None, 1)
        name = words[0].lower() if words else ""  # "< >": no tag name
        closing = _HIDDEN_CLOSE.get(name.rstrip("/"))
        if closing is not None:
            m = closing.search(raw, gt + 1)
            if structured and name == "script" and m is not None and _LD_TYPE.search(raw, lt, gt):
                out.append((gt + 1, m.start()))
            pos = n if m is None else m.end()
            continue
        pos = gt + 1
    return out


def verbatim_runs(text: str, raw: str, structured: bool = False) -> tuple[int, ...]:
    """Where the extracted ``text`` appears character for character in the page ``raw``.

    Returns flattened ``(text_start, text_end, raw_start)`` triples, in text order: over each
    run ``text[text_start:text_end] == raw[raw_start:raw_start + text_end - text_start]``.
    Long lines found whole in the page's visible text are anchors; between two anchors the
    words are found in order, never past the next anchor. A word that does not appear as
    written (an entity such as ``&amp;``, text split by a tag) ends a run, and nothing is
    claimed about it. Linear in the page, with a bounded search per line. ``structured``: the
    text was read from the page's JSON-LD, whose scripts are searched too (:func:`_visible_segments`).

    >>> from reconciler.read.html import extract_html
    >>> raw = "<p>Cost: <b>$5 million</b>, &amp; more.</p>"
    >>> text = extract_html(raw).text
    >>> runs = verbatim_runs(text, raw)
    >>> [(text[a:b], raw[r:r + b - a]) for a, b, r in zip(runs[::3], runs[1::3], runs[2::3])]
    [('Cost:', 'Cost:'), ('$5 million', '$5 million'), (',', ','), ('more.', 'more.')]
    """
    segments = _visible_segments(raw, structured)
    # the visible text, segments joined by a NUL so that nothing is found across a tag
    parts: list[str] = []
    seg_vis: list[int] = []  # where each segment starts in ``vis``
    at = 0
    for a, b in segments:
        seg_vis.append(at)
        piece = raw[a:b]
        if "&" in piece:  # "&amp;" is not a verbatim "&": hide entities from the search
            piece = _ENTITY.sub(lambda e: "\0" * len(e.group()), piece)
        parts.append(piece)
        parts.append("\0")
        at += b - a + 1
    vis = "".join(parts)

    def to_raw(v: int) -> int:
        k = bisect.bisect_right(seg_vis, v) - 1
        return segments[k][0] + v - seg_vis[k]

    # a list item's "- " is the extractor's, not the page's
    lines = [(m.start() + 2 if m.group().startswith("- ") else m.start(), m.end()) for m in _LINE.finditer(text)]
    # 1. anchors: long lines found whole, in order (a bounded search each, a bounded total)
    anchor: dict[int, int] = {}  # line index -> where it starts in ``vis``
    cursor, budget = 0, 4 * len(vis) + 100_000  # characters searched in vain, at most
    for i, (a, b) in enumerate(lines):
        if b - a < _ANCHOR_MIN or budget <= 0 or "\0" in text[a:b]:
            continue
        stop = min(len(vis), cursor + _SEARCH_WINDOW + (b - a))
        v = vis.find(text[a:b], cursor, stop)
        if v >= 0:
            anchor[i] = v
            cursor = v + (b - a)
        else:
            budget -= stop - cursor
    # 2. words of the other lines, in order, each between the anchors around it
    runs: list[int] = []
    cursor = 0
    open_run: list[int] = []  # [text_start, text_end, raw_start, raw_end] of the run being built

    def close() -> None:
        if open_run:
            runs.extend(open_run[:3])
            open_run.clear()

    next_anchor = sorted(anchor)
    k = 0
    for i, (a, b) in enumerate(lines):
        while k < len(next_anchor) and next_anchor[k] <= i:
            k += 1
        if i in anchor:
            close()
            v = anchor[i]
            r = to_raw(v)
            runs.extend((a, b, r))
            cursor = v + (b - a)
            continue
        bound = anchor[next_anchor[k]] if k < len(next_anchor) else len(vis)
        window = _SEARCH_WINDOW  # a dropped sidebar may sit between two lines ...
        for m in _PIECE.finditer(text, a, b):
            if budget <= 0:
                break  # a hostile page: what is not mapped yet is located in the article text
            word, t = m.group(), m.start()
            if word == "\0":  # the separator of ``vis``: never a match
                close()
                continue
            stop = min(bound, cursor + window + len(word))
            v = vis.find(word, cursor, stop)
            window = _WORD_WINDOW  # ... but the words of one line sit close together
            if v < 0:
                budget -= stop - cursor
                close()
                continue
            r = to_raw(v)
            cursor = v + len(word)
            if open_run and raw[open_run[3]:r] == text[open_run[1]:t]:
                open_run[1], open_run[3] = m.end(), r + len(word)
                continue
            close()
            open_run.extend((t, m.end(), r, r + len(word)))
        close()
    return tuple(runs)


def file_span(runs: tuple[int, ...], start: int, end: int) -> tuple[int, int] | None:
    """The page position of ``text[start:end]``, when it lies inside one verbatim run."""
    starts = runs[::3]
    i = bisect.bisect_right(starts, start) - 1
    if i < 0:
        return None
    t0, t1, r0 = runs[3 * i], runs[3 * i + 1], runs[3 * i + 2]
    if start >= t0 and end <= t1:
        return r0 + start - t0, r0 + end - t0
    return None
