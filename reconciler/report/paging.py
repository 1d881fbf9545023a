"""The data of a large report: what is beyond the budget of :class:`~reconciler.report.context.Limits`
travels as compressed JSON (zlib, base64) that the report's script pages through."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping
from typing import Any

from reconciler.models import Claim, Finding, Group, Result, Source
from reconciler.read.pdf import page_of
from reconciler.report.format import DATA_CONTEXT, _plural, _sev_css, _worst, format_number, split_quote
from reconciler.report.render import reveal
from reconciler.report.views import DecisionView, Limits, ScoreRow, SourceView, Trim


class Paging:
    """The part of the report builder that packs what is not rendered in full (a mixin of
    :class:`reconciler.report.context._Builder`; the attributes below are the builder's)."""

    result: Result
    limits: Limits
    full_text: set[str]
    claims: dict[str, Claim]
    sources: dict[str, Source]
    claim_anchor: dict[str, str]
    source_anchor: dict[str, str]
    source_index: dict[str, int]
    claim_severity: dict[str, str]
    matrix_severity: dict[str, str]
    split: dict[str, tuple[list[str], list[str]]]
    groups: dict[str, Group]
    finding_anchor: dict[str, str]
    group_anchor: dict[str, str]

    def trim(self, findings: list[Finding], groups: list[Group], score: list[ScoreRow],
             decisions: Mapping[str, DecisionView], change_of: Mapping[str, str], json_name: str,
             source_views: list[SourceView]) -> Trim | None:
        lim = self.limits
        rest_f = findings[lim.findings:]
        rest_g = groups[lim.rows:]
        rest_s = score[lim.scorecard:]
        dropped_text = len(self.result.sources) - len(self.full_text)
        if not rest_f and not rest_g and not rest_s and not dropped_text:
            return None
        in_html = {c.id for c in self.result.claims if c.source in self.full_text}
        in_html |= {k.id for v in source_views for k in v.sentences}
        rendered = {v.id for v in source_views}
        claims_out: dict[str, list[Any]] = {}

        def ref(cid: str, quote: bool) -> str:
            anchor = self.claim_anchor[cid]
            if cid not in in_html and (anchor not in claims_out or (quote and claims_out[anchor][2] is None)):
                c = self.claims[cid]
                if quote:
                    q = split_quote(c.sentence, c.text, c.start - c.sentence_start, DATA_CONTEXT)
                    before, after = q.before, q.after
                else:
                    before, after = None, None
                s = self.sources.get(c.source)
                claims_out[anchor] = [self.source_index.get(c.source, 0), c.text, before, after,
                                      _sev_css(self.claim_severity.get(cid, "")),
                                      page_of(s.pages, c.start) if s else None]
            return anchor

        data_f = []
        for i, f in enumerate(rest_f, start=lim.findings):
            about, support = self.split[f.id]
            group = self.groups.get(f.group) if f.group else None
            d = decisions.get(f.id)
            label = (group.label or group.id) if group else (f.group or "")
            data_f.append([
                self.finding_anchor[f.id], f.severity, f.rule, f.message, f.explanation, f.suggested,
                label, self.group_anchor[group.id] if group else "",
                [ref(c, True) for c in about[:lim.about]],
                [ref(c, True) for c in support[:lim.supporters]],
                len(about[lim.about:]) + len(support[lim.supporters:]),
                change_of.get(f.id, ""),
                [d.status, d.label, d.note, d.corrected] if d else None,
                i, f.id,
            ])
        data_g = []
        for g in rest_g:
            found = [self.claims[c] for c in g.claims if c in self.claims]
            found.sort(key=lambda c: (0 if c.id in self.matrix_severity else 1, self.source_index.get(c.source, 0)))
            flagged = sum(1 for c in found if c.id in self.matrix_severity)
            keep = found[:max(flagged, lim.list_entries)]
            row_sev = _worst(self.matrix_severity.get(c, "") for c in g.claims)
            data_g.append([
                self.group_anchor[g.id], g.label or g.id, g.dimension,
                g.consensus_text or format_number(g.consensus) or "no consensus",
                f"{g.support} source" + ("" if g.support == 1 else "s"), _sev_css(row_sev),
                [[self.source_index.get(c.source, 0), c.text, ref(c.id, False),
                  _sev_css(self.matrix_severity.get(c.id, ""))] for c in keep],
                len(found) - len(keep),
            ])
        data_s = [[s.index, s.title, s.claims, s.aligned, s.agree_text, s.agree_ratio,
                   " ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in
                            ((s.errors, "error"), (s.warnings, "warning")) if n), s.css]
                  for s in rest_s]
        data = {
            "v": 1,
            "sources": [[s.title or s.path or s.id, s.path, self.source_anchor[s.id] if s.id in rendered
                         else "", s.outlet] for s in self.result.sources],
            "claims": claims_out,
            "findings": data_f,
            "rows": data_g,
            "score": data_s,
        }
        # direction controls shown, not obeyed, here too
        raw = reveal(json.dumps(data, ensure_ascii=False, separators=(",", ":"))).encode("utf-8")
        packed = base64.b64encode(zlib.compress(raw, 6)).decode("ascii")
        notes = []
        where = f" (all of them are in the JSON result{', ' + json_name if json_name else ''})"
        if rest_f:
            notes.append(f"The first {_plural(lim.findings, 'finding')} are shown in full; the other "
                         f"{len(rest_f):,} are paged in below from compressed data{where}.")
        if rest_g:
            notes.append(f"The first {_plural(lim.rows, 'quantity').replace('quantitys', 'quantities')} of the "
                         f"matrix are shown in full; the other {len(rest_g):,} are paged in.")
        if dropped_text:
            notes.append(f"Full article text is embedded for {len(self.full_text):,} of "
                         f"{len(self.result.sources):,} sources; for the others, the report keeps the sentences "
                         "of the claims it cites.")
        return Trim(trimmed=True, notes=tuple(notes), data=packed if (rest_f or rest_g or rest_s) else "",
                    data_bytes=len(raw))
