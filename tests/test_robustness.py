"""Bad input: every file an editor may find in a folder they did not curate.

Each case runs the real command (in-process through click's runner, or as a subprocess
where memory is measured) on real files in a temporary folder, next to one good article.
For each: one line on standard error naming the file and the reason, the run goes on with
the rest, the JSON and the HTML report list the skipped file and why, and the exit code is
the documented one (0 done, 1 --fail-on, 2 usage error).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import sys
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from click.testing import Result as CliResult

from reconciler.cli import main
from reconciler.models import Result
from reconciler.output.names import output_name
from reconciler.pipeline import reconcile
from reconciler.read import listing as sources_module
from reconciler.read import source as source_module
from reconciler.read.listing import MAX_FILE_BYTES, MAX_TEXT_CHARS
from reconciler.read.source import read_sources

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOOD_NAME = "good.txt"
GOOD = (SEEDS / "000_6291c126803fc765.txt").read_text("utf-8")
CLAIM_SENTENCE = "The project cost $294,000 and used 512 GPUs."
EXPECTED = {("$294,000", 294000.0), ("512 GPUs", 512.0)}
MEMORY_LIMIT_MB = 1536  # generous: these inputs need a few hundred MB


# ---------------------------------------------------------------------------------------
# helpers


def invoke(*args: str | os.PathLike[str]) -> CliResult:
    return CliRunner().invoke(main, [os.fspath(a) for a in args], catch_exceptions=False)


class _Text(HTMLParser):
    """The text a reader of the report sees (script and style excluded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def report_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def corpus_with(tmp_path: Path, files: dict[str, bytes] | None = None) -> Path:
    """``tmp_path/corpus`` holding the good article and ``files`` (name -> bytes)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / GOOD_NAME).write_text(GOOD, encoding="utf-8")
    for name, data in (files or {}).items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return corpus


def skip_lines(result: CliResult) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("skipped ")]


def outputs(out: Path, name: str = "corpus") -> tuple[dict[str, Any], str, list[dict[str, str]]]:
    data = json.loads((out / f"{name}.json").read_text("utf-8"))
    html = (out / f"{name}.html").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO((out / f"{name}.csv").read_text("utf-8"), newline="")))
    return data, html, rows


def assert_run_goes_on(tmp_path: Path, corpus: Path, skipped: dict[str, str], *extra: str,
                       code: int = 0) -> dict[str, Any]:
    """Run on ``corpus``; ``skipped`` maps each displayed path to a fragment of its reason."""
    out = tmp_path / "out"
    result = invoke(corpus, "--out", out, *extra)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = skip_lines(result)
    assert len(lines) == len(skipped), lines
    data, html, rows = outputs(out, corpus.name)
    listed = {s["path"]: s["reason"] for s in data["skipped"]}
    assert set(listed) == set(skipped), listed
    text = report_text(html)
    for path, fragment in skipped.items():
        reason = listed[path]
        assert fragment in reason, (path, reason)
        assert f"skipped {path}: {reason}" in lines  # one line naming the file and the reason
        assert "\n" not in path and "\n" not in reason
        assert path in text and reason in text  # the report lists it, as text
    assert data["summary"]["skipped"] == len(skipped)
    # the good article was read and its claims found
    good = [s for s in data["sources"] if s["path"].endswith(GOOD_NAME)]
    assert len(good) == 1
    assert any(c["source"] == good[0]["id"] and c["text"] == "$294,000" for c in data["claims"])
    assert len(rows) == len(data["claims"])
    return data


def one_source(path: Path) -> tuple[Result, Any]:
    result = reconcile([path])
    assert len(result.sources) == 1, result.skipped
    return result, result.sources[0]


def claims_found(result: Result) -> set[tuple[str, float]]:
    return {(c.text, c.value) for c in result.claims if isinstance(c.value, float)}


def assert_spans_quote_text(result: Result) -> None:
    texts = {s.id: s.text for s in result.sources}
    for c in result.claims:
        assert texts[c.source][c.start:c.end] == c.text, c


# ---------------------------------------------------------------------------------------
# files that are not articles: skipped, named, listed, and the run goes on


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("article.txt", CLAIM_SENTENCE)
    return buf.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + bytes(200)
PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf (The project cost $294,000) Tj ET\nendstream\n"
       b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

UNUSABLE = [
    pytest.param("empty.txt", b"", "empty file", id="empty"),
    pytest.param("blank.md", b" \n\t\r\n  \xc2\xa0 \n", "empty file", id="whitespace-only"),
    pytest.param("blank16.txt", b"\xff\xfe" + " \r\n\t ".encode("utf-16-le"), "empty file", id="utf16-whitespace"),
    pytest.param("photo.txt", PNG, "binary file (PNG image)", id="png-as-txt"),
    pytest.param("bundle.html", _zip(), "binary file (ZIP archive)", id="zip-as-html"),
    pytest.param("scan.txt", PDF, "binary file (PDF)", id="pdf-renamed-txt"),
    pytest.param("scan.pdf", PDF, "broken PDF: startxref not found", id="pdf"),
    pytest.param("story.docx", _zip(), "broken Word document: \"There is no item named '[Content_Types].xml' in the "
                 "archive\"", id="docx"),
    pytest.param("story.odt", _zip(), "unsupported format: odt (save the article as text, HTML, PDF or .docx)",
                 id="odt"),
    pytest.param("noise.txt", bytes(range(32)) * 64, "binary file", id="control-bytes"),
    pytest.param("chrome.html", b"<html><head><title>Home</title><script>var n = 5;</script></head>"
                 b"<body><!-- 3 --></body></html>", "no article text in HTML", id="html-without-article"),
]


@pytest.mark.parametrize(("name", "data", "reason"), UNUSABLE)
def test_unusable_file_is_skipped_and_the_run_goes_on(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    corpus = corpus_with(tmp_path, {name: data})
    assert_run_goes_on(tmp_path, corpus, {f"corpus/{name}": reason})


def test_unusable_files_named_directly(tmp_path: Path) -> None:
    """Files named on the command line are read whatever their extension: a PDF is read as one."""
    corpus = corpus_with(tmp_path, {"scan.pdf": PDF, "photo.png": PNG})
    result = invoke(corpus / GOOD_NAME, corpus / "scan.pdf", corpus / "photo.png", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert skip_lines(result) == [
        "skipped photo.png: binary file (PNG image)", "skipped scan.pdf: broken PDF: startxref not found"]


def test_only_unusable_files_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(PNG)
    result = invoke(folder, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [  # one line: where it looked, and why each file failed
        f"Error: no readable article in {folder} (skipped bad/empty.txt: empty file; "
        "bad/photo.txt: binary file (PNG image))"
    ]
    assert not (tmp_path / "out").exists()


def test_fail_on_still_applies_with_skipped_files(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path, {"empty.txt": b""})
    for name in ("001_2f2dc4b0e48d62cc.txt", "004_95a5bb0fb473f029.txt"):
        shutil.copy(SEEDS / name, corpus / name)
    assert_run_goes_on(tmp_path, corpus, {"corpus/empty.txt": "empty file"}, "--fail-on", "error", code=1)


# ---------------------------------------------------------------------------------------
# text in other encodings: decoded correctly, not skipped, and its claims found

ZH_HANS = "据新华社报道，研究团队周四表示：“{}”这一数字低于外界预期。该模型已在多个城市投入使用。"
ZH_HANT = "據中央社報導，研究團隊週四表示：「{}」這一數字低於外界預期。該模型已在多個城市投入使用。"
JA = "共同通信によると、研究チームは木曜日に「{}」と述べた。この数字は予想を下回った。"
KO = "연합뉴스에 따르면 연구팀은 목요일 \"{}\" 라고 밝혔다. 이 수치는 예상보다 낮았다."
RU = "По данным команды, «{}» Стоимость оказалась ниже ожиданий аналитиков в Москве."
FR = "Selon l'équipe, « {} » Le coût dépasse à peine celui d'une voiture de sport à Zürich, déjà été."
DE = "Laut dem Team: »{}« Die Kosten für das Modell überraschten viele Beobachter in München."
EN = "Report\n\n{} Training took about four days.\n"

ENCODED = [
    pytest.param(ZH_HANS, "gbk", {"gb18030", "gbk"}, id="gbk"),
    pytest.param(ZH_HANS + "䶮𠀀", "gb18030", {"gb18030"}, id="gb18030"),
    pytest.param(ZH_HANT, "big5", {"big5", "cp950", "big5hkscs"}, id="big5"),
    pytest.param(JA, "shift_jis", {"shift_jis", "cp932"}, id="shift-jis"),
    pytest.param(KO, "euc_kr", {"cp949", "euc_kr"}, id="euc-kr"),
    pytest.param(RU, "cp1251", {"cp1251"}, id="cp1251"),
    pytest.param(FR, "latin-1", {"cp1252", "iso8859-1", "iso8859-15"}, id="latin-1-fr"),
    pytest.param(DE, "latin-1", {"cp1252", "iso8859-1", "iso8859-15"}, id="latin-1-de"),
    pytest.param(EN, "utf-16", {"utf-16-le"}, id="utf-16-bom"),  # Python writes a BOM, little-endian
    pytest.param(EN, "utf-16-le", {"utf-16-le"}, id="utf-16-le-no-bom"),
    pytest.param(EN, "utf-16-be", {"utf-16-be"}, id="utf-16-be-no-bom"),
    pytest.param(ZH_HANS, "utf-16-le", {"utf-16-le"}, id="utf-16-le-cjk-no-bom"),
    pytest.param("\ufeff" + ZH_HANS, "utf-16-be", {"utf-16-be"}, id="utf-16-be-cjk-bom"),
    pytest.param("\ufeff" + FR, "utf-8", {"utf-8-sig"}, id="utf-8-bom"),
]


@pytest.mark.parametrize(("template", "encoding", "accepted"), ENCODED)
def test_encoded_text_is_decoded_and_its_claims_found(tmp_path: Path, template: str, encoding: str,
                                                      accepted: set[str]) -> None:
    text = template.format(CLAIM_SENTENCE)
    path = tmp_path / "corpus" / "article.txt"
    path.parent.mkdir()
    path.write_bytes(text.encode(encoding))
    result, source = one_source(path.parent)
    assert source.encoding in accepted, source.notes
    assert source.text == text.removeprefix("\ufeff")
    assert claims_found(result) >= EXPECTED
    assert_spans_quote_text(result)


CJK_GLUED = [
    pytest.param("该项目耗资$294,000，使用了512块GPU。", "gbk", id="gbk"),
    pytest.param("該項目耗資$294,000，使用了512塊GPU。", "big5", id="big5"),
    pytest.param("このプロジェクトの費用は$294,000で、512基のGPUを使用した。", "shift_jis", id="shift-jis"),
]


@pytest.mark.parametrize(("text", "encoding"), CJK_GLUED)
def test_cjk_text_with_ascii_digits_glued(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes((text * 3).encode(encoding))
    result, source = one_source(path)
    assert source.text == text * 3  # decoding is right: this part passes
    assert {294000.0, 512.0} <= {c.value for c in result.claims}


def test_mixed_line_endings(tmp_path: Path) -> None:
    raw = (b"Report\r\n\r\nThe project cost $294,000\rand used 512 GPUs.\n"
           b"Training took 80 hours.\r\n\rIt ran in 2025.")
    path = tmp_path / "mixed.txt"
    path.write_bytes(raw)
    result, source = one_source(path)
    assert source.text == raw.decode().replace("\r\n", "\n").replace("\r", "\n")
    assert "line endings normalised to \\n" in source.notes
    assert {("$294,000", 294000.0), ("512 GPUs", 512.0), ("80 hours", 80.0)} <= claims_found(result)
    assert_spans_quote_text(result)


def test_nul_bytes(tmp_path: Path) -> None:
    raw = b"Report\x00\n\nThe project cost $294,000\x00and used 512 GPUs.\x00\x00\n"
    path = tmp_path / "nul.txt"
    path.write_bytes(raw)
    result, source = one_source(path)
    assert "\x00" not in source.text and len(source.text) == len(raw)
    assert any("NUL" in n for n in source.notes)
    assert claims_found(result) >= EXPECTED
    assert_spans_quote_text(result)


# ---------------------------------------------------------------------------------------
# files and folders that misbehave


def test_named_pipe_does_not_hang(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path)
    os.mkfifo(corpus / "pipe.txt")
    assert_run_goes_on(tmp_path, corpus, {"corpus/pipe.txt": "not a regular file (a named pipe)"})
    result = invoke(corpus / "pipe.txt", corpus / GOOD_NAME, "--out", tmp_path / "out2")  # named directly
    assert skip_lines(result) == ["skipped pipe.txt: not a regular file (a named pipe)"]


def test_broken_symlink_and_file_symlink_loop(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path)
    os.symlink(tmp_path / "nowhere.txt", corpus / "gone.txt")
    os.symlink("loop.txt", corpus / "loop.txt")
    assert_run_goes_on(tmp_path, corpus, {"corpus/gone.txt": "broken symlink", "corpus/loop.txt": "symlink loop"})


def test_folder_symlink_loop(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path, {"sub/inner.txt": GOOD.encode()})
    os.symlink(corpus, corpus / "sub" / "up")  # a folder linking to its parent
    os.symlink(corpus / "sub", corpus / "again")  # a second route into sub/
    data = assert_run_goes_on(tmp_path, corpus, {})
    assert [s["path"] for s in data["sources"]] == ["corpus/good.txt", "corpus/sub/inner.txt"]


def test_deeply_nested_folders(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path)
    deep = corpus.joinpath(*["level"] * 300)
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(CLAIM_SENTENCE, encoding="utf-8")
    data = assert_run_goes_on(tmp_path, corpus, {})
    assert any(s["path"].endswith("/level/deep.txt") and s["path"].count("/") == 301 for s in data["sources"])


def test_folders_nested_beyond_the_path_limit(tmp_path: Path) -> None:
    """A tree deeper than PATH_MAX (4096 bytes): the part beyond it is named and skipped."""
    corpus = corpus_with(tmp_path)
    name = "n" * 200
    fd = os.open(corpus, os.O_RDONLY)
    for _ in range(21):  # 21 x 201 bytes: past 4096 wherever tmp_path is; made one step at a time
        os.mkdir(name, dir_fd=fd)
        inner = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(fd)
    out = tmp_path / "out"
    try:
        result = invoke(corpus, "--out", out)
        assert result.exit_code == 0, result.output
        data, _, _ = outputs(out)
        assert [s["path"] for s in data["sources"]] == ["corpus/good.txt"]
        [skip] = data["skipped"]
        assert skip["path"].startswith(f"corpus/{name}/{name}/") and "File name too long" in skip["reason"]
        assert skip_lines(result) == [f"skipped {skip['path']}: {skip['reason']}"]
    finally:
        shutil.rmtree(corpus / name, ignore_errors=True)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = corpus_with(tmp_path, {"locked.txt": GOOD.encode()})
    locked = corpus / "locked.txt"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads it whatever its mode: it is an article
            data = assert_run_goes_on(tmp_path, corpus, {})
            assert any(s["path"] == "corpus/locked.txt" for s in data["sources"])
        else:
            assert_run_goes_on(tmp_path, corpus, {"corpus/locked.txt": "cannot read: Permission denied"})
    finally:
        locked.chmod(0o644)
    # the refused read itself, whoever runs the tests: open() fails with EACCES
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(source_module.os, "open", refusing_open)
    shutil.rmtree(tmp_path / "out")
    assert_run_goes_on(tmp_path, corpus, {"corpus/locked.txt": "cannot read: Permission denied"})


def test_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = corpus_with(tmp_path, {"private/inside.txt": GOOD.encode()})
    real_scandir = os.scandir

    def refusing_scandir(path: Any = ".") -> Any:
        if os.fspath(path).endswith("private"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(sources_module.os, "scandir", refusing_scandir)
    assert_run_goes_on(tmp_path, corpus, {"corpus/private": "cannot read folder: Permission denied"})


def _after_listing(monkeypatch: pytest.MonkeyPatch, action: Any) -> None:
    """Run ``action`` once every folder has been listed, before any file is read."""
    real_expand = sources_module._expand

    def expand(arg: str, skipped: list[Any]) -> Iterator[Any]:
        yield from real_expand(arg, skipped)
        action()

    monkeypatch.setattr(sources_module, "_expand", expand)


def test_file_disappears_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = corpus_with(tmp_path, {"vanishing.txt": GOOD.encode()})
    _after_listing(monkeypatch, (corpus / "vanishing.txt").unlink)
    assert_run_goes_on(tmp_path, corpus, {"corpus/vanishing.txt": "cannot read: No such file or directory"})


def test_file_replaced_by_a_pipe_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Listed as a file, opened as a named pipe: refused at once, never waited on."""
    corpus = corpus_with(tmp_path, {"swapped.txt": GOOD.encode()})

    def swap() -> None:
        (corpus / "swapped.txt").unlink()
        os.mkfifo(corpus / "swapped.txt")

    _after_listing(monkeypatch, swap)
    assert_run_goes_on(tmp_path, corpus, {"corpus/swapped.txt": "not a regular file (a named pipe)"})


HOSTILE_NAMES = [
    "with spaces in it.txt",
    "quotes \"double\" and 'single'.txt",
    "new\nline.txt",
    "tab\tand\rreturn.md",
    "中文报道 2025.txt",
    "Ελληνικά.md",
    "عربي.html",
    "rtl\u202etxt.exe.txt",
    "zero\u200bwidth.txt",
    "<img src=x onerror=alert(1)>.txt",
]


def test_names_with_spaces_quotes_newlines_and_other_scripts(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in HOSTILE_NAMES:
        data = f"<p>{CLAIM_SENTENCE}</p>" if name.endswith(".html") else CLAIM_SENTENCE
        (corpus / name).write_text(data, encoding="utf-8")
        (corpus / f"empty {name}").write_bytes(b"")
    (corpus / GOOD_NAME).write_text(GOOD, encoding="utf-8")
    expected_skips = {
        "corpus/" + sources_module.printable(f"empty {name}"): "empty file" for name in HOSTILE_NAMES
    }
    data = assert_run_goes_on(tmp_path, corpus, expected_skips)
    shown = {s["path"] for s in data["sources"]}
    assert shown == {"corpus/" + sources_module.printable(n) for n in [*HOSTILE_NAMES, GOOD_NAME]}
    assert "corpus/new\\nline.txt" in shown and "corpus/rtl\\u202etxt.exe.txt" in shown
    assert "corpus/中文报道 2025.txt" in shown and "corpus/quotes \"double\" and 'single'.txt" in shown
    for s in data["sources"]:  # every article's claims were found
        assert any(c["source"] == s["id"] and c["value"] == 294000 for c in data["claims"]), s["path"]
    assert len({s["id"] for s in data["sources"]}) == len(data["sources"])


def test_name_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path)
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9 latin-1 name.txt"), "wb") as fh:
        fh.write(CLAIM_SENTENCE.encode())
    with open(os.path.join(os.fsencode(corpus), b"empty \xff.txt"), "wb"):
        pass
    data = assert_run_goes_on(tmp_path, corpus, {"corpus/empty \\xff.txt": "empty file"})
    assert "corpus/caf\\xe9 latin-1 name.txt" in {s["path"] for s in data["sources"]}


def test_same_article_twice(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path)
    shutil.copy(SEEDS / "001_2f2dc4b0e48d62cc.txt", corpus / "other.txt")
    # the same file named twice, and reached again through its folder: read once
    out = tmp_path / "out"
    result = invoke(corpus / GOOD_NAME, corpus / GOOD_NAME, corpus, "--out", out)
    assert result.exit_code == 0, result.output
    data, _, _ = outputs(out, output_name(corpus / GOOD_NAME, out))  # a file away from out/: good-HASH
    assert sorted(s["path"] for s in data["sources"]) == ["corpus/other.txt", "good.txt"]
    # a copy under another name: read, and marked as a near-duplicate of the original
    shutil.copy(corpus / GOOD_NAME, corpus / "copy of good.txt")
    result_copy = reconcile([corpus])
    ids = {s.path: s.id for s in result_copy.sources}
    assert len(result_copy.sources) == 3
    assert any({ids["corpus/good.txt"], ids["corpus/copy of good.txt"]} <= set(group)
               for group in result_copy.copies)


def test_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke(empty, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: no readable article in {empty}"
    assert not (tmp_path / "out").exists()
    corpus = corpus_with(tmp_path)
    (corpus / "nothing here").mkdir()
    assert_run_goes_on(tmp_path, corpus, {})  # beside articles, an empty folder is no problem


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path)
    missing = tmp_path / "no such folder"
    out = tmp_path / "out"
    for args in ([missing], [corpus, missing]):
        result = invoke(*args, "--out", out)
        assert result.exit_code == 2
        assert result.stderr.strip() == f"Error: path not found: {missing}"
        assert not out.exists()  # a usage error writes nothing


@pytest.mark.parametrize("rates", ["missing-rates.toml", "bad-rates.toml"])
def test_unusable_rates_file_is_a_usage_error(tmp_path: Path, rates: str) -> None:
    corpus = corpus_with(tmp_path)
    (tmp_path / "bad-rates.toml").write_text("[per_usd\nCNY = ", encoding="utf-8")
    result = CliRunner().invoke(main, [str(corpus), "--rates", str(tmp_path / rates), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and rates in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_exit_codes_are_documented() -> None:
    help_text = invoke("--help").output
    assert "Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage error" in help_text
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## What it does with bad input", 1)[1].split("\n## ", 1)[0]
    for code in ("`0`", "`1`", "`2`"):
        assert code in section


# ---------------------------------------------------------------------------------------
# huge inputs: bounded memory, bounded time (subprocesses, so peak memory can be measured)


def test_a_50_mb_article_is_refused_in_bounded_memory(tmp_path: Path, reconcile_cmd: Any) -> None:
    corpus = corpus_with(tmp_path)
    unit = (GOOD + "\n\n").encode()
    with open(corpus / "dump.txt", "wb") as fh:
        for _ in range(50_000_000 // len(unit) + 1):
            fh.write(unit)
    size = (corpus / "dump.txt").stat().st_size
    assert 50_000_000 <= size <= MAX_FILE_BYTES
    run = reconcile_cmd(corpus, "--out", "out", "-q", cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    data = json.loads((tmp_path / "out" / "corpus.json").read_text("utf-8"))
    [skip] = data["skipped"]
    assert skip["path"] == "corpus/dump.txt" and skip["reason"].startswith("too long: ")
    assert f"{MAX_TEXT_CHARS:,}" in skip["reason"]
    assert run.stderr.strip() == f"skipped corpus/dump.txt: {skip['reason']}"
    assert run.peak_rss_mb < MEMORY_LIMIT_MB, run.peak_rss_mb
    print(f"50 MB article: {run.seconds:.1f} s, peak {run.peak_rss_mb:.0f} MB", file=sys.stderr)


def test_a_file_beyond_the_size_limit_is_not_read(tmp_path: Path, reconcile_cmd: Any) -> None:
    corpus = corpus_with(tmp_path)
    with open(corpus / "huge.txt", "wb") as fh:  # sparse: costs no disk
        fh.truncate(100_000_000)
    run = reconcile_cmd(corpus, "--out", "out", "-q", cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith("skipped corpus/huge.txt: too large: 100.0 MB (the limit is 64 MB)")
    assert run.peak_rss_mb < 400, run.peak_rss_mb  # never read into memory


def test_a_single_5_mb_line(tmp_path: Path, reconcile_cmd: Any) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    line = " ".join(GOOD.split())
    with open(corpus / "oneline.txt", "w", encoding="utf-8") as fh:
        for _ in range(5_000_000 // len(line) + 1):
            fh.write(line + " ")
    assert "\n" not in (corpus / "oneline.txt").read_text("utf-8")
    run = reconcile_cmd(corpus, "--out", "out", "-q", cwd=tmp_path, timeout=600)
    assert run.returncode == 0, run.stderr
    data = json.loads((tmp_path / "out" / "corpus.json").read_text("utf-8"))
    assert data["summary"]["sources"] == 1 and data["skipped"] == []
    assert data["summary"]["claims"] > 1000
    assert run.peak_rss_mb < MEMORY_LIMIT_MB, run.peak_rss_mb
    print(f"5 MB line: {run.seconds:.1f} s, peak {run.peak_rss_mb:.0f} MB", file=sys.stderr)


def test_ten_thousand_tiny_files(tmp_path: Path, reconcile_cmd: Any) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10_000):
        (corpus / f"n{i:05d}.txt").write_text(f"Note {i}\n\nThe depot held {i % 89 + 3} crates.\n", encoding="utf-8")
    run = reconcile_cmd(corpus, "--out", "out", "-q", cwd=tmp_path, timeout=900)
    assert run.returncode == 0, run.stderr
    data = json.loads((tmp_path / "out" / "corpus.json").read_text("utf-8"))
    assert data["summary"]["sources"] == 10_000 and data["skipped"] == []
    assert len({s["id"] for s in data["sources"]}) == 10_000
    assert run.peak_rss_mb < MEMORY_LIMIT_MB, run.peak_rss_mb
    print(f"10,000 files: {run.seconds:.1f} s, peak {run.peak_rss_mb:.0f} MB", file=sys.stderr)


def test_a_large_saved_web_page_with_a_short_article(tmp_path: Path, reconcile_cmd: Any) -> None:
    """'Save page as' inlines images: 40 MB of page, a few lines of article."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    blob = "iVBORw0KGgo" * 3_600_000
    page = (f"<!doctype html><html><head><title>Bridge</title><style>.x{{}}</style></head><body>"
            f"<nav>Home</nav><article><h1>Bridge</h1><p>{CLAIM_SENTENCE}</p>"
            f'<img src="data:image/png;base64,{blob}"></article><script>var d = "{blob[:1000000]}";</script>'
            f"</body></html>")
    (corpus / "page.html").write_text(page, encoding="utf-8")
    run = reconcile_cmd(corpus, "--out", "out", "-q", cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    data = json.loads((tmp_path / "out" / "corpus.json").read_text("utf-8"))
    assert {(c["text"], c["value"]) for c in data["claims"]} >= EXPECTED
    assert run.peak_rss_mb < MEMORY_LIMIT_MB, run.peak_rss_mb


def test_read_sources_never_raises_on_a_mixed_folder(tmp_path: Path) -> None:
    """Everything above at once, through the library: nothing raises, every file accounted for."""
    corpus = corpus_with(tmp_path, {name: data for name, data, _ in (p.values for p in UNUSABLE)})
    os.mkfifo(corpus / "pipe.txt")
    os.symlink("loop.txt", corpus / "loop.txt")
    found, skipped = read_sources([corpus])
    assert [s.path for s in found] == ["corpus/good.txt"]
    assert len(skipped) == len(UNUSABLE) + 2
    assert skipped == sorted(skipped, key=lambda s: (s.path, s.reason))
