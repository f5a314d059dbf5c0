"""Waivers on real releases: a valid waiver clears a failure until its expiry date (inclusive);
an expired one, one for other terms (the release's license changed) or another revision hides
nothing, and every waiver's fate is reported."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from policy_helpers import EXAMPLE_POLICY, RESTRICTED, corpus_folders, weights_categories

from opengrade.pipeline import assess
from opengrade.policy.check import check_reports
from opengrade.policy.load import load_policy
from opengrade.policy.model import Policy, Verdict, Waiver, WaiverStatus
from opengrade.policy.terms import all_scope_terms, terms_fingerprint

EXPIRES = date(2027, 6, 30)
REPLACEMENT = "CC-BY-NC-SA-4.0"


def _failing_on_weights_only(corpus: Path) -> Path:
    """A corpus release whose weights carry restricted terms read from a license file, and
    that the example policy fails for that reason alone (chosen by category, not by name)."""
    policy = load_policy(EXAMPLE_POLICY)
    for folder in corpus_folders():
        directory = corpus / "models" / folder
        report = assess(str(directory))
        if not RESTRICTED & set(filter(None, weights_categories(report))):
            continue
        if not any(u.source == "identified" for u in report.licensing.uses if u.key):
            continue
        (check,) = check_reports(policy, [(folder, report)]).checks
        failing = {r.rule for r in check.results if r.severity == "fail" and r.outcome != "pass"}
        if failing == {"licenses.weights"}:
            return directory
    raise AssertionError("no corpus release fails on its weights license alone")


@pytest.fixture(scope="module")
def release(corpus: Path) -> Path:
    return _failing_on_weights_only(corpus)


def _policy_with(waiver: Waiver) -> Policy:
    return replace(load_policy(EXAMPLE_POLICY), waivers=(waiver,))


def _waiver(release_id: str, terms: str, **changes: object) -> Waiver:
    waiver = Waiver(
        release=release_id,
        rule="licenses.weights",
        reason="evaluation project, approved by legal",
        approver="reviewer@example.org",
        expires=EXPIRES,
        terms=terms,
        index=0,
    )
    return replace(waiver, **changes)  # type: ignore[arg-type]


@pytest.mark.corpus
def test_a_waiver_clears_the_failure_until_its_expiry_date(release: Path) -> None:
    report = assess(str(release))
    policy = _policy_with(_waiver(report.snapshot.id, terms_fingerprint(report)))
    for today in (EXPIRES - timedelta(days=30), EXPIRES):
        run = check_reports(policy, [(str(release), report)], today=today)
        (check,) = run.checks
        assert check.verdict is not Verdict.FAIL
        assert not run.failed
        assert [use.status for use in run.waivers] == [WaiverStatus.APPLIED]
        waived = [result for result in check.results if result.waiver is not None]
        assert [result.rule for result in waived] == ["licenses.weights"]
        assert waived[0].evidence  # still cites what it waives


@pytest.mark.corpus
def test_an_expired_waiver_hides_nothing(release: Path) -> None:
    report = assess(str(release))
    policy = _policy_with(_waiver(report.snapshot.id, terms_fingerprint(report)))
    run = check_reports(policy, [(str(release), report)], today=EXPIRES + timedelta(days=1))
    assert run.failed
    assert [use.status for use in run.waivers] == [WaiverStatus.EXPIRED]
    assert all(result.waiver is None for result in run.checks[0].results)


@pytest.mark.corpus
def test_a_waiver_stops_when_the_concluded_terms_change(
    release: Path, corpus: Path, tmp_path: Path
) -> None:
    approved = assess(str(release))
    copy = tmp_path / release.name
    shutil.copytree(release, copy)
    license_files = [p for p in copy.iterdir() if p.is_file() and "licen" in p.name.lower()]
    assert license_files
    replacement = corpus / "licenses" / "texts" / f"{REPLACEMENT}.txt"
    for path in license_files:
        path.write_bytes(replacement.read_bytes())
    changed = assess(str(copy))
    assert changed.snapshot.id == approved.snapshot.id
    assert terms_fingerprint(changed) != terms_fingerprint(approved)
    policy = _policy_with(_waiver(approved.snapshot.id, terms_fingerprint(approved)))
    run = check_reports(policy, [(str(copy), changed)], today=EXPIRES)
    assert run.failed
    assert [use.status for use in run.waivers] == [WaiverStatus.TERMS_CHANGED]


@pytest.mark.corpus
def test_a_waiver_for_another_revision_or_release_or_rule_hides_nothing(release: Path) -> None:
    report = assess(str(release))
    terms = terms_fingerprint(report)
    cases = {
        WaiverStatus.REVISION_CHANGED: _waiver(report.snapshot.id, terms, revision="0" * 40),
        WaiverStatus.UNUSED: _waiver("someone/else", terms),
        WaiverStatus.UNKNOWN_RULE: _waiver(report.snapshot.id, terms, rule="licenses.data"),
    }
    for status, waiver in cases.items():
        run = check_reports(_policy_with(waiver), [(str(release), report)], today=EXPIRES)
        assert run.failed, status
        assert [use.status for use in run.waivers] == [status]


@pytest.mark.corpus
def test_the_fingerprint_is_the_same_for_the_same_terms(corpus: Path) -> None:
    """Releases under the same concluded keys share a fingerprint; different keys differ."""
    by_terms: dict[tuple[tuple[str, tuple[str, ...], bool], ...], set[str]] = {}
    for folder in corpus_folders():
        report = assess(str(corpus / "models" / folder))

        shape = tuple(
            (str(item.scope), tuple(sorted({e.key.lower() for e in item.keys})), item.unidentified)
            for item in all_scope_terms(report)
            if item.present
        )
        by_terms.setdefault(shape, set()).add(terms_fingerprint(report))
    assert all(len(prints) == 1 for prints in by_terms.values())
    fingerprints = [next(iter(prints)) for prints in by_terms.values()]
    assert len(set(fingerprints)) == len(fingerprints) > 5
