"""The whole run as plain function calls: read -> extract -> align -> check.

Reading and extraction run per article, alignment and the rules per story (one task
each), so all of it can run in parallel (a local process pool, or a Dask cluster with
``scheduler``), and it is cached (``cache_dir``): each file as read, by its identity and
times; each article's claims, by its content; each story's alignment and rules, by its
articles. The result is the same, byte for byte, however it was computed. The cyclic
garbage collector is paused for the run (see :mod:`reconciler._engine.memory`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reconciler._engine.cache import (
    Cache,
    SourceCache,
    decode_checked,
    decode_groups,
    encode_checked,
    encode_groups,
    fingerprint,
)
from reconciler._engine.memory import gc_paused
from reconciler._engine.parallel import (
    PARALLEL_FROM,
    CheckOutput,
    Extracted,
    Processes,
    Runner,
    Serial,
    StoryTask,
    align_and_check,
    align_story,
    default_jobs,
    extract_sources,
    guarded,
    read_articles,
    story_label,
    strict_default,
    without_unaligned,
)
from reconciler._engine.progress import Progress, Silent
from reconciler.align import AlignConfig
from reconciler.copies import find_copies
from reconciler.extract.quotes import same_quote_same_value
from reconciler.extract.units import Rates, load_rates
from reconciler.models import SEVERITIES, Claim, Finding, Group, Problem, Result, Source
from reconciler.read.datelines import fill_dateline_years
from reconciler.read.listing import list_articles, no_articles_message
from reconciler.read.settings import load_primary, resolve_primary
from reconciler.rules import RuleConfig, check, load_config
from reconciler.stories import partition


@dataclass(frozen=True)
class Options:
    """What a run may be told; the CLI builds one of these from its flags."""

    rules_file: str | None = None
    rates_file: str | None = None
    jobs: int | None = None  # worker processes; None: all cores for large corpora, one for small
    cache_dir: str | None = None  # per-article and per-story results; None: no cache
    scheduler: str | None = None  # a Dask scheduler address (tcp://host:port): run on that cluster
    own_outputs: tuple[str, ...] = ()  # the run's own output files: never read as articles, even in the corpus
    # the editor's primary sources (paths, or file names inside the corpus), besides those the
    # corpus settings file names (read/settings.py): the reference where they state a figure
    primary: tuple[str, ...] = ()
    # an unexpected error in one article or story stops the run (raised), instead of being
    # reported in Result.errors while the rest completes; also set by RECONCILE_STRICT=1
    strict: bool = False


class NoArticles(Exception):
    """Nothing readable was found under the given paths."""


def reconcile(paths: Sequence[str | os.PathLike[str]], options: Options = Options(),
              progress: Progress | None = None) -> Result:
    """Read, extract, align and check; the result."""
    with gc_paused():  # nothing a run builds is cyclic (see reconciler._engine.memory)
        return _reconcile(paths, options, progress or Silent())


def _reconcile(paths: Sequence[str | os.PathLike[str]], options: Options, progress: Progress) -> Result:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    progress.start("read")
    cache = Cache(options.cache_dir) if options.cache_dir else None
    strict = options.strict or strict_default()
    problems: list[Problem] = []
    read_before = SourceCache(cache, paths) if cache else None
    found, skipped = list_articles(paths, options.own_outputs)
    # a name that is no article of the corpus stops the run here, before anything is read (ConfigError)
    primary = resolve_primary((*options.primary, *load_primary(paths)), found) if paths else frozenset()
    runner = _runner(options, len(found))
    try:
        sources, skipped = read_articles(found, skipped, runner, read_before)
        sources = fill_dateline_years(sources)  # "MUMBAI, Nov 11 -": the year from the other articles
        timings["read"] = time.perf_counter() - t0
        if not sources:
            raise NoArticles(no_articles_message(paths, skipped))
        t = time.perf_counter()
        progress.start("extract", len(sources))
        skeys = [read_before.key(s) for s in sources] if read_before else []
        if read_before:
            read_before.save()
        extracted = extract_sources(sources, runner, cache, progress.advance,
                                    workers_write_cache=options.scheduler is None, keys=skeys, strict=strict,
                                    problems=problems)
        sources = [replace(s, notes=s.notes + notes) if notes else s for s, (_c, _sig, notes) in
                   zip(sources, extracted, strict=True)]  # "not claims: 1 figure too large to compute with"
        if primary:  # marked once extracted: an article's claims do not depend on it, the rules do
            sources = [replace(s, primary=True) if s.path in primary else s for s in sources]
        claims: list[Claim] = [c for found, _sig, _notes in extracted for c in found]
        changed = same_quote_same_value(claims)  # one quote, one value, whatever each article's decimal comma
        if changed:
            extracted = [([changed.get(c.id, c) for c in found], sig, notes) for found, sig, notes in extracted]
            claims = [changed.get(c.id, c) for c in claims]
        timings["extract"] = time.perf_counter() - t
        t = time.perf_counter()
        rates = load_rates(options.rates_file)
        config = load_config(options.rules_file)
        stories = partition([sig for _found, sig, _notes in extracted])
        # an article whose extraction raised has no claims this run: its story's entries are not
        # the ones of the article extracted (the next run, the bug fixed, aligns the story anew)
        failed = {p.where for p in problems}
        story_skeys = [k + ("\0failed" if s.path in failed else "") for s, k in zip(sources, skeys, strict=False)]
        keys = [_story_key(sources, story, rates, story_skeys) for story in stories] if cache else []
        progress.start("align", len(stories))
        if len(stories) == 1:  # every small corpus: aligned and checked as a whole, as always
            where = story_label(sources)
            no_groups: list[Group] = []
            nothing: CheckOutput = ([], [], ())
            before = len(problems)  # an extraction that failed does not stop the story's check
            groups = guarded(_align_whole, sources, claims, keys, rates, cache, stage="align", where=where,
                             strict=strict, problems=problems, fallback=no_groups)
            timings["align"] = time.perf_counter() - t
            t = time.perf_counter()
            progress.start("check", 1)
            rules = config if len(problems) == before else without_unaligned(config)  # alignment failed
            groups, findings, copies = guarded(_check_whole, sources, claims, groups, rates, rules, stage="check",
                                               where=where, strict=strict, problems=problems,
                                               fallback=nothing)
            progress.advance(1)
            timings["check"] = time.perf_counter() - t
        else:
            groups, findings, copies = _stories(sources, extracted, stories, keys, rates, config, runner, cache,
                                                progress, timings, t, strict, problems)
    finally:
        runner.close()
    return Result(sources=tuple(sources), claims=tuple(claims), groups=tuple(groups),
                  findings=tuple(findings), skipped=tuple(skipped), copies=copies, errors=tuple(problems),
                  timings=timings)


def _runner(options: Options, n_sources: int) -> Runner:
    if options.scheduler:
        from reconciler._engine.distributed import Dask

        return Dask(options.scheduler)
    jobs = options.jobs if options.jobs is not None else (default_jobs() if n_sources >= PARALLEL_FROM else 1)
    if jobs <= 1:
        return Serial()
    return Processes(jobs)


def _align_whole(sources: Sequence[Source], claims: list[Claim], keys: Sequence[str], rates: Rates,
                 cache: Cache | None) -> list[Group]:
    """The groups of a corpus that is one story, from the cache when it has them."""
    entry = cache.get(keys[0] + ".align") if cache else None
    if entry is not None:
        with contextlib.suppress(TypeError, ValueError):  # damaged: aligned again
            return decode_groups(entry, {c.id for c in claims})
    groups = align_story(sources, claims, rates, AlignConfig())
    if cache and len({s.id for s in sources}) >= 2:
        cache.put(keys[0] + ".align", encode_groups(groups))
    return groups


def _check_whole(sources: Sequence[Source], claims: list[Claim], groups: list[Group], rates: Rates,
                 config: RuleConfig) -> CheckOutput:
    copies = find_copies(sources)
    checked, findings = check(sources, claims, groups, rates, config, copies)
    return checked, findings, copies


def _rules_key(config: RuleConfig) -> str:
    return hashlib.sha256(fingerprint("check").encode() + repr(config).encode()).hexdigest()[:16]


def _stories(sources: Sequence[Source], extracted: Sequence[Extracted], stories: Sequence[Sequence[int]],
             keys: Sequence[str], rates: Rates, config: RuleConfig, runner: Runner, cache: Cache | None,
             progress: Progress, timings: dict[str, float], t: float, strict: bool,
             problems: list[Problem]) -> CheckOutput:
    """Each story aligned and checked on its own (a story's figures are only compared with its
    own), cached per story, merged in the order :func:`reconciler.rules.check` gives.

    A story whose rules are cached needs nothing else; the others are aligned and checked in
    one task each, on the runner. The time of those tasks is shared between the "align" and
    "check" timings as the workers spent it.
    """
    rules_key = _rules_key(config)
    align_keys = [f"{key}.align" for key in keys]
    # the rules read which articles are primary; the alignment does not
    check_keys = [f"{key}.check-{rules_key}{_primary_key(sources, story)}" for key, story in
                  zip(keys, stories, strict=False)]
    t_cached = time.perf_counter()
    results: list[CheckOutput | None] = [None] * len(stories)
    if cache:
        for k, key in enumerate(check_keys):
            entry = cache.get(key)
            if entry is not None:
                with contextlib.suppress(KeyError, TypeError, ValueError):  # damaged: recomputed
                    results[k] = decode_checked(entry, {c.id for i in stories[k] for c in extracted[i][0]},
                                                {sources[i].id for i in stories[k]})
    t_cached = time.perf_counter() - t_cached
    todo = [k for k, done in enumerate(results) if done is None]
    progress.advance(len(stories) - len(todo))
    # local workers read and write the stories' entries themselves; a cluster's may not see
    # the cache folder, so for one the alignments are looked up and all entries written here
    local = cache is not None and not runner.remote
    tasks: list[StoryTask] = []
    for k in todo:
        groups = None
        if cache and not local:
            entry = cache.get(align_keys[k])
            if entry is not None:
                with contextlib.suppress(TypeError, ValueError):
                    groups = decode_groups(entry, {c.id for i in stories[k] for c in extracted[i][0]})
        tasks.append(StoryTask([sources[i] for i in stories[k]], [c for i in stories[k] for c in extracted[i][0]],
                               groups, align_keys[k] if cache else "", check_keys[k] if cache else ""))
    t_work = time.perf_counter()
    before = t_work - t - t_cached
    done = align_and_check(tasks, rates, AlignConfig(), config, runner,
                           str(cache.folder) if cache is not None and local else None, progress.advance, strict=strict)
    t_work = time.perf_counter() - t_work
    aligning = sum(r.aligning for r in done)
    checking = sum(r.checking for r in done)
    share = aligning / (aligning + checking) if aligning + checking else 0.5
    timings["align"] = before + t_work * share
    t_merge = time.perf_counter()
    for k, story in zip(todo, done, strict=True):
        results[k] = story.out
        problems.extend(story.problems)
        if story.problems:
            continue  # nothing of a story that raised is cached: the next run tries it again
        if cache is not None and not local:
            if story.computed is not None and len({sources[i].id for i in stories[k]}) >= 2:
                cache.put(align_keys[k], encode_groups(story.computed))
            cache.put(check_keys[k], encode_checked(story.out))
    all_groups: list[Group] = []
    unique: dict[str, Finding] = {}
    copies: list[tuple[str, ...]] = []
    for r in results:
        assert r is not None
        all_groups.extend(r[0])
        for f in r[1]:
            unique.setdefault(f.id, f)
        copies.extend(r[2])
    # the ranking of reconciler.rules.check: most severe first, then rule, position, id
    order = {s: i for i, s in enumerate(SEVERITIES)}
    named = {f.claims[0] for f in unique.values()}
    first = {c.id: (c.source, c.start) for found, _sig, _notes in extracted for c in found if c.id in named}
    ranked = sorted(unique.values(),
                    key=lambda f: (order[f.severity], f.rule, first.get(f.claims[0], ("", 0)), f.id))
    all_groups.sort(key=lambda g: g.id)
    timings["check"] = t_cached + t_work * (1 - share) + time.perf_counter() - t_merge
    return all_groups, ranked, tuple(sorted(copies))


def _primary_key(sources: Sequence[Source], story: Sequence[int]) -> str:
    """"" for a story without primary sources, else a short hash of theirs."""
    ids = [sources[i].id for i in story if sources[i].primary]
    return "-p" + hashlib.sha256("\0".join(ids).encode()).hexdigest()[:12] if ids else ""


def _story_key(sources: Sequence[Source], story: Sequence[int], rates: Rates, source_keys: Sequence[str]) -> str:
    """The claims of a story follow from its articles' extraction keys; hash those, the
    rates, the aligner's settings and its code."""
    h = hashlib.sha256(fingerprint("align").encode())
    h.update(repr(AlignConfig()).encode())
    h.update(json.dumps([rates.as_of, sorted(rates.per_usd.items()), rates.note]).encode())
    for i in story:
        s = sources[i]
        h.update(f"\0{source_keys[i]}\0{s.id}\0{s.date}".encode())
    return h.hexdigest()
