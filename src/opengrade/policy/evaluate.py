"""Evaluating each policy rule over one graded release. Pure: a report in, results out.

Each rule gives ``pass``, ``violated`` or ``unknown``, with a message and the evidence that
decided it. What a violated or unknown result counts as (fail, warn, info) is set here from the
rule's ``severity`` and ``unknown`` settings; waivers are applied afterwards (``waivers.py``).
"""

from __future__ import annotations

from opengrade.model.assessment import ComponentStatus, MofClass
from opengrade.model.findings import OsaidVerdict, Severity
from opengrade.model.report import Report
from opengrade.policy.citations import citations
from opengrade.policy.model import (
    FindingsRule,
    LicenseRule,
    MofRule,
    OsaidRule,
    Outcome,
    Policy,
    Rule,
    RuleResult,
    RuleSeverity,
)
from opengrade.policy.terms import ConcludedKey, scope_terms

MOF_ORDER = (MofClass.III, MofClass.II, MofClass.I)
SEVERITY_ORDER = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)


def evaluate(policy: Policy, report: Report) -> tuple[RuleResult, ...]:
    """Every rule of ``policy`` over ``report``, in the policy's order."""
    results: list[RuleResult] = []
    for rule in policy.rules:
        for result in _evaluate_rule(rule, report):
            results.append(_with_severity(result, rule, policy.unknown))
    return tuple(results)


def _with_severity(result: RuleResult, rule: Rule, default_unknown: RuleSeverity) -> RuleResult:
    from dataclasses import replace

    if result.outcome is Outcome.VIOLATED:
        return replace(result, severity=rule.severity)
    if result.outcome is Outcome.UNKNOWN:
        return replace(result, severity=rule.unknown or default_unknown)
    return replace(result, severity=RuleSeverity.INFO)


def _evaluate_rule(rule: Rule, report: Report) -> list[RuleResult]:
    if isinstance(rule, LicenseRule):
        return [_license(rule, report)]
    if isinstance(rule, MofRule):
        return [_mof(rule, report)]
    if isinstance(rule, OsaidRule):
        return [_osaid(rule, report)]
    return _findings(rule, report)


def _describe(item: ConcludedKey) -> str:
    return f"{item.key} ({item.category or 'not in the catalogue'})"


def _license_problem(rule: LicenseRule, item: ConcludedKey) -> tuple[Outcome, str] | None:
    """Why one concluded key breaks the rule (or cannot be judged), or None if it is fine."""
    key = item.key.lower()
    if key in rule.deny_keys:
        return Outcome.VIOLATED, f"{_describe(item)} is a denied license"
    if item.category in rule.deny_categories:
        return Outcome.VIOLATED, f"{_describe(item)} is in a denied category"
    if key in rule.allow_keys or item.category in rule.allow_categories:
        return None
    if item.category is None and (rule.deny_categories or rule.allow_categories):
        return Outcome.UNKNOWN, f"{item.key} is not in the catalogue, so its category is unknown"
    if rule.allow_keys or rule.allow_categories:
        return Outcome.VIOLATED, f"{_describe(item)} is not on the allow list"
    return None


def _license(rule: LicenseRule, report: Report) -> RuleResult:
    terms = scope_terms(report, rule.scope)
    if not terms.present:
        message = f"{rule.scope}: the release has none (no such files, no license naming them)"
        return RuleResult(rule.id, Outcome.PASS, RuleSeverity.INFO, message)
    if not terms.keys and not terms.unidentified:
        message = f"{rule.scope}: no license was concluded"
        return RuleResult(rule.id, Outcome.UNKNOWN, RuleSeverity.INFO, message, terms.evidence)
    problems = [found for item in terms.keys if (found := _license_problem(rule, item))]
    if terms.unidentified:
        problems.append((Outcome.UNKNOWN, "a license whose terms could not be identified"))
    for outcome in (Outcome.VIOLATED, Outcome.UNKNOWN):
        texts = [text for found, text in problems if found is outcome]
        if texts:
            message = f"{rule.scope}: " + "; ".join(dict.fromkeys(texts))
            subject = terms.expression or "unidentified"
            return RuleResult(rule.id, outcome, RuleSeverity.INFO, message, terms.evidence, subject)
    keys = ", ".join(_describe(item) for item in terms.keys)
    message = f"{rule.scope}: {keys}"
    return RuleResult(rule.id, Outcome.PASS, RuleSeverity.INFO, message, terms.evidence)


def _mof(rule: MofRule, report: Report) -> RuleResult:
    wanted = MOF_ORDER.index(rule.minimum_class)
    reached = report.mof.class_
    if reached is not None and MOF_ORDER.index(reached) >= wanted:
        message = f"MOF Class {reached} reached (at least {rule.minimum_class} required)"
        return RuleResult(rule.id, Outcome.PASS, RuleSeverity.INFO, message)
    needed = [
        item
        for item in report.mof.components
        if item.required and MOF_ORDER.index(item.mof_class) <= wanted
    ]
    failing = [item for item in needed if item.status is not ComponentStatus.OPEN]
    decided = [item for item in failing if item.status is not ComponentStatus.UNKNOWN]
    outcome = Outcome.VIOLATED if decided or not failing else Outcome.UNKNOWN
    cited = decided or failing
    names = ", ".join(f"{item.name} ({item.status})" for item in cited)
    progress = report.mof.progress.get(rule.minimum_class, 0)
    message = f"MOF Class {rule.minimum_class} required, {progress}% of it met" + (
        f"; short of it: {names}" if cited else ""
    )
    evidence = tuple(dict.fromkeys(e for item in cited for e in citations(item.evidence)))
    return RuleResult(rule.id, outcome, RuleSeverity.INFO, message, evidence, str(reached or ""))


def _osaid(rule: OsaidRule, report: Report) -> RuleResult:
    verdict = report.osaid.verdict
    if not rule.require_conformant or verdict is OsaidVerdict.CONFORMANT:
        message = f"OSAID 1.0 verdict: {verdict}"
        return RuleResult(rule.id, Outcome.PASS, RuleSeverity.INFO, message, (), str(verdict))
    wanted = "not_met" if verdict is OsaidVerdict.NOT_CONFORMANT else "unknown"
    unmet = [item for item in report.osaid.requirements if item.outcome == wanted]
    reasons = "; ".join(f"{item.rule}: {item.reason}" for item in unmet)
    outcome = Outcome.VIOLATED if verdict is OsaidVerdict.NOT_CONFORMANT else Outcome.UNKNOWN
    message = f"OSAID 1.0 conformance required, verdict {verdict}" + (
        f" ({reasons})" if reasons else ""
    )
    evidence = tuple(dict.fromkeys(e for item in unmet for e in citations(item.evidence)))
    return RuleResult(rule.id, outcome, RuleSeverity.INFO, message, evidence, str(verdict))


def _findings(rule: FindingsRule, report: Report) -> list[RuleResult]:
    limit = SEVERITY_ORDER.index(rule.at_or_above) if rule.at_or_above else -1
    results = [
        RuleResult(
            rule.id,
            Outcome.VIOLATED,
            RuleSeverity.INFO,
            f"{finding.code} ({finding.severity}): {finding.message}",
            citations(finding.evidence),
            finding.code,
        )
        for finding in report.findings
        if finding.code in rule.codes or SEVERITY_ORDER.index(finding.severity) <= limit
    ]
    if results:
        return results
    message = "no finding the policy fails on"
    return [RuleResult(rule.id, Outcome.PASS, RuleSeverity.INFO, message)]
