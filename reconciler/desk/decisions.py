"""An editor's decisions on findings, kept in a plain TOML file beside the corpus.

``<corpus>/reconcile-decisions.toml`` holds one ``[[decision]]`` table per finding: its id,
the status (``confirmed``, ``dismissed`` or ``corrected``), a note, who and when, and the
*evidence*: a TextQuoteSelector of each of its first claims (source, exact quote, prefix,
suffix). The file is meant to be read and diffed in version control, and it is written
atomically, sorted by finding id.

A decision sticks to its finding by id (ids derive from the rule and the claims, not from
run order or the rest of the corpus). When an article is edited, its claims move and the
finding's id changes: the decision follows the quote of its first claim to the finding
that now holds it. A decision whose finding is gone is *orphaned*, and said so, never
dropped.
"""

from __future__ import annotations

import datetime as _dt
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconciler.desk.selectors import quote_selector, refind, short_title
from reconciler.models import Finding, Result

FILENAME = "reconcile-decisions.toml"
STATUSES = ("confirmed", "dismissed", "corrected")
EVIDENCE_CLAIMS = 3


class DecisionError(Exception):
    """An unusable decisions file or request (a usage error for the command line)."""


@dataclass(frozen=True)
class Evidence:
    source: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0


@dataclass(frozen=True)
class Decision:
    finding: str
    status: str
    note: str = ""
    corrected: str = ""  # the right value, for "corrected"
    by: str = ""
    date: str = ""
    rule: str = ""
    message: str = ""  # the finding's message when decided, for people reading the file
    evidence: tuple[Evidence, ...] = ()


def decision_state(d: Decision, *, note: bool = False) -> str:
    """A decision in a few words, for the terminal: "dismissed", "corrected to $294,000",
    with ``note`` its note after a colon.

    >>> decision_state(Decision("f-1", "corrected", note="a slip", corrected="$294,000"), note=True)
    'corrected to $294,000: a slip'
    """
    state = d.status + (f" to {d.corrected}" if d.status == "corrected" and d.corrected else "")
    return state + (f": {d.note}" if note and d.note else "")


@dataclass(frozen=True)
class Attached:
    decision: Decision
    moved: bool  # found through its quote, under another finding id


@dataclass(frozen=True)
class Orphan:
    decision: Decision
    reason: str


@dataclass(frozen=True)
class Resolution:
    path: str
    attached: Mapping[str, Attached] = field(default_factory=dict)  # current finding id -> decision
    orphans: tuple[Orphan, ...] = ()

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for a in self.attached.values():
            out[a.decision.status] = out.get(a.decision.status, 0) + 1
        return out


def decisions_path(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """The decisions file of a run: beside the corpus (in the first path's folder)."""
    first = Path(paths[0])
    folder = first if first.is_dir() else first.parent
    return folder / FILENAME


# ---------------------------------------------------------------------------------------
# the file


def load(path: str | os.PathLike[str]) -> list[Decision]:
    """The decisions in ``path`` ([] when it does not exist)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as e:
        raise DecisionError(f"cannot read {p}: {e.strerror or e}") from e
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise DecisionError(f"{p} is not a readable TOML file: {e}") from e
    out = []
    for i, d in enumerate(data.get("decision", [])):
        if not isinstance(d, dict) or not isinstance(d.get("finding"), str):
            raise DecisionError(f"{p}: decision {i + 1} has no finding id")
        status = d.get("status")
        if status not in STATUSES:
            raise DecisionError(f"{p}: decision {i + 1} ({d['finding']}) has status {status!r}; "
                                f"expected one of {', '.join(STATUSES)}")
        evidence = tuple(
            Evidence(source=str(e.get("source", "")), exact=str(e.get("exact", "")),
                     prefix=str(e.get("prefix", "")), suffix=str(e.get("suffix", "")),
                     start=int(e.get("start", 0)))
            for e in d.get("evidence", []) if isinstance(e, dict))
        out.append(Decision(finding=d["finding"], status=status, note=str(d.get("note", "")),
                            corrected=str(d.get("corrected", "")), by=str(d.get("by", "")),
                            date=str(d.get("date", "")), rule=str(d.get("rule", "")),
                            message=str(d.get("message", "")), evidence=evidence))
    return out


def _toml_string(s: str) -> str:
    """A TOML basic string (every control character escaped, so one line always)."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


HEADER = """\
# Editorial decisions on the findings of `reconcile` for this folder.
# One [[decision]] per finding: status is confirmed, dismissed or corrected.
# Written by `reconcile review`; safe to edit by hand and to keep in version control.
# The evidence tables quote the finding's claims, so a decision follows them when an
# article is edited and its claims move.
"""


def dumps(decisions: Iterable[Decision]) -> str:
    lines = [HEADER]
    for d in sorted(decisions, key=lambda d: d.finding):
        lines.append("[[decision]]")
        for key in ("finding", "status", "note", "corrected", "by", "date", "rule", "message"):
            value = getattr(d, key)
            if value or key in ("finding", "status", "note"):
                lines.append(f"{key} = {_toml_string(value)}")
        for e in d.evidence:
            lines.append("")
            lines.append("[[decision.evidence]]")
            lines.append(f"source = {_toml_string(e.source)}")
            lines.append(f"exact = {_toml_string(e.exact)}")
            lines.append(f"prefix = {_toml_string(e.prefix)}")
            lines.append(f"suffix = {_toml_string(e.suffix)}")
            lines.append(f"start = {int(e.start)}")
        lines.append("")
    return "\n".join(lines)


def save(path: str | os.PathLike[str], decisions: Iterable[Decision]) -> None:
    from reconciler.output.atomic import write_atomic

    write_atomic(path, dumps(decisions))


# ---------------------------------------------------------------------------------------
# deciding


def evidence_of(finding_claims: Iterable[str], claims: Mapping[str, Mapping[str, Any]],
                texts: Mapping[str, str] | None = None) -> tuple[Evidence, ...]:
    """Quote selectors of a finding's first claims, from claim records of the JSON result
    (their ``selector``) or, with ``texts``, from the article texts."""
    out = []
    for cid in list(finding_claims)[:EVIDENCE_CLAIMS]:
        c = claims.get(cid)
        if c is None:
            continue
        sel = next((s for s in c.get("selector", []) if s.get("type") == "TextQuoteSelector"), None)
        if sel is None and texts is not None and c["source"] in texts:
            sel = quote_selector(texts[c["source"]], int(c["start"]), int(c["end"]))
        if sel is None:
            sel = {"exact": c.get("text", ""), "prefix": "", "suffix": ""}
        out.append(Evidence(source=str(c["source"]), exact=str(sel["exact"]), prefix=str(sel["prefix"]),
                            suffix=str(sel["suffix"]), start=int(c["start"])))
    return tuple(out)


def match_finding(findings: Iterable[Mapping[str, Any]], wanted: str) -> Mapping[str, Any]:
    """The finding whose id is ``wanted`` or starts with it (a unique prefix, like git's)."""
    found = [f for f in findings if f["id"] == wanted]
    if not found:
        found = [f for f in findings if str(f["id"]).startswith(wanted)]
    if not found:
        raise DecisionError(f"no finding {wanted!r} in the result")
    if len(found) > 1:
        raise DecisionError(f"{wanted!r} names {len(found)} findings: " + ", ".join(str(f["id"]) for f in found[:5]))
    return found[0]


def decide(decisions: Sequence[Decision], data: Mapping[str, Any], finding: str, status: str, *,
           note: str = "", corrected: str = "", by: str = "",
           today: str | None = None) -> tuple[list[Decision], Decision]:
    """``decisions`` with the one on ``finding`` (in the JSON result ``data``) set or replaced."""
    if status not in STATUSES:
        raise DecisionError(f"status must be one of {', '.join(STATUSES)}")
    if status == "corrected" and not corrected:
        raise DecisionError("a correction needs the corrected value (--value)")
    f = match_finding(data.get("findings", []), finding)
    claims = {c["id"]: c for c in data.get("claims", [])}
    d = Decision(finding=str(f["id"]), status=status, note=note, corrected=corrected if status == "corrected" else "",
                 by=by, date=today or _dt.date.today().isoformat(), rule=str(f["rule"]),
                 message=str(f["message"]), evidence=evidence_of(f["claims"], claims))
    kept = [x for x in decisions if x.finding != d.finding]
    return [*kept, d], d


def clear(decisions: Sequence[Decision], finding: str) -> tuple[list[Decision], Decision]:
    found = [d for d in decisions if d.finding == finding] or \
        [d for d in decisions if d.finding.startswith(finding)]
    if len(found) != 1:
        raise DecisionError(f"no single decision on {finding!r}" if not found
                            else f"{finding!r} names {len(found)} decisions")
    return [d for d in decisions if d is not found[0]], found[0]


# ---------------------------------------------------------------------------------------
# attaching decisions to a run


def resolve(result: Result, decisions: Sequence[Decision], path: str = "") -> Resolution:
    """Attach each decision to a finding of ``result``: by id, else by the quote of its
    evidence (the claims moved), else it is an orphan, with the reason."""
    current: dict[str, Finding] = {f.id: f for f in result.findings}
    sources = {s.id: s for s in result.sources}
    at: dict[tuple[str, int], list[str]] = {}  # (source, start) -> claim ids
    first_of: dict[tuple[str, str], list[Finding]] = {}  # (rule, claim id) -> findings that name it
    attached: dict[str, Attached] = {}
    orphans: list[Orphan] = []
    for d in sorted(decisions, key=lambda d: d.finding):
        if d.finding in current:
            if d.finding in attached:
                orphans.append(Orphan(d, "another decision already holds this finding"))
            else:
                attached[d.finding] = Attached(d, moved=False)
            continue
        if not at:  # the first decision to follow: index the claims and findings (once)
            for c in result.claims:
                at.setdefault((c.source, c.start), []).append(c.id)
            for f in result.findings:
                for cid in f.claims[:EVIDENCE_CLAIMS]:
                    first_of.setdefault((f.rule, cid), []).append(f)
        target, reason = _follow(d, sources, at, first_of)
        if target is not None and target.id not in attached:
            attached[target.id] = Attached(d, moved=True)
        else:
            orphans.append(Orphan(d, reason or "another decision already holds the finding its quote leads to"))
    return Resolution(path=path, attached=attached, orphans=tuple(orphans))


def _follow(d: Decision, sources: Mapping[str, Any], at: Mapping[tuple[str, int], list[str]],
            first_of: Mapping[tuple[str, str], list[Finding]]) -> tuple[Finding | None, str]:
    if not d.evidence:
        return None, "the finding is no longer reported, and the decision holds no quote to follow"
    reasons = []
    for e in d.evidence[:1]:  # the claim the finding is about: a decision on "A vs B" does not follow B alone
        src = sources.get(e.source)
        if src is None:
            reasons.append(f"its article {e.source} is no longer in the corpus")
            continue
        pos = refind(src.text, {"exact": e.exact, "prefix": e.prefix, "suffix": e.suffix}, hint=e.start)
        if pos is None:
            reasons.append(f"the quote “{e.exact}” is no longer in {short_title(src.title or src.path)}")
            continue
        for cid in at.get((e.source, pos[0]), []):
            found = first_of.get((d.rule, cid), [])
            if found:
                return found[0], ""
        reasons.append(f"“{e.exact}” is still in {short_title(src.title or src.path)}, "
                       f"but no {d.rule or 'such'} finding names it now")
    return None, reasons[0] if reasons else "the finding is no longer reported"


# ---------------------------------------------------------------------------------------
# reconciling decisions with a JSON result (no article texts needed)


def resolve_data(data: Mapping[str, Any], decisions: Sequence[Decision], path: str = "") -> Resolution:
    """:func:`resolve` against a JSON result: a decision whose finding id is gone follows the
    quote of its evidence through the claims' TextQuoteSelectors."""
    findings = {f["id"]: f for f in data.get("findings", [])}
    by_quote: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for c in data.get("claims", []):
        sel = next((s for s in c.get("selector", []) if s.get("type") == "TextQuoteSelector"), None)
        if sel is not None:
            by_quote.setdefault((c["source"], sel["exact"]), []).append({**c, "_sel": sel})
    named: dict[tuple[str, str], str] = {}
    for f in data.get("findings", []):
        for cid in f["claims"][:EVIDENCE_CLAIMS]:
            named.setdefault((f["rule"], cid), f["id"])
    sources = {s["id"]: s for s in data.get("sources", [])}
    attached: dict[str, Attached] = {}
    orphans: list[Orphan] = []
    for d in sorted(decisions, key=lambda d: d.finding):
        if d.finding in findings and d.finding not in attached:
            attached[d.finding] = Attached(d, moved=False)
            continue
        target, reason = None, "the finding is no longer reported"
        for e in d.evidence[:1]:
            if e.source not in sources:
                reason = f"its article {e.source} is no longer in the corpus"
                continue
            cands = by_quote.get((e.source, e.exact), [])

            def score(c: Mapping[str, Any], e: Evidence = e) -> tuple[int, int]:
                sel = c["_sel"]
                common = sum(1 for a, b in zip(reversed(sel["prefix"]), reversed(e.prefix), strict=False) if a == b)
                common += sum(1 for a, b in zip(sel["suffix"], e.suffix, strict=False) if a == b)
                return (-common, abs(int(c["start"]) - e.start))

            for c in sorted(cands, key=score):
                fid = named.get((d.rule, c["id"]))
                if fid is not None and fid not in attached:
                    target = fid
                    break
            if target:
                break
            reason = (f"the quote “{e.exact}” is no longer among the claims of {e.source}" if not cands
                      else f"“{e.exact}” is still in {e.source}, but no {d.rule or 'such'} finding names it now")
        if target:
            attached[target] = Attached(d, moved=True)
        else:
            orphans.append(Orphan(d, reason))
    return Resolution(path=path, attached=attached, orphans=tuple(orphans))


