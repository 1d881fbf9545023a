"""Cache entries that are well-formed JSON but of the wrong types or naming claims that are
not there, and entries replaced by a named pipe or a link to a device: each is a miss,
recomputed (the README: "a damaged entry is recomputed"), never a crash or a hang."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reconciler._engine.cache import _CLAIM_NAMES, decode_claims, encode_claims
from reconciler.output.names import output_name
from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
AT = {name: i for i, name in enumerate(_CLAIM_NAMES)}


def entries(folder: Path, kind: type) -> list[Path]:
    """Entries whose data is a dict (an article's claims, a story's rules) or a list (an alignment)."""
    return sorted(p for p in folder.rglob("*.json") if not p.name.startswith("sources-")
                  and isinstance(json.loads(p.read_bytes())["data"], kind))


def damage(path: Path, change: Callable[[Any], None]) -> None:
    entry = json.loads(path.read_bytes())
    change(entry["data"])
    path.write_text(json.dumps(entry), "utf-8")


def set_field(name: str, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["claims"][0][AT[name]] = value
    return change


def duplicate(data: Any) -> None:
    data["claims"].append(list(data["claims"][0]))


CLAIM_DAMAGE = [
    pytest.param(set_field("start", 10**30), id="start-huge"),
    pytest.param(set_field("start", "3"), id="start-string"),
    pytest.param(set_field("end", -1), id="end-before-start"),
    pytest.param(set_field("value", [1, 2]), id="value-list"),
    pytest.param(set_field("value", {"a": 1}), id="value-dict"),
    pytest.param(set_field("value", 10**400), id="value-huge"),
    pytest.param(set_field("low", "inf"), id="low-string"),
    pytest.param(set_field("id", None), id="id-null"),
    pytest.param(set_field("source", "nonexistent"), id="another-source"),
    pytest.param(set_field("kind", "bogus"), id="kind-unknown"),
    pytest.param(set_field("context", "words"), id="context-string"),
    pytest.param(set_field("frame", ["x"]), id="frame-short"),
    pytest.param(set_field("sentence", -4), id="sentence-negative"),
    pytest.param(duplicate, id="same-id-twice"),
]


@pytest.fixture(scope="module")
def seed_rows() -> tuple[Any, list[list[Any]]]:
    """The first seed article, and its claims as cached (a JSON round trip)."""
    result = reconcile([SEEDS], Options())
    source = result.sources[0]
    rows = encode_claims(source, [c for c in result.claims if c.source == source.id])
    return source, json.loads(json.dumps(rows))


@pytest.mark.parametrize(("name", "value"), [  # damage in the last row only: every row is looked at
    pytest.param("value", 10**30, id="value-huge-whole-number"),
    pytest.param("low", True, id="low-boolean"),
    pytest.param("start", False, id="start-boolean"),
    pytest.param("start", 2.0, id="start-float"),
    pytest.param("sentence", 10**30, id="sentence-length-huge"),
    pytest.param("text", 5, id="quote-number"),
    pytest.param("qualifier", "roughly-ish", id="qualifier-unknown"),
    pytest.param("notes", ["ok", 1], id="notes-with-a-number"),
    pytest.param("frame", [""] * 8 + [None], id="frame-with-null"),
    pytest.param("precision", None, id="precision-null"),
])
def test_decoding_checks_every_row(seed_rows: tuple[Any, list[list[Any]]], name: str, value: Any) -> None:
    source, rows = seed_rows
    assert len(decode_claims(source, rows)) == len(rows) > 1
    damaged = [list(r) for r in rows]
    damaged[-1][AT[name]] = value
    with pytest.raises((TypeError, ValueError)):
        decode_claims(source, damaged)


@pytest.mark.parametrize("change", CLAIM_DAMAGE)
def test_wrongly_typed_claims_are_recomputed(tmp_path: Path, change: Callable[[Any], None]) -> None:
    cold = to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path))))
    for victim in entries(tmp_path, dict):
        damage(victim, change)
    assert to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path)))) == cold


@pytest.mark.parametrize("words", [
    pytest.param([["a"], ["b"]], id="lists"),
    pytest.param({"a": 1}, id="dict"),
    pytest.param(7, id="number"),
])
def test_an_articles_words_of_the_wrong_type_are_recomputed(tmp_path: Path, many_stories: tuple[Path, str],
                                                           words: Any) -> None:
    folder, cold = many_stories  # enough articles to be split into stories by their words
    cache = tmp_path / "c"
    reconcile([folder], Options(cache_dir=str(cache), jobs=1))
    for victim in entries(cache, dict):
        if "signature" in json.loads(victim.read_bytes())["data"]:
            damage(victim, lambda data: data.update(signature=words))
    assert to_json(reconcile([folder], Options(cache_dir=str(cache), jobs=1))) == cold


def test_claims_emptied_under_a_cached_alignment_do_not_crash(tmp_path: Path) -> None:
    reconcile([SEEDS], Options(cache_dir=str(tmp_path)))
    for victim in entries(tmp_path, dict):
        damage(victim, lambda data: data.update(claims=[]))  # well-formed, and false: believed
    result = reconcile([SEEDS], Options(cache_dir=str(tmp_path)))  # the alignment names claims now gone
    assert result.claims == () and result.groups == () and result.findings == ()


@pytest.mark.parametrize("change", [
    pytest.param(lambda groups: groups[0].__setitem__(-1, [[1]]), id="links-of-numbers"),
    pytest.param(lambda groups: groups[0].__setitem__(2, ["nope@1"]), id="claims-not-there"),
    pytest.param(lambda groups: groups[0].__setitem__(0, None), id="id-null"),
    pytest.param(lambda groups: groups.append(list(groups[0])), id="same-group-twice"),
])
def test_a_damaged_alignment_is_recomputed(tmp_path: Path, change: Callable[[Any], None]) -> None:
    cold = to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path))))
    [victim] = entries(tmp_path, list)
    damage(victim, change)
    assert to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path)))) == cold


def test_a_damaged_record_of_the_files_read_is_ignored(tmp_path: Path) -> None:
    cold = to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path))))
    [record] = tmp_path.rglob("sources-*.json")
    data = json.loads(record.read_bytes())
    for row in data["files"].values():
        row[1][0] = ["a", "list"]  # the title
    record.write_text(json.dumps(data), "ascii")
    assert to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path)))) == cold


@pytest.fixture(scope="module")
def many_stories(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A corpus of several stories (each checked and cached on its own), and its JSON."""
    spec = importlib.util.spec_from_file_location("bench_generate_d", SEEDS.parent / "benchmarks" / "generate.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = gen
    spec.loader.exec_module(gen)
    folder = tmp_path_factory.mktemp("stories") / "corpus"
    gen.generate(60, folder, seed=6)
    return folder, to_json(reconcile([folder], Options(jobs=1)))


@pytest.mark.parametrize("change", [
    pytest.param(lambda d: d["findings"][0].__setitem__(3, ["nope@1"]), id="finding-names-missing-claim"),
    pytest.param(lambda d: d["findings"][0].__setitem__(3, []), id="finding-without-claims"),
    pytest.param(lambda d: d["findings"][0].__setitem__(2, "loud"), id="severity-unknown"),
    pytest.param(lambda d: d["findings"][0].__setitem__(6, "g-nope"), id="group-not-there"),
    pytest.param(lambda d: d.update(copies=[["nobody"]]), id="copies-of-unknown-articles"),
    pytest.param(lambda d: d.update(groups=5), id="groups-a-number"),
])
def test_a_damaged_storys_rules_are_recomputed(tmp_path: Path, many_stories: tuple[Path, str],
                                               change: Callable[[Any], None]) -> None:
    folder, cold = many_stories
    cache = tmp_path / "c"
    assert to_json(reconcile([folder], Options(cache_dir=str(cache), jobs=1))) == cold
    damaged = 0
    for victim in entries(cache, dict):
        data = json.loads(victim.read_bytes())["data"]
        if data.get("findings"):
            damage(victim, change)
            damaged += 1
    assert damaged
    assert to_json(reconcile([folder], Options(cache_dir=str(cache), jobs=1))) == cold


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("what", ["pipe", "dev-zero"])
def test_an_entry_that_is_not_a_file_is_a_miss(tmp_path: Path, what: str) -> None:
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "reconciler", str(SEEDS), "--out", str(out), "-q"]
    subprocess.run(cmd, check=True, timeout=120)
    result = out / f"{output_name(SEEDS, out)}.json"  # the seeds are not beside out/: a hashed name
    cold = result.read_bytes()
    victim = entries(out / ".reconcile-cache", dict)[0]
    victim.unlink()
    if what == "pipe":
        os.mkfifo(victim)  # nobody writes to it: a plain open() waits for ever
    else:
        victim.symlink_to("/dev/zero")  # a plain read() fills the memory
    done = subprocess.run(cmd, timeout=120, capture_output=True)  # before: a hang, or a MemoryError
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert result.read_bytes() == cold
