"""Grade every real card of ``../shared/corpus/cards`` as a release folder holding only its
README.md; time the claims extractor and the whole grading; list every high-severity
open-washing finding with its evidence in ``bench/claims/high_findings.md``.

    PYTHONPATH=src:tests/evidence .venv/bin/python bench/claims/grade_cards.py [--no-write]

Times are CPU time of this process (the box is shared). Hand judgements of the findings live in
``bench/claims/high_judgements.tsv`` (card, code, 8 hex digits of the finding message's SHA-256,
holds|does-not-hold, reason) and are merged into the Markdown file; a finding without a
judgement is listed as "not judged".
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "tests" / "evidence"))

from claim_labels import card_snapshot

from opengrade.evidence.card import parse_card
from opengrade.evidence.claims import extract
from opengrade.model import Scope
from opengrade.model.evidence_payloads import Claim as ClaimPayload
from opengrade.pipeline import assess_snapshot

HERE = Path(__file__).parent
CORPUS = Path(os.environ.get("OPENGRADE_CORPUS", HERE.parents[1] / ".." / "shared" / "corpus"))
JUDGEMENTS = HERE / "high_judgements.tsv"


@dataclass(frozen=True, slots=True)
class HighFinding:
    """One high-severity open-washing finding on one card, with what it rests on."""

    card: str
    code: str
    message: str
    evidence: tuple[str, ...]
    claims: tuple[str, ...]
    terms: str


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print counts only")
    parser.add_argument("--limit", type=int, default=0, help="first N cards only")
    args = parser.parse_args()
    cards = sorted(path for path in (CORPUS / "cards").glob("*.md") if path.name != "SOURCE.md")
    if args.limit:
        cards = cards[: args.limit]
    assess_snapshot(card_snapshot(cards[0]))  # imports, index and catalogue load: not counted
    claim_times, grade_times, found = [], [], []
    for path in cards:
        snapshot = card_snapshot(path)
        parse_card.cache_clear()
        start = time.process_time()
        extract(snapshot)
        claim_times.append(time.process_time() - start)
        parse_card.cache_clear()
        start = time.process_time()
        report = assess_snapshot(snapshot, reproducible=True)
        grade_times.append(time.process_time() - start)
        found += _high_findings(path.name, report)
    _summary("claims (extract)", claim_times)
    _summary("grading (assess_snapshot)", grade_times)
    print(f"high open-washing findings: {len(found)} on {len({f.card for f in found})} cards")
    if not args.no_write:
        _write(found, len(cards))
    return 0


def _high_findings(card: str, report: object) -> list[HighFinding]:
    found = []
    evidence = getattr(report, "evidence", ())
    claims = {
        str(item.provenance): f"{item.provenance} [{item.payload.target or ''}] "
        f"{item.payload.sentence}"
        for item in evidence
        if isinstance(item.payload, ClaimPayload) and item.payload.about_release
    }
    licensing = getattr(report, "licensing", None)
    uses = licensing.concluded(Scope.WEIGHTS) if licensing is not None else ()
    terms = ", ".join(f"{use.key} ({use.provenance})" for use in uses if use.key) or "unknown"
    for finding in getattr(report, "findings", ()):
        if str(finding.severity) != "high":
            continue
        cited = tuple(claims[where] for where in finding.evidence if where in claims)
        found.append(
            HighFinding(card, finding.code, finding.message, finding.evidence, cited, terms)
        )
    return found


def _summary(what: str, seconds: list[float]) -> None:
    values = sorted(seconds)
    median = statistics.median(values) * 1000
    p90 = values[int(len(values) * 0.9)] * 1000
    print(
        f"{what}: {len(values)} cards, total {sum(values):.2f} s, median {median:.2f} ms, "
        f"p90 {p90:.2f} ms, max {values[-1] * 1000:.1f} ms"
    )


def _judgements() -> dict[tuple[str, str, str], tuple[str, str]]:
    if not JUDGEMENTS.exists():
        return {}
    found = {}
    for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        card, code, digest, verdict, reason = line.split("\t")
        found[(card, code, digest)] = (verdict, reason)
    return found


def _write(found: list[HighFinding], total: int) -> None:
    judged = _judgements()
    lines = [
        "# High-severity open-washing findings on the real cards",
        "",
        f"Every high-severity finding on the {total} cards of `../shared/corpus/cards`, each card",
        "graded alone as a release folder holding only its README.md (generated by",
        "`bench/claims/grade_cards.py`; judgements from `bench/claims/high_judgements.tsv`).",
        "",
    ]
    verdicts = [judged.get((f.card, f.code, _first(f))) for f in found]
    holds = sum(1 for v in verdicts if v and v[0] == "holds")
    fails = sum(1 for v in verdicts if v and v[0] != "holds")
    lines += [
        f"Findings: {len(found)} on {len({f.card for f in found})} cards. Judged by hand: "
        f"{holds + fails}; hold: {holds}; do not hold: {fails}.",
        "",
    ]
    for finding, verdict in zip(found, verdicts, strict=True):
        lines += [
            f"## {finding.card} — `{finding.code}` ({_first(finding)})",
            "",
            f"- message: {finding.message}",
            f"- evidence: {', '.join(finding.evidence)}",
            *(f"- claim: {claim}" for claim in finding.claims),
            f"- weights terms: {finding.terms}",
            f"- judgement: {verdict[0] + ' — ' + verdict[1] if verdict else 'not judged'}",
            "",
        ]
    (HERE / "high_findings.md").write_text("\n".join(lines), encoding="utf-8")


def _first(finding: HighFinding) -> str:
    """The finding's key in the judgements file: 8 hex digits of its message's SHA-256."""
    return hashlib.sha256(finding.message.encode()).hexdigest()[:8]


if __name__ == "__main__":
    raise SystemExit(main())
