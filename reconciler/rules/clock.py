"""Clock checks: a clock time restated in another zone, and the same event's clock time given
differently by two sources.

Pure functions over the clock-time claims (kind ``time``, value "HH:MM", unit the zone:
"local", "GMT", "ET", ...; offsets in ``frame_vocab.ZONE_OFFSETS``):

* ``zone_conversion`` (one article): a time with its conversion right after it, in brackets or
  after "or" ("1:30 p.m. local (0630 GMT)", "at 6:48 p.m. local time, or 12:48 p.m. EDT"). The
  two must be a real zone offset apart: with both zones named, one of their offsets (daylight
  saving time allowed); with a local time, any offset a zone has (whole hours from -12 to +14,
  and the half and three-quarter hours some zones use). A conversion no offset fits (minutes
  that differ, "12:48 p.m. EDT (1848 GMT)") cannot be right: an error (info when a hedge,
  "about 6:50 p.m.", may explain minutes that differ). One that fits a zone but
  puts local time at another offset than the story's other articles do (two or more voices,
  none against) is a warning when they convert the same local reading at the story's offset
  and the article has no conversion at that offset itself; else info (another place's local
  time), and nothing when another source converts that reading alike. A consistent conversion
  is not reported.
* ``clock_mismatch`` (across sources): the times of one event, as the aligner groups them
  (linked through each article's own conversions), compared once read in GMT (a local time
  through the story's local offset, when the articles' conversions give it). A time against
  more independent voices is a warning when the aligner put it in a group with a time it
  contradicts, the words around the two name one event (two content words shared, or the same
  wording: the aligner groups the few times of a story whatever they time) and neither is
  hedged ("about 4:30 a.m."); else info. A time the aligner left
  alone is another event's ("the first aftershock at 2:40 a.m.") unless it prints the digits of
  the story's time under another zone ("18:48 GMT" where local time is 6:48 p.m. = 1648 GMT): a
  zone slip, loud when its words name the event of the story's time and two or more voices give
  that time's reading, else info ("possibly a zone slip").

Datelines and stamps (``frame.measure == "dateline"``) are left out.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from reconciler.extract import frame_vocab as F
from reconciler.extract import vocab as V
from reconciler.models import Claim, Finding, Group, Severity
from reconciler.rules.config import RuleConfig
from reconciler.rules.sure import same_wording
from reconciler.rules.util import finding_id, quote, sources_of

__all__ = ["check_clock", "conversion_findings", "fits", "local_offsets", "mismatch_findings",
           "pair_conversions", "story_local"]

DAY = 1440
# a conversion right after its time: "6:48 p.m. local time (1648 GMT)", ", or 12:48 p.m. EDT"
# what stands between a time and its conversion: a bracket ("18:48 local time (16:48 GMT)"), perhaps after
# the day ("02:05 local time on Saturday, May 3, 2025 (23:05 GMT on Friday)"), "or", a slash, "i.e."
_CONVERT_GAP = re.compile(r"(?i)^(?:(?:\s+on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                          r"(?:,?\s+(?:[a-z]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[a-z]{3,9})(?:,?\s+(?:19|20)\d\d)?)?)?"
                          r"\s*\(\s*|,?\s+or\s+|\s*/\s*|,?\s*(?:i\.e\.|that\s+is),?\s+)$")
_HEDGE = re.compile(r"(?i)\b(?:about|around|approximately|roughly|shortly|just|some|nearly|almost|after|before|"
                    r"by|until|till|between|from)\s+(?:at\s+)?$")
LOCAL_MINUTES = frozenset(round(h * 60) for h in F.LOCAL_OFFSETS)


def minutes(c: Claim) -> int:
    h, m = str(c.value).split(":")
    return int(h) * 60 + int(m)


def _offsets(zone: str) -> tuple[int, ...] | None:
    """Minutes ahead of GMT the zone may be; None for a local time (or a zone not in the table)."""
    hours = F.ZONE_OFFSETS.get(zone)
    return None if hours is None else tuple(round(h * 60) for h in hours)


def _signed(d: int) -> int:
    """A difference of clock readings as minutes in [-12 h, +12 h)."""
    return (d + DAY // 2) % DAY - DAY // 2


def _say_offset(m: int) -> str:
    sign = "+" if m >= 0 else "-"
    h, mm = divmod(abs(m), 60)
    return f"GMT{sign}{h}" + (f":{mm:02d}" if mm else "")


def _say_gap(d: int) -> str:
    h, mm = divmod(abs(d), 60)
    parts = ([f"{h} h"] if h else []) + ([f"{mm} min"] if mm else [])
    return " ".join(parts) or "0 min"


def local_offsets(local: Claim, named: Claim) -> set[int]:
    """The offsets (minutes ahead of GMT) a local time and its conversion put local time at."""
    offs = _offsets(named.unit) or ()
    d = minutes(local) - minutes(named)
    out = set()
    for o in offs:
        for k in (-1, 0, 1):
            cand = o + d + k * DAY
            if cand in LOCAL_MINUTES:
                out.add(cand)
    return out


def fits(a: Claim, b: Claim) -> bool:
    """May the two clock times be one moment in their two zones?"""
    oa, ob = _offsets(a.unit), _offsets(b.unit)
    if oa is not None and ob is not None:
        return any((minutes(a) - minutes(b) - (x - y)) % DAY == 0 for x in oa for y in ob)
    if oa is None and ob is not None:
        return bool(local_offsets(a, b))
    if ob is None and oa is not None:
        return bool(local_offsets(b, a))
    return minutes(a) == minutes(b)


def _times(claims: Sequence[Claim]) -> list[Claim]:
    return sorted((c for c in claims if c.kind == "time" and c.frame.measure != "dateline"), key=lambda c: c.start)


def pair_conversions(claims: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """(time, its conversion) pairs of one article, in two zones."""
    out = []
    for a, b in itertools.pairwise(_times(claims)):
        if a.sentence_start != b.sentence_start or a.end > b.start or a.unit == b.unit:
            continue
        gap = a.sentence[a.end - a.sentence_start:b.start - a.sentence_start]
        if _CONVERT_GAP.match(gap):
            out.append((a, b))
    return out


def _local_pair(a: Claim, b: Claim) -> tuple[Claim, Claim] | None:
    """(local, named) when one of the two is a local time and the other's zone is known."""
    if _offsets(a.unit) is None and _offsets(b.unit) is not None:
        return a, b
    if _offsets(b.unit) is None and _offsets(a.unit) is not None:
        return b, a
    return None


def story_local(pairs: Sequence[tuple[Claim, Claim]], voice: Mapping[str, str],
                skip: str = "") -> tuple[int, int] | None:
    """(offset, voices) of local time that the articles' conversions agree on (each independent
    voice once, ``skip`` left out), or None when none or two offsets tie."""
    votes: dict[int, set[str]] = defaultdict(set)
    for a, b in pairs:
        lp = _local_pair(a, b)
        if lp is None or voice.get(a.source, a.source) == skip:
            continue
        for o in local_offsets(*lp):
            votes[o].add(voice.get(a.source, a.source))
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None
    return ranked[0][0], len(ranked[0][1])


def conversion_findings(by_source: Mapping[str, Sequence[Claim]], config: RuleConfig,
                        voice: Mapping[str, str] | None = None) -> list[Finding]:
    """``zone_conversion``: see the module's docstring."""
    if not config.enabled("zone_conversion"):
        return []
    voice = voice or {}
    sev: Severity = config.severity("zone_conversion")
    pairs = {sid: pair_conversions(by_source[sid]) for sid in sorted(by_source)}
    every = [p for ps in pairs.values() for p in ps]
    out: list[Finding] = []
    for sid, ps in pairs.items():
        for a, b in ps:
            text = a.sentence[a.start - a.sentence_start:b.end - a.sentence_start]
            gap = _say_gap(abs(_signed(minutes(a) - minutes(b))))
            if not fits(a, b):
                # "about 6:50 p.m. local time (1648 GMT)": the hedge may explain minutes that differ
                hedged = _hedged(a) and bool((minutes(a) - minutes(b)) % 15)
                out.append(Finding(
                    id=finding_id("zone_conversion", [a.id, b.id]), rule="zone_conversion",
                    severity="info" if hedged else sev,
                    claims=(a.id, b.id),
                    message=f"{quote(a)} is restated as {quote(b)}, but no time zone is {gap} from {b.unit}"
                    if a.unit == "local" or b.unit == "local" else
                    f"{quote(a)} is restated as {quote(b)}, but {a.unit} and {b.unit} are not {gap} apart",
                    explanation=f"The article gives the two as one moment ({text!r}). "
                    + _why_not(a, b) + " One of the two clock times is mistyped.",
                ))
                continue
            lp = _local_pair(a, b)
            known = story_local(every, voice, skip=voice.get(sid, sid)) if lp else None
            if lp is None or known is None or known[1] < 2:
                continue
            mine = local_offsets(*lp)
            if known[0] in mine:
                continue
            local = lp[0]
            # the other articles' conversions of this moment (the same local reading)
            moment = [(p, lp2) for p in every if voice.get(p[0].source, p[0].source) != voice.get(sid, sid)
                      and (lp2 := _local_pair(*p)) is not None and minutes(lp2[0]) == minutes(local)]
            if any(local_offsets(*lp2) & mine for _, lp2 in moment):
                continue  # another source converts this moment alike: another place's local time
            same = [p for p, lp2 in moment if known[0] in local_offsets(*lp2)]
            # loud when they convert it at the story's offset, and this article has no conversion at
            # that offset (then it tells two places)
            own = any(known[0] in local_offsets(*lq) for q in ps if (lq := _local_pair(*q)) is not None)
            loud = bool(same) and not own
            out.append(Finding(
                id=finding_id("zone_conversion", [a.id, b.id]), rule="zone_conversion",
                severity=("warning" if sev == "error" else sev) if loud else "info",
                claims=(a.id, b.id),  # the others are named, not listed: the report marks every claim listed
                message=("" if loud else "possibly another place's local time: ")
                + f"{quote(a)} is restated as {quote(b)}: that puts local time at "
                f"{' or '.join(_say_offset(o) for o in sorted(mine))}; {known[1]} other sources put it at "
                f"{_say_offset(known[0])}",
                explanation=f"The article gives the two as one moment ({text!r}). The other articles' "
                f"conversions{' (' + ', '.join(sources_of([p[0] for p in same])) + ')' if same else ''} put local "
                f"time at {_say_offset(known[0])}, where {quote(local)} is {_clock(minutes(local) - known[0])} GMT."
                + ("" if loud else " They do not time this moment, so its place may be another."),
            ))
    return out


def _clock(m: int) -> str:
    m %= DAY
    return f"{m // 60:02d}:{m % 60:02d}"


def _why_not(a: Claim, b: Claim) -> str:
    if (minutes(a) - minutes(b)) % 15:
        return f"Time zones differ by whole, half or quarter hours; these readings differ in their minutes " \
               f"({_clock(minutes(a))} vs {_clock(minutes(b))})."
    oa, ob = _offsets(a.unit), _offsets(b.unit)
    if oa is not None and ob is not None:
        offs = sorted({_signed(x - y) for x in oa for y in ob})
        return f"{a.unit} is {' or '.join(_say_gap(o) + (' ahead of' if o >= 0 else ' behind') for o in offs)} " \
               f"{b.unit}, so {quote(a)} is " + " or ".join(_clock(minutes(a) - o) for o in offs) + f" {b.unit}."
    return "No zone has that offset."


def _utc(c: Claim, local: int | None) -> frozenset[int] | None:
    """The GMT readings (minutes of the day) a time may stand for; None if its zone is unknown."""
    offs = _offsets(c.unit)
    if offs is None:
        return None if local is None else frozenset({(minutes(c) - local) % DAY})
    return frozenset((minutes(c) - o) % DAY for o in offs)


def _hedged(c: Claim) -> bool:
    before = c.sentence[:c.start - c.sentence_start][-24:]
    return bool(_HEDGE.search(before))


class _Links:
    """Union-find over claim ids: the times of one moment."""

    def __init__(self) -> None:
        self.up: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.up.setdefault(x, x)
        while self.up[x] != x:
            self.up[x] = self.up[self.up[x]]
            x = self.up[x]
        return x

    def join(self, a: str, b: str) -> None:
        self.up[self.find(a)] = self.find(b)


def mismatch_findings(by_source: Mapping[str, Sequence[Claim]], groups: Sequence[Group], config: RuleConfig,
                      voice: Mapping[str, str] | None = None) -> list[Finding]:
    """``clock_mismatch``: see the module's docstring."""
    if not config.enabled("clock_mismatch"):
        return []
    voice = voice or {}
    sev: Severity = config.severity("clock_mismatch")
    times = {c.id: c for sid in sorted(by_source) for c in _times(by_source[sid])}
    every = [p for sid in sorted(by_source) for p in pair_conversions(by_source[sid])]
    pairs = [p for p in every if fits(*p)]
    told = {c.id for p in every if not fits(*p) for c in p}  # zone_conversion names them already
    known = story_local(pairs, voice)
    local = known[0] if known else None
    links = _Links()
    group_of: dict[str, str] = {}
    for g in groups:
        ids = [cid for cid in g.claims if cid in times]
        for cid in ids:
            group_of[cid] = g.id
            links.join(cid, ids[0])
    partner: dict[str, Claim] = {}
    for a, b in pairs:
        links.join(a.id, b.id)
        partner[a.id], partner[b.id] = b, a
    moments: dict[str, list[Claim]] = defaultdict(list)
    for cid, c in times.items():
        if cid not in told:
            moments[links.find(cid)].append(c)
    out: list[Finding] = []
    main: list[Claim] = []
    for members in moments.values():
        if len({voice.get(c.source, c.source) for c in members}) < 2:
            continue
        if len(members) > len(main):
            main = members
        out += _moment(members, local, group_of, partner, voice, sev)
    out += _slips({k: v for k, v in times.items() if k not in told}, moments, main, local, voice, links, partner, sev)
    return out


def _voices(cs: Sequence[Claim], voice: Mapping[str, str]) -> int:
    return len({voice.get(c.source, c.source) for c in cs})


def _moment(members: Sequence[Claim], local: int | None, group_of: Mapping[str, str],
            partner: Mapping[str, Claim], voice: Mapping[str, str], sev: Severity) -> list[Finding]:
    """The times of one moment that disagree with the reading more independent voices give."""
    read = {c.id: _utc(c, local) for c in members}
    zone = "GMT"
    pool = [c for c in members if read[c.id] is not None]
    if len(pool) < 2:  # local times only, the story's offset unknown: compare local readings
        pool = [c for c in members if c.unit == "local"]
        read = {c.id: frozenset({minutes(c)}) for c in pool}
        zone = "local"
    backers: dict[int, list[Claim]] = defaultdict(list)
    for c in pool:
        for r in read[c.id] or ():
            backers[r].append(c)
    if not backers:
        return []
    ranked = sorted(backers.items(), key=lambda kv: (-_voices(kv[1], voice), kv[0]))
    top, agree = ranked[0]
    if len(ranked) > 1 and _voices(ranked[1][1], voice) == _voices(agree, voice) \
            and not set(ranked[1][1]) <= set(agree):
        return []  # no reading has more voices
    out = []
    odd = [c for c in pool if top not in (read[c.id] or ())]
    by_reading: dict[frozenset[int], list[Claim]] = defaultdict(list)
    for c in odd:
        by_reading[read[c.id] or frozenset()].append(c)
    for reading, cs in sorted(by_reading.items(), key=lambda kv: sorted(kv[0])):
        others = [c for c in agree if voice.get(c.source, c.source) not in {voice.get(o.source, o.source) for o in cs}]
        if _voices(others, voice) <= _voices(cs, voice):
            continue
        lead = next((c for c in others if c.unit == cs[0].unit), others[0])
        together = any(group_of.get(o.id) and group_of.get(o.id) == group_of.get(c.id)
                       and _one_event(o, c, partner) for o in cs for c in others)
        loud = together and not any(_hedged(c) for c in [*cs, lead])
        gap = _signed(min(reading) - top)
        slip = _same_digits(cs[0], members)
        out.append(Finding(
            id=finding_id("clock_mismatch", [c.id for c in cs]), rule="clock_mismatch",
            severity=sev if loud else "info", claims=tuple(c.id for c in cs) + tuple(c.id for c in others),
            message=("" if loud else "possibly another moment: ") + f"{quote(cs[0])} vs {quote(lead)}: "
            f"the same event's time given {_say_gap(gap)} {'later' if gap > 0 else 'earlier'}",
            explanation=f"{', '.join(sources_of(cs))} give {_clock(min(reading))} {zone}; "
            f"{', '.join(sources_of(others))} give {_clock(top)} {zone}"
            + (f" (local time read at {_say_offset(local)}, from the articles' own conversions)"
               if local is not None and zone == "GMT" and any(c.unit == "local" for c in members) else "")
            + "." + (f" {quote(cs[0])} has the digits of {quote(slip)}: likely a time in one zone labelled "
                     "with another." if slip else ""),
            group=group_of.get(cs[0].id),
        ))
    return out


# where the clause that says what happened at a time begins or ends
_CLAUSE_BREAK = re.compile(r"(?i)[;:()\u2014]|\b(?:and|but|while|as|when|after|before|then|until|which|who)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
EVENT_WORDS_MIN = 2


def _clause_words(c: Claim) -> set[str]:
    """The content words of the clause that says what happened at the time: the words before it
    back to a clause break ("The ferry sank off the cape at"), else those after it ("At 6:48 p.m.,
    five carriages left the rails")."""
    at, end = c.start - c.sentence_start, c.end - c.sentence_start
    before = c.sentence[:at]
    cut = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    left = before[cut[-1]:] if cut else before
    words = {w.lower() for w in _WORD.findall(left)}
    if not words - V.STOPWORDS - F.CLOCK_WORDS:
        after = c.sentence[end:]
        stop = _CLAUSE_BREAK.search(after)
        words = {w.lower() for w in _WORD.findall(after[:stop.start()] if stop else after)}
    return {w for w in words if w not in V.STOPWORDS and w not in F.CLOCK_WORDS and not _zone_word(w)}


def _zone_word(w: str) -> bool:
    return w in F.TIME_ZONES


def _event_words(c: Claim, partner: Mapping[str, Claim]) -> set[str]:
    """The clause words of a time, or of the time it converts ("(1648 GMT)" has none of its own)."""
    own = _clause_words(c)
    return own | _clause_words(partner[c.id]) if c.id in partner else own


def _one_event(a: Claim, b: Claim, partner: Mapping[str, Claim]) -> bool:
    """Do the words of two times say one event ("the ferry sank at" / "the ferry sank off the cape
    at")? All of a one-word clause ("The crash, at"), else two words shared. Loud only then: the
    aligner groups the few times of a story whatever they time ("the quake struck the coast at"
    and "a strong aftershock hit the coast at" share one word). Never with different instance
    words ("the first plane", "the second plane")."""
    wa, wb = _event_words(a, partner), _event_words(b, partner)
    if (wa & F.INSTANCE_WORDS) != (wb & F.INSTANCE_WORDS):
        return False  # "the first plane hit at" and "the second plane hit at": two events
    need = min(EVENT_WORDS_MIN, len(wa), len(wb))
    return same_wording(a, b) or (need > 0 and len(wa & wb) >= need)


def _same_digits(c: Claim, members: Sequence[Claim]) -> Claim | None:
    """A time of the moment in another zone that reads exactly as ``c`` (a zone slip)."""
    return next((m for m in members if m.unit != c.unit and minutes(m) == minutes(c) and m.source != c.source), None)


def _slips(times: Mapping[str, Claim], moments: Mapping[str, Sequence[Claim]], main: Sequence[Claim],
           local: int | None, voice: Mapping[str, str], links: _Links, partner: Mapping[str, Claim],
           sev: Severity) -> list[Finding]:
    """A time left alone by the aligner that prints the digits of the story's main moment under a
    zone whose reading differs ("18:48 GMT" where the others give 6:48 p.m. local = 1648 GMT): a
    zone slip (this severity) when its words name the moment's event and two or more voices give
    the moment's reading; else info, "possibly a zone slip"."""
    if not main:
        return []
    main_ids = {c.id for c in main}
    backers: dict[int, list[Claim]] = defaultdict(list)
    for m in main:
        for r in _utc(m, local) or ():
            backers[r].append(m)
    if not backers:
        return []
    top, agree = min(backers.items(), key=lambda kv: (-_voices(kv[1], voice), kv[0]))
    out = []
    for cid, c in times.items():
        if cid in main_ids or _voices(moments[links.find(cid)], voice) > 1:
            continue
        mine = _utc(c, local)
        others = [m for m in main if voice.get(m.source, m.source) != voice.get(c.source, c.source)]
        same = _same_digits(c, others)
        if same is None or mine is None or top in mine:
            continue
        backing = [m for m in agree if m in others]
        loud = _voices(backing, voice) >= 2 and not _hedged(c) and any(_one_event(c, m, partner) for m in others)
        out.append(Finding(
            id=finding_id("clock_mismatch", [c.id]), rule="clock_mismatch", severity=sev if loud else "info",
            claims=(c.id, same.id, *tuple(m.id for m in backing if m.id != same.id)),
            message=("likely a zone slip: " if loud else "possibly a zone slip: ")
            + f"{quote(c)} reads as {quote(same)}, which other sources give as {_clock(top)} GMT",
            explanation=f"{', '.join(sources_of([c]))} print {quote(c)}; the story's time "
            f"{quote(same)} is {_clock(top)} GMT in {', '.join(sources_of(backing))}. "
            + ("The words around both name one event: the time looks like the local one labelled with another zone."
               if loud else "The aligner did not put them in one event, so this may be another moment."),
        ))
    return out


def check_clock(by_source: Mapping[str, Sequence[Claim]], groups: Sequence[Group], config: RuleConfig,
                voice: Mapping[str, str] | None = None) -> list[Finding]:
    """Both clock checks over one story."""
    return conversion_findings(by_source, config, voice) + mismatch_findings(by_source, groups, config, voice)
