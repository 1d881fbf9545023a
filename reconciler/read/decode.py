"""Bytes to text: BOMs, UTF-8 and UTF-16 without a BOM, Western 8-bit code pages and CJK
legacy encodings decided with evidence, charset_normalizer for the rest."""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
from collections.abc import Iterable
from typing import Protocol


class CharsetMatchLike(Protocol):
    """The part of ``charset_normalizer.CharsetMatch`` used here (imported lazily)."""

    @property
    def encoding(self) -> str: ...
    @property
    def chaos(self) -> float: ...
    @property
    def could_be_from_charset(self) -> list[str]: ...
    @property
    def coherence(self) -> float: ...


# ---------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"{\\rtf", "RTF document"),
)
# bytes that do not occur in text: C0 controls except \t \n \v \f \r and ESC, plus DEL
_CONTROL = bytes([*range(9), *range(14, 27), *range(28, 32), 127])
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL)
_ASCII_TEXT = bytes([9, 10, 13, *range(32, 127)])
_SAMPLE = 65536
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s{0,3}=\s{0,3}["']?\s{0,3}([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)


def decode_bytes(raw: bytes, *, html: bool = False) -> tuple[str, str, tuple[str, ...]] | str:
    """Decode a file's bytes: ``(text, encoding, notes)``, or a skip reason.

    >>> decode_bytes("Zürich 2024".encode("utf-8"))
    ('Zürich 2024', 'utf-8', ())
    >>> decode_bytes(b"%PDF-1.7 ...")
    'binary file (PDF)'
    >>> decode_bytes(b" \\n\\t ")
    'empty file'
    """
    if not raw.strip():
        return "empty file"
    notes: list[str] = []
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            encoding = enc
            body = raw[len(bom):]
            codec = "utf-8" if enc == "utf-8-sig" else enc
            try:
                text = body.decode(codec)
            except UnicodeDecodeError:
                text = body.decode(codec, errors="replace")
                notes.append(f"invalid {enc} bytes replaced with U+FFFD")
            notes.append(f"byte order mark removed ({enc})")
            if enc != "utf-8-sig":
                notes.insert(0, f"decoded as {enc}")
            break
    if text is None:
        for magic, kind in _MAGIC:
            if raw.startswith(magic):
                return f"binary file ({kind})"
        sample = raw[:_SAMPLE]
        utf16 = _utf16_without_bom(raw, sample)
        if utf16 is not None:
            text, encoding = utf16
            notes.append(f"decoded as {encoding} (no byte order mark)")
        else:
            n_control = len(sample.translate(None, _TEXT_BYTES))  # deletes all text bytes
            if n_control > 0.1 * len(sample):
                return "binary file (unrecognised format)"
            text, encoding, more = _decode_8bit(raw, html=html)
            notes.extend(more)
    if not text.strip():
        return "empty file"
    if "\x00" in text:
        notes.append(f"replaced {text.count(chr(0))} NUL characters with spaces")
        text = text.replace("\x00", " ")
    return text, encoding, tuple(notes)


def _utf16_without_bom(raw: bytes, sample: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte order mark: NUL bytes almost all on one parity."""
    if b"\x00" not in sample or len(raw) % 2:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    hi, lo = max(even, odd), min(even, odd)
    if hi < 2 or hi < 4 * lo:
        return None
    if hi < 0.1 * (len(sample) // 2):  # few NULs: CJK UTF-16, or 8-bit text with stray NULs
        if len(sample.translate(None, _ASCII_TEXT)) < 0.25 * len(sample):
            return None  # mostly ASCII bytes: 8-bit text
        try:
            raw.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if _plausible(text[:20000]) else None


def _plausible(text: str) -> bool:
    """Most characters are letters, digits, punctuation or spaces of living scripts."""
    good = sum(
        1
        for c in text
        if c.isprintable() or c in "\n\r\t\x00"
        if not ("\ue000" <= c <= "\uf8ff")  # private use
    )
    return good >= 0.95 * len(text)


def _decode_8bit(raw: bytes, *, html: bool) -> tuple[str, str, list[str]]:
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    # mostly UTF-8 with a few bad bytes: keep UTF-8 rather than mis-decode every character
    lossy = raw.decode("utf-8", errors="replace")
    n_bad = lossy.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    n_non_ascii = len(lossy) - len(lossy.encode("ascii", "ignore"))
    n_multibyte = n_non_ascii - n_bad - raw.count(b"\xef\xbf\xbd")
    if n_multibyte >= 4 * n_bad:
        return lossy, "utf-8", [f"{n_bad} invalid UTF-8 sequences replaced with U+FFFD"]
    if html:
        m = _HTML_CHARSET.search(raw[:8192])
        if m:
            declared = _codec_name(m.group(1).decode("ascii"))
            if declared:
                try:
                    return raw.decode(declared), declared, [f"decoded as {declared}"]
                except UnicodeDecodeError:
                    pass
    # Chinese, Japanese and Korean legacy encodings: recognised by their common characters
    # (charset_normalizer misreads short CJK texts full of ASCII digits as cp1252 or cp949)
    cjk = _cjk_encoding(raw)
    if cjk is not None:
        try:
            return raw.decode(cjk), cjk, [f"decoded as {cjk}"]
        except UnicodeDecodeError:
            text = raw.decode(cjk, errors="replace")
            return text, cjk, [f"decoded as {cjk}", f"{text.count(chr(0xFFFD))} invalid {cjk} bytes replaced "
                               "with U+FFFD"]
    if _western(raw):
        return raw.decode("cp1252"), "cp1252", ["decoded as cp1252"]
    # slow to import, so only when a legacy encoding has to be guessed
    from charset_normalizer import from_bytes

    guess = _pick_encoding(from_bytes(raw[:_GUESS_SAMPLE].replace(b"\x00", b" ")))
    if guess in _MULTIBYTE:
        guess = None  # the CJK test above knows those better: no CJK reading is plausible
    supersets = _SUPERSETS.get(guess or "", ())
    for enc in (guess, *supersets, "cp1252", "latin-1"):  # Latin-1 decodes any byte string
        if enc and enc != "utf-8":
            try:
                return raw.decode(enc), enc, [f"decoded as {enc}"]
            except UnicodeDecodeError:
                continue
    return lossy, "utf-8", [f"{n_bad} invalid UTF-8 sequences replaced with U+FFFD"]


_GUESS_SAMPLE = 1 << 20  # charset_normalizer is slow on huge inputs; a megabyte tells enough


# ---------------------------------------------------------------------------------------
# Western European text (cp1252, a superset of Latin-1 for text)

_WORD_INSIDE = re.compile(r"(?<=[^\W\d_])[^\w\s'’·\-‐](?=[^\W\d_])")
# the accented letters of each Western European language written in cp1252
_WESTERN_LETTERS = tuple(frozenset(letters) for letters in (
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüßé",  # German
    "áéíóúñü",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíîòóùú",  # Italian
    "áéíóúàèëïöü",  # Dutch
    "åäöæøéáíóúýðþ",  # Nordic
    "àçèéíïòóúü",  # Catalan
))


def _western(raw: bytes) -> bool:
    """Does the text read as Western European in cp1252 (Latin-1)?

    Short French or German texts fit a dozen code pages equally well for
    charset_normalizer, which then picks cp1257 or mac_iceland. Read as cp1252, a Western
    text has few accented letters, nearly all of them of one language, and no symbol
    inside a word; Russian, Greek, Polish or Czech read as cp1252 fail one of these.

    >>> _western("Le coût du pont dépasse 294 000 €, selon les ingénieurs de la ville.".encode("cp1252"))
    True
    >>> _western("Мост обрушился 26 марта".encode("cp1251")), _western("Zażółć gęślą".encode("cp1250"))
    (False, False)
    >>> _western("Příliš žluťoučký kůň úpěl ďábelské ódy a stál 294 000 Kč.".replace("ť", "t").encode("cp1250"))
    False
    """
    try:
        text = raw[:_SAMPLE].decode("cp1252")  # bytes cp1252 leaves undefined fail here
    except UnicodeDecodeError:
        return False
    letters = 0
    accented: dict[str, int] = {}
    for c in text:
        if c.isalpha():
            letters += 1
            if ord(c) > 0x7F:
                low = c.lower()
                accented[low] = accented.get(low, 0) + 1
    n_accented = sum(accented.values())
    if not n_accented or n_accented > 0.25 * letters:
        return False
    best = max(sum(n for c, n in accented.items() if c in lang) for lang in _WESTERN_LETTERS)
    if best < 0.9 * n_accented:
        return False
    return _WORD_INSIDE.search(text) is None


# ---------------------------------------------------------------------------------------
# CJK legacy encodings


def _double_bytes(codec: str, leads: Iterable[int], trails: Iterable[int]) -> frozenset[str]:
    trail_list = list(trails)
    out: set[str] = set()
    for a in leads:
        for b in trail_list:
            with contextlib.suppress(UnicodeDecodeError):
                out.add(bytes((a, b)).decode(codec))
    return frozenset(out)


@functools.cache
def _common_cjk() -> dict[str, frozenset[str]]:
    """Per language, the characters everyday text is mostly made of (first-level sets).

    GB 2312 level 1 (3,755 hanzi), Big5 frequent characters (5,401), JIS X 0208 level 1
    (2,965 kanji) and the 2,350 KS X 1001 hangul syllables, taken from the codecs.
    """
    kana = frozenset(chr(c) for c in range(0x3041, 0x30FF))
    return {
        "zh-hans": _double_bytes("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        "zh-hant": _double_bytes("big5", range(0xA4, 0xC7), (*range(0x40, 0x7F), *range(0xA1, 0xFF))),
        "ja": _double_bytes("shift_jis", range(0x88, 0x99), (*range(0x40, 0x7F), *range(0x80, 0xFD))) | kana,
        "ko": _double_bytes("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)),
    }


# candidate codecs, most general member of each family, and the language they write
_CJK_CODECS = (("gb18030", "zh-hans"), ("big5hkscs", "zh-hant"), ("cp932", "ja"), ("euc_jp", "ja"),
               ("cp949", "ko"))
_CJK_PUNCT = re.compile("[\u3000-\u303f\uff01-\uff60\u2010-\u2027\u00b7]")
_HIRAGANA = re.compile("[\u3041-\u309f]")


def _cjk_encoding(raw: bytes) -> str | None:
    """The CJK codec under which most non-ASCII characters are common ones, or None.

    >>> _cjk_encoding("报道称项目耗资$294,000，使用了512块GPU。".encode("gbk"))
    'gb18030'
    >>> _cjk_encoding("Le projet a coûté 294 000 $ à Zürich.".encode("latin-1")) is None
    True
    """
    sample = raw[:_SAMPLE]
    if sample.isascii():
        return None
    common = _common_cjk()
    best: tuple[float, str] | None = None
    for codec, lang in _CJK_CODECS:
        try:  # an incremental decoder tolerates a character cut at the end of the sample
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=len(sample) == len(raw))
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
        if len(wide) < 2:
            continue
        good = sum(1 for c in wide if c in common[lang] or _CJK_PUNCT.match(c))
        score = good / len(wide)
        if lang == "ja" and len(_HIRAGANA.findall(text)) < 0.05 * len(wide):
            continue  # Japanese prose is never without kana; cp1252 quotes read as SJIS are
        # EUC-KR hangul and GB 2312 hanzi share their bytes: Korean puts spaces between
        # words, Chinese and Japanese do not
        spaced = len(_WIDE_SPACE_WIDE.findall(text)) > 0.1 * len(wide)
        if spaced != (lang == "ko"):
            score -= 0.1
        if score >= 0.8 and (best is None or score > best[0]):
            best = (score, codec)
    return best[1] if best else None


_WIDE_SPACE_WIDE = re.compile("(?<=[^\\x00-\\x7f]) (?=[^\\x00-\\x7f])")


# the encodings news text is really in, most likely first; ties go to the earliest
_PREFERRED = (
    "gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs", "cp932", "shift_jis",
    "euc_jp", "cp949", "euc_kr", "cp1252", "iso8859-1", "iso8859-15", "cp1251", "koi8-r",
    "cp1250", "iso8859-2", "cp1253", "cp1254", "cp1257", "cp1255", "cp1256", "cp874",
)
_MULTIBYTE = frozenset(_PREFERRED[:11])
_SUPERSETS = {
    "gb2312": ("gb18030",), "gbk": ("gb18030",), "big5": ("big5hkscs", "cp950"),
    "shift_jis": ("cp932",), "euc_kr": ("cp949",),
}


def _pick_encoding(matches: Iterable[CharsetMatchLike]) -> str | None:
    """A common encoding among charset_normalizer's least chaotic, most coherent guesses.

    On short texts many code pages decode equally well ("é" is the same byte in cp1252,
    cp1250 and mac_roman); among those that also fit the language equally well, prefer
    the ones articles are actually written in. The choice between different multi-byte
    (CJK) encodings is left to charset_normalizer.
    """
    found = list(matches)
    if not found:
        return None

    def names(m: CharsetMatchLike) -> list[str]:
        return [n for n in (_codec_name(e) for e in (m.encoding, *m.could_be_from_charset)) if n]

    best = names(found[0])
    if any(n in _MULTIBYTE for n in best):
        return next((p for p in _PREFERRED if p in best), best[0] if best else None)
    # single-byte code pages: news is written in the preferred ones, not in DOS or Mac pages
    # (cp775 or mac_iceland often fit a short German text "best"); among those that fit
    # about as well, the most coherent (the language reads right), then the most common
    least = min(m.chaos for m in found)
    usual = [m for m in found if m.chaos <= least + 0.1 and any(n in _PREFERRED and n not in _MULTIBYTE
                                                               for n in names(m))]
    if not usual:
        return best[0] if best else None
    calm = min(m.chaos for m in usual)
    usual = [m for m in usual if m.chaos <= calm + 0.01]
    coherent = max(m.coherence for m in usual)
    pool = [n for m in usual if m.coherence >= coherent - 0.02 for n in names(m)]
    for pref in _PREFERRED:
        if pref in pool:
            return pref
    return pool[0] if pool else None


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


