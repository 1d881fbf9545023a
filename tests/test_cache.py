"""The per-article cache: same bytes cold and warm, only changed articles redone, corrupt
entries ignored; the progress bar shows only on a terminal; start-up imports stay lean."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconciler._engine import cache as cache_mod
from reconciler._engine import parallel
from reconciler._engine.cache import Cache, decode_claims, encode_claims, source_key
from reconciler._engine.progress import Bar, Silent, for_terminal
from reconciler.cli import main
from reconciler.extract import extract_claims
from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile
from reconciler.read.source import read_sources

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def entries(folder: Path) -> list[Path]:
    """Per-article and per-story entries (not the record of the files read: sources-*.json)."""
    return sorted(p for p in folder.rglob("*.json") if not p.name.startswith("sources-"))


def article_entries(folder: Path) -> list[Path]:
    """Entries of one article's extraction (the others hold a story's alignment)."""
    return [p for p in entries(folder) if isinstance(json.loads(p.read_bytes())["data"], dict)]


def test_warm_run_same_bytes_without_extracting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path))))
    assert len(article_entries(tmp_path)) == 5

    def boom(source: object) -> object:
        raise AssertionError("extracted again")

    monkeypatch.setattr(parallel, "extract_one", boom)
    warm = to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path))))
    assert warm == cold


def test_only_the_changed_article_is_redone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    cache_dir = tmp_path / "cache"
    reconcile([folder], Options(cache_dir=str(cache_dir)))
    (folder / "new.txt").write_text("The council approved $4.5 million for bridge repairs on Tuesday.\n", "utf-8")
    seen: list[str] = []
    real = parallel.extract_one

    def spy(source):  # type: ignore[no-untyped-def]
        seen.append(source.id)
        return real(source)

    monkeypatch.setattr(parallel, "extract_one", spy)
    warm = to_json(reconcile([folder], Options(cache_dir=str(cache_dir))))
    assert seen == ["new"]
    assert warm == to_json(reconcile([folder], Options()))


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "other", "data": []}', b'{"key": 1}',
                                    b"\x00\xff" * 40])
def test_corrupt_entry_is_recomputed(tmp_path: Path, damage: bytes) -> None:
    cold = to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path))))
    victim = entries(tmp_path)[0]
    victim.write_bytes(damage)
    assert to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path)))) == cold
    assert json.loads(victim.read_bytes())["key"] == victim.stem  # rewritten


def test_malformed_claims_are_recomputed(tmp_path: Path) -> None:
    cold = to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path))))
    for victim in article_entries(tmp_path):
        entry = json.loads(victim.read_bytes())
        entry["data"]["claims"] = [[1, 2, 3]]
        victim.write_text(json.dumps(entry), "utf-8")
    assert to_json(reconcile([SEEDS], Options(cache_dir=str(tmp_path)))) == cold


def test_code_fingerprint_is_in_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    sources, _ = read_sources([SEEDS])
    before = source_key(sources[0])
    monkeypatch.setattr(cache_mod, "fingerprint", lambda kind="extract": "grammar changed")
    assert source_key(sources[0]) != before


def test_claims_round_trip() -> None:
    sources, _ = read_sources([SEEDS])
    for s in sources:
        claims = extract_claims(s)
        rows = json.loads(json.dumps(encode_claims(s, claims)))
        assert decode_claims(s, rows) == claims


def test_cache_folder_is_marked_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    c = Cache(tmp_path / "c")
    c.put("ab" * 32, {"x": 1})
    assert c.get("ab" * 32) == {"x": 1}
    assert (tmp_path / "c" / "CACHEDIR.TAG").exists()
    assert (tmp_path / "c" / ".gitignore").read_text().strip().endswith("*")
    assert not list((tmp_path / "c").rglob("*.tmp"))


def test_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = reconcile([SEEDS], Options(cache_dir=str(blocker / "cache")))
    assert len(result.sources) == 5


# ---------------------------------------------------------------------------------------
# the command line


def test_cli_cache_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, [str(SEEDS), "-q"]).exit_code == 0
    assert len(article_entries(tmp_path / ".reconcile-cache")) == 5
    assert runner.invoke(main, [str(SEEDS), "-q", "--out", "o"]).exit_code == 0
    assert len(article_entries(tmp_path / "o" / ".reconcile-cache")) == 5
    assert runner.invoke(main, [str(SEEDS), "-q", "--out", "n", "--no-cache"]).exit_code == 0
    assert not (tmp_path / "n" / ".reconcile-cache").exists()
    assert runner.invoke(main, [str(SEEDS), "-q", "--cache-dir", "mine", "--jobs", "2"]).exit_code == 0
    assert len(article_entries(tmp_path / "mine")) == 5


def test_cli_scheduler_without_dask_or_cluster_is_a_usage_error(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if Dask were not installed
    r = CliRunner().invoke(main, [str(SEEDS), "--scheduler", "tcp://127.0.0.1:9"])
    assert r.exit_code == 2
    assert "reconcile[dask]" in r.output


# ---------------------------------------------------------------------------------------
# progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert isinstance(for_terminal(False, FakeTTY()), Bar)
    assert isinstance(for_terminal(True, FakeTTY()), Silent)
    assert isinstance(for_terminal(False, io.StringIO()), Silent)
    monkeypatch.setenv("CI", "true")
    assert isinstance(for_terminal(False, FakeTTY()), Silent)


def test_bar_draws_for_long_stages_only() -> None:
    short = FakeTTY()
    bar = Bar(short, min_total=100)
    bar.start("extract", 5)
    bar.advance(5)
    bar.close()
    assert short.getvalue() == ""
    long = FakeTTY()
    bar = Bar(long, min_total=100)
    bar.start("extract", 300)
    bar.advance(300)
    bar.start("align", 20)
    bar.advance(20)
    bar.close()
    assert "extract" in long.getvalue() and "300/300" in long.getvalue()


def test_lean_start_up(tmp_path: Path) -> None:
    """``reconcile seeds/`` imports neither rich nor dask (pandas only for the CSV ledger)."""
    code = ("import sys\nfrom reconciler.cli import main\n"
            "try:\n    main([sys.argv[1], '-q', '--out', sys.argv[2]])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('rich', 'dask', 'distributed') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, str(SEEDS), str(tmp_path)], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_many_stories_warm_run_recomputes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generate_c", SEEDS.parent / "benchmarks" / "generate.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = gen
    spec.loader.exec_module(gen)
    folder = tmp_path / "corpus"
    gen.generate(60, folder, seed=6)
    cold = to_json(reconcile([folder], Options(cache_dir=str(tmp_path / "c"), jobs=1)))
    assert cold == to_json(reconcile([folder], Options(jobs=1)))

    def boom(*args: object) -> object:
        raise AssertionError("recomputed")

    monkeypatch.setattr(parallel, "extract_one", boom)
    monkeypatch.setattr(parallel, "align", boom)
    monkeypatch.setattr(parallel, "check_story", boom)
    assert to_json(reconcile([folder], Options(cache_dir=str(tmp_path / "c"), jobs=1))) == cold


def _module_part(fn: object) -> str:
    """The package-relative file or folder a function lives in, as the fingerprints name them."""
    import inspect

    import reconciler

    rel = Path(inspect.getfile(fn)).relative_to(Path(reconciler.__file__).parent)  # type: ignore[arg-type]
    return rel.parts[0]


def _cached_functions() -> list[object]:
    from reconciler.align import align
    from reconciler.copies import find_copies
    from reconciler.rules import check
    from reconciler.stories import signature

    return [extract_claims, signature, align, find_copies, check]


# what each kind of cache entry holds the output of: its code must be in that kind's fingerprint
FINGERPRINTED = [
    pytest.param("extract", ["extract_claims", "signature"], id="article-entry-claims-and-signature"),
    pytest.param("align", ["extract_claims", "align"], id="story-alignment"),
    pytest.param("check", ["extract_claims", "align", "find_copies", "check", "signature"], id="story-rules"),
]


@pytest.mark.parametrize("kind, names", FINGERPRINTED)
def test_cached_code_is_in_the_fingerprint(kind: str, names: list[str]) -> None:
    parts = {"extract": cache_mod._EXTRACT_CODE, "align": cache_mod._ALIGN_CODE,
             "check": cache_mod._CHECK_CODE}[kind]
    by_name = {fn.__name__: fn for fn in _cached_functions()}  # type: ignore[attr-defined]
    missing = [name for name in names if _module_part(by_name[name]) not in parts]
    assert missing == []


def test_decoded_claims_are_the_claims_encoded() -> None:
    import dataclasses

    sources, _ = read_sources([SEEDS])
    for source in sources:
        claims = extract_claims(source)
        decoded = decode_claims(source, json.loads(json.dumps(encode_claims(source, claims))))
        assert decoded == claims
        assert [hash(c) for c in decoded] == [hash(c) for c in claims]
        assert [list(vars(c).items()) for c in decoded] == [list(vars(c).items()) for c in claims]  # same order
        if decoded:
            with pytest.raises(dataclasses.FrozenInstanceError):
                decoded[0].value = 1.0  # type: ignore[misc]
