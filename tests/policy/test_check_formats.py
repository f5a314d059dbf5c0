"""Every ``opengrade check`` format on real releases, against golden files (regenerate after an
intended change with ``OPENGRADE_UPDATE_GOLDEN=1 pytest tests/policy``, then read the diff),
plus what each format must guarantee: SARIF valid against the official schema with stable ids
and fingerprints, JUnit counts, GitHub's annotation and summary limits, GitLab's fields."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from policy_helpers import EXAMPLE_POLICY, RESTRICTED, corpus_folders, weights_categories

from opengrade.model.report import Report
from opengrade.pipeline import assess
from opengrade.policy.check import check_reports
from opengrade.policy.formats import CHECK_FORMAT_NAMES, check_formats
from opengrade.policy.formats.github import (
    ANNOTATIONS_PER_KIND,
    SUMMARY_LIMIT_BYTES,
    escape_data,
    escape_property,
    render_github,
    render_summary,
)
from opengrade.policy.load import load_policy
from opengrade.policy.model import CheckRun, CodeUse, Outcome, RuleSeverity, Waiver
from opengrade.policy.terms import terms_fingerprint

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "check"
RELEASES = [
    "google__gemma-2b-it",
    "stabilityai__stable-cascade",
    "EleutherAI__pythia-6.9b",
    "THUDM__chatglm3-6b",
]
SUFFIXES = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "junit.xml",
    "github": "github.txt",
    "gitlab": "gitlab.json",
}
TODAY = date(2027, 1, 1)
CODE_USE = CodeUse("EleutherAI/pythia-6.9b", "service/embed.py", 12)


def _reports(corpus: Path, names: list[str]) -> list[tuple[str, Report]]:
    return [
        (str(corpus / "models" / name), assess(str(corpus / "models" / name))) for name in names
    ]


def _waiver(report: Report, index: int, expires: date) -> Waiver:
    return Waiver(
        release=report.snapshot.id,
        rule="licenses.weights",
        reason="research evaluation only",
        approver="legal@example.org",
        expires=expires,
        terms=terms_fingerprint(report),
        index=index,
    )


@pytest.fixture(scope="module")
def golden_run(corpus: Path) -> CheckRun:
    reports = _reports(corpus, RELEASES)
    by_name = dict(zip(RELEASES, (report for _, report in reports), strict=True))
    waivers = (
        _waiver(by_name["stabilityai__stable-cascade"], 0, date(2027, 6, 30)),
        _waiver(by_name["google__gemma-2b-it"], 1, date(2026, 12, 31)),
    )
    policy = replace(load_policy(EXAMPLE_POLICY), path="opengrade.toml", waivers=waivers)
    return check_reports(policy, reports, today=TODAY, code_uses=[CODE_USE])


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("OPENGRADE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with OPENGRADE_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.corpus
@pytest.mark.parametrize("name", CHECK_FORMAT_NAMES)
def test_each_format_matches_its_golden_file(name: str, golden_run: CheckRun, corpus: Path) -> None:
    assert set(SUFFIXES) == set(CHECK_FORMAT_NAMES) == set(check_formats())
    _check_golden(f"check.{SUFFIXES[name]}", check_formats()[name](golden_run, corpus))


@pytest.mark.corpus
def test_the_step_summary_matches_its_golden_file(golden_run: CheckRun, corpus: Path) -> None:
    _check_golden("check.summary.md", render_summary(golden_run, corpus))


def _sarif_validator(corpus: Path) -> jsonschema.Draft4Validator:
    schema = json.loads(
        (corpus.parent / "schemas" / "sarif" / "sarif-schema-2.1.0.json").read_text()
    )
    return jsonschema.Draft4Validator(schema)


@pytest.mark.corpus
def test_sarif_is_valid_with_stable_ids_and_real_locations(
    golden_run: CheckRun, corpus: Path
) -> None:
    log = json.loads(check_formats()["sarif"](golden_run, corpus))
    assert list(_sarif_validator(corpus).iter_errors(log)) == []
    (run,) = log["runs"]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(f"opengrade/{rule.id}" for rule in golden_run.policy.rules)
    assert run["results"]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        if result["properties"]["release"] == CODE_USE.release:
            assert uri == CODE_USE.path
            assert location["physicalLocation"]["region"]["startLine"] == CODE_USE.line
        else:
            assert (corpus / uri).is_file(), uri
    fingerprints = [next(iter(r["partialFingerprints"].values())) for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)
    waived = [r for r in run["results"] if "suppressions" in r]
    assert len(waived) == 1 and waived[0]["properties"]["release"] == "stabilityai/stable-cascade"


@pytest.mark.corpus
def test_sarif_fingerprints_survive_moved_lines(golden_run: CheckRun, corpus: Path) -> None:
    moved = replace(golden_run, checks=tuple(replace(c, code_uses=()) for c in golden_run.checks))
    before = json.loads(check_formats()["sarif"](golden_run, corpus))["runs"][0]["results"]
    after = json.loads(check_formats()["sarif"](moved, corpus))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"] for r in before] != [r["locations"] for r in after]


@pytest.mark.corpus
def test_junit_counts_failures_and_waivers(golden_run: CheckRun, corpus: Path) -> None:
    root = ElementTree.fromstring(check_formats()["junit"](golden_run, corpus))
    failing = [
        result
        for check in golden_run.checks
        for result in check.results
        if result.outcome is not Outcome.PASS and result.severity is RuleSeverity.FAIL
    ]
    assert int(root.get("failures", "")) == len(failing) == len(root.findall(".//failure"))
    assert int(root.get("skipped", "")) == 1 == len(root.findall(".//skipped"))
    assert int(root.get("tests", "")) == sum(len(check.results) for check in golden_run.checks)
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {check.release for check in golden_run.checks}


@pytest.mark.corpus
def test_gitlab_code_quality_fields(golden_run: CheckRun, corpus: Path) -> None:
    issues = json.loads(check_formats()["gitlab"](golden_run, corpus))
    assert issues
    for issue in issues:
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["check_name"].startswith("opengrade/")
        assert issue["location"]["lines"]["begin"] >= 1
        assert issue["description"]
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    waived = [
        i
        for i in issues
        if i["description"].startswith("stabilityai/stable-cascade: licenses.weights")
    ]
    assert waived == []
    assert any(i["description"].startswith("stabilityai/stable-cascade: ") for i in issues)


@pytest.fixture(scope="module")
def restricted_run(corpus: Path) -> CheckRun:
    names = []
    for name in corpus_folders():
        report = assess(str(corpus / "models" / name))
        if RESTRICTED & set(filter(None, weights_categories(report))):
            names.append((str(corpus / "models" / name), report))
    return check_reports(load_policy(EXAMPLE_POLICY), names, today=TODAY)


@pytest.mark.corpus
def test_github_annotations_respect_the_per_step_limit(
    restricted_run: CheckRun, corpus: Path
) -> None:
    lines = render_github(restricted_run, corpus).splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    failing = sum(
        1
        for c in restricted_run.checks
        for r in c.results
        if r.outcome != "pass" and r.severity == "fail"
    )
    assert failing > ANNOTATIONS_PER_KIND
    assert len(errors) == ANNOTATIONS_PER_KIND
    assert len(warnings) == ANNOTATIONS_PER_KIND
    assert sum(line.startswith("error: ") for line in lines) == failing - ANNOTATIONS_PER_KIND
    assert "not annotated" in render_summary(restricted_run, corpus)


@pytest.mark.corpus
def test_the_step_summary_stays_under_one_mebibyte(restricted_run: CheckRun, corpus: Path) -> None:
    long = "x" * 5000
    checks = tuple(
        replace(check, results=tuple(replace(r, message=r.message + long) for r in check.results))
        for check in restricted_run.checks
    )
    huge = replace(restricted_run, checks=checks * 20)
    summary = render_summary(huge, corpus)
    assert len(summary.encode("utf-8")) <= SUMMARY_LIMIT_BYTES
    assert "left out to stay under GitHub's 1 MiB summary limit" in summary


def test_workflow_command_escaping() -> None:
    assert escape_data("50% done\nnext\r") == "50%25 done%0Anext%0D"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
