"""The extraction's shortcuts (a cue looked for before a costly pattern, a pattern searched only
where its matches can stand) find what the full search finds, as named tables of invented text:
each shortcut is compared with the plain search it replaces."""

from __future__ import annotations

import re

import pytest

from reconciler.extract import frame as FR
from reconciler.extract import grammar as G
from reconciler.extract import patterns as P
from reconciler.extract.names import _word_before
from reconciler.extract.spans import _in_words

# (pattern, the words its matches end with, window): the shortcut may say yes where the pattern
# finds nothing, never the other way round
ENDS = [
    pytest.param(P._CURRENCY_PREFIX, P._CURRENCY_ENDS, "the bill came to US$", id="currency-symbol"),
    pytest.param(P._CURRENCY_PREFIX, P._CURRENCY_ENDS, "a fee of Rs. ", id="currency-code-dot"),
    pytest.param(P._CURRENCY_PREFIX, P._CURRENCY_ENDS, "priced at EUR ", id="currency-code-upper"),
    pytest.param(P._CURRENCY_PREFIX, P._CURRENCY_ENDS, "paid in zł", id="currency-not-ascii"),
    pytest.param(P._HEDGE_LEFT, P._HEDGE_ENDS, "it carried Up To ", id="hedge-upper"),
    pytest.param(P._HEDGE_LEFT, P._HEDGE_ENDS, "a crowd of about * * ", id="hedge-markdown"),
    pytest.param(P._HEDGE_LEFT, P._HEDGE_ENDS, "weighing approx. ", id="hedge-dot"),
    pytest.param(P._HEDGE_LEFT, P._HEDGE_ENDS, "there were ſome ", id="hedge-long-s"),
    pytest.param(P._NAMED_NUMBER_BEFORE, P._NAMED_NUMBER_ENDS, "he wore the number : ", id="named-number-colon"),
    pytest.param(P._NAMED_NUMBER_BEFORE, P._NAMED_NUMBER_ENDS, "in its phase\n", id="named-phase-newline"),
    pytest.param(G._PART_LEFT, G._PART_ENDS, "the crew, among Them ", id="part-upper"),
    pytest.param(FR._ANY_CASE.revision_new, FR._REVISION_NEW_ENDS, "the toll rose to at least ", id="revision-new"),
    pytest.param(FR._ANY_CASE.part_left, FR._PART_ENDS, "five people, incl. ", id="part-incl"),
]


@pytest.mark.parametrize(("rx", "ends", "window"), ENDS)
def test_a_window_the_pattern_matches_passes_the_cue(rx: re.Pattern[str], ends: tuple[str, ...],
                                                     window: str) -> None:
    assert rx.search(window), "the case is meant to match"
    assert P.may_end_with(window, ends)


NO_END = [
    pytest.param(P._HEDGE_LEFT, P._HEDGE_ENDS, "the company said on Tuesday it sold ", id="hedge"),
    pytest.param(P._CURRENCY_PREFIX, P._CURRENCY_ENDS, "the plant employs ", id="currency"),
]


@pytest.mark.parametrize(("rx", "ends", "window"), NO_END)
def test_a_window_without_the_words_is_skipped(rx: re.Pattern[str], ends: tuple[str, ...], window: str) -> None:
    assert not rx.search(window)
    assert not P.may_end_with(window, ends)


# words that hold a hint: the pattern searched in them alone finds every match of the whole text
IN_WORDS = [
    pytest.param(P._URL_DOMAIN, P._URL_DOMAIN_HINT, "See example.com/report and x.org/ or (news.example.com/a/b).",
                 id="urls"),
    pytest.param(P._URL_DOMAIN, P._URL_DOMAIN_HINT, "A/b.com/c d/.com/e", id="url-after-slashes"),
    pytest.param(P._EMAIL, re.compile("@"), "Write to desk@example.org, or a@b@c.io today.", id="emails"),
    pytest.param(P._INVISIBLE_TOKEN, P.INVISIBLE, "The 12\u200b000 figure and \u200bhidden words.", id="invisible"),
]


@pytest.mark.parametrize(("rx", "hint", "text"), IN_WORDS)
def test_a_pattern_searched_in_the_words_holding_a_hint_finds_the_same(rx: re.Pattern[str], hint: re.Pattern[str],
                                                                        text: str) -> None:
    expected = [m.span() for m in rx.finditer(text)]
    assert expected, "the case is meant to match"
    assert [m.span() for m in _in_words(rx, text, (h.start() for h in hint.finditer(text)))] == expected


WORD_BEFORE = [
    pytest.param("the Zeta-4 32", id="code"),
    pytest.param("model 9x.b 12", id="digit-led-run"),
    pytest.param("(*Cup 2024", id="after-markup"),
    pytest.param("over.\n 12", id="newline"),
    pytest.param("Zelda's 140", id="possessive"),
    pytest.param("a 12", id="one-letter"),
    pytest.param("x" * 50 + " 7", id="longer-than-the-reach"),
    pytest.param("3 5", id="no-letter"),
]


@pytest.mark.parametrize("text", WORD_BEFORE)
def test_the_word_before_a_number_is_the_one_the_pattern_finds(text: str) -> None:
    start = len(text) - len(text.split()[-1])
    m = P._LEFT_WORD.search(text, max(0, start - 40), start - 1) if text[start - 1] in " \u00a0" else None
    expected = m if m and m.end() == start - 1 else None
    got = _word_before(text, start)
    assert (got and (got.span(), got.group(1))) == (expected and (expected.span(), expected.group(1)))
