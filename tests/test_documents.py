"""PDF and Word documents: read as the same article as its text file, page numbers kept, bad
files named with a reason while the run goes on. Every file is built on the fly: a PDF printed
by headless Chromium (its print header and footer on, as an editor's "Save as PDF" has them),
a .docx written by python-docx, broken and locked ones by pypdf and zipfile."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, SEEDS, in_ci

from reconciler import reconcile
from reconciler.output.result import to_dict
from reconciler.read.listing import UnreadableSource
from reconciler.read.source import read_source

SEED = "000_6291c126803fc765"


def print_pdf(page_html: str, out: Path) -> Path:
    """``page_html`` printed to ``out`` by headless Chromium (date, title, URL and page footer on)."""
    import os

    if not os.access(CHROMIUM, os.X_OK):
        if in_ci():
            pytest.fail(f"no browser at {CHROMIUM} to print PDFs in CI", pytrace=False)
        pytest.skip(f"no browser at {CHROMIUM}")
    src = out.with_suffix(".src.html")
    src.write_text(page_html, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", *CHROMIUM_ARGS, f"--print-to-pdf={out}", src.as_uri()],
                   check=True, capture_output=True, timeout=120)
    src.unlink()
    return out


def as_html(text: str, style: str = "") -> str:
    paras = [p.strip() for p in text.splitlines() if p.strip()]  # one paragraph a line, as the seeds have
    body = f"<h1>{html.escape(paras[0])}</h1>" + "".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    return (f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(paras[0])}</title>"
            f"<style>{style}</style></head><body>{body}</body></html>")


def write_docx(text: str, out: Path, table: list[list[str]] | None = None, company: str = "") -> Path:
    from docx import Document

    doc = Document()
    paras = [p.strip() for p in text.splitlines() if p.strip()]  # one paragraph a line, as the seeds have
    doc.add_heading(paras[0], level=1)
    for p in paras[1:]:
        doc.add_paragraph(p)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    doc.core_properties.title = paras[0][:255]
    doc.save(str(out))
    if company:  # the extended properties python-docx does not write: the publisher's name
        _add_company(out, company)
    return out


def _add_company(path: Path, company: str) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/app.xml":
                data = data.replace(b"</Properties>", f"<Company>{company}</Company></Properties>".encode())
            dst.writestr(item, data)
    path.write_bytes(buf.getvalue())


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds as text; and again with one seed as a PDF, and as a .docx, instead."""
    out: dict[str, Path] = {}
    for name in ("txt", "pdf", "docx"):
        folder = tmp_path_factory.mktemp(name)
        for f in sorted(SEEDS.glob("*.txt")):
            if name == "txt" or f.stem != SEED:
                shutil.copy(f, folder / f.name)
        out[name] = folder
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    print_pdf(as_html(text), out["pdf"] / f"{SEED}.pdf")
    write_docx(text, out["docx"] / f"{SEED}.docx")
    return out


def _claims(result: Any, sid: str) -> list[tuple[Any, ...]]:
    return [(c.text, c.value, c.unit, c.kind, c.qualifier, c.low, c.high) for c in result.claims if c.source == sid]


def _findings(result: Any) -> list[tuple[Any, ...]]:
    return sorted((f.rule, f.severity, f.message, f.suggested, f.explanation) for f in result.findings)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_seed_document_reads_as_its_text_file(corpora: dict[str, Path], fmt: str) -> None:
    want = reconcile([corpora["txt"]])
    got = reconcile([corpora[fmt]])
    source = next(s for s in got.sources if s.id == SEED)
    assert source.format == fmt
    assert source.title == next(s for s in want.sources if s.id == SEED).title
    assert _claims(got, SEED) == _claims(want, SEED)
    assert len(_claims(got, SEED)) > 10
    assert _findings(got) == _findings(want)
    assert not got.skipped


def test_seed_pdf_claims_carry_their_page(corpora: dict[str, Path]) -> None:
    result = reconcile([corpora["pdf"]])
    source = next(s for s in result.sources if s.id == SEED)
    assert len(source.pages) == 3  # Chromium prints the seed on three pages
    assert "file:" not in source.text and "1/3" not in source.text  # the print footer is not read
    claims = [c for c in to_dict(result)["claims"] if c["source"] == SEED]
    pages = {c["page"] for c in claims}
    assert pages == {1, 2}  # the third page holds the last lines, no figure
    for c in claims:
        assert c["located"] == "text"
        assert source.pages[c["page"] - 1] <= c["start"] < (*source.pages, len(source.text))[c["page"]]
    other = [c for c in to_dict(result)["claims"] if c["source"] != SEED]
    assert other and all(c["page"] is None for c in other)


def test_docx_table_rows_and_company_outlet(tmp_path: Path) -> None:
    text = "Flood barrier opens\n\nThe barrier cost $40 million and took 3 years to build."
    path = write_docx(text, tmp_path / "a.docx", table=[["Gates", "Height"], ["12", "8 m"]], company="Harbor Wire")
    source = read_source(path, "a.docx")
    assert source.text.splitlines() == [
        "Flood barrier opens", "The barrier cost $40 million and took 3 years to build.", "Gates Height", "12 8 m"]
    assert (source.title, source.outlet, source.format) == ("Flood barrier opens", "Harbor Wire", "docx")


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(612, 792)
    w.add_blank_page(612, 792)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _locked_pdf(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    w.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _docm(tmp_path: Path) -> bytes:
    with tempfile.TemporaryDirectory() as work:
        path = write_docx("Title\n\nThe dam holds 5 million litres.", Path(work) / "m.docx")
        return _macro_enabled(path)


def _macro_enabled(path: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml").replace(
                    b"wordprocessingml.document.macroEnabled", b"ms-word.document.macroEnabled")
            dst.writestr(item, data)
        dst.writestr("word/vbaProject.bin", b"\0" * 16)
    return buf.getvalue()


BAD_FILES = {  # name: (file name, bytes maker, start of the reason)
    "scanned pdf": ("scan.pdf", lambda tmp, pdf: _blank_pdf(), "scanned PDF: no text layer on its 2 page(s)"),
    "encrypted pdf": ("locked.pdf", lambda tmp, pdf: _locked_pdf(pdf), "encrypted PDF: it needs a password"),
    "truncated pdf": ("cut.pdf", lambda tmp, pdf: pdf[:400], "broken PDF"),
    "not a pdf": ("fake.pdf", lambda tmp, pdf: b"<p>The levee held 14 hours.</p>", "broken PDF: the file does not"),
    "broken docx": ("bad.docx", lambda tmp, pdf: b"PK\x03\x04 not really a zip", "broken Word document"),
    "docx of plain text": ("plain.docx", lambda tmp, pdf: b"The levee held for 14 hours.", "broken Word document"),
    "macro-enabled docm": ("macro.docm", lambda tmp, pdf: _docm(tmp), "macro-enabled Word document (.docm)"),
}


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("small")
    return print_pdf(as_html("Levee report\n\nThe levee held for 14 hours on Tuesday."), folder / "s.pdf").read_bytes()


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_documents_are_skipped_with_a_reason(tmp_path: Path, small_pdf: bytes, case: str) -> None:
    name, make, reason = BAD_FILES[case]
    (tmp_path / name).write_bytes(make(tmp_path, small_pdf))
    (tmp_path / "ok.txt").write_text("Levee\n\nThe levee held for 14 hours.", encoding="utf-8")
    with pytest.raises(UnreadableSource) as e:
        read_source(tmp_path / name, name)
    assert e.value.reason.startswith(reason), e.value.reason
    result = reconcile([tmp_path])  # the run goes on, the file named with its reason
    assert [s.id for s in result.sources] == ["ok"]
    assert [(s.path, s.reason) for s in result.skipped] == [(f"{tmp_path.name}/{name}", e.value.reason)]


def test_pdf_locked_only_against_editing_is_read(tmp_path: Path, small_pdf: bytes) -> None:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf)))
    w.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    w.write(tmp_path / "open.pdf")
    assert "14 hours" in read_source(tmp_path / "open.pdf", "open.pdf").text


LAYOUT = """<!doctype html><html><head><meta charset=utf-8><title>Two columns</title>
<style>body{font:12px serif} .cols{column-count:2;column-gap:4em} .w{width:84px}</style></head><body>
<h1>Harbor dredging plan</h1><div class=cols>
<p>The port authority approved dredging of the north channel on Monday after a long review.</p>
<p>Crews will remove 1.2 million cubic metres of silt over 18 months, the authority said in a statement.</p>
<p>The work is expected to cost $45.5 million, paid from harbour fees and a state grant of $9 million.</p>
<p>Ships drawing up to 14 metres will be able to enter at low tide once the channel is finished.</p>
<p>Fishing crews asked for a pause during the spawning season from April to June each year.</p>
<p>The authority said it would publish a schedule of closures two weeks before work begins.</p>
</div><p>The chairman called it a once-in-a-generation project.</p><p class=w>Dredging ex&shy;pansion</p>
</body></html>"""


def test_pdf_two_columns_and_broken_words(tmp_path: Path) -> None:
    source = read_source(print_pdf(LAYOUT, tmp_path / "cols.pdf"), "cols.pdf")
    lines = source.text.splitlines()
    assert lines[0] == "Harbor dredging plan"
    for para in (
        "Crews will remove 1.2 million cubic metres of silt over 18 months, the authority said in a statement.",
        "The work is expected to cost $45.5 million, paid from harbour fees and a state grant of $9 million."):
        assert para in lines
    assert lines.index("The authority said it would publish a schedule of closures two weeks before work begins.") \
        > lines.index("The port authority approved dredging of the north channel on Monday after a long review.")
    assert lines[-2:] == ["The chairman called it a once-in-a-generation project.", "Dredging expansion"]


def test_report_quotes_name_the_pdf_page(corpora: dict[str, Path]) -> None:
    from reconciler.report import render_html

    result = reconcile([corpora["pdf"]])
    page_html = render_html(result)
    paths = re.findall(r'<span class="path">([^<]*)</span>', page_html)
    pdf_refs = [p for p in paths if p.startswith(f"{corpora['pdf'].name}/{SEED}.pdf")]
    quoted = [p for p in pdf_refs if p != f"{corpora['pdf'].name}/{SEED}.pdf"]  # not the source's own heading
    assert len(pdf_refs) - len(quoted) == 1
    assert quoted and all(re.fullmatch(r".*\.pdf, p\. [12]", p) for p in quoted), quoted
    assert not any(", p. " in p for p in paths if ".txt" in p)


def test_pdf_with_a_scanned_page_is_read_and_noted(tmp_path: Path, small_pdf: bytes) -> None:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf)))
    w.add_blank_page(612, 792)
    w.write(tmp_path / "mixed.pdf")
    source = read_source(tmp_path / "mixed.pdf", "mixed.pdf")
    assert "14 hours" in source.text
    assert "pdf: no text layer on page(s) 2 (scanned?)" in source.notes


def test_docx_that_unpacks_too_large_is_not_inflated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reconciler.read import word

    path = write_docx("Title\n\nThe dam holds 5 million litres.", tmp_path / "a.docx")
    monkeypatch.setattr(word, "MAX_UNPACKED", 1000)
    with pytest.raises(UnreadableSource, match=r"^too large: the Word document unpacks to"):
        read_source(path, "a.docx")


def test_pdf_cipher_without_its_package_says_so(tmp_path: Path, small_pdf: bytes,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """An AES-locked PDF where ``cryptography`` is missing: not "needs a password" (it may not)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import DependencyError

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf)))
    w.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    w.write(tmp_path / "aes.pdf")

    def no_aes(self: Any, password: str) -> Any:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_aes)
    with pytest.raises(UnreadableSource, match=r"^encrypted PDF: cannot decrypt it \(cryptography>=3\.1 is required"):
        read_source(tmp_path / "aes.pdf", "aes.pdf")


TABLE = """<!doctype html><html lang=en><head><meta charset=utf-8><title>Budget</title>
<style>body{font:13px serif;text-align:justify;width:30em} td{padding:2px 12px}</style></head><body>
<h1>City budget passes</h1>
<p>The council approved a budget of $1.42 billion on Monday, up 3.5% from last year, after a debate that ran
past midnight and included dozens of amendments from councillors on both sides.</p>
<table><tr><th>Item</th><th>2024</th><th>2025</th></tr><tr><td>Police</td><td>$310 million</td><td>$322 million</td>
</tr><tr><td>Parks</td><td>$41 million</td><td>$44 million</td></tr></table>
<p>Internationalization of procurement and characteristically uncompromising representatives notwithstanding,
the extraordinarily comprehensive reorganization will take 18 months.</p></body></html>"""


def test_pdf_table_rows_stay_rows_and_justified_lines_join(tmp_path: Path) -> None:
    lines = read_source(print_pdf(TABLE, tmp_path / "t.pdf"), "t.pdf").text.splitlines()
    assert lines[2:5] == ["Item 2024 2025", "Police $310 million $322 million", "Parks $41 million $44 million"]
    assert lines[5] == ("Internationalization of procurement and characteristically uncompromising representatives "
                        "notwithstanding, the extraordinarily comprehensive reorganization will take 18 months.")
