"""Pass 1 of a scan: spans that are never claims (times of day, URLs, identifiers, list
markers, masked boilerplate), scores, and dates."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reconciler.extract import vocab as V
from reconciler.extract.mention import Mention, Span
from reconciler.extract.patterns import (
    _BYLINE_MINUTES,
    _COUNTER_WORDS,
    _COUNTERS,
    _COUNTERS_LOWER,
    _DATE_DM,
    _DATE_ISO,
    _DATE_MD,
    _DATE_MY,
    _DATE_US,
    _EMAIL,
    _IDENT,
    _IDENT_CODES,
    _INVISIBLE_TOKEN,
    _LIST_MARKER,
    _MARKERS,
    _TIME,
    _URL_DOMAIN,
    _URL_DOMAIN_HINT,
    _URL_SCHEME,
    _WEEKDAY,
    INVISIBLE,
)

# ---------------------------------------------------------------------------------------
# pass 1: masks and dates


_DIGIT_RUN = re.compile(r"\d+")
_YEAR = re.compile(r"(?:1[6-9]|20|21)\d\d")  # with fullmatch: a bare year


@dataclass(frozen=True)
class _DigitRuns:
    """Where runs of digits stand, found once per text: the digit-led patterns are tried only at
    runs that start a word, and only at runs of a length the pattern can begin with."""

    spans: list[Span]  # every run of digits
    starts: list[int]  # runs that start a word (no letter or "_" glued before them)
    short: list[int]  # of those, runs of one or two digits ("9:30", "5/12/2024", "12th of May")
    four: list[int]  # of those, runs of four digits ("2024-05-12", "1400 GMT")
    before_colon: list[int]  # of those, runs followed by ":" ("1:23-cv-456")


def _glued_currency(text: str, a: int) -> bool:
    """A currency word glued before the digits ("euro345", "Dh472bn"): the run still starts a figure."""
    for w in V.GLUED_CURRENCY_WORDS:
        s = a - len(w)
        if s >= 0 and text.startswith(w, s) and not (s and text[s - 1].isalpha()):
            return True
    return False


def _digit_runs(text: str) -> _DigitRuns:
    spans = [m.span() for m in _DIGIT_RUN.finditer(text)]
    word = [(a, b) for a, b in spans
            if not (a and (text[a - 1].isalpha() or text[a - 1] == "_")) or _glued_currency(text, a)]
    return _DigitRuns(spans, [a for a, _b in word], [a for a, b in word if b - a <= 2],
                      [a for a, b in word if b - a == 4], [a for a, b in word if text[b:b + 1] == ":"])


def _at_digits(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """Matches of a digit-led pattern, tried only at the given starts of digit runs."""
    for i in starts:
        m = rx.match(text, i)
        if m:
            yield m


def _mask_spans(text: str, skip: tuple[Span, ...], runs: _DigitRuns | None = None,
                lower: str | None = None) -> list[Span]:
    """Spans that are never claims. Each pattern runs only if a cheap test says it can match."""
    spans: list[Span] = list(skip)
    runs = _digit_runs(text) if runs is None else runs
    lower = lower_same_length(text) if lower is None else lower
    # each pattern only where it can start: case codes at digits before ":", times at runs of
    # 1, 2 or 4 digits, phone numbers at a "0"
    phone_starts = [i for i in runs.starts if text[i] == "0"]
    for rx, starts in ((_IDENT_CODES, runs.before_colon), (_TIME, sorted(runs.short + runs.four)),
                       (_COUNTERS[0], runs.starts), (_COUNTERS[1], phone_starts), (_BYLINE_MINUTES, runs.short)):
        spans.extend((m.start(), m.end()) for m in _at_digits(rx, text, starts)
                     if not (rx is _COUNTERS[1] and m.start() and text[m.start() - 1] in ",."))  # 7,000.00
    rxs = [_IDENT, _MARKERS, _LIST_MARKER, _COUNTERS[2]]
    if "://" in text or "www." in text:
        rxs.append(_URL_SCHEME)
    for rx in rxs:
        spans.extend((m.start(), m.end()) for m in _at_word_start(rx, text))
    # URLs, e-mail addresses and words with invisible characters: only in the words that hold the
    # character or hint every match holds (from each character of a long word, these patterns read
    # the rest of it: _URL_DOMAIN took 540 ns a character on the seeds)
    for rx, hits in ((_URL_DOMAIN, (m.start() for m in _URL_DOMAIN_HINT.finditer(text))),
                     (_EMAIL, _offsets(text, "@")), (_INVISIBLE_TOKEN, (m.start() for m in INVISIBLE.finditer(text)))):
        spans.extend((m.start(), m.end()) for m in _at_word_start(rx, text, _in_words(rx, text, hits)))
    for rx in _COUNTERS_LOWER:
        if rx is _COUNTERS_LOWER[0] and not any(w in lower for w in _COUNTER_WORDS):
            continue
        spans.extend((m.start(), m.end()) for m in _at_word_start(rx, lower))
    return spans


def lower_same_length(text: str) -> str:
    """Lower-cased text with the same offsets (a rare character whose lower case is longer stays)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _covered(mask: bytearray, a: int, b: int) -> bool:
    return mask.find(1, a, b) >= 0


def _set(mask: bytearray, a: int, b: int) -> None:
    mask[a:b] = b"\x01" * (b - a)


def _month_num(name: str) -> int:
    low = name.lower().rstrip(".")
    return V.MONTHS.get(low) or V.MONTHS[low[:3]]


def _at_word_start(rx: re.Pattern[str], text: str,
                   matches: Iterable[re.Match[str]] | None = None) -> Iterator[re.Match[str]]:
    """Matches that start a word (of ``matches``, rx.finditer(text) by default). Patterns here
    carry no leading \\b: with one, the regex engine cannot skip ahead to the pattern's first
    characters and the scan is several times slower."""
    for m in rx.finditer(text) if matches is None else matches:
        i = m.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            yield m


def _in_words(rx: re.Pattern[str], text: str, hits: Iterable[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern whose matches hold no space and one of ``hits`` (offsets
    of non-space characters, in order): the same matches, searched only in the words holding a hit."""
    end = -1
    for h in hits:
        if h < end:
            continue  # in the word searched last
        a = h
        while a > 0 and not text[a - 1].isspace():  # str.isspace is the pattern's \s
            a -= 1
        end = h
        while end < len(text) and not text[end].isspace():
            end += 1
        yield from rx.finditer(text, a, end)


def _offsets(text: str, needle: str) -> Iterator[int]:
    """Every offset where ``needle`` starts in ``text``, in order."""
    i = text.find(needle)
    while i >= 0:
        yield i
        i = text.find(needle, i + 1)


def _dates(text: str, mask: bytearray, runs: _DigitRuns | None = None) -> list[Mention]:
    out: list[Mention] = []
    runs = _digit_runs(text) if runs is None else runs
    # ISO dates start with four digits, US dates and "12 May" with one or two
    for rx, starts in ((_DATE_ISO, runs.four), (_DATE_US, runs.short), (_DATE_MD, None), (_DATE_DM, runs.short)):
        found = _at_word_start(rx, text) if starts is None else _at_digits(rx, text, starts)
        for m in found:
            if _covered(mask, m.start(), m.end()):
                continue
            month_s = m.group("month")
            month = int(month_s) if month_s.isdigit() else _month_num(month_s)
            day = int(m.group("day"))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            year = m.group("year")
            value = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
            out.append(Mention(m.start(), m.end(), value, "date", "date", num_start=m.start(), num_end=m.end()))
            _set(mask, m.start(), m.end())
    for m in _at_word_start(_DATE_MY, text):
        if _covered(mask, m.start(), m.end()):
            continue
        month = _month_num(m.group("month"))
        out.append(Mention(m.start(), m.end(), f"{m.group('year')}-{month:02d}", "date", "month",
                           num_start=m.start(), num_end=m.end()))
        _set(mask, m.start(), m.end())
    for m in _at_word_start(_WEEKDAY, text):
        if _covered(mask, m.start(), m.end()):
            continue
        out.append(Mention(m.start(), m.end(), m.group(), "date", "weekday", num_start=m.start(), num_end=m.end()))
        _set(mask, m.start(), m.end())
    return out


