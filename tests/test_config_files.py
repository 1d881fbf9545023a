"""`--rules` and `--rates` files: every value checked, with a message naming the file, the key
and why (exit 2 on the command line); only regular files are read, and only so much of them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconciler.cli import main
from reconciler.errors import ConfigError
from reconciler.extract.units import load_rates
from reconciler.read.regular import MAX_CONFIG_BYTES, NotRegular, read_regular
from reconciler.rules import load_config

# (file content, what the message must say)
BAD_RULES = [
    pytest.param(b"tolerance = 5\n", "tolerance: must be a table", id="tolerance-not-a-table"),
    pytest.param(b"rules = \"x\"\n", "rules: must be a table", id="rules-not-a-table"),
    pytest.param(b"[tolerance]\nerror_gap = \"big\"\n", "tolerance.error_gap: must be a finite number",
                 id="tolerance-string"),
    pytest.param(b"[tolerance]\nerror_gap = {a = 1}\n", "tolerance.error_gap: must be a finite number",
                 id="tolerance-table"),
    pytest.param(b"[tolerance]\nerror_gap = -0.1\n", "at least 0, not -0.1", id="tolerance-negative"),
    pytest.param(b"[tolerance]\nerror_gap = nan\n", "not nan", id="tolerance-nan"),
    pytest.param(b"[tolerance]\nerror_gap = inf\n", "not inf", id="tolerance-inf"),
    pytest.param(b"[tolerance]\nerror_gap = true\n", "not True", id="tolerance-boolean"),
    pytest.param(b"[tolerance]\nerorr_gap = 0.2\n", "tolerance.erorr_gap: unknown tolerance", id="tolerance-typo"),
    pytest.param(b"[tolerances]\nerror_gap = 0.2\n", "tolerances: unknown section", id="section-typo"),
    # the hedge's width is the grammar's reading of "about", not a tolerance: setting it is refused, not ignored
    pytest.param(b"[tolerance]\napproximate = 0.2\n", "tolerance.approximate: unknown tolerance",
                 id="the-hedge-width-is-no-tolerance"),
    pytest.param(b"[rules]\nvalue_mismatch = 5\n", "rules.value_mismatch: must be a table", id="rule-integer"),
    pytest.param(b"[rules]\nvalue_mismatch = [1, 2]\n", "rules.value_mismatch: must be a table", id="rule-array"),
    pytest.param(b"[rules.value_mismach]\nenabled = false\n", "rules.value_mismach: unknown rule", id="rule-typo"),
    pytest.param(b"[rules.arithmetic]\nenabled = \"no\"\n", "rules.arithmetic.enabled: must be true or false",
                 id="enabled-string"),
    pytest.param(b"[rules.arithmetic]\nseverity = \"loud\"\n", "rules.arithmetic.severity: must be one of",
                 id="severity-unknown"),
    pytest.param(b"[rules.arithmetic]\nenable = false\n", "rules.arithmetic.enable: unknown key", id="key-typo"),
    pytest.param(b"[tolerance]\nerror_gap = 0.2 # \xe9t\xe9\n", "not UTF-8", id="latin-1"),
    pytest.param(b"[tolerance\nerror_gap = ", "not valid TOML", id="invalid-toml"),
]

BAD_RATES = [
    pytest.param(b"[per_usd]\nCNY = 0\n", "per_usd.CNY: must be a finite number", id="zero"),
    pytest.param(b"[per_usd]\nCNY = -7.1\n", "not -7.1", id="negative"),
    pytest.param(b"[per_usd]\nCNY = inf\n", "not inf", id="inf"),
    pytest.param(b"[per_usd]\nCNY = nan\n", "not nan", id="nan"),
    pytest.param(b"[per_usd]\nCNY = 1e308\n", "not 1e+308", id="huge"),
    pytest.param(b"[per_usd]\nCNY = 5e-324\n", "not 5e-324", id="tiny"),
    pytest.param(b"[per_usd]\nCNY = \"7.1\"\n", "per_usd.CNY", id="string"),
    pytest.param(b"[per_usd]\nYUAN = 7.1\n", "per_usd.YUAN: not a three-letter currency code", id="not-a-code"),
    pytest.param(b"per_usd = 7\n", "per_usd: [per_usd] must be a table", id="not-a-table"),
    pytest.param(b"as_of = 2025\n", "as_of: must be a date", id="as-of-number"),
    pytest.param(b"[per_usd]\nCNY = 7.1\n[per_eur]\nCNY = 7.9\n", "per_eur: unknown key", id="unknown-key"),
    pytest.param(b"[per_usd]\nCNY = 7.1 # \xff\n", "not UTF-8", id="not-utf-8"),
]


@pytest.mark.parametrize(("content", "message"), BAD_RULES)
def test_bad_rules_values_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "my-rules.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=r"my-rules\.toml") as info:
        load_config(path)
    assert message in str(info.value)


@pytest.mark.parametrize(("content", "message"), BAD_RATES)
def test_bad_rates_values_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "my-rates.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=r"my-rates\.toml") as info:
        load_rates(path)
    assert message in str(info.value)


@pytest.mark.parametrize(("content", "check"), [
    pytest.param(b"[tolerance]\nerror_gap = 1\n", lambda c: c.tol("error_gap") == 1.0, id="integer-tolerance"),
    pytest.param(b"[tolerance]\nerror_gap = 0\n", lambda c: c.tol("error_gap") == 0.0, id="zero-tolerance"),
    pytest.param(b"[rules.update]\nseverity = \"warning\"\nenabled = true\n",
                 lambda c: c.severity("update", "info") == "warning" and c.enabled("update"), id="rule-table"),
    pytest.param(b"\xef\xbb\xbf[rules.arithmetic]\nenabled = false\n", lambda c: not c.enabled("arithmetic"),
                 id="utf-8-bom"),
])
def test_good_rules_values_are_taken(tmp_path: Path, content: bytes, check: object) -> None:
    path = tmp_path / "rules.toml"
    path.write_bytes(content)
    assert check(load_config(path))  # type: ignore[operator]


def test_good_rates_are_taken(tmp_path: Path) -> None:
    path = tmp_path / "rates.toml"
    path.write_bytes(b'as_of = 2024-06-28\nnote = "mine"\n[per_usd]\ncny = 7\nJPY = 150.5\n')
    rates = load_rates(path)
    assert rates.per_usd["CNY"] == 7.0 and rates.per_usd["JPY"] == 150.5 and rates.as_of == "2024-06-28"


def test_bad_value_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Costs\n\nThe plan cost $4 million.\n", "utf-8")
    (tmp_path / "r.toml").write_text("[per_usd]\nCNY = 0\n", "utf-8")
    (tmp_path / "t.toml").write_text("[rules.arithmetic]\nenabled = \"no\"\n", "utf-8")
    for option, name in (("--rates", "r.toml"), ("--rules", "t.toml")):
        out = CliRunner().invoke(main, [str(corpus), option, str(tmp_path / name), "--out", str(tmp_path / "o")])
        assert out.exit_code == 2, out.output
        [line] = out.stderr.strip().splitlines()
        assert name in line and ("per_usd.CNY" in line or "rules.arithmetic.enabled" in line)


# ---------------------------------------------------------------------------------------
# not a regular file: refused at once, never waited on or read without end


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("load", [load_config, load_rates], ids=["rules", "rates"])
def test_a_named_pipe_or_a_device_is_refused(tmp_path: Path, load: object) -> None:
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)  # nobody writes to it: a plain open() would wait for ever
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")  # a plain read() would fill the memory
    for path, kind in ((pipe, "a named pipe"), (zero, "a device")):
        with pytest.raises(ConfigError, match=f"not a regular file \\({kind}\\)"):
            load(path)  # type: ignore[operator]


def test_read_regular_caps_the_size(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (MAX_CONFIG_BYTES + 1))
    with pytest.raises(NotRegular, match="too large"):
        read_regular(big, MAX_CONFIG_BYTES)
    with pytest.raises(ConfigError, match="too large"):
        load_config(big)
    assert read_regular(big, MAX_CONFIG_BYTES + 1) == b"#" * (MAX_CONFIG_BYTES + 1)
