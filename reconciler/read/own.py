"""Telling the tool's own outputs from articles: a report, a JSON result or a ClaimReview
export found among the articles is never read back as one (an ``--out`` folder inside the
corpus, or ``reconcile .`` run from inside it, puts them there).

Each output carries a mark near its start: the report a ``<meta name="generator">``, the JSON
result its ``"schema": "reconcile/1"``, the ClaimReview export its schema.org ``@context``
and ``@graph``. A report written before the mark existed is known by its masthead.
"""

from __future__ import annotations

import re

__all__ = ["GENERATOR", "own_output"]

GENERATOR = "reconcile"  # the report's <meta name="generator" content="...">
_HEAD = 4096  # the marks of a report and of the JSON outputs are within this many bytes
_REPORT = re.compile(rb'<meta\s+name="generator"\s+content="reconcile"', re.I)
# the masthead of reports written before the generator mark (it may follow megabytes of data)
_MASTHEAD = '<p class="kicker">Reconcile · numbers desk</p>'.encode()
_JSON_RESULT = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"schema"\s*:\s*"reconcile/')
_CLAIMREVIEW = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"@context"\s*:\s*"https://schema\.org"\s*,\s*"@graph"\s*:')


def own_output(raw: bytes) -> str | None:
    """Why the file whose bytes are ``raw`` is one of reconcile's outputs, or None for any
    other file (a reason for the skipped list).

    >>> own_output(b'<!doctype html><html><head><meta name="generator" content="reconcile">')
    'a report written by reconcile (its own output, not an article)'
    >>> own_output(b'{\\n "schema": "reconcile/1",\\n "summary": {}}')
    'a JSON result written by reconcile (its own output, not an article)'
    >>> own_output(b'<html><body><p>The schema "reconcile/1" ...</p></body></html>') is None
    True
    """
    head = raw[:_HEAD]
    if _REPORT.search(head) or _MASTHEAD in raw:
        return "a report written by reconcile (its own output, not an article)"
    if _JSON_RESULT.match(head):
        return "a JSON result written by reconcile (its own output, not an article)"
    if _CLAIMREVIEW.match(head):
        return "a ClaimReview export written by reconcile (its own output, not an article)"
    return None
