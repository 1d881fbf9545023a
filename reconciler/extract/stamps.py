"""Is a date or time the article's own filing or update stamp, not the event's?"""

from __future__ import annotations

import re

from reconciler.extract import vocab as V
from reconciler.extract.mention import Mention

__all__ = ["is_dateline", "is_day_heading"]

_MONTHS_RX = "|".join(sorted(V.MONTHS, key=len, reverse=True))
_PROSE_WORD = re.compile(r"\b[a-z]{3,}\b")
# "Updated: March 3", "Posted on Monday", and an update note opening a sentence ("Update July 3rd, 8:05AM ET:")
_STAMP_BEFORE = re.compile(r"(?i)(?:\b(?:updated|published|posted|last\s+modified|first\s+published|filed|released)"
                           r"|(?:^|[.!?]\s+|\*\*?)update)\s*(?:on|at)?\s*:?\s*(?:\w+day,?\s*)?$")
_CLOCK_AFTER = re.compile(r"^,?\s*(?:(?:19|20)\d\d,?\s*)?(?:\d{1,2}[.:]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?|\|)")
# the city, then at most one region or country ("PELLHAM, Norvia, May 2 (Wire) -"), then a weekday
_CITY_BEFORE = re.compile(r"^[\s*_\"“]*(?:[A-Z]{2,6}\s+)?"
                          r"(?:[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,3}\s*,\s*){0,2}(?:\w+day,?\s*)?$")
_DASH_AFTER = re.compile(r"^,?\s*(?:(?:19|20)\d\d)?\s*(?:\([^)]{1,40}\)\s*)?(?:[-–—:/|]|$)")


def is_dateline(text: str, m: Mention) -> bool:
    """Is a date the article's own filing or update stamp ("MUMBAI, Nov 11 -", "TNN Nov 12, 2011,
    05.51AM IST", "Updated: March 3")? Then it is when the story was written, not the event's date."""
    a = text.rfind("\n", 0, m.start) + 1
    b = text.find("\n", m.end)
    before = text[a:m.start]
    after = text[m.end:b if b >= 0 else len(text)][:60]
    if _STAMP_BEFORE.search(before[-40:]):
        return True
    if m.kind == "time":
        # a stamp ("TNN Nov 12, 2011, 05.51AM IST"), not a sentence that names the day first ("The
        # crash happened on Saturday, April 12, at 6:48 p.m. local time"): no lower-case word
        return len(before) < 50 and not _PROSE_WORD.search(before) \
            and bool(re.search(r"(?:19|20)\d\d|\b(?:" + _MONTHS_RX + r")\b", before, re.I))
    if len(before) > 60:
        return False
    if _CLOCK_AFTER.match(after):
        return True
    return bool(_CITY_BEFORE.match(before) and before.strip() and _DASH_AFTER.match(after) and a < 800)


# a date alone on its line, with at most a weekday, a year and the marks of a heading around it
_HEADING_BEFORE = re.compile(r"^[\s*_#>]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?$")
_HEADING_AFTER = re.compile(r"^(?:,?\s*(?:19|20)\d\d)?[\s*_]*$")


def is_day_heading(text: str, m: Mention) -> bool:
    r"""Is a date the heading of a day in a live blog or a timeline ("**Monday, October 12**",
    "## 12 October" on a line of its own)? It dates the entries below it, not the event.

    >>> t = "Polls closed.\n\n**Monday, October 12**\n\n08:30 Final count."
    >>> is_day_heading(t, Mention(t.index("October"), t.index("October") + 10, "--10-12", "date", "date"))
    True
    >>> t = "The vote was held on Sunday, October 11."
    >>> is_day_heading(t, Mention(t.index("October"), t.index("October") + 10, "--10-11", "date", "date"))
    False
    """
    a = text.rfind("\n", 0, m.start) + 1
    b = text.find("\n", m.end)
    b = len(text) if b < 0 else b
    return b - a <= 40 and bool(_HEADING_BEFORE.match(text[a:m.start])) and bool(_HEADING_AFTER.match(text[m.end:b]))
