"""Checking releases against a policy: grade each target (or take its report), evaluate every
rule, apply the waivers. ``today`` is injectable so that expiry can be tested."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime

from opengrade.errors import SourceError
from opengrade.model.report import Report
from opengrade.policy.evaluate import evaluate
from opengrade.policy.model import CheckRun, CodeUse, Policy, ReleaseCheck, UnreadableTarget
from opengrade.policy.terms import terms_fingerprint
from opengrade.policy.waivers import apply_waivers
from opengrade.scan.revision import content_revision

Grader = Callable[[str], Report]


def grade_directly(target: str) -> Report:
    """Grade ``target`` (directory, MOT YAML or Hub id) with the pipeline: the seam that a
    store-backed grader (latest stored grade, else grade and record) replaces."""
    from opengrade.pipeline import assess

    return assess(target)


def release_check(
    policy: Policy,
    target: str,
    report: Report,
    code_uses: Sequence[CodeUse] = (),
    revision: str | None = None,
) -> ReleaseCheck:
    """One graded release checked against every rule of ``policy`` (waivers not yet applied).
    Its revision is the one the store records: the Hub commit, else a hash of the files read
    (``revision`` gives it for a report read back from the store)."""
    snapshot = report.snapshot
    uses = tuple(use for use in code_uses if use.release.lower() == snapshot.id.lower())
    return ReleaseCheck(
        target=target,
        release=snapshot.id,
        revision=revision or content_revision(snapshot),
        source=str(snapshot.source),
        location=snapshot.location,
        terms=terms_fingerprint(report),
        results=evaluate(policy, report),
        code_uses=uses,
        manifest=_manifest(report),
    )


def _manifest(report: Report) -> str:
    """The release's model card (``README.md`` at its root), else its first license file."""
    paths = [item.path for item in report.snapshot.texts]
    for path in paths:
        if path.lower() == "readme.md":
            return path
    licenses = sorted(path for path in paths if "/" not in path and "licen" in path.lower())
    return licenses[0] if licenses else ""


def check_reports(
    policy: Policy,
    reports: Iterable[tuple[str, Report]],
    *,
    today: date | None = None,
    code_uses: Sequence[CodeUse] = (),
    unreadable: Sequence[UnreadableTarget] = (),
    revisions: Mapping[str, str] | None = None,
) -> CheckRun:
    """Check already graded releases (``(target, report)`` pairs); ``revisions`` gives the
    revision of a target whose report was read back from the store."""
    day = today or datetime.now(UTC).date()
    known = revisions or {}
    checks = tuple(
        release_check(policy, target, report, code_uses, known.get(target))
        for target, report in reports
    )
    checks, waivers = apply_waivers(policy, checks, day)
    return CheckRun(policy, checks, waivers, tuple(unreadable), day)


def check_targets(
    policy: Policy,
    targets: Sequence[str],
    *,
    grade: Grader = grade_directly,
    today: date | None = None,
    code_uses: Sequence[CodeUse] = (),
) -> CheckRun:
    """Grade and check every target; a target that cannot be read is kept as a value."""
    reports: list[tuple[str, Report]] = []
    unreadable: list[UnreadableTarget] = []
    for target in targets:
        try:
            reports.append((target, grade(target)))
        except SourceError as error:
            unreadable.append(UnreadableTarget(target, str(error)))
    return check_reports(policy, reports, today=today, code_uses=code_uses, unreadable=unreadable)
