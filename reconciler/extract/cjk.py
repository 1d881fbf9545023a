"""Numbers as Chinese and Japanese write them: digits with the scale characters 万 (10^4), 亿
(10^8), 千 and 百; currencies (元, 美元, 欧元 ...), durations (小时, 天 ...), people (人, 名),
dates (9月17日, 2025年9月17日) and the hedges 约 / 大约 / 近 before and 多 / 余 after.

>>> t = "训练成本约29.4万美元，使用了512块GPU，耗时80小时，于9月17日发表，另有1.5亿元。"
>>> [(m.value, m.unit, m.kind, m.qualifier) for m in cjk_numbers(t)]  # doctest: +NORMALIZE_WHITESPACE
[(294000.0, 'USD', 'money', 'approximate'), (512.0, '', 'count', 'exact'), (80.0, 'h', 'duration', 'exact'),
 ('--09-17', 'date', 'date', 'exact'), (150000000.0, 'CNY', 'money', 'exact')]
"""

from __future__ import annotations

import re

from reconciler.extract.mention import Mention

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
SCALES = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3, "百": 1e2, "百万": 1e6, "千万": 1e7, "兆": 1e12,
          "十万": 1e5, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12, "萬億": 1e12}
CURRENCIES = {"美元": "USD", "美金": "USD", "人民币": "CNY", "元人民币": "CNY", "元": "CNY", "块钱": "CNY",
              "欧元": "EUR", "英镑": "GBP", "日元": "JPY", "円": "JPY", "港元": "HKD", "港币": "HKD", "韩元": "KRW",
              "卢比": "INR", "澳元": "AUD", "加元": "CAD", "新加坡元": "SGD", "瑞士法郎": "CHF"}
DURATIONS = {"小时": 1.0, "个小时": 1.0, "時間": 1.0, "分钟": 1 / 60, "分鐘": 1 / 60, "秒": 1 / 3600, "天": 24.0,
             "日間": 24.0, "周": 168.0, "星期": 168.0, "个月": 730.5, "か月": 730.5, "年": 8766.0}
PEOPLE = ("人", "名", "位")
CLASSIFIERS = ("块", "個", "个", "台", "张", "艘", "架", "辆", "座", "家", "所", "件", "颗", "枚", "只")
HEDGES_BEFORE = {"约": "approximate", "约为": "approximate", "大约为": "approximate",
                 "大约": "approximate", "大概": "approximate", "近": "upper_near",
                 "将近": "upper_near", "超过": "lower", "逾": "lower", "至少": "lower", "不到": "upper",
                 "最多": "upper_max", "約": "approximate"}
HEDGES_AFTER = {"多": "lower", "余": "lower", "餘": "lower", "以上": "lower", "左右": "approximate"}


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d\d)年)?(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])[日号]")
_NUMBER = re.compile(
    rf"(?P<h>{_alt(HEDGES_BEFORE)})?(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<s>{_alt(SCALES)})?(?P<post>{_alt(HEDGES_AFTER)})?"
    rf"(?:(?P<cur>{_alt(CURRENCIES)})|(?P<dur>{_alt(DURATIONS)})|(?P<ppl>{_alt(PEOPLE)})|(?P<cls>{_alt(CLASSIFIERS)}))?"
)


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def cjk_numbers(text: str) -> list[Mention]:
    """Numbers written with CJK scale, unit or date characters, in text order (none in texts without them)."""
    if not has_cjk(text):
        return []
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        if m.start() and text[m.start() - 1].isdigit():
            continue
        iso = (f"{m.group('y')}-" if m.group("y") else "--") + f"{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        out.append(Mention(m.start(), m.end(), iso, "date", "date", num_start=m.start(), num_end=m.end()))
        taken.append(m.span())
    for m in _NUMBER.finditer(text):
        if not (m.group("s") or m.group("cur") or m.group("dur") or m.group("ppl") or m.group("cls")):
            continue
        a = m.start("n")
        if (a and (text[a - 1].isdigit() or text[a - 1] in ".,")) or any(x <= a < y for x, y in taken):
            continue
        if not _CJK.search(text, m.start(), m.end()):
            continue
        raw = m.group("n").replace(",", "")  # "3,000多人": thousands grouped as in English
        value = float(raw)
        decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
        precision = 0.5 * 10 ** -decimals
        scale = SCALES.get(m.group("s") or "", 1.0)
        value, precision = value * scale, precision * scale
        kind, unit = "count", ""
        if m.group("cur"):
            kind, unit = "money", CURRENCIES[m.group("cur")]
        elif m.group("dur"):
            kind, unit = "duration", "h"
            factor = DURATIONS[m.group("dur")]
            value, precision = value * factor, precision * factor
        elif not m.group("ppl") and not m.group("cls") and not float(raw).is_integer() and scale == 1.0:
            kind = "number"
        qualifier = HEDGES_BEFORE.get(m.group("h") or "", "") or HEDGES_AFTER.get(m.group("post") or "", "") \
            or "exact"
        start = m.start("h") if m.group("h") else a
        lo, hi = value - precision, value + precision
        if qualifier == "approximate":
            lo, hi = value - max(precision, 0.05 * abs(value)), value + max(precision, 0.05 * abs(value))
        elif qualifier == "upper_near":
            lo, hi, qualifier = value * 0.9, value + precision, "approximate"
        elif qualifier == "lower":
            lo, hi = value - precision, float("inf")
        elif qualifier in ("upper", "upper_max"):
            lo, hi, qualifier = (value * 0.5 if qualifier == "upper_max" else 0.0), value + precision, "upper"
        noun = (m.group("ppl") and "people") or ""
        out.append(Mention(start, m.end(), round(value, 10), kind, unit, qualifier, lo, hi, noun=noun,
                           precision=precision, scale_words=m.group("s") or "", num_start=a,
                           num_end=m.end("n")))
    out.sort(key=lambda x: x.start)
    return out
