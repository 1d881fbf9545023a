"""A corpus-level step after reading: a wire dateline without a year ("MUMBAI, Nov 11 (Agency) -")
takes its year from the other articles of the corpus.

>>> from reconciler.models import Source
>>> a = Source("a", "a.txt", "", "MUMBAI, Nov 11 (PTI) - The navy said ...", "txt", "utf-8", "")
>>> b = Source("b", "b.txt", "", "...", "txt", "utf-8", "", date="2011-11-12")
>>> [s.date for s in fill_dateline_years([a, b])]
['2011-11-11', '2011-11-12']
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from reconciler.extract import vocab as V
from reconciler.models import Source

_MONTH = "|".join(sorted(V.MONTHS, key=len, reverse=True))
# the city, then at most one region or country ("PELLHAM, Norvia, May 2 (Agency) -"), then the day
_DATELINE = re.compile(
    rf"^[\s*_\"“]*(?:[A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+){{0,3}}[ \t]*,[ \t]*){{1,2}}(?:\w+day,?[ \t]*)?"
    rf"(?P<month>(?i:{_MONTH}))\.?[ \t]+(?P<day>\d{{1,2}})\b(?![,\s]*(?:19|20)\d\d)"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[-–—:]",
    re.M,
)


def fill_dateline_years(sources: Sequence[Source]) -> list[Source]:
    """Sources whose date is unknown but whose top has a yearless wire dateline get the year most
    of the other articles' dates give (none where no other article states a year)."""
    years = Counter(s.date[:4] for s in sources if s.date and s.date[:4].isdigit())
    if not years:
        return list(sources)
    out = []
    for s in sources:
        m = None if s.date else _DATELINE.search(s.text, 0, 600)
        if m is None:
            out.append(s)
            continue
        year = years.most_common(1)[0][0]
        name = m.group("month").lower()
        month = V.MONTHS.get(name) or V.MONTHS[name[:3]]
        day = int(m.group("day"))
        out.append(dataclasses.replace(s, date=f"{year}-{month:02d}-{day:02d}") if 1 <= day <= 31 else s)
    return out
