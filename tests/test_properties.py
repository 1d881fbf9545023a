"""Property-based tests (Hypothesis): one amount in many styles reads back as the same value;
random text, random bytes and random markup never make the reader or the extractor raise.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reconciler.extract import extract_claims, extract_text
from reconciler.pipeline import NoArticles, reconcile
from reconciler.read.decode import decode_bytes
from reconciler.read.html import extract_html, strip_tags
from reconciler.read.listing import UnreadableSource
from reconciler.read.source import read_source
from reconciler.read.verbatim import file_span, verbatim_runs

# no example database (nothing left in the project folder); in CI the same examples every
# run, so a red build always reproduces; elsewhere new ones each run
_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
FAST = settings(max_examples=150, deadline=None, database=None, derandomize=_CI,
                suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, database=None, derandomize=_CI,
                suppress_health_check=[HealthCheck.too_slow])

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
SUFFIXES = {"thousand": ("K", "k"), "million": ("M", "mn", "m"), "billion": ("bn", "B")}
TEMPLATES = ("The project cost {} in total.", "Officials said {} had been spent by March.")


def mantissa_text(cents: int) -> str:
    """1.5, 12.75, 3 (two decimals at most, no trailing zeros)."""
    whole, frac = divmod(cents, 100)
    return f"{whole}" if not frac else f"{whole}.{frac:02d}".rstrip("0")


@st.composite
def amounts(draw: st.DrawFn) -> tuple[float, str, str]:
    """(value in dollars, the mantissa as written, the scale word)."""
    scale = draw(st.sampled_from(sorted(SCALES)))
    cents = draw(st.integers(min_value=100, max_value=99_999))  # 1.00 to 999.99
    return round(cents * SCALES[scale] / 100), mantissa_text(cents), scale


def styles(value: float, m: str, scale: str) -> list[str]:
    v = int(value)
    out = [
        f"${v:,}", f"US${v:,}", f"USD {v:,}", f"{v:,} USD", f"{v:,} US dollars", f"{v:,} dollars",
        f"${m} {scale}", f"US$ {m} {scale}", f"USD {m} {scale}", f"{m} {scale} dollars", f"{m} {scale} US dollars",
        f"{m} {scale} USD",
    ]
    out += [f"${m}{suffix}" for suffix in SUFFIXES[scale]]
    if scale == "billion":
        out.append(f"{m}bn dollars")
    if not 1600 <= v <= 2199:  # "$1999" is misread as a year: see test_styles_the_grammar_misreads
        out.append(f"${v}")
    return out


def money(text: str) -> list[tuple[str, float, str]]:
    return [(c.text, float(c.value), c.unit) for c in extract_text(text)
            if c.kind == "money" and isinstance(c.value, float)]


@FAST
@given(amount=amounts(), template=st.sampled_from(TEMPLATES), pick=st.integers(min_value=0, max_value=99))
@example(amount=(1_500_000.0, "1.5", "million"), template=TEMPLATES[0], pick=0)
def test_one_amount_in_many_styles(amount: tuple[float, str, str], template: str, pick: int) -> None:
    value, m, scale = amount
    options = styles(value, m, scale)
    written = options[pick % len(options)]
    found = money(template.format(written))
    assert len(found) == 1, (written, found)
    text, got, unit = found[0]
    assert text.strip() == written
    assert unit == "USD"
    assert math.isclose(got, value, rel_tol=1e-9), (written, got, value)


@FAST
@given(amount=amounts())
def test_every_style_of_one_amount_agrees(amount: tuple[float, str, str]) -> None:
    value, m, scale = amount
    values = {round(money(TEMPLATES[0].format(w))[0][1]) for w in styles(value, m, scale)}
    assert values == {round(value)}


UNITS = ["", *("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
               "sixteen seventeen eighteen nineteen").split(" ")]
TENS = "  twenty thirty forty fifty sixty seventy eighty ninety".split(" ")


def words(n: int) -> str:
    """English words for 2..999 ("one hundred and twenty-three")."""
    hundreds, rest = divmod(n, 100)
    parts = [f"{UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, unit = divmod(rest, 10)
        small = UNITS[rest] if rest < 20 else TENS[tens] + (f"-{UNITS[unit]}" if unit else "")
        parts.append(("and " if hundreds else "") + small)
    return " ".join(parts)


@FAST
@given(n=st.integers(min_value=2, max_value=999), thousands=st.booleans())
def test_small_numbers_in_words_and_digits(n: int, thousands: bool) -> None:
    written = f"{words(n)} thousand" if thousands else words(n)
    value = n * 1000 if thousands else n
    by_words = [(c.text, c.value) for c in extract_text(f"The team used {written} GPUs for the run.")]
    by_digits = [(c.text, c.value) for c in extract_text(f"The team used {value:,} GPUs for the run.")]
    assert by_words == [(f"{written} GPUs", float(value))]
    assert by_digits == [(f"{value:,} GPUs", float(value))]


XFAIL_STYLES = [
    pytest.param("1.5m dollars", 1_500_000, id="m-suffix-then-dollars"),
    pytest.param("1.5M dollars", 1_500_000, id="M-suffix-then-dollars"),
    pytest.param("2m US dollars", 2_000_000, id="m-suffix-then-us-dollars"),
    pytest.param("1.5m USD", 1_500_000, id="m-suffix-then-USD"),
    pytest.param("$7,000,000.00", 7_000_000, id="separators-and-cents"),
    pytest.param("$2,000.00", 2_000, id="thousands-and-zero-cents"),
    pytest.param("$1600", 1_600, id="year-like-amount"),
    pytest.param("US$1999", 1_999, id="year-like-amount-us"),
]


@pytest.mark.parametrize(("written", "value"), XFAIL_STYLES)
def test_styles_the_grammar_misreads(written: str, value: float) -> None:
    found = money(TEMPLATES[0].format(written))
    assert [(t, v) for t, v, _ in found] == [(written, value)]


# ---------------------------------------------------------------------------------------
# nothing raises

NUMERIC = st.sampled_from([*"0123456789$€£¥%.,-–+×*/ \n\t()[]kKmMbBnx",
    " million", " billion", " bn", " dollars", " USD", "US$", " per cent", " to ", " between ", " and ",
    " hours", " days", " GPUs", "about ", "nearly ", "from ", " or ", "\u200b", "\u202e", "\u00a0", "万", "亿",
    "March 26, 2024", "2024-03-26", "<", ">", "&amp;", "\r\n",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(NUMERIC, max_size=80).map("".join))
MARKUP = st.lists(st.sampled_from([
    "<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "<!", "<?", "<p>", "</p>", "<article>", "<script>",
    "</script>", "<style>", "<title>", "</title>", "<nav>", "<li>", "&", "&#", "&#x", ";", "\"", "'", "=",
    " ", "\n", "a", "12", "$5 million", "<meta charset=", "<time datetime=", "2024-03-26", "\x00", "\u202e",
]), max_size=120).map("".join)


def read(raw: bytes, name: str) -> None:
    """Write ``raw`` to a real file and read it as a source; extract its claims."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(raw)
        try:
            source = read_source(path, name)
        except UnreadableSource as e:
            assert e.reason and "\n" not in e.reason
            return
        for c in extract_claims(source):
            assert source.text[c.start:c.end] == c.text
            assert 0 <= c.start < c.end <= len(source.text)


@FAST
@given(text=TEXTS)
def test_random_text_never_raises(text: str) -> None:
    for c in extract_text(text):
        assert text[c.start:c.end] == c.text


@FAST
@given(raw=st.binary(max_size=3000), html=st.booleans())
def test_random_bytes_never_raise(raw: bytes, html: bool) -> None:
    decoded = decode_bytes(raw, html=html)
    if isinstance(decoded, tuple):
        text, encoding, _notes = decoded
        assert "\x00" not in text and encoding
    read(raw, "article.html" if html else "article.txt")


@FAST
@given(raw=st.one_of(TEXTS, MARKUP).flatmap(lambda t: st.sampled_from(["utf-8", "utf-16", "gb18030", "cp1252"]).map(
    lambda enc: t.encode(enc, errors="replace"))))
def test_random_text_in_any_encoding_never_raises(raw: bytes) -> None:
    read(raw, "article.txt")


@FAST
@given(markup=MARKUP)
def test_random_markup_never_raises(markup: str) -> None:
    doc = extract_html(markup)
    assert isinstance(doc.text, str) and isinstance(doc.title, str)
    strip_tags(markup)
    read(markup.encode("utf-8", errors="replace"), "page.html")


@FAST
@given(markup=MARKUP)
def test_page_positions_always_quote_the_page(markup: str) -> None:
    """Whatever the markup, a run of the text located in the page is the page, verbatim."""
    text = extract_html(markup).text
    runs = verbatim_runs(text, markup)
    assert len(runs) % 3 == 0
    starts = runs[::3]
    assert list(starts) == sorted(starts)
    for a, b, r in zip(runs[::3], runs[1::3], runs[2::3], strict=True):
        assert 0 <= a < b <= len(text) and markup[r:r + b - a] == text[a:b]
        span = file_span(runs, a, b)
        assert span is not None and markup[span[0]:span[1]] == text[a:b]


@SLOW
@given(raw=st.one_of(st.binary(max_size=2000), TEXTS.map(lambda t: t.encode("utf-8", "replace")),
                     MARKUP.map(lambda t: t.encode("utf-8", "replace"))),
       name=st.sampled_from(["a.txt", "a.md", "a.html", "a"]))
def test_reconcile_on_a_random_file_never_raises(raw: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "corpus"
        folder.mkdir()
        (folder / name).write_bytes(raw)
        (folder / "b.txt").write_bytes(raw[::-1])
        try:
            result = reconcile([folder])
        except NoArticles as e:
            assert "\n" not in str(e)
            return
        articles = 2 if name != "a" else 1  # a file without an article extension in a folder is passed over
        assert len(result.sources) + len(result.skipped) == articles
        assert all(os.sep not in s.path.removeprefix("corpus/") for s in result.sources)


def test_a_tag_of_only_spaces_is_read_past() -> None:
    """Hypothesis found it: "< >" has no tag name; the page is read past it, not crashed on."""
    assert verbatim_runs("x", "< >") == ()
    assert verbatim_runs("a b", "<p>a</p>< ><p>b</p>") is not None
