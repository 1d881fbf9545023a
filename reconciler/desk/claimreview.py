"""ClaimReview JSON-LD (schema.org) for the findings an editor confirmed or corrected.

One ``ClaimReview`` per decided finding: the claim reviewed is the disputed figure in its
sentence, as the article printed it; the rating says it is incorrect (or, for ``corrected``,
gives the right figure); the review body is the editor's note and the tool's arithmetic.
Each claim also carries the words around the figure (from its W3C TextQuoteSelector), so a
reader can find the sentence again in the article.

>>> data = {"sources": [{"id": "a", "path": "a.txt", "title": "Cost story", "date": "2025-09-18"}],
...         "claims": [{"id": "a@5", "source": "a", "start": 5, "end": 13, "text": "$249,000",
...                     "sentence": "Cost $249,000.", "selector": []}],
...         "findings": [{"id": "f-1", "rule": "value_mismatch", "severity": "error", "claims": ["a@5"],
...                       "message": "“$249,000” disagrees with “$294,000”", "explanation": "…",
...                       "suggested": "$294,000"}]}
>>> from reconciler.desk.decisions import Decision
>>> doc = claim_reviews(data, [Decision("f-1", "confirmed", note="Digits swapped", date="2025-09-20")],
...                     publisher="The Desk")
>>> item = doc["@graph"][0]
>>> item["@type"], item["claimReviewed"], item["reviewRating"]["alternateName"]
('ClaimReview', 'Cost $249,000.', 'Incorrect')
>>> item["author"]["name"], item["datePublished"]
('The Desk', '2025-09-20')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from reconciler.desk.decisions import Decision

CONTEXT = "https://schema.org"
RATINGS = {
    # status -> (ratingValue on 1..5, alternateName)
    "confirmed": (1, "Incorrect"),
    "corrected": (1, "Incorrect"),
}


_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")


def _sentence(text: str) -> str:
    """``text`` with whitespace collapsed, ending as a sentence ends.

    >>> _sentence("checked with  the paper"), _sentence("Is it?"), _sentence("“A” vs “B”")
    ('checked with the paper.', 'Is it?', '“A” vs “B”.')
    """
    text = " ".join(text.split())
    return text if not text or _ENDS_A_SENTENCE.search(text) else text + "."


def corrected_figure(typed: str, disputed: Mapping[str, Any]) -> str:
    """The corrected value as the review prints it: as typed, whitespace collapsed, with the
    disputed figure's unit when the editor typed a bare number ("294000" for a dollar
    figure reads "294,000 USD").

    >>> corrected_figure(" 294000 ", {"unit": "USD"}), corrected_figure("$294,000", {"unit": "USD"})
    ('294,000 USD', '$294,000')
    >>> corrected_figure("71.0", {"unit": "%"}), corrected_figure("a typo", {"unit": "USD"})
    ('71%', 'a typo')
    """
    from reconciler.extract import extract_text
    from reconciler.extract.units import fmt_number

    text = " ".join(typed.split())
    found = extract_text(text)
    unit = str(disputed.get("unit") or "")
    if len(found) != 1 or found[0].unit or not unit or not isinstance(found[0].value, float) \
            or found[0].text != text or unit in ("date", "score"):
        return text
    number = fmt_number(found[0].value)
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def _appearance_name(src: Mapping[str, Any]) -> str:
    """The article's title; an untitled article goes by its file name, never its lede."""
    title = " ".join(str(src.get("title") or "").split())
    return title or PurePath(str(src.get("path") or "")).name


def claim_reviews(data: Mapping[str, Any], decisions: Iterable[Decision], *, publisher: str = "",
                  url: str = "") -> dict[str, Any]:
    """A JSON-LD document (``@graph`` of ClaimReview) for the confirmed and corrected findings
    of the JSON result ``data`` (schema ``reconcile/1``). ``url``: see :func:`check_url`."""
    url = check_url(url)
    sources = {s["id"]: s for s in data.get("sources", [])}
    claims = {c["id"]: c for c in data.get("claims", [])}
    findings = {f["id"]: f for f in data.get("findings", [])}
    graph = []
    for d in sorted(decisions, key=lambda d: d.finding):
        if d.status not in RATINGS or d.finding not in findings:
            continue
        f = findings[d.finding]
        first = next((claims[c] for c in f["claims"] if c in claims), None)
        if first is None:
            continue
        src = sources.get(first["source"], {})
        value, name = RATINGS[d.status]
        # sentences, each ending as one: the editor's note, the right figure, what was found
        body = [_sentence(d.note)] if d.note.strip() else []
        if d.status == "corrected" and d.corrected:
            body.append(f"The correct figure is {_sentence(corrected_figure(d.corrected, first))}")
        elif f.get("suggested"):
            body.append(f"The sources' consensus is {_sentence(str(f['suggested']))}")
        message = str(f["message"])
        body.append(_sentence(message[:1].upper() + message[1:]))
        quote = next((s for s in first.get("selector", []) if s.get("type") == "TextQuoteSelector"), None)
        appearance: dict[str, Any] = {"@type": "CreativeWork", "name": _appearance_name(src)}
        if src.get("date"):
            appearance["datePublished"] = src["date"]
        if src.get("path"):
            appearance["identifier"] = src["path"]
        item: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "identifier": d.finding,
            "claimReviewed": " ".join(str(first.get("sentence") or first["text"]).split()),
            "itemReviewed": {
                "@type": "Claim",
                "appearance": [appearance],
                "text": first["text"],
            },
            "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                             "alternateName": name},
            "reviewBody": " ".join(body),
        }
        if src.get("date"):
            item["itemReviewed"]["datePublished"] = src["date"]
        if quote is not None and (quote["prefix"] or quote["suffix"]):  # where in the article: the words around it
            item["itemReviewed"]["description"] = f"…{quote['prefix']}{quote['exact']}{quote['suffix']}…"
        if d.date:
            item["datePublished"] = d.date
        if publisher or d.by:
            item["author"] = {"@type": "Organization" if publisher else "Person", "name": publisher or d.by}
        if url:
            item["url"] = f"{url}#{d.finding}"
        graph.append(item)
    return {"@context": CONTEXT, "@graph": graph}


NO_URL = ("no --url: the ClaimReview items have no url (schema.org and search engines expect the page "
          "each review is published at); give `reconcile review CORPUS export FILE --url URL`")
# Characters that could end or open markup where the JSON-LD is pasted into a page as
# ``<script type="application/ld+json">``, or end a line in a JavaScript string: written as
# JSON escapes, which every JSON(-LD) reader decodes back to the same text.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_UNSAFE = re.compile("[<>&\u2028\u2029]")


def to_jsonld(doc: Mapping[str, Any]) -> str:
    r"""The document as JSON text that is safe inside a ``<script>`` element of a web page.

    >>> to_jsonld({"name": "</script><b>&"})
    '{\n "name": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"\n}\n'
    """
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    # these characters only ever occur inside JSON strings, where an escape means the same
    return _UNSAFE.sub(lambda m: _SCRIPT_SAFE[m.group()], text) + "\n"


class BadURL(ValueError):
    """A ``--url`` that is not an http(s) address."""


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) address (or empty: none given); else :class:`BadURL`.

    >>> check_url("https://example.org/checks")
    'https://example.org/checks'
    >>> check_url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    reconciler.desk.claimreview.BadURL: --url must be an http:// or https:// address, not 'javascript:alert(1)'
    """
    if not url:
        return url
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(
            ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7f for ch in url):
        raise BadURL(f"--url must be an http:// or https:// address, not {url!r}")
    return url
