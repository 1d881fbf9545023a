"""Numbers as sport and the world write them that are not counts, ranges or distances.

- Scores, records, runs: "won 65-53" (the result), "improved to 9-5" or "(10-5)" (a win-loss
  record), "a 12-0 run" (a run), "led 50-44" (a score at one moment of the game), "the judges
  scored it 118-110" (a judge's card). Each is one figure of kind ``score``, its unit saying which:
  ``score``, ``record``, ``run``, ``partial``, ``scorecard``.
- Year spans ("1995-99", "2001-2004"): years, never a count of 99.
- Yard lines and thresholds ("the 20-yard line", "a second 200-yard game", "his 38th 100-yard
  game"): a field position or a category, not a distance.
- Phone and emergency numbers ("(412) 555-0188", "call 911"), SMS short codes ("text NEWS to 55510").
- Street addresses ("4 Harbour Way") and indexes named by the word before them ("Week 15", "Game 7").

>>> t = "Harbour won 65-53 after a 12-0 run; it led 50-44 at one point."
>>> [(m.value, m.unit) for m in scores(t, bytearray(len(t)))]
[('65-53', 'score'), ('12-0', 'run'), ('50-44', 'partial')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reconciler.extract.mention import Mention, Span
from reconciler.extract.patterns import folds_simply

# "\b\d{1,3}-\d{1,3}", led by its first digit (the word boundary checked behind it)
_SCORE_DIGITS = re.compile(r"\d(?<!\w\d)\d{0,2}\s?[-–]\s?\d{1,3}\b(?![-–.,]\d)(?!\s?[-–]?\s?(?:yard|point|game|win|"
                           r"seed|foot|feet|meter|metre|inch|mile|km|kg|lb|per|percent|%"
                           # a range of a unit ("for another 2-3 minutes"), an age band ("15-24-year-olds")
                           r"|second|minute|hour|day|week|month|year|times|degree|°))")
_FINAL_BEFORE = re.compile(
    r"(?i)\b(?:won|win|wins|lost|lose|loses|beat|beats|drew|draw|defeat(?:ed|s)?|victory|tied|ended|finished|"
    r"final score|final|scoreline|result|routed|edged|downed|topped|thrashed|hammered|outlasted)\b[^.\d\n]{0,25}$"
)
_FINAL_AFTER = re.compile(r"(?i)\s+(?:win|victory|defeat|loss|draw|home win|away win|triumph|rout|decision)\b")
_RECORD_BEFORE = re.compile(r"(?i)(?:\b(?:improv(?:ed|es|ing)|fell|falls|dropped|drops|moved|moves|went|going|go|are|is"
                            r"|were|was|at|record\s+of|record\s+to|a\s+record\s+of|finished|rose|rises|climbed|climbs|stand|stands|sit|sits"
                            r"|now|an?\s+[\w-]+-(?:worst|best))\s+(?:to\s+|at\s+)?|\()$")
_RECORD_AFTER = re.compile(r"(?i)(?:\s+(?:record|mark|overall|on\s+the\s+season|in\s+conference|at\s+home"
                           r"|on\s+the\s+road|away|season|start)\b|\))")
_NAME_PAREN = re.compile(r"[A-Z][\w.'’-]*\s?\($")
_RUN_AFTER = re.compile(r"(?i)\s+(?:run|spurt|burst|streak|surge)\b")
_PARTIAL_BEFORE = re.compile(r"(?i)\b(?:led|lead|leading|trailed|trailing|trail"
                             r"|cut\s+(?:it|the\s+lead|the\s+deficit)\s+to|pulled\s+(?:within|to)|made\s+it|was|at|to|of)\s+$")
_PARTIAL_AFTER = re.compile(r"(?i)\s+(?:lead|advantage|deficit|at\s+(?:the\s+)?(?:half|halftime|break|intermission)"
                            r"|halftime|with\s+\d|in\s+the\s+(?:first|second|third|fourth))\b")
_DASH = re.compile(r"\s?[-–]\s?")
# a story that talks of a game: bare "N-M" there is a score at some moment, not a range
_SPORT = re.compile(r"(?i)\b(?:game|games|season|quarter|halftime|inning|innings|touchdowns?|rebounds?|assists?"
                    r"|points|scored|coach|playoffs?|league|match|goals?|wicket|overtime"
                    # a fight: its judges' cards ("116-112"), its rounds ("a 10-8 round")
                    r"|rounds?|bout|fight|judges?|scorecards?|cards|knockouts?|knockdowns?|decision|referee)\b")
_NOT_SCORE_LEFT = re.compile(r"(?i)(?:[$€£¥]|\b(?:between|from|aged?|ages|children|kids|rated|ratio|of)\s+)$")

_YEAR_SPAN = re.compile(r"(?:1[89]|20)\d\d\s?[-–/]\s?(?:(?:1[89]|20)\d\d|\d\d)\b(?![-–]\d)")
_THRESHOLD = re.compile(
    r"(?i)\d[\d,]*[- ](?:yard|point|goal|win|catch|strikeout|hit|run|rebound|assist|wicket)[- ]"
    r"(?:(?:rushing|passing|receiving|scoring)\s+)?(?:line|games?|seasons?|performances?|rushers?|passers?"
    r"|receivers?|mark|barrier|plateau|club|outings?|efforts?|days?|nights?|scorers?|campaigns?)\b")
# a phone number: "(412) 555-0188", "1-800-555-0199", "+44 20 7946 0958", and a local "555-0188" where a
# phone word leads it or its last group starts with 0 (no range of counts is "300-0400")
_PHONE = re.compile(r"(?:\+?1[-.\s])?(?:\(\d{3}\)\s?\d{3}[-.\s]\d{4}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b)"
                    r"|\+\d{1,3}[\s.-]\(?\d{1,4}\)?(?:[\s.-]\d{2,4}){2,4}\b"
                    r"|(?<![\d,.-])\d{3}-0\d{3}\b(?![-.,]\d)"
                    r"|(?i:\b(?:call|phone|telephone|tel|fax|contact|reach|dial|hotline)\b)[^.\d\n]{0,30}"
                    r"(?<![\d,.-])\d{3}-\d{4}\b(?![-.,]\d)")
_EMERGENCY_NUMBERS = ("911", "999", "112", "000", "111", "100", "101", "110", "119", "120", "122")
_EMERGENCY_NUMBER = r"(?:" + "|".join(_EMERGENCY_NUMBERS) + r")\b(?!\s*(?:people|%|per))"
# "call 911", "dial 999 or 112": the number and any alternatives listed with it
_EMERGENCY_RX = (r"\b(?:call(?:s|ed|ing)?|dial(?:s|led|ing)?|phon(?:e|ed|ing)|ring(?:ing)?|text(?:ed|ing)?"
                 r"|the)\s+(?:the\s+)?" + _EMERGENCY_NUMBER + r"(?:\s*(?:,|or|/)\s*" + _EMERGENCY_NUMBER + r")*")
_EMERGENCY = re.compile(_EMERGENCY_RX, re.I)
_EMERGENCY_LOWER = re.compile(_EMERGENCY_RX)  # for lower-cased text (folds_simply): twice as fast


_PHONE_CUE = re.compile(r"\d{3}[-.\s]\d{4}")  # in every _PHONE match
_DIGIT_RUN = re.compile(r"\d+")
# a street address ("4 Harbour Way", "221 Baker St."), an SMS short code ("text NEWS to 55510"), an index
# named by the word before it ("Week 15", "Game 7", "Day 3": which one, not how many)
_ADDRESS = re.compile(r"\d{1,5}[A-Za-z]?\s+(?:(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Way"
                      r"|Boulevard|Blvd\.|Lane|Drive|Place|Square|Court|Terrace|Crescent|Highway|Parkway)(?![\w])"
                      # a compass point before the street's name: "201 E. Nine Mile", "40 W 57th St"
                      r"|(?:[NSEW]|N[EW]|S[EW])\.?\s+(?:\d+(?:st|nd|rd|th)\b|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)")
# an age band names a group ("15-24-year-olds"), and the base of a rate is no count ("66 per 100,000 people")
_AGE_BAND = re.compile(r"\d{1,2}\s?[-–]\s?\d{1,2}[- ]year[- ]olds\b")
_PER_BASE = re.compile(r"(?<=\bper )(?:100|1,000|10,000|100,000|1,000,000|1 million|million|thousand)\b"
                       r"(?:\s+(?:people|inhabitants|residents|population|live\s+births|births|adults|children|women|men))?")
# a list's item number run into the text, a sentence of its own ("... cold hard cash! 102. Why did ..."):
# which item, not a figure (one that ends a sentence follows a word: "the toll rose to 102. Officials")
_SPACE_CAPITAL = re.compile(r"\s+[A-Z]")
_LAST_WORD = re.compile(r"([A-Za-z]+)$")


def _ends_a_sentence(text: str, dot: int) -> bool:
    """Does the mark at ``dot`` end a sentence, not an abbreviation ("Oct. 20. Officials", "No. 7.")?"""
    if text[dot] in "!?":
        return True
    w = _LAST_WORD.search(text, max(0, dot - 20), dot)
    word = w.group(1) if w else ""
    return (bool(word) and word.islower() and len(word) >= 3) or text[dot - 1:dot] in ")\"”’'"


_SHORT_CODE = re.compile(r"(?i)\b(?:text|txt|sms)\s+[\w-]{1,20}\s+to\s+\d{4,6}\b")
_INDEX = re.compile(r"\b(?:Week|Day|Round|round|Game|Lap|Leg|Matchday|Gameweek|Stage|Heat)\s+\d{1,2}\b(?![.,]\d|\s*%)")
_STREET_WORDS = (" N. ", " S. ", " E. ", " W. ",
                 " Street", " St.", " Road", " Rd.", " Avenue", " Ave.", " Way", " Boulevard", " Blvd.", " Lane",
                 " Drive", " Place", " Square", " Court", " Terrace", " Crescent", " Highway", " Parkway")
_INDEX_WORDS = ("Week ", "Day ", "Round ", "round ", "Game ", "Lap ", "Leg ", "Matchday ", "Gameweek ", "Stage ",
                "Heat ")
# a latitude or longitude in decimal degrees ("12.45 S", "33.9°E"): where, not how many
_COORDINATE = re.compile(r"\d{1,3}\.\d{1,6}\s?°?\s?[NSEW](?![\w'’])")
_COORDINATE_CUE = re.compile(r"[ °][NSEW][ ,;\n)]")  # in every _COORDINATE match
# a machine translation's day of the month ("local time 21 day early morning" for 21日凌晨): which day,
# not a span of days; English puts an article before a span used as a modifier ("a 9 day trek")
_MT_DAY = re.compile(r"(?<![\w.,-])(?<![Aa] )(?<![Aa]n )(?<![Tt]he )(?<!per )(?<!each )(?<!every )"
                     r"(?:[1-9]|[12]\d|3[01])\s+day\s+(?:early\s+|late\s+)?"
                     r"(?:morning|afternoon|evening|night|noon|midnight|dawn|daybreak)\b")
_MT_DAY_WORDS = (" day morning", " day afternoon", " day evening", " day night", " day early", " day late", " day noon",
                 " day midnight", " day dawn", " day daybreak")
_CALL = re.compile(r"(?i)\b(?:call|dial|emergency)")
_RECORD_VERB = re.compile(r"(?i)(?:improv|fell|falls|dropp|mov|going|record|rose|climb|stand|worst|best)")


def never_claims(text: str, lower: str | None = None, digit_runs: Sequence[Span] | None = None) -> list[Span]:
    """Spans that are never claims: year spans, yard lines and thresholds, phone and emergency numbers,
    addresses, indexes and coordinates
    (``lower``: the text lower-cased with the same offsets, ``digit_runs``: the spans of its runs of
    digits, if the caller has them).

    >>> t = "the 20-yard line, his second 200-yard game, from 1995-99; call 911 or (412) 555-0188"
    >>> [t[a:b] for a, b in never_claims(t)]
    ['1995-99', '20-yard line', '200-yard game', '(412) 555-0188', 'call 911']
    """
    out: list[Span] = []
    runs = [m.span() for m in _DIGIT_RUN.finditer(text)] if digit_runs is None else digit_runs
    # a phone number holds a run of three digits or more then _PHONE_CUE; an emergency number is a
    # run of three digits after a space: without them, the patterns (30-40 ns a character) are not run
    phone = any(b - a >= 3 and _PHONE_CUE.match(text, b - 3) for a, b in runs)
    # the rarer patterns run only where a cheap substring test finds their words
    rare = [rx for rx, words in ((_ADDRESS, _STREET_WORDS), (_INDEX, _INDEX_WORDS)) if any(w in text for w in words)]
    if _COORDINATE_CUE.search(text):  # one scan, not forty substring tests
        rare.append(_COORDINATE)
    if " day " in text and any(w in text for w in _MT_DAY_WORDS):
        rare.append(_MT_DAY)
    if "to " in text and any(w in text for w in ("text ", "Text ", "TEXT ", "txt ", "SMS ", "sms ")):
        rare.append(_SHORT_CODE)
    if "year-olds" in text or "year olds" in text:
        rare.append(_AGE_BAND)
    if "per " in text:
        rare.append(_PER_BASE)
    # a list's item number run into the text: 1-3 digits after ". " (or "! ", "? ") and before ". Capital"
    out.extend((a, b) for a, b in runs if b - a <= 3 and a >= 2 and text[a - 1] == " " and text[a - 2] in ".!?"
               and text.startswith(".", b) and _SPACE_CAPITAL.match(text, b + 1) and _ends_a_sentence(text, a - 2))
    for rx in ((_YEAR_SPAN, _THRESHOLD, _PHONE) if phone else (_YEAR_SPAN, _THRESHOLD)) + tuple(rare):
        out.extend(m.span() for m in rx.finditer(text) if not (m.start() and text[m.start() - 1].isalnum()))
    cued = any(b - a == 3 and a and text[a - 1].isspace() and text[a:b] in _EMERGENCY_NUMBERS for a, b in runs)
    emergency = (_EMERGENCY_LOWER.finditer(lower) if lower is not None and folds_simply(text) else
                 _EMERGENCY.finditer(text)) if cued else ()
    for m in emergency:
        if m.group().lower().startswith("the ") and not _CALL.search(text, max(0, m.start() - 30), m.start()):
            continue
        out.append(m.span())
    return out


def scores(text: str, mask: bytearray) -> list[Mention]:
    """Results, records, runs and scores at one moment: each one figure written "N-M"."""
    out: list[Mention] = []
    sport: bool | None = None
    for m in _SCORE_DIGITS.finditer(text):
        a, b = m.start(), m.end()
        if mask.find(1, a, b) >= 0:
            continue
        unit = _which(text, a, b)
        if not unit:
            if sport is None:
                sport = len(set(w.lower() for w in _SPORT.findall(text))) >= 2
            if not sport or _NOT_SCORE_LEFT.search(text, max(0, a - 12), a):
                continue
            nxt = text[b:b + 12].lstrip()  # a unit is lower case; a name after it is not one ("116-112 X")
            if re.match(r"[a-z]", nxt) and not re.match(r"(?:with|at|in|on|and|as|after|before|when|to|for|rounds?)\b",
                                                         nxt):
                continue  # "10-15 minutes", "3-4 inches": a range with its unit
            unit = "partial"
        value = _DASH.sub("-", m.group())
        out.append(Mention(a, b, value, "score", unit, num_start=a, num_end=b))
        mask[a:b] = b"\x01" * (b - a)
    return out


# a vote's tally: "voted 51-49", "ruled 5-4", "a 10-2 majority verdict", "the bill passed 220-212"
_VOTE_BEFORE = re.compile(r"(?i)\b(?:voted|votes?\s+of|ruled|ruling\s+of|verdict\s+of|split|majority\s+of"
                          r"|(?:bill|motion|measure|resolution|amendment|law|budget)\s+(?:\w+\s+){0,2}?"
                          r"(?:passed|carried|failed|was\s+approved|was\s+rejected))\s+(?:by\s+)?(?:a\s+)?$")
# a judge's card in a fight: "Judges Ana Vell (116-112) and ...", "scored it 115-113", "The cards were ..."
_CARD_BEFORE = re.compile(r"(?i)\b(?:(?:judges?|scorecards?|cards|scored\s+it|scoring\s+it|had\s+it"
                          r"|had\s+(?:him|her)\s+(?:ahead|up)|decision)\b|scores\s*:)[^.]{0,60}$")


def _which(text: str, a: int, b: int) -> str:
    if _CARD_BEFORE.search(text, max(0, a - 60), a):
        return "scorecard"
    if _VOTE_BEFORE.search(text, max(0, a - 50), a):
        return "vote"  # "the Senate voted 51-49", "ruled 5-4", "a majority verdict of 10-2": one tally
    left = text[max(0, a - 40):a]
    if _RUN_AFTER.match(text, b):
        return "run"
    if re.match(r"\s+(?:record|mark)\b", text[b:b + 10]) or (
            (_RECORD_BEFORE.search(left[-30:]) or left.endswith(" to ")) and _RECORD_VERB.search(left[-30:])):
        return "record"
    if _NAME_PAREN.search(left) and (text[b:b + 1] == "," or (text[b:b + 1] == ")" and not _FINAL_BEFORE.search(left))):
        # "beat Keisha Ames (19-2, 8 KOs)", "the Colts (10-5) join": a win-loss record after a name
        # ("beat the Owls (65-53)" is the result)
        return "record"
    if _FINAL_BEFORE.search(left) or _FINAL_AFTER.match(text, b):
        partial = _PARTIAL_AFTER.match(text, b) or re.search(r"(?i)\b(?:led|lead|trailed)\b[^.\d]{0,20}$", left)
        return "partial" if partial else "score"
    if _PARTIAL_AFTER.match(text, b) or (_PARTIAL_BEFORE.search(left[-25:]) and re.search(
            r"(?i)\b(?:led|lead|leading|trailed|trailing|cut|pulled|made)\b", left[-25:])):
        return "partial"
    if _RECORD_BEFORE.search(left[-30:]) and (_RECORD_AFTER.match(text, b) or left.endswith("(")
                                              or _RECORD_VERB.search(left[-30:]) or text[b:b + 1] in (",", ";", "")
                                              or (text[b:b + 1] == "." and not text[b + 1:b + 2].isdigit())):
        return "record"
    if _RECORD_AFTER.match(text, b) and re.match(r"\s+(?:record|mark|overall)", text[b:b + 10]):
        return "record"
    return ""


# what stands between a judge's name and the card: "Ana Vell (116-112)", "Vell: 116-112", "Vell scored it 116-112"
_CARD_GAP = re.compile(r"\s*(?:\(\s*|:\s*|\s+(?:scored|scoring|had)\s+(?:it|the\s+(?:bout|fight))\s+"
                       r"|\s+had\s+(?:him|her)\s+(?:ahead|up)\s+)?")


def card_judge(text: str, names: Sequence[tuple[int, int, str, bool]], start: int) -> str:
    """The judge whose card a scorecard at ``start`` is: the name right before it, else ""."""
    if not names:
        return ""
    _s, e, phrase, _poss = names[-1]
    return phrase if _CARD_GAP.fullmatch(text, e, start) else ""
