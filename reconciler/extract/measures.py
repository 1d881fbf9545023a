"""What a measured figure is of, read from the words around it: the noun a hyphenated measure
modifies ("86-yard touchdown run") and the rise or fall a percent after a verb of change is
("shares fell 17%"). Pure functions of the words, used by :mod:`reconciler.extract.frame`
(which amount a money figure is: :mod:`reconciler.extract.money`), and what an editor calls the
quantity (:func:`label_of`)."""

from __future__ import annotations

import re

from reconciler.extract import frame_vocab as F
from reconciler.extract import vocab as V
from reconciler.extract.keys import GROUND, MEMBERS, noun_classes
from reconciler.extract.mention import Mention


def what_after(right: str) -> str:
    """The noun a hyphenated measure modifies: "86-yard touchdown run" -> "touchdown run"."""
    words = re.findall(r"[A-Z]{2,4}\b|[A-Za-z][a-z-]*", right[:40])
    out: list[str] = []
    for w in words[:3]:
        low = w.lower()
        abbreviation = w.isupper() and (low in F.MEASURE_CLASSES or low in F.MEASURE_WILDCARDS
                                        or low in F.MEASURE_ABBREVIATIONS)  # "80-yard TD run"
        if abbreviation:
            low = F.MEASURE_ABBREVIATIONS.get(low, low)
        if low in V.NOUN_STOP or low in ("yards", "yard", "miles", "feet") or (w[0].isupper() and not abbreviation):
            break
        out.append(low)
        if low in F.MEASURE_CLASSES or low in F.DURATION_WHAT:
            break
    while out and out[-1] not in F.MEASURE_CLASSES and out[-1] not in F.MEASURE_WILDCARDS \
            and out[-1] not in F.DURATION_WHAT and not out[-1].endswith(("goal", "run")):
        out.pop()
    if out == ["field"]:
        return ""
    phrase = " ".join(out)
    return phrase.replace("field goal", "field-goal") if "field goal" in phrase else phrase


def change(left: str) -> str:
    """"fall in stock" for "Shares of X fell 17%" or "X fell 17%" (a company's figure that moves is its
    stock), "rise in revenue" for "revenue rose 9%", "fall" where the subject is something else; ""
    when no verb of change governs the percent."""
    cm = _CHANGE_LEFT.search(left)
    if not cm or cm.group("v").lower() not in F.CHANGE_VERBS:
        return ""
    direction = F.CHANGE_VERBS[cm.group("v").lower()]
    subject = re.findall(r"[A-Za-z]+", re.split(r"[,;:.!?]\s", left[:cm.start("v")])[-1])[-5:]
    for w in reversed(subject):
        low = w.lower()
        if low in F.CHANGE_SUBJECTS:
            return f"{direction} in {F.CHANGE_SUBJECTS[low] or low}"
    if subject and subject[-1][0].isupper() and subject[-1].lower() not in V.STOPWORDS:
        return f"{direction} in stock"  # "Zeta fell 18%": a company that falls is its stock
    return direction


# a verb of change right before a percent: "fell 17%", "rose by nearly 9%", "lost some 17 percent"
_CHANGE_LEFT = re.compile(r"\b(?P<v>[a-z]+)\s+(?:by\s+)?(?:(?:about|around|nearly|almost|some|roughly|more\s+than|"
                          r"less\s+than|over|as\s+much\s+as|an?\s+(?:additional|further))\s+)?$")


def label_of(m: Mention, noun: str, measure: str, fates: tuple[str, ...], reference: str) -> str:
    """What an editor calls the quantity: "people on board", "depth", "rushing yards", "offer"."""
    kind = m.kind
    fate = {"dead": "killed", "hurt": "injured", "missing": "missing", "alive": "rescued"}
    if kind in ("count", "number"):
        if m.unit == "magnitude":
            return "magnitude of the aftershock" if measure == "aftershock" else "magnitude"
        age_class, aged = noun_classes(noun, "")
        if age_class == "age":
            return f"age ({aged})" if aged else "age"  # "a 14-year-old jet": "age (aircraft)"
        head = MEMBERS.sub("", noun.lower())  # "crew members" are the crew
        head, ground, _ = head.partition(GROUND)
        if fates and head in V.FATE_WORDS:
            head = ""  # "94 died", "12 injured": the verb is the fate, no counted noun
        if fates and (not head or noun_classes(head, "")[0] == "person"):
            f = fate.get(fates[0], "")
            head = f"{head} {f}".strip() if head else {"killed": "dead", "injured": "injured"}.get(f, f)
        return head + (", including on the ground" if ground else "")
    if kind == "length":
        if measure == "distance" and reference:
            return f"distance from {reference}"
        if measure in F.MEASURE_VERBS.values():
            return f"{measure} yards" if m.unit.startswith("yard") else measure
        return measure or "length"
    if kind == "rate":
        return f"rate {measure}".strip()
    if kind == "money":
        return measure or "amount"
    if kind == "duration":
        return f"{measure} length" if measure else "duration"
    if kind == "time":
        return "time"
    if kind in ("data", "mass", "speed", "power", "energy", "area", "volume", "temperature"):
        return measure or kind
    if kind == "percent":
        return noun.lower() if noun else measure or "share"
    return ""


_NAME_COMMA = re.compile(r"(?<![\w'’.])(?:[A-Z][a-z'’-]+\s+|[A-Z]\.\s+){0,3}[A-Z][a-z'’-]+,\s$")  # "Dana K. Orme, "


def apposed_age(text: str, m: Mention) -> bool:
    """Is the bare number a person's age set off by commas after the name ("Ines Marlow, 24, was
    treated", "the mayor, Tomas Ekk, 51.")? Then it is an age, as "a 24-year-old" is; a
    team's name ("The Falcons, 12, ...") is no person's."""
    if not isinstance(m.value, float) or not m.value.is_integer() or not 1 <= m.value <= 119:
        return False
    if text[m.end:m.end + 1] not in (",", ".", ";") or m.start != m.num_start:
        return False
    name = _NAME_COMMA.search(text, max(0, m.start - 60), m.start)
    if name is None or name.group().startswith(("The ", "A ", "An ")):
        return False
    before = text[max(0, name.start() - 12):name.start()].lower().split()
    return not before or before[-1] not in _NOT_BEFORE_A_PERSON  # "in Leeds, 2,", "the Falcons, 12,": no one's age


_NOT_BEFORE_A_PERSON = frozenset("the a an in at from of to near into on".split())


_AGED_BEFORE = re.compile(r"(?i)\b(?:aged|age|ages)\s+(?:between\s+|from\s+)?(?:\d{1,3}\s*(?:and|to|-|–)\s*)?$")


def aged_before(text: str, m: Mention) -> bool:
    """Is the bare number an age named by the word before it ("the driver, aged 54,", "a man, age
    34", "aged between 19 and 24")?"""
    if not isinstance(m.value, float) or not 0 <= m.value <= 130 or m.start != m.num_start:
        return False
    return _AGED_BEFORE.search(text, max(0, m.start - 30), m.start) is not None


_RECORD_WITH = re.compile(r"\brecord\s+for\s+(?:the\s+)?(?:most\s+)?([a-z]+s)\b[^,;.]{0,40}\bwith\s+$")


def unnamed_count(text: str, m: Mention, left: str) -> str:
    """The counted noun of a bare count that the words around it name: a person's age ("Ines Marlow, 24,",
    "aged 54"), the statistic of a record ("a club record for receptions by a tight end with 43"); else ""."""
    if m.kind != "count":
        return ""
    if "record" in left:
        rm = _RECORD_WITH.search(left[-90:])
        if rm:
            return rm.group(1)
    return "year-old person" if apposed_age(text, m) or aged_before(text, m) else ""


_MARGIN_OF_ERROR = re.compile(r"(?i)(?:margin\s+of\s+(?:sampling\s+)?error\D{0,20}|plus\s+or\s+minus\s+|±\s*)$")


def margin_of_error(m: Mention, left: str) -> bool:
    """Is the figure a poll's margin of error ("a margin of error of 3 points", "plus or minus 3.5")?"""
    cue = "error" in left[-40:] or "minus" in left[-20:] or "±" in left[-3:]
    return m.kind in ("count", "number", "percent") and cue and bool(_MARGIN_OF_ERROR.search(left[-40:]))
