"""JUnit XML: one test suite per release, one test case per rule result. A result that fails
the policy is a ``failure`` (its message and evidence); a waived one is ``skipped`` with the
waiver's reason; warnings pass with their text in ``system-out``. A target that could not be
read is a suite with one ``error``."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from opengrade.policy.formats.locate import evidence_text, locate, shown
from opengrade.policy.model import CheckRun, Outcome, RuleSeverity


def _case_name(rule: str, subject: str) -> str:
    return f"{rule} ({subject})" if subject and rule == "findings" else rule


def render_junit(run: CheckRun, base: Path) -> str:
    """The run as a JUnit XML document."""
    root = ElementTree.Element("testsuites", name="opengrade check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for check in run.checks:
        suite = ElementTree.SubElement(root, "testsuite", name=check.release)
        counts = dict.fromkeys(totals, 0)
        properties = ElementTree.SubElement(suite, "properties")
        for name, value in (
            ("target", shown(check.target, base)),
            ("revision", check.revision or ""),
            ("terms", check.terms),
            ("verdict", str(check.verdict)),
        ):
            ElementTree.SubElement(properties, "property", name=name, value=value)
        for result in check.results:
            counts["tests"] += 1
            where = locate(run, check, result, base)
            case = ElementTree.SubElement(
                suite,
                "testcase",
                classname=check.release,
                name=_case_name(result.rule, result.subject),
                file=where.path,
            )
            if where.line is not None:
                case.set("line", str(where.line))
            details = f"{result.message}\nevidence: {evidence_text(result)}"
            if result.waiver is not None:
                counts["skipped"] += 1
                waiver = result.waiver
                reason = f"waived until {waiver.expires} by {waiver.approver}: {waiver.reason}"
                ElementTree.SubElement(case, "skipped", message=reason)
            elif result.outcome is not Outcome.PASS and result.severity is RuleSeverity.FAIL:
                counts["failures"] += 1
                failure = ElementTree.SubElement(
                    case, "failure", message=result.message, type=str(result.outcome)
                )
                failure.text = details
            elif result.outcome is not Outcome.PASS:
                output = ElementTree.SubElement(case, "system-out")
                output.text = f"{result.severity}: {details}"
        for name, count in counts.items():
            suite.set(name, str(count))
            totals[name] += count
    for item in run.unreadable:
        suite = ElementTree.SubElement(
            root, "testsuite", name=item.target, tests="1", failures="0", errors="1", skipped="0"
        )
        case = ElementTree.SubElement(suite, "testcase", classname=item.target, name="read")
        error = ElementTree.SubElement(case, "error", message=f"cannot read {item.target}")
        error.text = item.reason
        totals["tests"] += 1
        totals["errors"] += 1
    for name, total in totals.items():
        root.set(name, str(total))
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
