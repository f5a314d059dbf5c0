"""The policy half of the auditor export: for a stored grade, the policy result and the waiver
that applies (who approved it, why, until when). The store calls :func:`audit_columns`'s hook
for each release's latest grade (``Store.audit_rows(policy=...)``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from opengrade.model.report import Report
from opengrade.policy.check import release_check
from opengrade.policy.model import Policy
from opengrade.policy.waivers import apply_waivers
from opengrade.store.records import AuditPolicyColumns, Grade


def audit_columns(
    policy: Policy, report_of: Callable[[Grade], Report], *, today: date
) -> Callable[[Grade], AuditPolicyColumns]:
    """A hook giving each stored grade its policy columns; ``report_of`` reads the grade's
    stored report back (``load_report(store.report_text(grade))``)."""

    def columns(grade: Grade) -> AuditPolicyColumns:
        check = release_check(policy, grade.release_id, report_of(grade), revision=grade.revision)
        (checked,), _ = apply_waivers(policy, (check,), today)
        waivers = list(
            {
                result.waiver.index: result.waiver for result in checked.results if result.waiver
            }.values()
        )
        return AuditPolicyColumns(
            result=str(checked.verdict),
            waiver="; ".join(waiver.rule for waiver in waivers),
            approver="; ".join(waiver.approver for waiver in waivers),
            reason="; ".join(waiver.reason for waiver in waivers),
            expires="; ".join(waiver.expires.isoformat() for waiver in waivers),
        )

    return columns
