"""Generated vocabulary stays in step with its sources (CLDR via Babel, pint)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reconciler.extract import vocab as V
from reconciler.extract.units import load_rates

ROOT = Path(__file__).resolve().parents[1]


def test_generated_data_is_fresh() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_data.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("args", [["--help"], ["-h"], [], ["--bogus"]], ids=["help", "h", "none", "unknown"])
def test_generator_without_write_prints_help_and_writes_nothing(args: list[str]) -> None:
    data = ROOT / "reconciler" / "data"
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in data.glob("*.toml")}
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_data.py"), *args],
                         capture_output=True, text=True, check=False)
    assert "--write" in run.stdout and "--check" in run.stdout
    assert run.returncode == (0 if args and args[0] in ("--help", "-h") else 2)
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in data.glob("*.toml")} == before


def test_generator_inputs_are_pinned_in_one_place() -> None:
    """The generator reads its library versions from pyproject's test extra (== pins), so a
    fresh install gets exactly the versions the committed data was made with."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import gen_data
    finally:
        sys.path.pop(0)
    assert set(gen_data.pinned_versions()) == set(gen_data.GENERATORS)
    assert gen_data.version_problems() == []


@pytest.mark.parametrize(("unit", "other", "ratio"), [
    ("mile", "kilometer", 1.609344),
    ("foot", "meter", 0.3048),
    ("gibibyte", "gigabyte", 1.073741824),
    ("short_ton", "metric_ton", 0.90718474),
    ("gallon", "liter", 3.785411784),
], ids=["mile-km", "foot-metre", "GiB-GB", "short-ton-tonne", "gallon-litre"])
def test_unit_factors_convert(unit: str, other: str, ratio: float) -> None:
    assert V.BASE_FACTORS[unit] / V.BASE_FACTORS[other] == pytest.approx(ratio, rel=1e-6)


def test_every_physical_unit_has_a_factor() -> None:
    missing = {pu for _k, pu in V.PHYSICAL_UNITS.values()} - set(V.BASE_FACTORS)
    assert not missing


@pytest.mark.parametrize(("word", "code"), [
    ("forints", "HUF"), ("yen", "JPY"), ("rupees", "INR"), ("ringgit", "MYR"), ("euros", "EUR"),
    ("yuan", "CNY"), ("swiss francs", "CHF"), ("south african rand", "ZAR"),
], ids=lambda v: str(v))
def test_currency_names(word: str, code: str) -> None:
    assert V.CURRENCY_NAMES[word] == code


def test_rate_table_covers_symbol_currencies() -> None:
    rates = load_rates()
    missing = set(V.CURRENCY_PREFIXES.values()) - set(rates.per_usd)
    assert not missing, f"no rate for {sorted(missing)}"


def test_user_rates_override(tmp_path: Path) -> None:
    f = tmp_path / "rates.toml"
    f.write_text('as_of = "2024-06-28"\n[per_usd]\nCNY = 7.27\n', "utf-8")
    rates = load_rates(f)
    assert rates.per_usd["CNY"] == 7.27 and rates.as_of == "2024-06-28"
    assert rates.per_usd["EUR"] == load_rates().per_usd["EUR"]
