"""Files read by an earlier run are not decoded again while they are unchanged: the same
Sources, the same bytes out, and anything that could change what was read (the file's
content or times, the reader's code, the package version) reads the file again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_parallel import load_generator

from reconciler import __version__, pipeline
from reconciler._engine import cache as cache_mod
from reconciler._engine import parallel
from reconciler._engine.cache import Cache, SourceCache, fingerprint, source_key
from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile
from reconciler.read import source as sources_mod
from reconciler.read.source import read_source, read_sources

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PAST = 1_500_000_000  # a settled modification time (files written just now are never recorded)


def settled_copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    for p in dest.rglob("*"):
        os.utime(p, (PAST, PAST))
    return dest


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually read (decoded and parsed), by name."""
    seen: list[str] = []

    def spy(path: str, display: str):  # type: ignore[no-untyped-def]
        seen.append(Path(path).name)
        return read_source(path, display)

    monkeypatch.setattr(sources_mod, "read_source", spy)
    return seen


def test_unchanged_files_are_not_read_again(tmp_path: Path, reads: list[str]) -> None:
    folder = settled_copy(SEEDS, tmp_path / "seeds")
    cache = Cache(tmp_path / "cache")
    first = SourceCache(cache, [folder])
    read, _ = read_sources([folder], first.read)
    keys = [first.key(s) for s in read]
    first.save()
    assert len(reads) == 5
    again = SourceCache(cache, [folder])
    reread, _ = read_sources([folder], again.read)
    assert len(reads) == 5 and again.hits == 5
    assert reread == read == read_sources([folder])[0]
    assert [again.key(s) for s in reread] == keys == [source_key(s) for s in read]


def test_changed_content_or_times_read_again(tmp_path: Path, reads: list[str]) -> None:
    folder = settled_copy(SEEDS, tmp_path / "seeds")
    options = Options(cache_dir=str(tmp_path / "cache"))
    reconcile([folder], options)
    files = sorted(folder.iterdir())
    text = files[0].read_text("utf-8")
    files[0].write_text(text.replace("2025", "2024", 1), "utf-8")
    os.utime(files[0], (PAST, PAST))  # same times as before: the size and change time tell
    os.utime(files[1], (PAST + 10, PAST + 10))  # same content, touched
    reads.clear()
    warm = reconcile([folder], options)
    assert sorted(reads) == sorted([files[0].name, files[1].name])
    assert to_json(warm) == to_json(reconcile([folder], Options()))


def test_same_size_rewrite_is_seen(tmp_path: Path, reads: list[str]) -> None:
    folder = settled_copy(SEEDS, tmp_path / "seeds")
    options = Options(cache_dir=str(tmp_path / "cache"))
    reconcile([folder], options)
    target = sorted(folder.iterdir())[2]
    data = target.read_bytes()
    target.write_bytes(data.replace(b"0", b"1", 1))  # same size; ctime and mtime change
    os.utime(target, (PAST, PAST))  # even with the old modification time put back
    reads.clear()
    warm = reconcile([folder], options)
    assert reads == [target.name]
    assert to_json(warm) == to_json(reconcile([folder], Options()))


def test_reader_code_or_version_change_reads_all_again(tmp_path: Path, reads: list[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = settled_copy(SEEDS, tmp_path / "seeds")
    options = Options(cache_dir=str(tmp_path / "cache"))
    reconcile([folder], options)
    reads.clear()
    reconcile([folder], options)
    assert reads == []

    before = fingerprint("read")
    monkeypatch.setattr(cache_mod, "__version__", __version__ + ".post1")
    fingerprint.cache_clear()
    assert fingerprint("read") != before
    try:
        reconcile([folder], options)
        assert len(reads) == 5
        reads.clear()
        monkeypatch.setattr(cache_mod, "_READ_CODE", (*cache_mod._READ_CODE, "copies.py"))
        fingerprint.cache_clear()
        reconcile([folder], options)
        assert len(reads) == 5
    finally:
        fingerprint.cache_clear()


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "x", "files": {}}', b'{"key": 1}',
                                    b"\x00\xff" * 40, b"[]"])
def test_damaged_record_is_ignored(tmp_path: Path, damage: bytes, reads: list[str]) -> None:
    folder = settled_copy(SEEDS, tmp_path / "seeds")
    options = Options(cache_dir=str(tmp_path / "cache"))
    cold = to_json(reconcile([folder], options))
    (record,) = (tmp_path / "cache").rglob("sources-*.json")
    record.write_bytes(damage)
    reads.clear()
    assert to_json(reconcile([folder], options)) == cold
    assert len(reads) == 5


def test_damaged_rows_are_read_again(tmp_path: Path, reads: list[str]) -> None:
    import json

    folder = settled_copy(SEEDS, tmp_path / "seeds")
    options = Options(cache_dir=str(tmp_path / "cache"))
    cold = to_json(reconcile([folder], options))
    (record,) = (tmp_path / "cache").rglob("sources-*.json")
    data = json.loads(record.read_bytes())
    rows = list(data["files"].values())
    rows[0][1][1] = 12345  # text not a string
    rows[1][1] = rows[1][1][:-1]  # a field short
    rows[2][2] = ["not", "a", "key"]  # a bad remembered key: recomputed
    rows[3].append("extra")
    record.write_text(json.dumps(data), "ascii")
    reads.clear()
    assert to_json(reconcile([folder], options)) == cold
    assert len(reads) == 3


def test_files_written_just_now_are_not_recorded(tmp_path: Path, reads: list[str]) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder, copy_function=shutil.copyfile)  # modified now: a rewrite within
    # the file system's time resolution could go unseen
    options = Options(cache_dir=str(tmp_path / "cache"))
    reconcile([folder], options)
    reads.clear()
    reconcile([folder], options)
    assert len(reads) == 5


def test_one_more_article_redoes_only_its_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                reads: list[str]) -> None:
    gen = load_generator()
    folder = tmp_path / "corpus"
    gen.generate(60, folder, seed=8)
    for p in folder.rglob("*"):
        os.utime(p, (PAST, PAST))
    options = Options(cache_dir=str(tmp_path / "cache"), jobs=1)
    reconcile([folder], options)
    rel, text = gen.articles(61, seed=8)[-1]
    (folder / rel).write_text(text, "utf-8")
    extracted: list[str] = []
    aligned: list[int] = []
    checked: list[int] = []
    real_extract, real_align, real_check = parallel.extract_one, parallel.align, parallel.check_story

    def extract_one(source):  # type: ignore[no-untyped-def]
        extracted.append(source.id)
        return real_extract(source)

    def align(claims, *args):  # type: ignore[no-untyped-def]
        aligned.append(len({c.source for c in claims}))
        return real_align(claims, *args)

    def check_story(sources, *args):  # type: ignore[no-untyped-def]
        checked.append(len(sources))
        return real_check(sources, *args)

    monkeypatch.setattr(parallel, "extract_one", extract_one)
    monkeypatch.setattr(parallel, "align", align)
    monkeypatch.setattr(parallel, "check_story", check_story)
    reads.clear()
    warm = to_json(reconcile([folder], options))
    assert reads == [Path(rel).name]
    assert extracted == [Path(rel).stem]
    assert len(aligned) == 1 and len(checked) == 1 and checked[0] == aligned[0] >= 2
    monkeypatch.setattr(parallel, "extract_one", real_extract)
    monkeypatch.setattr(parallel, "align", real_align)
    monkeypatch.setattr(parallel, "check_story", real_check)
    assert warm == to_json(reconcile([folder], Options(jobs=1)))
    assert pipeline.PARALLEL_FROM  # (the corpus is large enough to be split into stories)


@pytest.mark.parametrize("setting", ["rules", "rates"])
def test_rules_and_rates_are_in_the_story_keys(tmp_path: Path, setting: str) -> None:
    """A cached story's alignment and rules are not reused under other rules or rates."""
    gen = load_generator()
    folder = tmp_path / "corpus"
    gen.generate(60, folder, seed=9)
    cache = str(tmp_path / "cache")
    plain = to_json(reconcile([folder], Options(cache_dir=cache, jobs=1)))
    other = tmp_path / "other.toml"
    if setting == "rules":
        other.write_text("[tolerance]\nerror_gap = 0.5\n[rules.arithmetic]\nenabled = false\n", "utf-8")
        options = {"rules_file": str(other)}
    else:
        other.write_text('[per_usd]\nEUR = 0.5\nGBP = 0.5\nJPY = 80.0\n', "utf-8")
        options = {"rates_file": str(other)}
    changed = to_json(reconcile([folder], Options(cache_dir=cache, jobs=1, **options)))
    assert changed == to_json(reconcile([folder], Options(jobs=1, **options)))
    assert changed != plain
    assert to_json(reconcile([folder], Options(cache_dir=cache, jobs=1))) == plain
