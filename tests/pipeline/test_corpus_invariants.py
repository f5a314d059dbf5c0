"""Issue 4's rules on every real corpus release, checked against the licenses each release's own
evidence concludes for its weights (never against a list of model names)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from opengrade.frameworks.openwashing_rules import load_openwashing_rules
from opengrade.licenses import catalog
from opengrade.model import Scope
from opengrade.model.license import LicenseCategory, is_policy_key
from opengrade.model.report import Report
from opengrade.pipeline import assess

CLAIM_CLASSES = load_openwashing_rules().claim_classes
RESTRICTIVE = {
    LicenseCategory.RAIL,
    LicenseCategory.COMMUNITY_RESTRICTED,
    LicenseCategory.NON_COMMERCIAL,
    LicenseCategory.RESEARCH_ONLY,
    LicenseCategory.PROPRIETARY,
    LicenseCategory.NO_DERIVATIVES,
}


@cache
def _reports(corpus: Path) -> tuple[Report, ...]:
    folders = sorted(path for path in (corpus / "models").iterdir() if path.is_dir())
    return tuple(assess(str(folder)) for folder in folders)


def _weights_categories(report: Report) -> set[LicenseCategory]:
    found = set()
    for use in report.licensing.concluded(Scope.WEIGHTS):
        terms = catalog.terms(use.key) if use.key else None
        if terms is not None and not is_policy_key(terms.key):
            found.add(terms.category)
    return found


def _parameters(report: Report) -> str:
    return next(str(r.outcome) for r in report.osaid.requirements if r.rule == "parameters")


@pytest.mark.corpus
def test_restrictive_weights_are_never_called_open(corpus: Path) -> None:
    checked = 0
    for report in _reports(corpus):
        if _weights_categories(report) & RESTRICTIVE:
            checked += 1
            assert report.licensing.openness(Scope.WEIGHTS) is False, report.snapshot.id
            assert _parameters(report) == "not_met", report.snapshot.id
            assert report.osaid.verdict == "not-conformant", report.snapshot.id
            final = next(c for c in report.mof.components if c.name == "Model parameters (Final)")
            assert final.status != "open", report.snapshot.id
    assert checked >= 15


@pytest.mark.corpus
def test_apache_and_mit_weights_are_never_failed_for_their_license(corpus: Path) -> None:
    checked = 0
    for report in _reports(corpus):
        keys = {u.key for u in report.licensing.concluded(Scope.WEIGHTS) if u.key}
        if keys and keys <= {"Apache-2.0", "MIT"}:
            checked += 1
            parameters = next(r for r in report.osaid.requirements if r.rule == "parameters")
            assert "not OSD-conformant" not in parameters.reason, report.snapshot.id
            assert not any(f.code == "restricted-weights-claimed-open" for f in report.findings)
    assert checked >= 15


@pytest.mark.corpus
def test_self_claims_under_unopen_or_unknown_terms_are_flagged(corpus: Path) -> None:
    flagged = 0
    for report in _reports(corpus):
        self_claims = [
            item
            for item in report.evidence
            if item.kind == "claim"
            and item.payload.detail_values().get("about_release")
            and item.payload.subject_text()
            in CLAIM_CLASSES  # "open weights" is an honest claim, not these
        ]
        if not self_claims or report.licensing.openness(Scope.WEIGHTS) is True:
            continue
        codes = {(f.code, str(f.severity)) for f in report.findings}
        if report.licensing.openness(Scope.WEIGHTS) is False:
            assert ("restricted-weights-claimed-open", "high") in codes, report.snapshot.id
        else:
            assert any(code.startswith("claimed-open") or sev == "high" for code, sev in codes), (
                report.snapshot.id
            )
        flagged += 1
    assert flagged >= 5


@pytest.mark.corpus
def test_mentions_of_others_alone_never_trigger_claim_findings(corpus: Path) -> None:
    for report in _reports(corpus):
        own = [
            i
            for i in report.evidence
            if i.kind == "claim" and i.payload.detail_values().get("about_release")
        ]
        tags = [
            i
            for i in report.evidence
            if i.kind == "card-field" and i.payload.subject_text() == "tags"
        ]
        if (
            own
            or any("open" in i.payload.value_text().lower() for i in tags)
            or "open" in report.snapshot.id.lower()
        ):
            continue
        claim_codes = {"restricted-weights-claimed-open", "open-weights-only", "gated-while-open"}
        assert not {f.code for f in report.findings} & claim_codes, report.snapshot.id
