"""The example policy on every corpus release: weights under non-commercial or use-restricted
terms fail, open weights pass, unidentified terms are unknown (a warning) — keyed on the
concluded license's catalogue category, never on a release's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from policy_helpers import EXAMPLE_POLICY, OPEN, RESTRICTED, corpus_folders, weights_categories

from opengrade.model.report import Report
from opengrade.pipeline import assess
from opengrade.policy.check import check_reports
from opengrade.policy.load import load_policy
from opengrade.policy.model import Outcome, ReleaseCheck, RuleSeverity, Verdict

FOLDERS = corpus_folders()


@pytest.fixture(scope="module")
def graded(corpus: Path) -> dict[str, tuple[Report, ReleaseCheck]]:
    policy = load_policy(EXAMPLE_POLICY)
    reports = [(name, assess(str(corpus / "models" / name))) for name in FOLDERS]
    run = check_reports(policy, reports)
    return {
        name: (report, check) for (name, report), check in zip(reports, run.checks, strict=True)
    }


def _weights_result(check: ReleaseCheck) -> Outcome:
    (result,) = [item for item in check.results if item.rule == "licenses.weights"]
    return result.outcome


@pytest.mark.corpus
@pytest.mark.parametrize("folder", FOLDERS or ["(corpus absent)"])
def test_example_policy_follows_the_weights_category(
    folder: str, graded: dict[str, tuple[Report, ReleaseCheck]]
) -> None:
    report, check = graded[folder]
    categories = weights_categories(report)
    if RESTRICTED & set(filter(None, categories)):
        assert check.verdict is Verdict.FAIL
        assert _weights_result(check) is Outcome.VIOLATED
    elif categories and all(category in OPEN for category in categories):
        assert check.verdict is not Verdict.FAIL
        assert _weights_result(check) is Outcome.PASS
    else:
        assert _weights_result(check) is Outcome.UNKNOWN
        (result,) = [item for item in check.results if item.rule == "licenses.weights"]
        assert result.severity is RuleSeverity.WARN


@pytest.mark.corpus
def test_the_corpus_has_both_kinds(graded: dict[str, tuple[Report, ReleaseCheck]]) -> None:
    verdicts = [check.verdict for _, check in graded.values()]
    assert verdicts.count(Verdict.FAIL) >= 15
    assert len(verdicts) - verdicts.count(Verdict.FAIL) >= 15


@pytest.mark.corpus
def test_every_violation_cites_its_rule_and_evidence(
    graded: dict[str, tuple[Report, ReleaseCheck]],
) -> None:
    for _, check in graded.values():
        for result in check.results:
            if result.outcome is Outcome.VIOLATED and result.rule.startswith("licenses."):
                assert result.evidence, (check.release, result)
                assert all(item.path or item.url or item.field for item in result.evidence)
