"""reconcile: find where news articles about one story disagree on the numbers.

Library use::

    from reconciler import reconcile
    result = reconcile(["seeds/"])
    for f in result.findings:
        print(f.severity, f.message)
"""

from reconciler._version import __version__
from reconciler.extract import extract_claims, extract_text
from reconciler.models import SCHEMA, Claim, Finding, Group, Result, Skipped, Source
from reconciler.pipeline import NoArticles, Options, reconcile

__all__ = [
    "SCHEMA", "Claim", "Finding", "Group", "NoArticles", "Options", "Result", "Skipped", "Source",
    "__version__", "extract_claims", "extract_text", "reconcile",
]
