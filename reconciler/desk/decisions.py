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

import contextlib
import datetime as _dt
import os
import stat
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
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


MAX_FILE_BYTES = 256 << 20  # 100,000 decisions take about 22 MB


@dataclass(frozen=True)
class Loaded:
    """The usable decisions of a file, and one line for each entry skipped (file, entry, why)."""

    decisions: tuple[Decision, ...] = ()
    problems: tuple[str, ...] = ()


class _BadEntry(ValueError):
    pass


def read(path: str | os.PathLike[str]) -> Loaded:
    """The decisions in ``path`` (none when it does not exist), each entry checked: one that
    cannot be used (an unknown status, a note that is not a string, a quote's ``start`` that is
    not a whole number...) is skipped and named in ``problems``.

    A file that cannot be used at all (not a regular file, not UTF-8, not TOML, no
    ``[[decision]]`` tables) raises :class:`DecisionError`.
    """
    from reconciler.read.regular import read_regular

    p = Path(path)
    try:
        raw = read_regular(p, MAX_FILE_BYTES)
    except FileNotFoundError:
        return Loaded()
    except OSError as e:
        raise DecisionError(f"cannot read {p}: {e.strerror or e}") from e
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # a BOM, as some editors save it, is fine
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise DecisionError(f"{p} is not a readable TOML file: {e}") from e
    entries = data.get("decision", [])
    if not isinstance(entries, list):
        raise DecisionError(f"{p}: `decision` must be [[decision]] tables, not {_kind(entries)}")
    out: list[Decision] = []
    problems: list[str] = []
    for i, d in enumerate(entries):
        try:
            out.append(_decision(d))
        except _BadEntry as e:
            fid = d.get("finding") if isinstance(d, dict) else None
            named = f" ({fid})" if isinstance(fid, str) and fid else ""
            problems.append(f"{p}: decision {i + 1}{named} skipped: {e}")
    return Loaded(tuple(out), tuple(problems))


def load(path: str | os.PathLike[str]) -> list[Decision]:
    """The usable decisions in ``path`` ([] when it does not exist); see :func:`read`."""
    return list(read(path).decisions)


def _strings(table: dict[str, Any], keys: Sequence[str], where: str = "") -> dict[str, str]:
    """The text fields ``keys`` of a hand-edited table ("" when absent), each checked to be a string."""
    out = {}
    for key in keys:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise _BadEntry(f"{where}{key} must be a string, not {_kind(value)} ({value!r})")
        out[key] = value
    return out


def _kind(value: object) -> str:
    return {bool: "a boolean", str: "a string", dict: "a table", list: "an array", int: "an integer",
            float: "a number"}.get(type(value), type(value).__name__)


_TEXT_KEYS = ("note", "corrected", "by", "rule", "message")
_QUOTE_KEYS = ("source", "exact", "prefix", "suffix")


def _decision(d: object) -> Decision:
    """One ``[[decision]]`` table as a :class:`Decision`; :class:`_BadEntry` says why it cannot be."""
    if not isinstance(d, dict):
        raise _BadEntry(f"it is {_kind(d)}, not a table")
    finding = d.get("finding")
    if not isinstance(finding, str) or not finding:
        raise _BadEntry("it has no finding id" if finding is None or finding == ""
                        else f"finding must be a string, not {finding!r}")
    status = d.get("status")
    if status not in STATUSES:
        raise _BadEntry(f"it has status {status!r}; expected one of {', '.join(STATUSES)}")
    text = _strings(d, _TEXT_KEYS)
    date = d.get("date", "")
    if isinstance(date, (_dt.date, _dt.datetime)):
        date = date.isoformat()
    if not isinstance(date, str):
        raise _BadEntry(f"date must be a date or a string, not {date!r}")
    evidence = d.get("evidence", [])
    if not isinstance(evidence, list):
        raise _BadEntry(f"evidence must be [[decision.evidence]] tables, not {_kind(evidence)}")
    quotes = []
    for j, e in enumerate(evidence):
        where = f"evidence {j + 1}"
        if not isinstance(e, dict):
            raise _BadEntry(f"{where} is {_kind(e)}, not a table")
        fields = _strings(e, _QUOTE_KEYS, f"{where}: ")
        start = e.get("start", 0)
        if isinstance(start, bool) or not isinstance(start, int) or not 0 <= start < 1 << 53:
            raise _BadEntry(f"{where}: start must be a whole number of at least 0, not {start!r}")
        quotes.append(Evidence(start=start, **fields))
    return Decision(finding=finding, status=status, date=date, evidence=tuple(quotes), **text)


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
    """Write the decisions to ``path`` atomically, as the file was: through a symbolic link to
    the file it names, with the file's permissions; a read-only file is refused
    (:class:`DecisionError`). Other write errors are :class:`OSError`."""
    write_keeping(path, dumps(decisions))


def target_of(path: str | os.PathLike[str]) -> Path:
    """The file ``path`` stands for: itself, or what its symbolic links lead to."""
    p = Path(path)
    return Path(os.path.realpath(p)) if p.is_symlink() else p


def write_keeping(path: str | os.PathLike[str], text: str) -> None:
    """:func:`reconciler.output.atomic.write_atomic` for a file an editor owns: written where a
    symbolic link points (the link stays a link), keeping the old file's mode (a private
    0600 file stays private), and never over a read-only file."""
    from reconciler.output.atomic import atomic_file

    target = target_of(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise DecisionError(f"cannot write {path}: not a regular file")
        if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise DecisionError(f"{path} is read-only: not changed (make it writable to record decisions)")
    with atomic_file(target) as fh:
        if st is not None and hasattr(os, "fchmod"):
            os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
        fh.write(text.encode("utf-8"))


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the decisions file's lock: an exclusive ``flock`` on a hidden lock file beside it
    (``.reconcile-decisions.toml.lock``, beside the file a link points to), so that commands
    run at the same time read, change and write the file one after another and no decision
    is lost. Where ``fcntl`` does not exist (Windows) nothing is locked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    target = target_of(path)
    lock = target.with_name(f".{target.name}.lock")
    flags = getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | flags, 0o666)
    except PermissionError:
        fd = os.open(lock, os.O_RDONLY | flags)  # another's lock file: flock needs no write access
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


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




# ---------------------------------------------------------------------------------------
# the JSON result a review reads


def result_problem(data: object) -> str:
    """Why ``data`` is not a JSON result the review commands can use ("" when it is): the
    first value of the wrong shape, by its place (``findings[3].claims``)."""
    if not isinstance(data, dict):
        return f"it is {_kind(data)}, not an object"
    text = (str,)
    maybe_text = (str, type(None))
    shapes: dict[str, dict[str, tuple[type, ...]]] = {
        "findings": {"id": text, "rule": text, "severity": text, "message": text, "claims": (list,)},
        "claims": {"id": text, "source": text, "start": (int,), "end": (int,), "text": text},
        "sources": {"id": text},
    }
    optional: dict[str, dict[str, tuple[type, ...]]] = {
        "findings": {"suggested": maybe_text, "explanation": maybe_text, "group": maybe_text},
        "claims": {"sentence": maybe_text, "selector": (list,)},
        "sources": {"title": maybe_text, "path": maybe_text, "date": maybe_text},
    }
    for section, needed in shapes.items():
        rows = data.get(section, [])
        if not isinstance(rows, list):
            return f"{section} is {_kind(rows)}, not a list"
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                return f"{section}[{i}] is {_kind(row)}, not an object"
            for key, types in needed.items():
                if key not in row:
                    return f"{section}[{i}] has no {key}"
                if not isinstance(row[key], types) or isinstance(row[key], bool):
                    return f"{section}[{i}].{key} is {_kind(row[key])}"
            for key, types in optional[section].items():
                if key in row and not isinstance(row[key], types):
                    return f"{section}[{i}].{key} is {_kind(row[key])}"
            if section == "findings" and not all(isinstance(c, str) for c in row["claims"]):
                return f"findings[{i}].claims must list claim ids"
            if section == "claims":
                for j, sel in enumerate(row.get("selector", [])):
                    if not isinstance(sel, dict):
                        return f"claims[{i}].selector[{j}] is {_kind(sel)}, not an object"
                    if sel.get("type") == "TextQuoteSelector" and not all(
                            isinstance(sel.get(k), str) for k in ("exact", "prefix", "suffix")):
                        return f"claims[{i}].selector[{j}] needs exact, prefix and suffix strings"
    return ""
