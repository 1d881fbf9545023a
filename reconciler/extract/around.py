"""Pass 2 of a scan: what binds to a number on its right (scales, the "29.4 * * $10000"
artefact, currency, percent, units, the counted noun) and on its left (hedges, currency)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from reconciler.extract import frame_vocab as FV
from reconciler.extract import vocab as V
from reconciler.extract.numbers import pow10
from reconciler.extract.patterns import (
    _BASIS_POINTS,
    _CURRENCY_ENDS,
    _CURRENCY_PREFIX,
    _E_NOTATION,
    _GLUED,
    _HEDGE_ENDS,
    _HEDGE_LEFT,
    _MULT,
    _PER,
    _PERCENT,
    _PERCENT_OF,
    _SCALE_AFTER,
    _SCI,
    _SUPERSCRIPT,
    _TEMPERATURE,
    _glued_temperature,
    may_end_with,
)

_GLUED_CURRENCY = frozenset(
    ["us$", "a$", "au$", "aud$", "c$", "ca$", "cad$", "can$", "cdn$", "mx$", "mex$",
     "hk$", "s$", "nz$", "nt$", "r$", "cn¥", "jp¥", "rm", "rs", "rs.",
     "rp", "usd", "eur", "gbp", "inr", "myr", "cny", "rmb", "u.s.$", "zł"]
)


@dataclass(slots=True)
class _Right:
    end: int
    value_mult: float = 1.0
    scale_words: str = ""
    currency: str = ""
    kind: str = ""
    unit: str = ""
    base_unit: str = ""
    factor: float = 1.0  # to the kind's base unit (hours for durations)
    noun: str = ""
    per: str = ""
    glued_scale: str = ""
    qualifier: str = ""
    vague: tuple[float, float] | None = None


_LEAD_FILL = re.compile(r"[\s\u00a0]*(?:\*\s*\*\s*)?")
_PHRASE_WORD = re.compile(r"[^\s,;:()\[\]\"“”]+")


def _match_phrase(text: str, pos: int, table: Mapping[str, object], max_words: int = 3) -> tuple[str, int] | None:
    """Longest key of ``table`` (lower case, single spaces) starting at ``pos`` (after spaces)."""
    m = _LEAD_FILL.match(text, pos, pos + 12)
    p = m.end() if m else pos
    first = _PHRASE_WORD.match(text, p, p + 60)
    if first and (first.end() == len(text) or text[first.end()].isspace()):
        # the phrases read here are this word alone or phrases that start with it: most words fail at once
        word = first.group().lower()
        alone = word.rstrip(".!?'’")
        if alone not in table and alone.rstrip("s") not in table and word not in _first_words(table):
            return None
    words = []
    for w in _PHRASE_WORD.finditer(text, p, p + 60):
        words.append(w)
        if len(words) == max_words:
            break
    best: tuple[str, int] | None = None
    for k in range(len(words), 0, -1):
        phrase_end = words[k - 1].end()
        phrase = " ".join(text[p:phrase_end].split()).lower().rstrip(".!?'’")
        if phrase in table:
            stripped = len(text[p:phrase_end]) - len(text[p:phrase_end].lower().rstrip(".!?'’"))
            return phrase, phrase_end - stripped
        if phrase.rstrip("s") in table and k == 1:
            best = (phrase.rstrip("s"), phrase_end)
    return best


_FIRST_WORDS: dict[int, tuple[Mapping[str, object], frozenset[str]]] = {}


def _first_words(table: Mapping[str, object]) -> frozenset[str]:
    """The first words of the keys of ``table`` that have several."""
    cached = _FIRST_WORDS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _FIRST_WORDS[id(table)] = (table, frozenset(k.split(" ")[0] for k in table if " " in k))
    return cached[1]


_UNIT_WORD = re.compile(r"[A-Za-z²³/µ.]+(?:\s(?:miles?|km|kilomet(?:re|er)s?|metres|meters|feet|ft|tonnes|tons|mi))?")
# two-letter units that may stand after a space ("80 km"); others must be glued ("80m")
_SHORT_UNITS_SPACED = frozenset({"h", "ft", "mi", "km", "kg", "lb", "oz", "mm", "cm", "mb", "gb", "tb", "kb", "pb",
                                 "kw", "mw", "gw", "wh"})


_A_PERIOD = re.compile(r"(?i)\s*a\s+(?:year|month|week|day)\b")  # "$5 a year" is not a rate per "a"
# "$3.49 billion a year earlier", "40 cents a share a year ago": when, not per what
_A_PERIOD_AGO = re.compile(r"(?i)\s*an?\s+(?:year|month|week|day|quarter)\s+(?:earlier|ago|before|prior)\b")
_IN_LENGTH_CONVERSION = re.compile(r"(?i)\b(?:ft|feet|foot|yards?|yd|miles?|mi)\s*\(\s*(?:about\s+|some\s+|roughly\s+"
                                   r"|nearly\s+)?\d[\d,.]*$")
_AGE = re.compile(r"(?i)(?:-|[ \u00a0])(?P<u>year|month|week|day)s?(?:-|[ \u00a0])old\b")
_AGED_BE = re.compile(r"\s(?:was|is|were|are)\s+(?:about\s+|nearly\s+|almost\s+|only\s+)?[\w.,-]+$")
_DETERMINERS = frozenset("the a an its their his her this that".split())


def _aged_subject(text: str, pos: int) -> str:
    """The noun that "was N years old" is said of: the nearest lower-case noun before "was" that
    follows a determiner ("The ferry that sank on Friday was 23 years old" -> "ferry"), or ""."""
    window = text[max(0, pos - 80):pos]
    window = re.split(r"[.;:!?\n]", window)[-1]
    be = _AGED_BE.search(window)
    if not be:
        return ""
    words = window[:be.start()].split()
    if words and words[-1].lower() in ("he", "she"):
        return "person"  # "she was 54 years old"
    for i in range(len(words) - 1, 0, -1):
        w = words[i].strip(",")
        if w.isalpha() and w.islower() and w not in V.STOPWORDS and w not in _VERBS \
                and words[i - 1].lower() in _DETERMINERS:
            return w
    return ""


_AGO = re.compile(r"(?i)\s+(?:earlier|ago|before|previously|prior)\b")
_UNIT_GAP = re.compile(r"(?:-|\s*(?:\*\s*\*\s*)?|\u00a0)")
_MACHINE_HOURS = re.compile(r"(?i)(?P<m>" + "|".join(V.MACHINE_HOUR_PREFIXES) + r")[\s-]hours?\b")
_UNIT_NAMES: Mapping[str, object] = dict.fromkeys([*V.DURATION_UNITS, *V.PHYSICAL_UNITS], 0)


# a currency sign after the number, as many of the world's locales write it (CLDR's currency patterns:
# "10 €", "294.000 €", "5 zł"), not the sign of a figure that follows ("10 $20 notes")
_SIGN_AFTER = re.compile(r"[ \u00a0\u202f]?(€|£|\$|₹|₩|₽|₺|₱|₦|฿|zł)(?![\w$€£]|[ \u00a0]?\d)")


def _read_right(text: str, pos: int, has_currency: bool) -> _Right:
    r = _Right(end=pos)
    # glued suffix: 91.1K, 7.3bn, $4.12M, 660B
    g = _GLUED.match(text, pos)
    if has_currency and text.startswith("MM", pos) and not text[pos + 2:pos + 3].isalnum():
        # "$21MM", "$160MM": finance's "MM" (a thousand thousands) after a currency; "160mm" is millimetres
        r.value_mult *= V.GLUED_SCALES["mm"]
        r.glued_scale = r.scale_words = "MM"
        pos = r.end = pos + 2
        g = None
    if g is None and text[pos:pos + 1] == " ":
        # a magnitude letter after a space: "$600 k", "$3 bn"; after a currency, or "k" before no letter
        sg = _SPACED_SCALE.match(text, pos)
        if sg and (sg.group("suf").endswith(".") and not _match_phrase(text, sg.end(), V.CURRENCY_NAMES)):
            sg = None  # "110 b. Euro": an abbreviated scale only before a currency ("b. 1950" is a birth)
        if sg and (has_currency or sg.group("suf") in ("k", "K") or _match_phrase(text, sg.end(), V.CURRENCY_NAMES)):
            g = sg
    if g and g.group("suf").lower().rstrip(".") in ("m", "t") and not has_currency \
            and _match_phrase(text, g.end(), V.CURRENCY_NAMES):
        has_currency = True  # "1.5m dollars": million, not metres
    # "14.8T tokens", "2.8M GPU-hours": a capital M or T glued before a noun is a scale, not a unit
    scale = has_currency or bool(g and g.group("suf") in ("M", "T") and _SCALE_BEFORE_NOUN.match(text, g.end()))
    if g and not scale and g.group("suf") == "m":
        nm = _NEXT_NOUN.match(text, g.end())  # "3.5m people", "2m British homes": millions of counted things
        scale = bool(nm and (nm.group(1).lower() in _COUNTED_NOUNS or (nm.group(2) or "").lower() in _COUNTED_NOUNS))
    if g and not (g.group("suf").lower().rstrip(".") in ("m", "t") and not scale and _unit_glued(text, pos)):
        suf = g.group("suf").lower().rstrip(".")
        if not (suf in ("m", "t") and not scale):
            r.value_mult *= V.GLUED_SCALES[suf]
            r.glued_scale = g.group("suf")
            r.scale_words = g.group("suf")
            pos = g.end()
            r.end = pos
    # scientific notation: 3.8 × 10^25
    sci = _SCI.match(text, pos)
    if sci:
        exp = sci.group("e1") or (sci.group("e2") or "").translate(_SUPERSCRIPT)
        r.value_mult *= pow10(int(exp.replace("−", "-")))  # beyond a float's range: inf, refused by the grammar
        r.scale_words = f"× 10^{exp}"
        pos = sci.end()
        r.end = pos
    elif not r.glued_scale and (en := _E_NOTATION.match(text, pos)):  # "1.2e6 cells": 1,200,000
        r.value_mult *= pow10(int(en.group("e").replace("−", "-")))
        r.scale_words = en.group()
        pos = en.end()
        r.end = pos
    # the "29.4 * * $10000" artefact: a multiplier of 10^k (from 万 / 亿) left by translation
    mult = _MULT.match(text, pos)
    if mult and (("*" in mult.group("fill")) or mult.group("cur")):
        p = float(mult.group("pow"))
        if mult.group("scale"):
            p *= V.SCALE_WORDS[mult.group("scale").lower()]
        r.value_mult *= p
        r.scale_words = text[pos:mult.end()].strip()
        if mult.group("cur"):
            r.currency = V.CURRENCY_PREFIXES[mult.group("cur").strip().lower()]
        pos = mult.end()
        r.end = pos
    else:
        sc = _SCALE_AFTER.match(text, pos)
        if sc and not r.glued_scale:
            w = sc.group("w").lower()
            # "a hundred" is handled by the word grammar; after digits, "hundred" is rare but valid
            r.value_mult *= V.SCALE_WORDS[w]
            r.scale_words = (r.scale_words + " " + w).strip()
            pos = sc.end()
            r.end = pos
            sc2 = _SCALE_AFTER.match(text, pos)  # "1.2 thousand million" (rare), "1.5 lakh crore" (common)
            w2 = sc2.group("w").lower() if sc2 else ""
            if sc2 and (w2 in _STACKED.get(w.rstrip("s"), ())):
                r.value_mult *= V.SCALE_WORDS[w2]
                r.scale_words = (r.scale_words + " " + w2).strip()
                pos = sc2.end()
                r.end = pos
    # temperature: "35°C", "95 °F", "40 degrees Celsius"
    tm = _TEMPERATURE.match(text, pos)
    if tm and (tm.group("u") or _glued_temperature(text, pos, tm.end(), r.glued_scale)):
        unit = tm.group("u") or tm.group("glued")
        r.kind, r.unit, r.end = "temperature", "F" if unit.lower().startswith("f") else "C", tm.end()
        return r
    bp = _BASIS_POINTS.match(text, pos)
    if bp and not r.glued_scale:
        r.kind, r.unit, r.end = "percent", "bp", bp.end()
        return r
    # percent
    pm = _PERCENT.match(text, pos)
    if pm:
        r.kind = "percent"
        r.unit = "pp" if "point" in pm.group().lower() else "%"
        r.end = pm.end()
        of = _PERCENT_OF.match(text, r.end)
        if of:
            words = of.group("what").split()
            if len(words) > 1 and words[1].lower() in V.NOUN_STOP | _VERBS:
                words = words[:1]
            if words[0].lower() not in V.NOUN_STOP:
                r.noun = " ".join(words)  # "58.7% of the unexpected interruptions": a share of what
        return r
    # currency after the number: "300000 US dollars", "2 million yuan"
    cur = _match_phrase(text, pos, V.CURRENCY_NAMES)
    if cur and (cur[0] not in V.AMBIGUOUS_CURRENCY_WORDS or has_currency):
        r.currency = V.CURRENCY_NAMES[cur[0]]
        pos = cur[1]
        r.end = pos
    elif not has_currency and (ts := _SIGN_AFTER.match(text, pos)):
        r.currency = V.CURRENCY_PREFIXES[ts.group(1).lower()]  # "10 €", "294.000 €", "10$": the sign after
        pos = r.end = ts.end()
    if r.currency or has_currency:
        r.kind = "money"
        per = _PER.match(text, pos)
        if per and (_AGO.match(text, per.end()) or _A_PERIOD_AGO.match(text[pos:pos + 24])):
            per = None  # "$3.49 billion a year earlier", "$80 a month ago": a moment, not a rate per period
        if (per and not _A_PERIOD.match(text[pos:pos + 12])) or \
                (per and per.group("what").lower() in ("hour", "day", "year", "month", "week", "gpu", "night")):
            what = per.group("what")
            if what.lower() not in ("few", "lot", "result", "record", "total", "deal", "further", "year-on-year",
                                    "piece", "fraction", "range", "decline", "rise", "drop", "jump"):
                r.kind = "rate"
                r.per = what
                r.end = per.end()
        return r
    # an age: "a 14-year-old jet", "the jet was 14 years old": one quantity, whatever follows (what is
    # aged is the figure's context, as a counted noun's modifiers are), never a duration
    am = _AGE.match(text, pos)
    if am:
        r.kind, r.end = "count", am.end()
        if am.group().endswith("-old"):  # "a 14-year-old Zeta jet": what follows is what is aged
            aged = _read_noun(text, am.end())[0] if text[am.end():am.end() + 1] == " " else ""
            aged = aged or "person"  # a nominal age ("a 54-year-old from Aldmoor", "the 23-year-old has") is someone
        else:  # "the jet was 14 years old": the subject of "was"
            aged = _aged_subject(text, pos)
        r.noun = am.group("u").lower() + "-old" + (" " + aged.lower() if aged else "")
        return r
    # duration / physical units (glued or spaced, or hyphenated: "54-day", "1.6-mile")
    um = _UNIT_GAP.match(text[pos:pos + 8])
    upos = pos + (um.end() if um else 0)
    dm = _DAYS_OF_A_KIND.match(text, pos) if text.startswith(" ", pos) else None
    if dm:  # "14 Earth days", "five working days", "three straight weeks": days, of a kind
        um, upos = None, dm.end()
    # machine hours: "5,000 GPU hours", "30.84 million GPU-hours"
    mh = _MACHINE_HOURS.match(text[upos:upos + 24])
    if mh:
        r.kind, r.unit, r.factor = "duration", "h", 1.0
        r.noun = text[upos:upos + mh.end()]
        r.end = upos + mh.end()
        return r
    wm = _UNIT_WORD.match(text, upos, upos + 30)
    if wm:
        dash = _PLURAL_DASH.match(text, upos, upos + 30) if "-" in text[upos:upos + 30] else None
        # "4,051 yards-breaking the record": the unit before a dash typed as a hyphen
        cand = _match_phrase(text[:dash.end()] if dash else text, upos, _UNIT_NAMES)
        if cand:
            key, cend = cand
            ok_end = cend >= len(text) or not text[cend].isalnum()
            short_unit = len(key) <= 2 and key not in _SHORT_UNITS_SPACED
            glued = upos == pos and um is not None and um.end() == 0
            wrong_case = key == "g" and text[upos:cend] != "g"  # "5G" is a network, not five grams
            # "37,000 ft (11,300 m)": a spaced "m" in a length's conversion is metres, not millions
            metres = key == "m" and _IN_LENGTH_CONVERSION.search(text, max(0, pos - 40), pos) is not None
            if ok_end and not wrong_case and (metres or (not (short_unit and not glued)
                                                         and not (key in ("in.", "g", "t", "m", "w") and not glued))):
                if key in V.DURATION_UNITS:
                    r.kind, r.unit, r.factor = "duration", "h", V.DURATION_UNITS[key]
                    r.noun = key
                else:
                    kind, pu = V.PHYSICAL_UNITS[key]
                    if kind == "mass" and key.startswith("pound") and (has_currency or _sterling(text, pos, cend)):
                        # "a weekly salary of 350,000 pounds": sterling, not weight
                        r.kind, r.currency, r.end = "money", "GBP", cend
                        return r
                    else:
                        r.kind, r.unit, r.base_unit = kind, key, pu
                        r.factor = V.BASE_FACTORS[pu]
                        r.noun = key
                        # emissions: "8,930 tons CO2eq"
                        tail = text[cend:cend + 24].lower()
                        if kind == "mass" and any(t in tail for t in V.EMISSION_MARKERS):
                            r.kind = "emissions"
                r.end = cend
                return r
    # a statistic before its unit: "4,183 passing yards" is a length in yards, as "4,183 yards passing" is
    sy = _STAT_YARDS.match(text, pos) if text.startswith(" ", pos) else None
    if sy:
        r.kind, r.unit, r.base_unit = "length", sy.group("u").lower(), V.PHYSICAL_UNITS[sy.group("u").lower()][1]
        r.factor = V.BASE_FACTORS[r.base_unit]
        r.noun, r.end = sy.group("u").lower(), sy.end()
        return r
    # counted noun
    r.noun, r.end = _read_noun(text, pos)
    if not r.noun:
        r.end = pos
    return r


_STAT_YARDS = re.compile(r"[ \u00a0](?:net\s+)?(?:rushing|passing|receiving|total)\s+(?P<u>yards?)\b")


# "11 K-220 jets": a model name; "110 b. Euro": an abbreviated scale (before a currency only)
_SPACED_SCALE = re.compile(r" (?P<suf>k|K|bn|mn|tn|M|B|b\.|m\.|bn\.|mn\.)(?![A-Za-z0-9]|-\d)")
# after a capital M or T: a noun (not a unit or "/"): the letter is a scale ("2.8M GPU-hours")
_SCALE_BEFORE_NOUN = re.compile(r"[ \u00a0]+(?!(?:per|a|an|of|in|on|at|to|and|or|the|by)\b)[A-Za-z][a-z]*(?:-[a-z]+)?")


_NEXT_NOUN = re.compile(r"[ \u00a0]+([A-Za-z]+)(?:[ \u00a0]+([A-Za-z]+))?")
_COUNTED_NOUNS = frozenset(FV.PERSON_GENERIC | FV.PERSON_SUBGROUPS.keys() | FV.THING_CLASSES.keys()
                           | {"users", "customers", "subscribers", "viewers", "readers", "downloads", "copies",
                              "shares", "barrels", "tonnes", "tons", "doses", "tickets", "jobs", "households"})


def _unit_glued(text: str, pos: int) -> bool:
    return bool(_M_OR_T.match(text[pos:pos + 2]))


_M_OR_T = re.compile(r"(?i)(?:m|t)(?:\b|²|³)")


_MONEY_NEAR = re.compile(r"(?i)\b(?:salary|salaries|wages?|fee|fees|paid|pay|pays|cost|costs|price|worth|deal|"
                         r"budget|fine|fined|bonus|transfer|contract|sterling|revenue|profit|income)\b|[£€$]")
_PERIODS = {"weekly": "week", "monthly": "month", "annual": "year", "annually": "year", "yearly": "year",
            "daily": "day", "hourly": "hour"}
_PERIOD_LEFT = re.compile(r"(?i)\b(weekly|monthly|annual|yearly|daily|hourly)\s+(?:[a-z-]+\s+){0,3}"
                          r"(?:of\s+|is\s+|was\s+|at\s+)?$")


def _sterling(text: str, pos: int, end: int) -> bool:
    """Is "pounds" money here? Money wording in the same sentence and no weighing."""
    a = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos), pos - 150) + 1
    dots = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    b = min([*dots, end + 100])
    window = text[a:b]
    return bool(_MONEY_NEAR.search(window)) and not re.search(r"(?i)\bweigh|\bheav|\blb\b|\bkg\b", window)


_NOUN_WORD = re.compile(r"[ \t\u00a0]*(?:\*[ \t]*\*[ \t]*)?(?P<w>[A-Za-z][A-Za-z0-9'’&-]*|[A-Z]+\d+[A-Za-z0-9-]*)")


_VERBS = frozenset(
    """built made took shown showed gave got hit led ran cost costs paid said sold spent won lost
    left kept met put set told went came became were was is are had has have will would can
    could may might must should did does do being been died dies say says said fled fell rose grew flew drove
    fought stood sat sank bled saw sued hid shot struck spoke broke chose froze wore sought bought brought
    caught felt lay""".split()
)
# past-tense verbs that stand right after a number whose noun came before it ("a crowd of 14,212 saw")
_PAST_VERBS = frozenset("saw watched packed filled attended turned came went voted".split())
# what follows a past-tense verb rather than a noun's next word: a preposition, an article, a name
_AFTER_VERB = re.compile(r"[ \t]+(?:(?:at|in|on|into|to|from|for|with|as|the|a|an|their|its|his|her|him|them|us|per)\b"
                         r"|[A-Z])")
# adverbs of time and manner that follow a figure but name nothing counted ("from 25 earlier", "$28 apiece")
_NOT_NOUNS = frozenset("earlier later ago apiece overall altogether yesterday today tonight elsewhere above last next"
                       .split())
# plurals without an -s that close the counted noun as a plural does: "300 people fled" -> "people"
_PLURALS = frozenset("people children men women cattle".split())
_DASH_DIGIT = re.compile(r"[a-z]-(?=\d)")
_PLURAL_DASH = re.compile(r"[A-Za-z]{2,}[^s\W]s(?=-[a-z])")  # "workers-two", "goals-the" (not "sales-related")
_DAYS_OF_A_KIND = re.compile(r" (?:Earth|working|business|calendar|lunar|solar|school|trading|consecutive|straight)\s+"
                             r"(?=(?:days?|weeks?|months?|years?|hours?)\b)")
_ADJECTIVE_ENDS = ("ous", "ive", "ful", "less", "able", "ible", "ical", "ary", "ish")
_LOWER_NEXT = re.compile(r"[ \t\u00a0]+[a-z]")


def _read_noun(text: str, pos: int) -> tuple[str, int]:
    """Up to three words after a number that name what is counted ("ZX800 GPUs", "crew members")."""
    words: list[str] = []
    end = pos
    p = pos
    compound = p < len(text) and text[p] == "-"
    if compound:  # "64-page", "eight-GPU"
        p += 1
    for _ in range(2 if compound else 4):  # "a 500-bed hospital": the unit word and the noun it qualifies
        m = _NOUN_WORD.match(text, p)
        if not m:
            break
        w = m.group("w")
        digit_dash, plural_dash = _DASH_DIGIT.search(w) if w.islower() else None, _PLURAL_DASH.match(w)
        dash = digit_dash or plural_dash
        if dash:  # "1,840 points-12 more than", "three bank workers-two women and a man-were": a dash typed
            # as a hyphen ends the noun (a compound's first part is rarely plural)
            w = w[:digit_dash.start() + 1] if digit_dash else w[:dash.end()]
        low = w.lower()
        if low in V.NOUN_STOP or low in _NOT_NOUNS or (low in V.MONTHS and w[0].isupper() and low != "may"):
            break
        if low in V.CLASSIFIERS and not words:
            p = m.end()
            continue
        if words and (low.endswith("ly") or (low.endswith("ed") and len(low) > 4) or low in _VERBS):
            break
        if not words and low not in V.FATE_WORDS and (low in _PAST_VERBS or (
                low.endswith("ed") and len(low) > 4 and _AFTER_VERB.match(text, m.end()))):
            break  # "a crowd of 14,212 watched at the arena", "12,412 packed Harrowgate Arena": the verb, no noun
        words.append(w)
        end = p = m.start("w") + len(w)
        if dash:
            break
        if (low[-1:] == "s" and (not w[0].isupper() or w[:-1].isupper()) and not any(c.isdigit() for c in w)) \
                or low in _PLURALS:
            break  # a plural noun closes the phrase: "crew members were" -> "crew members"
        if low[-1:] == "s" and low[-2:] != "ss" and len(low) > 3 and w[0].isupper() and _LOWER_NEXT.match(text, p):
            break  # so does a capitalised plural before a lower-case word: "63 million Americans look"
        if p < len(text) and text[p] in ",.;:!?)(\"”":
            break
    if compound and len(words) == 2 and words[1].lower().endswith(_ADJECTIVE_ENDS):
        words = words[:1]  # "a 12-round unanimous decision": the rounds (the adjective qualifies the next noun)
        end = pos + 1 + len(words[0])
    if compound and len(words) == 2 and words[1][:1].islower() and words[0][:1].islower() and "-" not in words[0]:
        # "a 500-bed hospital" counts the hospital's beds, "a 671-billion-parameter model" the model's
        # parameters: named as an editor would ("hospital beds", "model parameters")
        unit = words[0] if words[0].endswith("s") or words[0].lower() in _PLURALS else \
            words[0][:-1] + "ies" if words[0][-1:] == "y" and words[0][-2:-1] not in "aeiou" else words[0] + "s"
        return f"{words[1]} {unit}", end
    return " ".join(words), end


_NOT_A_HEDGE = re.compile(r"(?i)\b(?:add(?:s|ed|ing)?|sum(?:s|med)?|tot(?:s|ted)|c[ao]me|comes|amount(?:s|ed)?"
                         r"|spread|run|ran|spent|stretch(?:ed|es)?)\s+$")
# "runs up to 2.7 GHz", "prices run up to $3,000": a bound ("run over 54 days" is a span, above)
# two scale words that multiply: "1.2 thousand million", "₹1.5 lakh crore" (1.5 × 10^5 × 10^7), "40,000 crore"
# is one word; "million" after "hundred" ("a hundred million") is handled the same way
_STACKED: dict[str, tuple[str, ...]] = {
    "thousand": ("million", "billion", "crore", "crores"), "hundred": ("million", "billion", "thousand"),
    "lakh": ("crore", "crores"),
}
_RUN = re.compile(r"(?i)\b(?:run|runs|ran)\s+$")


def _read_left(text: str, start: int) -> tuple[int, str, str]:
    """(new start, currency ISO, qualifier) from what stands before the number."""
    a = start
    currency = ""
    qualifier = ""
    window = text[max(0, a - 12):a]
    cm = _CURRENCY_PREFIX.search(window) if may_end_with(window, _CURRENCY_ENDS) else None
    if cm:
        sym = re.sub(r"\s", "", cm.group()).lower().replace("u.s.", "us")
        currency = V.CURRENCY_PREFIXES.get(sym, V.CURRENCY_PREFIXES.get(sym.rstrip("."), ""))
        if currency:
            a = a - (len(window) - cm.start())
    window = text[max(0, a - 30):a]
    # markdown bold debris between hedge and number: "about * * 198"
    hm = _HEDGE_LEFT.search(window) if may_end_with(window, _HEDGE_ENDS) else None
    if hm and _NOT_A_HEDGE.search(window[:hm.start("h")]) and hm.group("h").lower().startswith(("up", "over")) \
            and not (hm.group("h").lower().startswith("up") and _RUN.search(window[:hm.start("h")])):
        hm = None  # "added up to 39.3 million", "spread over 54 days": a total, not a bound
    if hm:
        h = re.sub(r"\s+", " ", hm.group("h").lower())
        qualifier = V.HEDGES.get(h, "")
        a = a - (len(window) - hm.start("h"))
    return a, currency, qualifier


def _interval(value: float, precision: float, qualifier: str) -> tuple[float, float, str]:
    if value >= 1000:
        # "100,000" or "$6 million" are round, but not looser than 5%
        precision = min(precision, 0.05 * value)
    lo, hi = value - precision, value + precision
    q = qualifier or "exact"
    if q == "approximate":
        lo, hi = value - max(precision, 0.05 * abs(value)), value + max(precision, 0.05 * abs(value))
    elif q == "upper_near":
        lo, hi, q = value * 0.9 - precision, value + precision, "approximate"
    elif q == "lower_near":
        lo, hi, q = value - precision, value * 1.1 + precision, "approximate"
    elif q == "upper":
        lo, hi = 0.0, value + precision
    elif q == "upper_max":
        lo, hi, q = value * 0.5, value + precision, "upper"
    elif q == "lower":
        lo, hi = value - precision, float("inf")
    return min(lo, hi), max(lo, hi), q


