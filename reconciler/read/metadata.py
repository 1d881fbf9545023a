"""What an article says about itself: its title (first line, front matter) and its date
(front matter, a dateline, a date near the top)."""


from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

_TITLE_MAX = 200
_TOP_LINES = 8  # non-empty lines at the top that may hold a byline / dateline
_META_LINE_MAX = 300  # longer lines are body paragraphs, never metadata
# a line of more words than this that ends a sentence is a paragraph, whatever marks it holds
# (a clock time, a date): "The train left on April 12, 2025. At 6:48 p.m. ...", never a byline
_PROSE_WORDS = 20
# ... and a sentence of more words than this whose only marks are a clock time or a zone is a
# paragraph too ("The plane crashed at 7:42 a.m. local time on Tuesday, September 9, 2025, ..."):
# a stamp sets its time off with separators ("|", "·") or stands without a verb
_CLOCK_PROSE_WORDS = 12


# ---------------------------------------------------------------------------------------
# Titles, front matter
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FrontMatter:
    end: int  # offset just past the closing '---' line
    title: str
    date: str


_FRONT_KEY = re.compile(r"^(title|date|published|pubdate)\s{0,5}:\s{0,5}(.{0,300}?)\s*$", re.IGNORECASE)


def _front_matter(text: str) -> _FrontMatter | None:
    """YAML front matter of a Markdown file (``---`` lines at the very top)."""
    if not text.startswith("---"):
        return None
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return None
    pos = first_nl + 1
    title = date = ""
    for _ in range(60):
        nl = text.find("\n", pos)
        line = text[pos: nl if nl >= 0 else len(text)]
        if line.strip() in ("---", "..."):
            return _FrontMatter(nl + 1 if nl >= 0 else len(text), title, date)
        m = _FRONT_KEY.match(line)
        if m:
            value = m.group(2).strip().strip("\"'")
            if m.group(1).lower() == "title":
                title = title or value
            else:
                date = date or value
        if nl < 0:
            break
        pos = nl + 1
    return None


_LEDE_MIN = 300  # a first line this long is a paragraph, not a headline
# a sentence ends and another begins: "... metric. It signals ..."
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z0-9]")


def _is_lede(line: str) -> bool:
    """A first line that is the article's opening paragraph rather than its headline: very
    long, or several sentences ending with a full stop (headlines rarely end with one).

    >>> _is_lede("Council approves the new budget")
    False
    >>> _is_lede("Record crowd! City marathon draws 40,000 runners")
    False
    >>> _is_lede("The council approved the budget on Monday. It rises by 4% next year.")
    True
    """
    if len(line) >= _LEDE_MIN:
        return True
    return line.rstrip("\"'”’) ").endswith(".") and _SENTENCE_BREAK.search(line) is not None


def clip_title(title: str, limit: int = _TITLE_MAX) -> str:
    """``title`` in at most ``limit`` characters, cut at a word with an ellipsis.

    >>> clip_title("Mayor opens the new bridge over the river", 24)
    'Mayor opens the new…'
    >>> clip_title("Short enough", 24)
    'Short enough'
    """
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def _first_line_title(text: str, front: _FrontMatter | None) -> str:
    """The first non-empty line, without Markdown heading marks and emphasis stars; "" when
    the article starts with its lede (no headline)."""
    for _, _, line in _lines(text, 0 if front is None else front.end, limit=_TOP_LINES):
        title = line[:1000].strip().lstrip("#").strip().strip("*").strip()
        if title:
            return "" if _is_lede(title) else title
    return ""


def _lines(text: str, start: int = 0, limit: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Non-empty lines as (start, end, line) with ``end`` before the newline; linear."""
    pos = start
    n = len(text)
    count = 0
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text[pos:end].strip():
            yield pos, end, text[pos:end]
            count += 1
            if limit is not None and count >= limit:
                return
        pos = end + 1


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"(?<![\w.])(?P<mdy_m>{_MONTH})\.?\s{{1,3}}(?P<mdy_d>\d{{1,2}}){_ORD},?\s{{1,3}}(?P<mdy_y>\d{{4}})(?!\d)"
    rf"|(?<![\w.])(?P<dmy_d>\d{{1,2}}){_ORD}\s{{1,3}}(?:of\s{{1,3}})?(?P<dmy_m>{_MONTH})\.?,?\s{{1,3}}(?P<dmy_y>\d{{4}})(?!\d)"
    r"|(?<![\d.])(?P<iso_y>(?:19|20)\d\d)[-/.](?P<iso_m>\d{1,2})[-/.](?P<iso_d>\d{1,2})(?!\d)"
    r"|(?<![\d./])(?P<us_m>\d{1,2})/(?P<us_d>\d{1,2})(?:/|\s{1,3})(?P<us_y>(?:19|20)\d\d)(?![\d/])"
    r"|(?<![\d.])(?P<eu_d>\d{1,2})\.(?P<eu_m>\d{1,2})\.(?P<eu_y>(?:19|20)\d\d)(?!\d)"
    r"|(?P<zh_y>(?:19|20)\d\d)\s?年\s?(?P<zh_m>\d{1,2})\s?月\s?(?P<zh_d>\d{1,2})\s?日",
    re.IGNORECASE,
)


def _date_from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g["mdy_m"]:
        y, mo, d = int(g["mdy_y"]), _MONTHS[g["mdy_m"].lower()], int(g["mdy_d"])
    elif g["dmy_m"]:
        y, mo, d = int(g["dmy_y"]), _MONTHS[g["dmy_m"].lower()], int(g["dmy_d"])
    elif g["iso_y"]:
        y, mo, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    elif g["us_m"]:
        y, mo, d = int(g["us_y"]), int(g["us_m"]), int(g["us_d"])
        if mo > 12 >= d:  # 24/07/2024 can only be day first
            mo, d = d, mo
    elif g["eu_d"]:
        y, mo, d = int(g["eu_y"]), int(g["eu_m"]), int(g["eu_d"])
    else:
        y, mo, d = int(g["zh_y"]), int(g["zh_m"]), int(g["zh_d"])
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


_YEAR = re.compile(r"(?:19|20)\d\d")


def _dates_in(line: str) -> Iterator[tuple[re.Match[str], str]]:
    if not _YEAR.search(line):  # every full date has a year; this test is much faster
        return
    for m in _DATE.finditer(line):
        iso = _date_from_match(m)
        if iso:
            yield m, iso


def find_date(s: str) -> str | None:
    """The first full date (day, month and year) written in ``s``, as ISO ``YYYY-MM-DD``.

    >>> [find_date(s) for s in ("Nov. 20, 2025", "Sept. 18, 2025", "20 March 2024")]
    ['2025-11-20', '2025-09-18', '2024-03-20']
    >>> [find_date(s) for s in ("2024-05-21 08:47", "07/24/2024", "09/19 2025 479")]
    ['2024-05-21', '2024-07-24', '2025-09-19']
    >>> find_date("On September 17, the paper appeared") is None
    True
    """
    for _, iso in _dates_in(s[:2000]):
        return iso
    return None


_SEPARATOR_MARK = re.compile(r"[|·•]|\(Wire\)|\bmin(?:ute)?s?\.?\s{0,2}read\b|\d\s{1,2}views\b|\bSource\s?[:：]",
                             re.IGNORECASE)
_WEEKDAY_STAMP = re.compile(r"\b(?:Posted|Updated|Published|Last modified)\s+(?:on\s+)?"
                            r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)
_STAMP_START = re.compile(r"[*_\s]*(?:last\s+)?(?:updated|published|posted|modified)\b", re.IGNORECASE)
_STRONG_MARK = re.compile(
    r"[|·•]|\(Wire\)|\bmin(?:ute)?s?\.?\s{0,2}read\b|\d\s{1,2}views\b|\bSource\s?[:：]"
    r"|\b(?:GMT|UTC|[ECMP][SD]T)\b|\b\d{1,2}:\d\d\b",
    re.IGNORECASE,
)
# a dateline and the lede on one line, split at the dash after the dateline
_DATELINE_LEDE = re.compile(r"(?P<head>[^\n]{3,120}?)\s+[-–—]{1,2}\s+(?=[A-Z\"'“‘])")
_WEAK_MARK = re.compile(
    r"\b(?:By|Updated|Published|Posted|Read|Staff|Writer|Editor|Reporter|Correspondent"
    r"|Last modified|[ap]\.m)\b",
    re.IGNORECASE,
)
_ONLY_NUMBERS = re.compile(r"[\d\s/.,:;|·•()\[\]*_–—-]{1,200}")
_BYLINE = re.compile(
    rf"[*_\s]{{0,3}}By\s{{1,3}}(?!{_MONTH}\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z]"
)
_WORDS = re.compile(r"[^\W\d_]{2,}")


def _is_meta_line(line: str, index: int) -> bool:
    """A byline/dateline near the top: only dates and page metadata, no claims.

    >>> _is_meta_line("SPRINGFIELD, March 26, 2024 (Wire) - Updated 14:32 GMT", 1)
    True
    >>> _is_meta_line("By March 26, 2024, crews had removed 3,000 tons of steel.", 2)
    False
    >>> _is_meta_line("The ferry left port on May 3, 2024, with 212 people on board. At 9:40 p.m. it "
    ...               "sent a distress call, and the coast guard reached it an hour later.", 4)
    False
    """
    s = line.strip()
    if len(s) > _META_LINE_MAX:
        return False
    label = _FACT_LABEL.match(s)
    if label and label.group(1).lower() not in _STAMP_LABELS:
        return False  # a fact box's field ("**When:** 6:15 a.m. local time on Friday ..."): the story, not a stamp
    if s.endswith((".", ".*", "._")) and len(_WORDS.findall(s)) > _PROSE_WORDS:
        return False
    if _ONLY_NUMBERS.fullmatch(s):
        return any(c.isdigit() for c in s)
    if any(True for _ in _dates_in(s)):
        if _STRONG_MARK.search(s):
            return not (s.endswith((".", ".*", "._")) and len(_WORDS.findall(s)) > _CLOCK_PROSE_WORDS
                        and not _SEPARATOR_MARK.search(s) and not _STAMP_START.match(s))
        if len(s) <= 100 and not s.endswith(".") and _WEAK_MARK.search(s):
            return True
        return len(_WORDS.findall(_DATE.sub(" ", s))) <= 3
    if len(s) <= 100 and not s.endswith(".") and _WEEKDAY_STAMP.search(s):
        return True  # "The Evening Ledger | Posted Tuesday 23:10": a stamp without a date
    return (
        index > 0 and len(s) <= 120 and not s.endswith(".") and _BYLINE.match(s) is not None
    )


# a fact box's bold label opening a line ("**When:**", "**The toll:**"), and the labels a page stamp uses
_FACT_LABEL = re.compile(r"\*\*([A-Za-z][A-Za-z ]{0,24}):\*\*\s")
_STAMP_LABELS = frozenset({"updated", "published", "posted", "date", "filed", "last updated", "first published",
                           "by", "source", "byline", "dateline"})


# a field that labels a figure of the story: "Attendance: 61,877", "Crowd: 40,000", "Capacity: 1,200"
_LABELLED_FIGURE = re.compile(r"[A-Z][a-z]+(?: [a-z]+)?:\s*\d[\d,.]*")


def _top_meta_lines(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    for i, (a, b, line) in enumerate(_lines(text, start, limit=_TOP_LINES)):
        lede = _DATELINE_LEDE.match(line)
        if lede and len(_WORDS.findall(line[lede.end():])) >= 6 and _is_meta_line(lede.group("head"), i):
            # "PORT MERRIN, Sept. 28, 2025 (Wire) - Hurricane Zelda made landfall ...": the dateline
            # is metadata, the lede that follows it on the same line is the story
            yield a, a + lede.end(), lede.group()
        elif _is_meta_line(line, i):
            yield from _meta_fields(a, b, line, i)


def _meta_fields(a: int, b: int, line: str, i: int) -> Iterator[tuple[int, int, str]]:
    """A meta line without its labelled figures: "Sunday, Dec. 14 | Tannery Field | Attendance: 61,877" keeps
    its attendance (a figure of the story) while its date and place are a stamp."""
    if " | " not in line:
        yield a, b, line
        return
    fields = []
    at = 0
    for part in line.split(" | "):
        fields.append((a + at, a + at + len(part), part))
        at += len(part) + 3
    kept = [f for f in fields if _LABELLED_FIGURE.fullmatch(f[2].strip())]
    if not kept:
        yield a, b, line
        return
    yield from (f for f in fields if f not in kept)


def _top_date(text: str, start: int = 0) -> str | None:
    for _, _, line in _top_meta_lines(text, start):
        iso = find_date(line)
        if iso:
            return iso
    return None




# ---------------------------------------------------------------------------------------
# Outlets
# ---------------------------------------------------------------------------------------

_OUTLET = r"(?P<outlet>[A-Z0-9][\w&.'’-]*(?:\s{1,2}[\w&.'’-]+){0,5})"
_SOURCE_LINE = re.compile(
    rf"[*_\s]{{0,3}}(?:Source|Publisher|Published by)\s{{0,2}}[:：][*_]{{0,2}}\s{{0,3}}{_OUTLET}[*_\s.]{{0,3}}$",
    re.IGNORECASE)
# "By Ana Ruiz, The Herald" / "By Ana Ruiz | Harbor Wire" / "By Ana Ruiz for The Herald"
_BYLINE_OUTLET = re.compile(
    rf"[*_\s]{{0,3}}By\s{{1,3}}[A-Z][\w.'’-]*(?:\s{{1,2}}[A-Z][\w.'’-]*){{0,3}}\s{{0,2}}(?:,|\||·|–|—|\bfor\b)\s{{0,2}}"
    rf"{_OUTLET}[*_\s.]{{0,3}}$")
# a wire dateline: "PORT MERRIN (Harbor Wire) - ..."
_WIRE = re.compile(r"[A-Z][A-Z .,'-]{1,40}\s\((?P<outlet>[A-Z][\w&.'’ -]{1,40})\)\s{0,2}[-–—]")
_NOT_OUTLET = re.compile(r"(?i)^(?:staff|staff writer|reporter|correspondent|editor|wire|updated|published|\d.*)$")


def byline_outlet(text: str, start: int = 0) -> str:
    """The outlet an article names at its top: a ``Source:`` line, a byline's outlet, a wire dateline.

    >>> [byline_outlet(t) for t in ("Headline\\nSource: Harbor Wire\\nBody.", "Headline\\nBy Ana Ruiz, The Herald\\n",
    ...                             "PORT MERRIN (Harbor Wire) - Rain fell.", "By Ana Ruiz, Staff Writer\\n")]
    ['Harbor Wire', 'The Herald', 'Harbor Wire', '']
    """
    for _, _, line in _lines(text, start, limit=_TOP_LINES):
        if len(line) > _META_LINE_MAX:
            continue
        m = _SOURCE_LINE.match(line) or _BYLINE_OUTLET.match(line) or _WIRE.match(line)
        if m:
            outlet = " ".join(m.group("outlet").split()).rstrip(".")
            if not _NOT_OUTLET.match(outlet):
                return outlet[:_TITLE_MAX]
    return ""
