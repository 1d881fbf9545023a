"""Whole-pipeline fuzzing: corpora made from the seeds and the development stories
(``tests/stories``) by mutations that have taken runs down before (zeros, huge, negative and
exponent-written numbers, dropped words and separators, shuffled lines), and the check each run
must pass: it finishes strict (no internal error reported or raised), its JSON parses with a
strict parser (no NaN, no Infinity), and a rerun gives the same bytes.

Used by ``tests/test_fuzz.py`` (a bounded number of examples) and ``benchmarks/fuzz.py`` (a
long run).
"""

from __future__ import annotations

import json
import math
import random
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from reconciler.output.ledger import ledger_csv_chunks
from reconciler.output.result import to_json
from reconciler.pipeline import NoArticles, Options, reconcile
from reconciler.report import render_html

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def base_corpora() -> dict[str, dict[str, str]]:
    """Each base corpus by name: its articles' file names and texts (the seeds, each story)."""
    folders = [ROOT / "seeds", *sorted(p for p in (ROOT / "tests" / "stories").iterdir() if p.is_dir())]
    return {f.name: {p.name: p.read_text("utf-8") for p in sorted(f.iterdir()) if p.suffix in ARTICLE_SUFFIXES}
            for f in folders}


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# figures that have made the grammar, the rules or the output fail: past a float, at its edge,
# below its precision, written with exponents
HUGE = ("10^400", "1" + "0" * 320, "9 × 10^308", "1e309", "1.8e308", "9.99e307", "10^308", "2^1024",
        "1,000,000,000,000,000,000,000,000,000", "10 to the power of 400", "1e-400", "0.000000000000000000001",
        "10²⁰⁰", "9" * 40 + " trillion")


def _digits(text: str, rng: random.Random) -> str:
    """Some digits replaced, zeros most often."""
    rate = rng.choice((0.05, 0.2, 0.5))
    return re.sub(r"\d", lambda m: (rng.choice("0000123456789") if rng.random() < rate else m.group()), text)


def _zeros(text: str, rng: random.Random) -> str:
    """Some whole figures made 0 (or 0.0, 00)."""
    return NUMBER.sub(lambda m: rng.choice(("0", "0.0", "00", "0,000")) if rng.random() < 0.3 else m.group(), text)


def _huge(text: str, rng: random.Random) -> str:
    return NUMBER.sub(lambda m: rng.choice(HUGE) if rng.random() < 0.25 else m.group(), text)


def _negative(text: str, rng: random.Random) -> str:
    return NUMBER.sub(lambda m: rng.choice(("-", "−", "minus ", "–")) + m.group() if rng.random() < 0.3
                      else m.group(), text)


def _exponent(text: str, rng: random.Random) -> str:
    """Figures rewritten with an exponent: 512 as 5.12e2, 5.12E+02, 5.12 × 10^2, 512e0."""
    def one(m: re.Match[str]) -> str:
        digits = m.group().replace(",", "")
        if rng.random() > 0.3 or not digits.replace(".", "").isdigit() or digits.count(".") > 1:
            return m.group()
        x = float(digits)
        if not math.isfinite(x) or x == 0:
            return m.group()
        mantissa, _, exp = f"{x:e}".partition("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        e = int(exp)
        return rng.choice((f"{mantissa}e{e}", f"{mantissa}E+{e:02d}", f"{mantissa} × 10^{e}", f"{digits}e0",
                           f"{mantissa}×10{str(e).translate(str.maketrans('-0123456789', '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'))}"))
    return NUMBER.sub(one, text)


def _drop_words(text: str, rng: random.Random) -> str:
    rate = rng.choice((0.05, 0.2, 0.5))
    return re.sub(r"[^\W\d_]+", lambda m: "" if rng.random() < rate else m.group(), text)


def _drop_separators(text: str, rng: random.Random) -> str:
    """Thousands and decimal separators (and spaces between figures and words) dropped or swapped."""
    def one(m: re.Match[str]) -> str:
        r = rng.random()
        return "" if r < 0.4 else ("." if m.group() == "," else ",") if r < 0.6 else " " if r < 0.7 else m.group()
    return re.sub(r"(?<=\d)[.,](?=\d)|(?<=\d) (?=\w)", one, text)


def _shuffle_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def _duplicate_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    return "\n".join(x for line in lines for x in ([line] * (2 if rng.random() < 0.2 else 1)))


MUTATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "digits": _digits, "zeros": _zeros, "huge": _huge, "negative": _negative, "exponent": _exponent,
    "drop_words": _drop_words, "drop_separators": _drop_separators, "shuffle_lines": _shuffle_lines,
    "duplicate_lines": _duplicate_lines,
}


def mutate(corpus: dict[str, str], kinds: Sequence[str], seed: int, share: float = 1.0) -> dict[str, str]:
    """The corpus with the ``kinds`` of mutation applied, in order, to about ``share`` of its
    articles (at least one), each from ``random.Random(seed)``."""
    rng = random.Random(seed)
    names = sorted(corpus)
    hit = {n for n in names if rng.random() < share} or {rng.choice(names)}
    out = {}
    for name in names:
        text = corpus[name]
        if name in hit:
            for kind in kinds:
                text = MUTATIONS[kind](text, rng)
        out[name] = text
    return out


def _strict_constant(name: str) -> float:
    raise ValueError(f"not JSON: {name}")


def run_twice(files: dict[str, str], folder: Path | None = None) -> str:
    """Reconcile the corpus twice, strict, with the outputs of a run; check them; returns
    ``"ok"`` or ``"no articles"`` (everything mutated away). Raises on any failure."""
    with tempfile.TemporaryDirectory() as tmp:
        where = folder or Path(tmp)
        for name, text in files.items():
            (where / name).write_text(text, "utf-8", newline="")
        outputs = []
        for _ in range(2):
            try:
                result = reconcile([where], Options(strict=True, jobs=1))
            except NoArticles:
                return "no articles"
            assert result.errors == (), result.errors
            text = to_json(result)
            json.loads(text, parse_constant=_strict_constant)  # NaN, Infinity and -Infinity raise
            outputs.append((text, "".join(ledger_csv_chunks(result)),
                            render_html(result, generated_at="fuzz")))
        assert outputs[0] == outputs[1], "a rerun gave other bytes"
        return "ok"
