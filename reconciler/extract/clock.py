"""Clock times with a zone ("2:20 p.m. local time", "(2:30 a.m. ET)", "0647 GMT"): claims of kind
``time``, value "HH:MM" on a 24-hour clock, unit the zone as written ("local", "ET", "GMT").
A time without a zone stays page furniture (masked with the other times of day), unless its
conversion follows ("11:56 a.m. (0956 GMT)": the local time); so does a time on a timetable (a
deadline, a scheduled call).

>>> t = "The quake hit the island at 1:53 p.m. local time (2:30 a.m. ET) and a second one at 0647 GMT."
>>> [(m.value, m.unit) for m in clock_times(t)]
[('13:53', 'local'), ('02:30', 'ET'), ('06:47', 'GMT')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reconciler.extract import frame_vocab as F
from reconciler.extract.mention import Mention, Span

_ZONES = "|".join(re.escape(z) for z in sorted(F.TIME_ZONES, key=len, reverse=True))
_CLOCK = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>[aApP])\.?\s?[mM]\.?(?:\s+|\s*\(?)"
    rf"(?P<z>(?i:{_ZONES}))\b(?:\s+time\b)?"
    rf"|(?<![\d:.])(?P<h2>[01]\d|2[0-3])[:.]?(?P<m2>[0-5]\d)\s*(?:hrs\s+|h\s+)?(?P<z2>(?i:gmt|utc|ist|cet|jst|bst))\b"
    # a 24-hour local time ("18:40 local time"): the colon, so no year or count reads as one
    r"|(?<![\d:.])(?P<h3>[01]?\d|2[0-3]):(?P<m3>[0-5]\d)\s+(?P<z3>local)\s+time\b"
)


_STAMP = re.compile(r"(?i)\b(?:updated|published|posted|modified|filed|next|kick-?off|tip-?off|first\s+pitch)\b|[|]")
# a time on a timetable, not a moment the story reports: a deadline, a closing window, a
# scheduled call or broadcast ("the window closed at 23:00 BST", "will hold a call at 4:45 p.m. ET")
_SCHEDULE = re.compile(r"(?i)\b(?:deadline|window|closes|closing|scheduled|due|will\s+hold|call|teleconference"
                       r"|webcast|livestream|broadcast|airs?|kicks?\s+off|tips?\s+off)\b")
# a clock time written without its zone right before its conversion: "11:56 a.m. (0956 GMT)",
# "at 6:48 p.m., or 1648 GMT": the first is the local time
_BARE_BEFORE = re.compile(r"(?<![\d:.])(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:\s*(?P<ap>[aApP])\.?\s?[mM]\.?|\s*hours)?"
                          r"(?P<gap>\s*\(\s*|,?\s+or\s+)$")
_WORD = re.compile(r"[a-z]{2,}")


def _in_prose(text: str, start: int, end: int) -> bool:
    """A time in a sentence of the story, not a page stamp ("Updated 14:10 GMT") or a schedule line."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    line = text[a:b if b >= 0 else len(text)]
    return len(_WORD.findall(line)) >= 8 and not _STAMP.search(text, max(a, start - 40), start) \
        and not _SCHEDULE.search(text, max(a, start - 40), start)


# what every _CLOCK match holds from the last digit of a run of digits on: a text where it follows
# no run has no zoned time (the full pattern, led by a look-behind, reads every character: 1.8 ms
# an article on g300; this, tried at the runs, 0.03)
_CLOCK_CUE = re.compile(r"\d\s*(?:[aApP]\.?\s?[mM]|(?:hrs\s+|h\s+)?(?i:gmt|utc|ist|cet|jst|bst)|local\s+time)")
_DIGIT_RUN = re.compile(r"\d+")


def clock_times(text: str, digit_runs: Sequence[Span] | None = None) -> list[Mention]:
    """Every zoned clock time in the prose of ``text`` (page stamps stay masked). ``digit_runs``:
    the spans of the runs of digits (``\\d+``) of the text, if the caller has them."""
    out: list[Mention] = []
    runs = [m.span() for m in _DIGIT_RUN.finditer(text)] if digit_runs is None else digit_runs
    if not any(_CLOCK_CUE.match(text, b - 1) for _a, b in runs):
        return out
    for m in _CLOCK.finditer(text):
        if not _in_prose(text, m.start(), m.end()):
            continue
        if m.group("h"):
            h = int(m.group("h"))
            if not 1 <= h <= 12:
                continue
            minute = int(m.group("m") or 0)
            pm = m.group("ap").lower() == "p"
            h = (h % 12) + (12 if pm else 0)
            zone = m.group("z")
        elif m.group("h2"):
            h, minute, zone = int(m.group("h2")), int(m.group("m2")), m.group("z2")
        else:
            h, minute, zone = int(m.group("h3")), int(m.group("m3")), m.group("z3")
        if minute > 59:
            continue
        unit = F.TIME_ZONES.get(zone.lower(), zone)
        bare = _bare_local(text, m.start(), out[-1].end if out else 0)
        if bare is not None and unit != "local":
            out.append(bare)
        out.append(Mention(m.start(), m.end(), f"{h:02d}:{minute:02d}", "time", unit, num_start=m.start(),
                           num_end=m.end()))
    return out


def _bare_local(text: str, start: int, floor: int) -> Mention | None:
    """The zoneless clock time right before a zoned one, as its local time ("11:56 a.m. (0956 GMT)")."""
    b = _BARE_BEFORE.search(text, max(floor, start - 24), start)
    if b is None:
        return None
    h, minute = int(b.group("h")), int(b.group("m"))
    if b.group("ap"):
        if not 1 <= h <= 12:
            return None
        h = (h % 12) + (12 if b.group("ap").lower() == "p" else 0)
    if h > 23 or minute > 59:
        return None
    end = b.start("gap")
    return Mention(b.start(), end, f"{h:02d}:{minute:02d}", "time", "local", num_start=b.start(), num_end=end)


_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
             " 1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th 11th 12th")
_ORDINALS_RX = "|".join(_ORDINALS.split())
# the time elapsed in a round: "at 2:31 of the ninth round", "1:05 into the 11th round", and a results
# sheet's "round 9 (2:31)", "(round 4, 2:48)": a duration, not a time of day
_ROUND_CLOCK = re.compile(r"(?<![\d:.])(?P<m>\d{1,2}):(?P<s>[0-5]\d)(?![\d:])")
_ROUND_AFTER = re.compile(rf"(?i)\s+(?:of|into|in)\s+(?:the\s+)?(?:(?:{_ORDINALS_RX})\s+round|round\s+\d{{1,2}})\b")
_ROUND_BEFORE = re.compile(r"(?i)\b(?:round|rd\.?)\s+\d{1,2}\s*(?:\(\s*|,\s*)$")


def round_clocks(text: str) -> list[Mention]:
    """Times elapsed in a round of a fight ("at 2:31 of the ninth round"), in hours."""
    out: list[Mention] = []
    if "ound" not in text:
        return out
    for m in _ROUND_CLOCK.finditer(text):
        a, b = m.span()
        if not (_ROUND_AFTER.match(text, b) or _ROUND_BEFORE.search(text, max(0, a - 16), a)):
            continue
        seconds = int(m.group("m")) * 60 + int(m.group("s"))
        half = 0.5 / 3600  # to the second: half a second either side
        out.append(Mention(a, b, round(seconds / 3600, 10), "duration", "h", low=seconds / 3600 - half,
                           high=seconds / 3600 + half, precision=1 / 3600, num_start=a, num_end=b))
    return out
