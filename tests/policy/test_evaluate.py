"""Each kind of rule on real releases: allow and deny lists by key and category, unknown
terms, MOF class, OSAID conformance, findings by code and severity, severities."""

from __future__ import annotations

from pathlib import Path

import pytest
from policy_helpers import corpus_folders

from opengrade.model import Scope
from opengrade.model.report import Report
from opengrade.pipeline import assess
from opengrade.policy.evaluate import evaluate
from opengrade.policy.load import parse_policy
from opengrade.policy.model import Outcome, RuleResult, RuleSeverity
from opengrade.policy.terms import scope_terms


@pytest.fixture(scope="module")
def reports(corpus: Path) -> list[Report]:
    return [assess(str(corpus / "models" / folder)) for folder in corpus_folders()]


def _results(policy: dict[str, object], report: Report) -> list[RuleResult]:
    return list(evaluate(parse_policy({"version": 1, **policy}), report))


@pytest.mark.corpus
def test_allow_and_deny_by_key_follow_the_concluded_keys(reports: list[Report]) -> None:
    checked = 0
    for report in reports:
        weights = scope_terms(report, Scope.WEIGHTS)
        if not weights.keys or weights.unidentified:
            continue
        checked += 1
        key = weights.keys[0].key
        denied = _results({"licenses": {"weights": {"deny_keys": [key.upper()]}}}, report)
        assert [r.outcome for r in denied] == [Outcome.VIOLATED]
        assert denied[0].severity is RuleSeverity.FAIL and denied[0].evidence
        allowed_keys = [item.key for item in weights.keys]
        allowed = _results({"licenses": {"weights": {"allow_keys": allowed_keys}}}, report)
        assert [r.outcome for r in allowed] == [Outcome.PASS]
        other = _results({"licenses": {"weights": {"allow_keys": ["no-such-key"]}}}, report)
        assert [r.outcome for r in other] == [Outcome.VIOLATED]
    assert checked >= 30


@pytest.mark.corpus
def test_unidentified_terms_are_unknown_with_the_configured_severity(reports: list[Report]) -> None:
    unknown = [r for r in reports if scope_terms(r, Scope.WEIGHTS).open is None]
    assert unknown
    for report in unknown:
        rule = {"deny_categories": ["non-commercial"], "unknown": "fail"}
        (result,) = _results({"licenses": {"weights": rule}}, report)
        assert result.outcome is Outcome.UNKNOWN
        assert result.severity is RuleSeverity.FAIL
        (default,) = _results({"unknown": "info", "licenses": {"weights": {}}}, report)
        assert default.severity is RuleSeverity.INFO


@pytest.mark.corpus
def test_mof_osaid_and_findings_rules(reports: list[Report]) -> None:
    for report in reports:
        (mof,) = _results({"mof": {"minimum_class": "III", "severity": "warn"}}, report)
        reached = report.mof.class_ is not None
        assert (mof.outcome is Outcome.PASS) == reached
        if mof.outcome is Outcome.VIOLATED:
            assert mof.severity is RuleSeverity.WARN
        (osaid,) = _results({"osaid": {"require_conformant": True}}, report)
        expected = {
            "conformant": Outcome.PASS,
            "not-conformant": Outcome.VIOLATED,
            "unverified": Outcome.UNKNOWN,
        }[str(report.osaid.verdict)]
        assert osaid.outcome is expected
        (relaxed,) = _results({"osaid": {"require_conformant": False}}, report)
        assert relaxed.outcome is Outcome.PASS
        by_severity = _results({"findings": {"at_or_above": "medium"}}, report)
        wanted = sorted(f.code for f in report.findings if f.severity in ("high", "medium"))
        violated = sorted(r.subject for r in by_severity if r.outcome is Outcome.VIOLATED)
        assert violated == wanted
        codes = {f.code for f in report.findings}
        by_code = _results({"findings": {"codes": sorted(codes)}}, report)
        assert {r.subject for r in by_code if r.outcome is Outcome.VIOLATED} == codes
