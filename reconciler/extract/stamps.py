"""Is a date or time the article's own filing or update stamp, not the event's?"""

from __future__ import annotations

import re

from reconciler.extract import vocab as V
from reconciler.extract.mention import Mention

__all__ = ["is_dateline", "is_day_heading", "statement_moment"]

_MONTHS_RX = "|".join(sorted(V.MONTHS, key=len, reverse=True))
_PROSE_WORD = re.compile(r"\b[a-z]{3,}\b")
# "Updated: March 3", "Posted on Monday", and an update note opening a sentence ("Update July 3rd, 8:05AM ET:")
_STAMP_BEFORE = re.compile(r"(?i)(?:\b(?:updated|published|posted|last\s+modified|first\s+published|filed|released)"
                           r"|(?:^|[.!?]\s+|\*\*?)update)\s*(?:on|at)?\s*:?\s*(?:\w+day,?\s*)?$")
_DONE_BEFORE = re.compile(r"(?i)\b(?:was|were|is|are|be|been|being|had|has|have|will|first|it|they|we|he|she)\s*$")
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
    stamp = _STAMP_BEFORE.search(before[-40:])
    if stamp and not _DONE_BEFORE.search(before[:len(before) - 40 + stamp.start()] if len(before) > 40
                                         else before[:stamp.start()]):
        return True  # (not "the model was released on January 20": the event, told in a sentence)
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


_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_PART = r"(?:morning|afternoon|evening|night)"
# the part of a day a statement was made in: "the ministry said on Sunday evening", "police told reporters
# late on Monday night"; a sentence or a timeline entry opening with one ("On Sunday morning the
# ministry had given ...", "- **Sunday morning:** ...")
_SAID_ON = re.compile(rf"(?i)\b(?:said|announced|reported|confirmed|told\s+(?:\w+\s+){{0,2}}?|gave|updated)"
                      rf"\s+(?:late\s+|early\s+)?on\s+(?P<d>{_DAY})\s+(?P<p>{_PART})\b")
_OPENING = re.compile(rf"(?i)[\s*_>#-]*(?:(?:late\s+|early\s+)?on\s+)?(?P<d>{_DAY}),?\s+(?P<p>{_PART})\b")


def statement_moment(text: str, s_start: int, s_end: int, lower: str | None = None) -> str:
    """"sunday evening" when the sentence says a figure was given that part of that day (the
    toll of a morning briefing and of an evening one are two moments, not one figure), else "".

    >>> statement_moment("Nine died, the ministry said on Sunday evening.", 0, 47)
    'sunday evening'
    >>> statement_moment("The train left the tracks on Saturday evening, the ministry said.", 0, 65)
    ''
    """
    low = lower if lower is not None else text
    if low.find("day", s_start, s_end) < 0 and low.find("DAY", s_start, s_end) < 0:
        return ""  # every pattern below holds a weekday ("lower": the text lower-cased, same length)
    sm = _SAID_ON.search(text, s_start, s_end) or _OPENING.match(text, s_start, s_end)
    return f"{sm.group('d').lower()} {sm.group('p').lower()}" if sm else ""
