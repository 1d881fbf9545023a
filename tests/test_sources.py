"""The read stage: files and folders -> Source records (tables of input -> expected)."""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reconciler.extract import extract_claims
from reconciler.models import Source
from reconciler.read import boilerplate as sources_module
from reconciler.read.boilerplate import skip_ranges
from reconciler.read.decode import decode_bytes
from reconciler.read.html import extract_html, strip_tags
from reconciler.read.listing import NoInput, UnreadableSource
from reconciler.read.metadata import find_date
from reconciler.read.source import read_source, read_sources
from reconciler.read.verbatim import file_span

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
KEY_BRIDGE = SHARED / "corpora" / "key-bridge"
LLAMA = SHARED / "corpora" / "llama-405b"

needs_corpora = pytest.mark.skipif(
    not KEY_BRIDGE.is_dir() or not LLAMA.is_dir(), reason="shared/corpora not beside the repo"
)


def read_one(path: Path) -> Source:
    sources, skipped = read_sources([path])
    assert not skipped, skipped
    assert len(sources) == 1
    return sources[0]


def skipped_texts(s: Source) -> list[str]:
    return [s.text[a:b] for a, b in s.skip]


def is_skipped(s: Source, needle: str) -> bool:
    """Every occurrence of ``needle`` in the text lies inside a skip range."""
    start = s.text.find(needle)
    assert start >= 0, f"{needle!r} not in text"
    while start >= 0:
        end = start + len(needle)
        if not any(a <= start and end <= b for a, b in s.skip):
            return False
        start = s.text.find(needle, start + 1)
    return True


# --------------------------------------------------------------------------------------
# Decoding: bytes -> (text, encoding, notes)
# --------------------------------------------------------------------------------------

ZH_HANS = (
    "弗朗西斯·斯科特·基大桥于2024年3月26日凌晨倒塌，六名工人遇难。马里兰州交通部门估计，"
    "重建新桥需要17亿至19亿美元，预计2028年秋季完工。保险公司可能需要赔付35亿美元。"
)
ZH_HANT = (
    "弗朗西斯·斯科特·基大橋於2024年3月26日凌晨倒塌，六名工人遇難。馬里蘭州交通部門估計，"
    "重建新橋需要17億至19億美元，預計2028年秋季完工。保險公司可能需要賠付35億美元。"
)
JA = (
    "ボルチモアのキーブリッジが2024年3月26日に崩落し、作業員6人が死亡した。メリーランド州の"
    "交通当局は、新しい橋の建設費を17億ドルから19億ドルと見積もっており、2028年秋の完成を"
    "目指している。"
)
FR = (
    "Le pont Francis Scott Key à Baltimore s'est effondré le 26 mars 2024. Les ingénieurs "
    "estiment que la reconstruction coûtera entre 1,7 et 1,9 milliard de dollars. Le trafic "
    "quotidien dépassait 30 000 véhicules ; la fermeture du port a coûté très cher."
)
EN = "Key Bridge: 30,000 vehicles a day.\nRebuild cost: $1.7 billion to $1.9 billion.\n"

DECODE_CASES = [
    # id, raw bytes, acceptable encodings, expected text (None: only check words), words, note
    ("utf-8", "Zürich – 30,000 “cars”".encode(), {"utf-8"}, "Zürich – 30,000 “cars”", [], None),
    ("utf-8-bom", b"\xef\xbb\xbf" + EN.encode(), {"utf-8-sig"}, EN, [], "byte order mark"),
    ("utf-16-le-bom", b"\xff\xfe" + FR.encode("utf-16-le"), {"utf-16-le"}, FR, [], "utf-16-le"),
    ("utf-16-be-bom", b"\xfe\xff" + FR.encode("utf-16-be"), {"utf-16-be"}, FR, [], "utf-16-be"),
    ("utf-16-le-no-bom", EN.encode("utf-16-le"), {"utf-16-le"}, EN, [], "no byte order mark"),
    ("utf-16-be-no-bom", EN.encode("utf-16-be"), {"utf-16-be"}, EN, [], "no byte order mark"),
    ("utf-16-le-cjk-no-bom", ZH_HANS.encode("utf-16-le"), {"utf-16-le"}, ZH_HANS, [], None),
    ("utf-32-le-bom", b"\xff\xfe\x00\x00" + FR.encode("utf-32-le"), {"utf-32-le"}, FR, [], None),
    ("gbk", ZH_HANS.encode("gbk"), {"gb18030", "gbk"}, ZH_HANS, ["大桥", "17亿"], "decoded as"),
    ("big5", ZH_HANT.encode("big5"), {"big5", "cp950", "big5hkscs"}, ZH_HANT, ["大橋", "19億"],
     "decoded as"),
    ("shift-jis", JA.encode("shift_jis"), {"shift_jis", "cp932"}, JA, ["崩落", "17億ドル"],
     "decoded as"),
    ("latin-1", FR.encode("latin-1"), {"cp1252", "iso8859-1", "iso8859-15"}, FR,
     ["effondré", "coûtera", "1,9 milliard"], "decoded as"),
    ("cp1251", ("Мост в Балтиморе обрушился 26 марта 2024 года. Стоимость восстановления "
                "оценивается в 1,7–1,9 млрд долларов.").encode("cp1251"), {"cp1251"}, None,
     ["обрушился", "1,7–1,9 млрд"], "decoded as"),
    ("nul-bytes", b"Cost:\x00$5 million\x00 in 2024", {"utf-8"}, "Cost: $5 million  in 2024", [],
     "NUL"),
    ("html-declared-charset", b'<meta charset="windows-1252"><p>Caf\xe9 \x935\x94</p>', {"cp1252"},
     '<meta charset="windows-1252"><p>Café “5”</p>', [], "decoded as cp1252"),
]


@pytest.mark.parametrize(
    ("raw", "encodings", "text", "words", "note"),
    [pytest.param(*c[1:], id=c[0]) for c in DECODE_CASES],
)
def test_decode(
    raw: bytes, encodings: set[str], text: str | None, words: list[str], note: str | None
) -> None:
    result = decode_bytes(raw, html=raw.startswith(b"<"))
    assert not isinstance(result, str), result
    decoded, encoding, notes = result
    assert encoding in encodings
    if text is not None:
        assert decoded == text
    for w in words:
        assert w in decoded
    if note is not None:
        assert any(note in n for n in notes), notes
    if encoding == "utf-8":
        assert not any(n.startswith("decoded as") for n in notes)


def _zip_bytes(tmp_path: Path) -> bytes:
    z = tmp_path / "a.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("article.txt", "30,000 vehicles")
    return z.read_bytes()


SKIP_CASES = [
    ("empty", b"", "empty file"),
    ("whitespace", b" \n\t\r\n  ", "empty file"),
    ("utf-16-whitespace", b"\xff\xfe" + " \n ".encode("utf-16-le"), "empty file"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary file (PNG image)"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
     "binary file (PDF)"),
    ("gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "binary file (GIF image)"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "binary file (JPEG image)"),
    ("control-bytes", bytes(range(32)) * 40, "binary file (unrecognised format)"),
]


@pytest.mark.parametrize(("raw", "reason"), [pytest.param(*c[1:], id=c[0]) for c in SKIP_CASES])
def test_unusable_bytes_are_skipped(tmp_path: Path, raw: bytes, reason: str) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(raw)
    sources, skipped = read_sources([f])
    assert sources == []
    assert [(s.path, s.reason) for s in skipped] == [("article.txt", reason)]


def test_zip_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_bytes(_zip_bytes(tmp_path))
    sources, skipped = read_sources([f])
    assert sources == [] and skipped[0].reason == "binary file (ZIP archive)"


def test_text_is_kept_exactly(tmp_path: Path) -> None:
    """Spaces, tabs and no-break spaces stay; only line endings become universal newlines."""
    raw = "Title\r\n\r\n  Indented 5 ,\tand\u00a0tabs  \r\nlast line without newline".encode()
    f = tmp_path / "crlf.txt"
    f.write_bytes(raw)
    s = read_one(f)
    assert s.text == raw.decode().replace("\r\n", "\n")
    assert s.format == "txt" and s.encoding == "utf-8" and s.notes == ("line endings normalised to \\n",)
    assert s.sha256 == hashlib.sha256(raw).hexdigest()


def test_text_without_carriage_returns_is_untouched(tmp_path: Path) -> None:
    raw = "Title\n\n  Indented 5 ,\tand\u00a0tabs  \nlast line".encode()
    f = tmp_path / "lf.txt"
    f.write_bytes(raw)
    s = read_one(f)
    assert s.text == raw.decode() and s.notes == ()


def test_nul_bytes_keep_offsets(tmp_path: Path) -> None:
    f = tmp_path / "nul.txt"
    f.write_bytes(b"Title\nIt cost\x00$5 million.\x00\n")
    s = read_one(f)
    assert s.text == "Title\nIt cost $5 million. \n"
    assert len(s.text) == len(b"Title\nIt cost\x00$5 million.\x00\n")
    assert any("NUL" in n for n in s.notes)


# --------------------------------------------------------------------------------------
# Files and folders
# --------------------------------------------------------------------------------------


def write(path: Path, text: str = "Title\n\nThe bridge carried 30,000 vehicles a day.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_corpus(root: Path) -> Path:
    corpus = root / "seeds"
    write(corpus / "b.txt")
    write(corpus / "a.md", "# A\n\n5 cars.\n")
    write(corpus / "sub" / "deep" / "c.html", "<title>C</title><p>7 ships</p>")
    write(corpus / "sub" / "a2.htm", "<p>8 tugs</p>")
    write(corpus / "z.markdown", "Z\n\n9 cranes\n")
    write(corpus / "notes.json", '{"a": 1}')
    write(corpus / "image.png", "not really")
    write(corpus / ".hidden.txt", "hidden 1")
    write(corpus / ".git" / "x.txt", "hidden 2")
    write(corpus / "UPPER.TXT", "Upper\n\n3 cranes\n")
    return corpus


def test_folder_walk_order_paths_and_formats(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    sources, skipped = read_sources([corpus])
    assert skipped == []
    assert [(s.path, s.id, s.format) for s in sources] == [
        ("seeds/UPPER.TXT", "UPPER", "txt"),
        ("seeds/a.md", "a", "md"),
        ("seeds/b.txt", "b", "txt"),
        ("seeds/sub/a2.htm", "a2", "html"),
        ("seeds/sub/deep/c.html", "c", "html"),
        ("seeds/z.markdown", "z", "md"),
    ]


def test_paths_do_not_depend_on_location(tmp_path: Path) -> None:
    one = make_corpus(tmp_path / "one")
    two = tmp_path / "elsewhere" / "deeper" / "seeds"
    shutil.copytree(one, two)
    first, _ = read_sources([one])
    second, _ = read_sources([str(two) + os.sep])
    assert first == second


def test_relative_folder_and_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path)
    monkeypatch.chdir(corpus)
    from_dot, _ = read_sources(["."])
    monkeypatch.chdir(tmp_path)
    from_rel, _ = read_sources(["seeds"])
    assert [s.path for s in from_dot] == [s.path for s in from_rel]
    assert from_rel[0].path == "seeds/UPPER.TXT"


def test_file_named_directly_any_extension(tmp_path: Path) -> None:
    f = write(tmp_path / "dir" / "story.data", "Story\n\n12 ships\n")
    h = write(tmp_path / "page", "<!DOCTYPE html><title>P</title><p>4 cranes</p>")
    dot = write(tmp_path / ".hidden-but-named", "Hidden\n\n1 tug\n")
    sources, skipped = read_sources([f, h, dot])
    assert skipped == []
    assert [(s.path, s.id, s.format) for s in sources] == [  # sorted by path, whatever the order given
        (".hidden-but-named", ".hidden-but-named", "txt"),
        ("page", "page", "html"),
        ("story.data", "story", "txt"),
    ]
    assert sources[1].text == "4 cranes" and sources[1].title == "P"


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    sources, _ = read_sources([corpus / "b.txt", corpus, str(corpus / "sub" / ".." / "b.txt")])
    paths = [s.path for s in sources]
    assert paths[0] == "b.txt"
    assert len(paths) == len(set(paths)) == 6
    assert "seeds/b.txt" not in paths


def test_symlink_loop(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt")
    write(corpus / "sub" / "b.txt")
    os.symlink(corpus, corpus / "sub" / "loop")  # a folder linking to its parent
    os.symlink(corpus / "sub", corpus / "again")  # a second route into sub/
    sources, skipped = read_sources([corpus])
    assert [s.path for s in sources] == ["corpus/a.txt", "corpus/sub/b.txt"]
    assert skipped == []


def test_broken_symlink_is_skipped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt")
    os.symlink(tmp_path / "missing.txt", corpus / "gone.txt")
    sources, skipped = read_sources([corpus])
    assert [s.path for s in sources] == ["corpus/a.txt"]
    assert skipped[0].path == "corpus/gone.txt" and "broken" in skipped[0].reason


def test_missing_path_raises_no_input(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    missing = tmp_path / "nope"
    with pytest.raises(NoInput, match=r"^path not found: .*nope$"):
        read_sources([tmp_path / "a.txt", missing])


def test_unreadable_file(tmp_path: Path) -> None:
    f = write(tmp_path / "corpus" / "locked.txt")
    write(tmp_path / "corpus" / "open.txt")
    f.chmod(0)
    try:
        readable = os.access(f, os.R_OK)  # root reads it anyway
        sources, skipped = read_sources([tmp_path / "corpus"])
    finally:
        f.chmod(0o644)
    if readable:
        assert [s.path for s in sources] == ["corpus/locked.txt", "corpus/open.txt"]
        assert skipped == []
    else:
        assert [s.path for s in sources] == ["corpus/open.txt"]
        assert skipped[0].path == "corpus/locked.txt"
        assert "Permission denied" in skipped[0].reason


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(lambda p: p.mkdir(), "Is a directory", id="directory"),
        pytest.param(lambda p: None, "No such file", id="vanished"),
    ],
)
def test_read_source_never_raises_os_errors(tmp_path: Path, make: object, reason: str) -> None:
    path = tmp_path / "x.txt"
    assert callable(make)
    make(path)
    with pytest.raises(UnreadableSource, match=reason):
        read_source(path, "x.txt")


def test_duplicate_stems_get_path_hashes(tmp_path: Path) -> None:
    write(tmp_path / "c" / "story.txt")
    write(tmp_path / "c" / "story.md", "# Story\n\n5 tugs\n")
    write(tmp_path / "c" / "sub" / "story.html", "<p>6 tugs</p>")
    write(tmp_path / "c" / "other.txt")
    sources, _ = read_sources([tmp_path / "c"])
    expected = {
        s.path: "story-" + hashlib.sha1(s.path.encode()).hexdigest()[:6]
        for s in sources
        if s.path != "c/other.txt"
    }
    assert {s.path: s.id for s in sources if s.path != "c/other.txt"} == expected
    assert len({s.id for s in sources}) == 4
    assert [s.id for s in sources if s.path == "c/other.txt"] == ["other"]


def test_same_basename_from_two_folders_stays_distinct(tmp_path: Path) -> None:
    a = write(tmp_path / "x" / "story.txt")
    b = write(tmp_path / "y" / "story.txt", "Other\n\n9 tugs\n")
    sources, _ = read_sources([a, b])
    assert [s.path for s in sources] == ["story.txt", "y/story.txt"]
    assert len({s.id for s in sources}) == 2


# --------------------------------------------------------------------------------------
# Titles and dates
# --------------------------------------------------------------------------------------

TITLE_CASES = [
    ("plain", "Six feared dead\n\nBody 5.", "Six feared dead"),
    ("markdown heading", "# Dali owners move to cap liability\n\nBody", "Dali owners move to cap liability"),
    ("hashes and stars", "\n\n  ## **Bold title** \nBody", "Bold title"),
    ("emphasis line", "*Posted July 31, 2024*\nBody", "Posted July 31, 2024"),
    ("a paragraph-long line is a lede, not a title", "x" * 500 + "\nBody", ""),
    ("untitled: the article opens with its lede",
     "The port reopened on Monday after 12 days. Officials said 40 ships were waiting.\n\nMore.", ""),
    ("a headline of two sentences without a full stop",
     "Port reopens! Forty ships wait outside the harbour\n\nBody",
     "Port reopens! Forty ships wait outside the harbour"),
    ("one long sentence ending with a full stop is still a headline",
     "Port reopens after twelve days, ships queue at the harbour mouth.\n\nBody",
     "Port reopens after twelve days, ships queue at the harbour mouth."),
    ("a long title is cut at a word, with an ellipsis",
     "The harbour " + "authority " * 25 + "said\n\nBody", ("The harbour " + "authority " * 18).rstrip() + "…"),
    ("front matter title cut too", "---\ntitle: " + "Harbour " * 30 + "\n---\nBody",
     ("Harbour " * 24).rstrip() + "…"),
]


@pytest.mark.parametrize(("text", "title"), [pytest.param(*c[1:], id=c[0]) for c in TITLE_CASES])
def test_title(tmp_path: Path, text: str, title: str) -> None:
    s = read_one(write(tmp_path / "a.md", text))
    assert s.title == title


def test_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: \"Llama by numbers\"\ndate: 2024-07-31\n---\n# Heading\n\n405 billion.\n"
    s = read_one(write(tmp_path / "a.md", text))
    assert s.title == "Llama by numbers" and s.date == "2024-07-31"
    assert s.skip[0] == (0, text.index("# Heading"))


FIND_DATE_CASES = [
    ("March 26, 2024", "2024-03-26"),
    ("Nov. 20, 2025", "2025-11-20"),
    ("Sept. 18, 2025", "2025-09-18"),
    ("Published Oct 24, 2024 · 5 min read", "2024-10-24"),
    ("20 March 2024", "2024-03-20"),
    ("2nd of May, 2024", "2024-05-02"),
    ("2024-05-21 08:47", "2024-05-21"),
    ("2024-10-24T09:00:00Z", "2024-10-24"),
    ("07/24/2024", "2024-07-24"),
    ("24/07/2024", "2024-07-24"),
    ("09/19 2025 479", "2025-09-19"),
    ("July 31, 2024", "2024-07-31"),
    ("2024年5月21日", "2024-05-21"),
    ("On September 17, the paper", None),
    ("Case No. 1:24-cv-00941", None),
    ("13/13/2024", None),
    ("Feb 30, 2024", None),
    ("arXiv 2407.21783", None),
]


@pytest.mark.parametrize(("text", "iso"), FIND_DATE_CASES, ids=[c[0] for c in FIND_DATE_CASES])
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


ARTICLE_DATE_CASES = [
    # id, text, date, lines that must be skipped
    ("month-day-year line", "Headline\n\nNov. 20, 2025\n\nBody 5.", "2025-11-20", ["Nov. 20, 2025"]),
    ("md slash year", "Headline\n\n09/19 2025 479\n\nText by Wang Miao\n\nBody $294,000.",
     "2025-09-19", ["09/19 2025 479"]),
    ("byline with views", "New Key Bridge\n\nBy Metro Staff | May 2, 2024 at 6:05 p.m. | 9,412 views"
     "\n\nMaryland said the job will cost $1.9 billion.", "2024-05-02",
     ["By Metro Staff | May 2, 2024 at 6:05 p.m. | 9,412 views"]),
    ("wire dateline", "Six feared dead\n\nBALTIMORE, March 26, 2024 (Wire) - Updated 14:32 GMT\n\n"
     "A cargo vessel hit the bridge.", "2024-03-26",
     ["BALTIMORE, March 26, 2024 (Wire) - Updated 14:32 GMT"]),
    ("source and read counter", "Ship refloated\n\n2024-05-21 08:47   Source: Global Express Network"
     "   Read 3.2 * * 10000\n\nBody 21 crew.", "2024-05-21",
     ["2024-05-21 08:47   Source: Global Express Network   Read 3.2 * * 10000"]),
    ("us date in pipes", "Llama\n\nTech News | 07/24/2024 | Staff Writer\n\nBody.", "2024-07-24",
     ["Tech News | 07/24/2024 | Staff Writer"]),
    ("a labelled figure in a stamp line", "Postgame\n\nSunday, Dec. 14, 2025 | Brell Park | Attendance: 41,200\n\n"
     "The Kites won.", "2025-12-14", ["Sunday, Dec. 14, 2025", "Brell Park"]),
    ("md emphasis dateline", "# Dali\n\n*April 4, 2024 · Maritime & Admiralty Blog · 6 min read*\n\n"
     "Body $90 million.", "2024-04-04",
     ["*April 4, 2024 · Maritime & Admiralty Blog · 6 min read*"]),
    ("no date", "Explainer\n\nMeta's newest model is free.\n\nIt has 405 billion parameters.", None,
     []),
    ("event date in a sentence", "Headline\n\nBy March 26, 2024, crews had removed 3,000 tons "
     "of steel from the channel.\n\nMore.", None, []),
    ("date beyond the top lines", "T\n" + "line 1\n" * 10 + "Nov. 20, 2025\n", None, []),
]


@pytest.mark.parametrize(
    ("text", "date", "skipped"), [pytest.param(*c[1:], id=c[0]) for c in ARTICLE_DATE_CASES]
)
def test_article_date_and_meta_lines(
    tmp_path: Path, text: str, date: str | None, skipped: list[str]
) -> None:
    s = read_one(write(tmp_path / "a.txt", text))
    assert s.date == date
    for line in skipped:
        assert line in skipped_texts(s)
    assert s.title not in skipped_texts(s)


def test_a_labelled_figure_in_a_stamp_line_is_a_claim(tmp_path: Path) -> None:
    s = read_one(write(tmp_path / "a.txt", "Postgame\n\nSunday, Dec. 14, 2025 | Brell Park | Attendance: 41,200\n\n"
                                           "The Kites won by 12 points."))
    assert "Attendance: 41,200" not in " ".join(skipped_texts(s))
    assert "41,200" in [c.text for c in extract_claims(s)]


def test_html_meta_date_wins(tmp_path: Path) -> None:
    page = (
        '<head><meta property="article:published_time" content="2024-10-24T09:00:00Z"></head>'
        "<article><p>Updated Nov. 1, 2024</p><p>It cost $5.</p></article>"
    )
    assert read_one(write(tmp_path / "a.html", page)).date == "2024-10-24"
    page2 = '<article><time datetime="2024-07-29">July 29</time><p>It cost $5.</p></article>'
    assert read_one(write(tmp_path / "b.html", page2)).date == "2024-07-29"


# --------------------------------------------------------------------------------------
# Boilerplate ranges
# --------------------------------------------------------------------------------------

SKIP_RANGE_CASES = [
    # id, text, skipped pieces, pieces that must stay minable
    ("read time inline", "Title\n\nBody 5.\n\nA 6 min read on bridges", ["6 min read"], ["Body 5."]),
    ("view counter", "Title\n\nBody 5.\n\nMetro · 12,408 views · 1.2K shares · 34 comments",
     ["12,408 views", "1.2K shares", "34 comments"], ["Body 5."]),
    ("views in a sentence", "Title\n\nThe video drew 12,408 views on its first day.", [],
     ["12,408 views"]),
    ("comments in a sentence", "Title\n\nThe agency received 34 comments from the public.", [],
     ["34 comments"]),
    ("a live blog's update counter", "Title\n\nBody 5.\n\n*This page is no longer live · 57 updates*",
     ["57 updates"], ["Body 5."]),
    ("a forum's post counter", "Title\n\nBody 5.\n\nThread started by Ivo | 212 posts", ["212 posts"], ["Body 5."]),
    ("updates in a sentence", "Title\n\nThe agency issued 57 updates during the storm.", [], ["57 updates"]),
    ("vehicles", "Title\n\nThe bridge carried 30,000 vehicles a day.\n", [],
     ["The bridge carried 30,000 vehicles a day."]),
    ("subscribers", "Title\n\nBody 5.\n\nJoin 50k+ subscribers to our newsletter",
     ["Join 50k+ subscribers to our newsletter"], []),
    ("responsible editor", "Title\n\nBody 5.\n\nResponsible editor: Zhang Wei",
     ["Responsible editor: Zhang Wei"], ["Body 5."]),
    ("copyright sign", "Title\n\nBody 5.\n\n© 2024 Harbor City 8 News. All rights reserved.",
     ["© 2024 Harbor City 8 News. All rights reserved."], []),
    ("copyright word", "Title\n\nBody.\n\nCopyright 2024 Data Center Desk",
     ["Copyright 2024 Data Center Desk"], []),
    ("copyright in prose", "Title\n\nThe copyright lawsuit sought $1.5 billion in damages.", [],
     ["$1.5 billion"]),
    ("references tail", "Title\n\nBody 294,000.\n\nReferences:\n1. https://www.nature.com/a-1\n"
     "2. https://www.nature.com/b-2",
     ["References:\n1. https://www.nature.com/a-1\n2. https://www.nature.com/b-2"],
     ["Body 294,000."]),
    ("reference link heading with url", "T\n\nBody.\n\nReference link *[1] https://x.org/d41586 *\n"
     "*[2] https://x.org/s41586-025", ["Reference link *[1] https://x.org/d41586 *\n*[2] https://x.org/s41586-025"],
     []),
    ("url line and inline url", "T\n\nSee https://hyper.ai/papers/2504.07128 for 5 more.\n"
     "https://example.com/2024/05/21/story\n\nBody 7.",
     ["https://hyper.ai/papers/2504.07128", "https://example.com/2024/05/21/story"],
     ["for 5 more.", "Body 7."]),
    ("sources heading in prose", "T\n\nSources said the span cost $60.3 million.\n"
     "It opened in 1977.", [], ["$60.3 million", "1977"]),
    ("markdown footnote", "T\n\nCap of $43.67 million[^1].\n\n[^1]: Trade press estimate.",
     ["[^1]"], ["$43.67 million"]),
    ("byline without date", "Title\n\nBy Harbor City 8 Staff\n\nBody 5.",
     ["By Harbor City 8 Staff"], ["Body 5."]),
    ("by the numbers title", "By the numbers: 405 billion parameters\n\nBody.", [],
     ["405 billion"]),
    # wire copy: the dateline and the lede on one line; only the dateline is furniture
    ("dateline then lede", "Storm hits\n\nPORT MERRIN, Sept. 28, 2025 (Wire) - Hurricane Zelda made landfall "
     "with winds of 140 mph (225 km/h), officials said.\n", ["PORT MERRIN, Sept. 28, 2025 (Wire) -"],
     ["Hurricane Zelda made landfall with winds of 140 mph (225 km/h), officials said."]),
    ("agency dateline then lede", "Economy\n\nHARBOURTON, March 5 (Newswire) - The economy grew 0.2% in "
     "the fourth quarter, data showed on Friday.\n", [], ["The economy grew 0.2%"]),
]


@pytest.mark.parametrize(
    ("text", "skipped", "kept"), [pytest.param(*c[1:], id=c[0]) for c in SKIP_RANGE_CASES]
)
def test_skip_ranges(text: str, skipped: list[str], kept: list[str]) -> None:
    ranges = skip_ranges(text)
    pieces = [text[a:b] for a, b in ranges]
    for piece in skipped:
        start = text.index(piece)
        assert any(a <= start and start + len(piece) <= b for a, b in ranges), (piece, pieces)
    for piece in kept:
        start = text.index(piece)
        end = start + len(piece)
        assert not any(a < end and start < b for a, b in ranges), (piece, pieces)
    assert ranges == sorted(ranges)
    assert all(a < b < c for (a, b), (c, _) in itertools.pairwise(ranges))  # merged, disjoint


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


@needs_corpora
def test_key_bridge_html() -> None:
    (page,) = sorted(KEY_BRIDGE.glob("004_*.html"))
    s = read_one(page)
    assert s.format == "html"
    # the headline; the site part of the <title> is the outlet
    assert s.title == "Dali owners to pay nearly $102 million to settle federal Key Bridge lawsuit"
    assert s.outlet == "Harbor City 8 News"
    assert s.date == "2024-10-24"
    t = s.text
    for present in ("$101,980,000", "Opened: March 23, 1977", "Original cost: $60.3 million",
                    "$103,078,056", "- Length including approaches: 8,636 feet"):
        assert present in t
    for absent in ("Kiewit", "Related articles", "cookies", "21211", "Harbor City 8 News",
                   "Privacy", "window.dataLayer", "Home", "10 views of the salvage"):
        assert absent not in t
    for meta in ("5 min read", "12,408 views", "Harbor City 8 Staff"):
        assert meta not in t or is_skipped(s, meta)
    assert t.startswith("Dali owners to pay nearly $102 million")
    assert "\n\n" not in t


@needs_corpora
def test_llama_html() -> None:
    (page,) = sorted(LLAMA.glob("004_*.html"))
    s = read_one(page)
    assert s.date == "2024-07-29"
    t = s.text
    for present in ("16,384 Nvidia H100 80GB GPUs", "- Faulty GPUs: 148 interruptions (30.1%)",
                    "24,000 GPUs in total"):
        assert present in t
    for absent in ("$400 million worth", "twin 24,000-GPU clusters", "600,000 H100-equivalents",
                   "cookies", "Newsletter", "All rights reserved"):
        assert absent not in t
    for meta in ("48,213 views", "5 min read"):
        assert meta not in t or is_skipped(s, meta)


HTML_CASES = [
    # id, html, text, title
    ("main without article",
     "<title>T</title><nav>Home 1</nav><main><h1>Head</h1><p>Body 5 cars</p>"
     "<div class='share-tools'>Share 12</div></main><footer>© 2024</footer>",
     "Head\nBody 5 cars", "T"),
    ("body only", "<div class='menu'>Menu 3</div><p>Body $5.</p><p class='lead-text'>Lead 7</p>"
     "<div id='ad-slot-1'>Ad 9</div>", "Body $5.\nLead 7", ""),
    ("largest article wins", "<article><p>teaser 1</p></article><article><p>The long main "
     "article with 5 numbers.</p></article>", "The long main article with 5 numbers.", ""),
    ("fact box kept inside sidebar-like aside", "<article><p>Main.</p><aside class='sidebar "
     "factbox'><ul><li>Built: 1977</li></ul></aside></article>", "Main.\n- Built: 1977", ""),
    ("wrapper with boilerplate-looking class", "<div class='layout has-sidebar'><h1>Head 1</h1>"
     "<p>Body 5.</p><div class='sidebar'>Side 9</div></div><div class='comments'>Comment 7</div>",
     "Head 1\nBody 5.", ""),
    ("article header kept", "<header>Site</header><article><header><h1>Big 10</h1></header>"
     "<p>Text 3.</p><footer>Tags 4</footer></article>", "Big 10\nText 3.", ""),
    ("entities and whitespace", "<p>&pound;5&nbsp;million\n  &amp;   3&ndash;4</p>",
     "£5 million & 3–4", ""),
    ("title entities", "<title> A &amp; B \n | Site </title><p>x</p>", "x", "A & B | Site"),
    ("table rows", "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>1977</td>"
     "<td>$60.3 million</td></tr></table>", "Year Cost\n1977 $60.3 million", ""),
    ("br and pre", "<p>a<br>b<br/>c</p><pre>x 1\ny 2</pre>", "a\nb\nc\nx 1\ny 2", ""),
    ("unclosed tags", "<title>X<body><p>one<p>two<ul><li>a<li>b</ul><div>three",
     "one\ntwo\n- a\n- b\nthree", "X"),
    ("script in odd places", "<p>before<script>document.write('<p>inj 5</p>')</script>after</p>"
     "<style>p{}</style>", "beforeafter", ""),
    ("comments and cdata", "<p>a<!-- hidden 5 -->b<![CDATA[x<y]]>c<![if !IE]>d<![endif]>"
     "<![foo[ e ]]>f</p>", "abcdf", ""),
    ("svg title is not the title", "<svg><title>Icon</title></svg><p>Text</p>", "Text", ""),
    ("cookie dialog by role", "<div role='dialog' aria-label='Cookie consent'><p>cookies</p>"
     "</div><p>real</p>", "real", ""),
    ("unterminated comment hides the rest", "<p>a</p><!-- never closed <p>b</p>", "a", ""),
    ("lone less-than signs", "<p>1 < 2 and 3 <4</p>", "1 < 2 and 3 <4", ""),
    ("stray closers", "</div></p></span><p>x</p></article></li>", "x", ""),
]


@pytest.mark.parametrize(
    ("page", "text", "title"), [pytest.param(*c[1:], id=c[0]) for c in HTML_CASES]
)
def test_extract_html(page: str, text: str, title: str) -> None:
    doc = extract_html(page)
    assert doc.text == text
    assert doc.title == title


HOSTILE = [
    ("deep nesting", "<div>" * 50_000 + "deep 5" + "</span>" * 50_000, "deep 5"),
    ("many unclosed comments", "<p>x 1</p>" + "<!--" * 50_000, "x 1"),
    ("many bare declarations", "<p>x 1</p>" + "<!" * 50_000, "x 1"),
    ("many open tags", "<p>x 1</p>" + "<a " * 50_000, "x 1"),
    ("many end tag starts", "<p>x 1</p>" + "</" * 50_000, "x 1"),
    ("unknown marked sections", "<p>x 1</p>" + "<![foo[" * 20_000, "x 1"),
    ("unclosed script", "<p>x 1</p><script>" + "<p>no</p>" * 1000, "x 1"),
    ("nested boilerplate", "<p>x 1</p>" + "<div class='share'><p>s</p>" * 20_000, "x 1"),
]


@pytest.mark.parametrize(("page", "needle"), [pytest.param(*c[1:], id=c[0]) for c in HOSTILE])
def test_hostile_html_is_fast_and_never_raises(page: str, needle: str) -> None:
    started = time.perf_counter()
    doc = extract_html(page)
    assert needle in doc.text
    assert time.perf_counter() - started < 5


def test_strip_tags_fallback() -> None:
    doc = strip_tags("<title>T &amp; U</title><p>a<script>x<y</script>b</p><!-- c -->d<style>")
    assert doc.text == "a b\nd" and doc.title == "T & U" and doc.container == "strip"


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    f = write(tmp_path / "empty.html", "<html><head><title>Only a title</title></head></html>")
    sources, skipped = read_sources([f])
    assert sources == [] and skipped[0].reason == "no article text in HTML"


# --------------------------------------------------------------------------------------
# The real seeds, and size
# --------------------------------------------------------------------------------------


def test_seeds() -> None:
    read_sources([SEEDS])  # warm up (regex compilation)
    started = time.perf_counter()
    sources, skipped = read_sources([SEEDS])
    elapsed = time.perf_counter() - started
    assert skipped == []
    assert [s.id for s in sources] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(s.path == f"seeds/{s.id}.txt" and s.encoding == "utf-8" for s in sources)
    for s in sources:
        raw = (SEEDS / f"{s.id}.txt").read_bytes()
        assert s.text == raw.decode("utf-8")  # offsets are into the file as it is
    by_id = {s.id[:3]: s for s in sources}
    assert by_id["000"].date == "2025-09-19"
    assert skipped_texts(by_id["000"]) == ["09/19 2025 479"]
    assert by_id["004"].text.rstrip().endswith("s41586-025-09422")
    assert is_skipped(by_id["004"], "https://www.nature.com/articles/d41586-025-03015-6")
    assert is_skipped(by_id["003"], "d41586-025-03015-6")
    assert elapsed < 0.05  # a few milliseconds in practice


def test_five_megabyte_line_is_linear(tmp_path: Path) -> None:
    unit = "The bridge carried 30,000 vehicles · 12,408 views · 5 min read 1,2,3 https://x.y/1 "
    f = tmp_path / "big.txt"
    f.write_text(unit * (5_000_000 // len(unit)), encoding="utf-8")
    started = time.perf_counter()
    s = read_one(f)
    assert time.perf_counter() - started < 10
    assert len(s.text) > 4_900_000 and "\n" not in s.text


# ---------------------------------------------------------------------------------------
# positions in the page: a claim in an HTML article is located in the HTML file itself
# (« » marks the quote; "text" means it is not verbatim in the markup and is located in the
# extracted article text instead)

PAGE_POSITIONS = [
    pytest.param("<html><body><article><p>The job will cost «$1.7 billion», officials said.</p></article>"
                 "</body></html>", "file", id="plain-paragraph"),
    pytest.param("<article><p>The fee was <b>«£86 million»</b> up front.</p></article>", "file",
                 id="figure-in-bold"),
    pytest.param("<article><ul>\n  <li>Faulty parts: «148 interruptions» (30.1%)</li>\n</ul></article>", "file",
                 id="list-item-after-the-dash-the-reader-adds"),
    pytest.param("<article><p>Updated 19:20. By A. Writer.</p><p>Officials said «19 people» died; "
                 "AT&amp;T was hit.</p></article>", "file", id="after-an-entity-and-a-time"),
    pytest.param("<article><p>It cost «$5&nbsp;million» in all.</p></article>", "text",
                 id="entity-inside-the-figure"),
    pytest.param("<article><p>It cost «$5 <i>million</i>» in all.</p></article>", "text",
                 id="tag-inside-the-figure"),
]


@pytest.mark.parametrize(("marked", "located"), PAGE_POSITIONS)
def test_page_positions(tmp_path: Path, marked: str, located: str) -> None:
    from reconciler.extract import extract_claims
    from reconciler.output.result import file_position

    a, b = marked.index("«"), marked.index("»")
    page = marked.replace("«", "").replace("»", "")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    source = read_source(path, "page.html")
    claims = [c for c in extract_claims(source) if c.text.startswith(page[a:a + 2])]
    assert len(claims) == 1, [c.text for c in extract_claims(source)]
    start, end, where = file_position(claims[0], source)
    assert where == located
    if located == "file":
        assert (start, end) == (a, b - 1)
        assert page[start:end] == claims[0].text
    else:
        assert source.text[start:end] == claims[0].text


_COUNTER_PIECES = ["12", "3,412", "1.2", "4K", "٣", "7+", " ", "  ", "\t", ".", ",", "-", "|", "*", "$", "x", "é",
                   "min", "mins", "minute", "read", "Read", "READ", "views", "View", "Views", "Reads", "shares",
                   "Shares", "Likes", "likes", "Comments", "followers", "replies", "Subscribe", "Copyright", "ſ"]


@given(st.lists(st.sampled_from(_COUNTER_PIECES), max_size=30))
@example(["By", " ", "x", " ", "|", " ", "9,412", " ", "views", " ", "6", " ", "min", " ", "read"])
@example(["Read", " ", "3.2", " ", "*", " ", "*", " ", "10000", "Views", ":", " ", "12"])
@example(["Likes", " ", "12", "|", "Comments", ":", " ", "4K", "|", "Shares", "  ", "7", "|", "Reads", " ", "٣"])
def test_counters_match_the_pattern_everywhere(pieces: list[str]) -> None:
    """The candidate skipping of ``_counters`` finds exactly what ``_COUNTER.finditer`` does."""
    line = "".join(pieces)
    assert [m.span() for m in sources_module._counters(line)] == \
        [m.span() for m in sources_module._COUNTER.finditer(line)]


# pages whose article is read from their JSON-LD ``articleBody`` (the markup shows a lead and a
# subscription prompt): each figure is still located in the file, inside the JSON string
_BODY = ("The port authority said 4,812 ships called last year. Dredging will cost $64 million. "
         "Berth 7 will close for 18 days in March, the authority said, and 212 jobs depend on it.")
_PARAGRAPHS = _BODY.replace(". ", ".\\n\\n")  # JSON's escaped newlines between paragraphs
_LD = '<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"%s"}</script>'
STRUCTURED_PAGES = [
    pytest.param("<html><head>" + _LD % _BODY + "</head><body><article><h1>Port</h1><p>The port authority said.</p>"
                 '<div class="paywall">Subscribe to read on.</div></article></body></html>',
                 ["4,812 ships", "$64 million", "18 days", "212 jobs"], id="body-only-in-json-ld"),
    pytest.param("<html><head>" + (_LD % _PARAGRAPHS).replace('"application/ld+json"', "'application/ld+json'")
                 + "</head><body><p>Port</p></body></html>",
                 ["4,812 ships", "$64 million", "18 days", "212 jobs"], id="paragraphs-as-escaped-newlines"),
]


@pytest.mark.parametrize(("page", "quotes"), STRUCTURED_PAGES)
def test_a_json_ld_article_is_located_in_the_file(tmp_path: Path, page: str, quotes: list[str]) -> None:
    source = read_one(write(tmp_path / "a.html", page))
    claims = {c.text: c for c in extract_claims(source)}
    for quote in quotes:
        c = claims[quote]
        span = file_span(source.origin, c.start, c.end)
        assert span is not None, quote
        assert page[span[0]:span[1]] == quote
