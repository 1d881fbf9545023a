"""The whole run as plain function calls: read -> extract -> align -> check."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .align import AlignConfig, align
from .copies import find_copies
from .extract import extract_claims
from .models import Claim, Result
from .rules import check, load_config
from .sources import read_sources
from .units import load_rates


@dataclass(frozen=True)
class Options:
    """What a run may be told; the CLI builds one of these from its flags."""

    rules_file: str | None = None
    rates_file: str | None = None


class NoArticles(Exception):
    """Nothing readable was found under the given paths."""


def reconcile(paths: Sequence[str | os.PathLike[str]], options: Options = Options()) -> Result:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sources, skipped = read_sources(paths)
    timings["read"] = time.perf_counter() - t0
    if not sources:
        raise NoArticles("no readable article in " + ", ".join(str(Path(p)) for p in paths))
    t = time.perf_counter()
    claims: list[Claim] = []
    for s in sources:
        claims.extend(extract_claims(s))
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    rates = load_rates(options.rates_file)
    config = load_config(options.rules_file)
    groups = align(claims, rates, AlignConfig(), {s.id: s.date for s in sources})
    timings["align"] = time.perf_counter() - t
    t = time.perf_counter()
    copies = find_copies(sources)
    groups, findings = check(sources, claims, groups, rates, config, copies)
    timings["check"] = time.perf_counter() - t
    return Result(sources=tuple(sources), claims=tuple(claims), groups=tuple(groups),
                  findings=tuple(findings), skipped=tuple(skipped), copies=copies, timings=timings)
