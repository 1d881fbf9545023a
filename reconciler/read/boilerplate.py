"""Boilerplate ranges: bylines, read times, view counters, copyright lines and trailing link
lists, whose numbers are not claims."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reconciler.read.metadata import _lines, _top_meta_lines

# ---------------------------------------------------------------------------------------
# Boilerplate ranges
# ---------------------------------------------------------------------------------------

# counters printed by page templates; only skipped where they stand as metadata (next to
# a separator or alone at the end of a line), never inside a running sentence
_NUM = r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,9})(?:\.\d{1,3})?\s{0,2}[KkMm万]?\+?"
_COUNTER = re.compile(
    rf"(?<![\w.,]){_NUM}\s{{0,2}}(?:-\s{{0,2}})?(?i:min(?:ute)?s?)\.?\s{{1,2}}(?i:read)\b"
    rf"|(?<![\w.,]){_NUM}\s{{1,2}}(?i:views|shares|comments|likes|reads|reposts|retweets|reactions"
    rf"|claps|replies|subscribers|followers|updates|posts)\b"
    rf"|\b(?:Read|Views?|Reads|Comments|Shares|Likes)\s{{0,2}}:?\s{{1,2}}\d[\d.,]{{0,15}}"
    rf"(?:\s{{0,2}}\*\s{{0,2}}\*\s{{0,2}}\$?\d[\d,]{{0,15}})?(?:\s{{0,2}}[KkMm万])?",
)
# the first character of every _COUNTER match: a digit (the look-behind takes no width) or a
# capital starting "Read", "Views", ... (that part is case-sensitive)
_COUNTER_START = re.compile(r"[\dRVCSL]")
_READ_TIME = re.compile(r"(?i:min(?:ute)?s?)\.?\s{1,2}(?i:read)\b")
_SEP_BEFORE = re.compile(r"(?:[|·•]|\s{2}|\t)[\s*_(\[]{0,5}$")
_SEP_AFTER = re.compile(r"[\s*_)\]]{0,5}(?:[|·•]|\s{2}|\t)")
_EDGE_BEFORE = re.compile(r"[\s*_(\[]{0,5}")
_EDGE_AFTER = re.compile(r"[\s*_)\]]{0,5}")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`]{1,2000}")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,20}\]")
_LINE_RULES = re.compile(
    r"^\W{0,5}(?:Responsible editor|Editor in charge|Editor-in-charge|责任编辑)\s{0,3}[:：]"
    r"|©|&copy;|\bCopyright\s{0,3}(?:©|\(c\)|\d{4}|by\b|:)|\bAll rights reserved\b"
    r"|\b(?:Join|Subscribe)\b.{0,80}\b(?:subscribers|followers)\b",
    re.IGNORECASE,
)
_LINK_LINE = re.compile(
    r"^\W{0,5}(?:Related(?: articles?| stories| coverage| reading)?|Read more|Read also|Also read|See also"
    r"|More from [\w .'’-]{1,40}|More on this story|Recommended|Most read|Most popular|Trending|Further coverage"
    r"|You may also like)\s{0,3}[:|»›]"
)  # a line of links to other pages: "Related: Playoff picture after Week 15 | Fantasy: 7 waiver pickups"
_LINK_LINE_KEYS = ("related", "read ", "also read", "see also", "more ", "recommended", "most ", "trending", "further",
                   "you may")
_LINE_KEYS = ("editor", "责任编辑", "©", "&copy;", "copyright", "reserved", "subscribers",
              "followers")
_COUNTER_KEYS = ("read", "view", "share", "comment", "like", "repost", "retweet", "reaction",
                 "clap", "repl", "subscriber", "follower", "update", "post")
_LINE_KEYS_RX = re.compile("|".join(re.escape(k) for k in _LINE_KEYS))
_COUNTER_KEYS_RX = re.compile("|".join(re.escape(k) for k in _COUNTER_KEYS))
_RULE_LINE_MAX = 400  # longer lines are paragraphs: no whole-line rule applies
_REF_HEADING = re.compile(
    r"^(?:References?|Reference links?|Sources?|Further reading|Links|Notes|Citations?)\b",
    re.IGNORECASE,
)
_LIST_MARK = re.compile(r"[\W\d_]{0,12}")
_WINDOW = 300  # how far around a counter to look for its line's edges


def skip_ranges(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Character ranges of ``text`` whose numbers are page furniture, not claims.

    Whole lines for bylines/datelines among the first lines after ``start``, copyright
    and "responsible editor" lines, lines that are only a link, and a closing list of
    references; just the matched words for read-time and view/share counters standing
    as metadata, links and Markdown footnote marks.

    >>> t = "Title\\nBy Metro Staff | May 2, 2024 | 9,412 views\\nIt cost $5. 6 min read"
    >>> [t[a:b] for a, b in skip_ranges(t)]
    ['By Metro Staff | May 2, 2024 | 9,412 views', '6 min read']
    >>> skip_ranges("The page got 12,408 views on Monday.")
    []
    """
    ranges: list[tuple[int, int]] = [(a, b) for a, b, _ in _top_meta_lines(text, start)]
    lines = list(_lines(text))
    n = len(text)
    for a, b, line in lines:
        low = line.lower()  # cheap substring tests first: the regexes run on few lines
        if len(line) <= _RULE_LINE_MAX and (
            (_LINE_KEYS_RX.search(low) and _LINE_RULES.search(line))
            or (low.lstrip(" *#-_>•·[(").startswith(_LINK_LINE_KEYS) and _LINK_LINE.match(line))
            or (("http" in low or "www." in low) and _is_url_line(line))
        ):
            ranges.append((a, b))
        if _COUNTER_KEYS_RX.search(low):
            for m in _counters(line):
                ca, cb = a + m.start(), a + m.end()
                if _READ_TIME.search(m.group()) or _standalone(text, ca, cb, n):
                    ranges.append((ca, cb))
    ranges.extend(m.span() for m in _URL.finditer(text))
    ranges.extend(m.span() for m in _FOOTNOTE.finditer(text))
    tail = _reference_tail(lines)
    if tail is not None:
        ranges.append((tail, n))
    return _merge(ranges)


def _counters(line: str) -> Iterator[re.Match[str]]:
    """``_COUNTER.finditer(line)``, tried only where a match can start (``_COUNTER_START``).

    The pattern opens with a look-behind, so the regex engine cannot skip ahead and tries it
    at every character; most lines that get here are prose ("likes", "shared") with few
    digits and capitals, so jumping from candidate to candidate takes a fraction of the time.
    The matches are the same: each is tried at the same place, with the same text around it.
    """
    search, match = _COUNTER_START.search, _COUNTER.match
    c = search(line)
    while c is not None:
        m = match(line, c.start())
        if m is not None:
            yield m
            c = search(line, m.end())  # a match is never empty
        else:
            c = search(line, c.start() + 1)


def _standalone(text: str, a: int, b: int, n: int) -> bool:
    """The counter at text[a:b] is set off by separators or stands at a line's edge."""
    lo = max(0, a - _WINDOW)
    nl = text.rfind("\n", lo, a)
    line_start = nl + 1 if nl >= 0 else (0 if lo == 0 else -1)
    before = text[max(lo, line_start): a]
    if _SEP_BEFORE.search(before):
        return True
    hi = min(n, b + _WINDOW)
    nl = text.find("\n", b, hi)
    line_end = nl if nl >= 0 else (n if hi == n else -1)
    after = text[b: line_end if line_end >= 0 else hi]
    if _SEP_AFTER.match(after):
        return True
    # alone at the end of a line, without a full stop: "... Network   Read 3.2 * * 10000"
    at_start = line_start >= 0 and _EDGE_BEFORE.fullmatch(before) is not None
    at_end = line_end >= 0 and _EDGE_AFTER.fullmatch(after) is not None
    return at_start and at_end


def _is_url_line(line: str) -> bool:
    rest = _URL.sub("", line)
    return _URL.search(line) is not None and _LIST_MARK.fullmatch(rest.strip()) is not None


def _reference_tail(lines: list[tuple[int, int, str]]) -> int | None:
    """Start of a closing "References:" section made of links, if the text ends with one."""
    n_url = n_other = 0
    for a, _, line in reversed(lines[-60:]):
        has_url = _URL.search(line) is not None
        words = _URL.sub(" ", line).strip(" \t*_#:：[]()0123456789.-")
        if len(words) <= 40 and _REF_HEADING.match(words):
            n_url += has_url
            return a if n_url and n_url >= 2 * n_other else None
        if has_url and len(words) <= 200:
            n_url += 1
        else:
            n_other += 1
            if n_other > 3:
                return None
    return None


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(r for r in ranges if r[1] > r[0]):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
