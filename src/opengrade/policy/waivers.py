"""Applying waivers: an approved exception hides one rule's failure for one release, and only
while it is valid.

A waiver applies when its release and rule match, ``today`` is on or before its expiry date,
its ``revision`` (if given) is the revision graded, and its ``terms`` fingerprint is the one
the release's concluded terms have now. Otherwise it hides nothing and says why: ``expired``,
``revision-changed``, ``terms-changed``, ``unknown-rule`` (the policy sets no such rule) or
``unused`` (no checked release has a failure it could cover).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from opengrade.policy.model import (
    Outcome,
    Policy,
    ReleaseCheck,
    RuleSeverity,
    Waiver,
    WaiverStatus,
    WaiverUse,
)


def _status(waiver: Waiver, check: ReleaseCheck, today: date) -> tuple[WaiverStatus, str]:
    if today > waiver.expires:
        return WaiverStatus.EXPIRED, f"expired on {waiver.expires.isoformat()}"
    if waiver.revision is not None and waiver.revision != check.revision:
        graded = check.revision or "no revision"
        return WaiverStatus.REVISION_CHANGED, f"approved for {waiver.revision}, graded {graded}"
    if waiver.terms != check.terms:
        return (
            WaiverStatus.TERMS_CHANGED,
            f"approved for terms {waiver.terms}; the concluded terms are now {check.terms}",
        )
    waivable = [r for r in check.results if r.rule == waiver.rule and r.outcome != Outcome.PASS]
    if not waivable:
        return WaiverStatus.UNUSED, f"{waiver.rule} has nothing to waive for {check.release}"
    return WaiverStatus.APPLIED, f"waives {waiver.rule} until {waiver.expires.isoformat()}"


def _covered(check: ReleaseCheck, waiver: Waiver) -> ReleaseCheck:
    results = tuple(
        replace(result, severity=RuleSeverity.INFO, waiver=waiver)
        if result.rule == waiver.rule and result.outcome != Outcome.PASS
        else result
        for result in check.results
    )
    return replace(check, results=results)


def apply_waivers(
    policy: Policy, checks: tuple[ReleaseCheck, ...], today: date
) -> tuple[tuple[ReleaseCheck, ...], tuple[WaiverUse, ...]]:
    """The checks with every valid waiver applied, and what became of each waiver."""
    rule_ids = {rule.id for rule in policy.rules}
    updated = list(checks)
    uses: list[WaiverUse] = []
    for waiver in policy.waivers:
        if waiver.rule not in rule_ids:
            reason = f"the policy sets no rule {waiver.rule}"
            uses.append(WaiverUse(waiver, WaiverStatus.UNKNOWN_RULE, reason))
            continue
        matching = [i for i, c in enumerate(updated) if c.release.lower() == waiver.release.lower()]
        if not matching:
            reason = f"no checked release is {waiver.release}"
            uses.append(WaiverUse(waiver, WaiverStatus.UNUSED, reason))
        for index in matching:
            status, reason = _status(waiver, updated[index], today)
            if status is WaiverStatus.APPLIED:
                updated[index] = _covered(updated[index], waiver)
            uses.append(WaiverUse(waiver, status, reason))
    return tuple(updated), tuple(uses)
