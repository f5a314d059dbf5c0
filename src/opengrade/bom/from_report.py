"""Map an assessment :class:`Report` onto what a BOM records (no grading here)."""

from __future__ import annotations

from collections.abc import Mapping

from opengrade.bom.context import BomInput
from opengrade.licenses.conclude import is_policy
from opengrade.model import Scope
from opengrade.model.licensing import LicenseSource
from opengrade.model.report import Report

NO_MOF_CLASS = "none"
"""The MOF class recorded when the release reaches none of the three."""


def bom_input(report: Report, file_hashes: Mapping[str, str]) -> BomInput:
    """The BOM's input: declared licenses as the card states them, concluded ones for the
    weights as opengrade concluded them, and the assessment: MOF class (``none`` when no class
    is reached) and progress, OSAID verdict, EU AI Act exemption status and findings."""
    declared = sorted(
        {
            use.key
            for use in report.licensing.uses
            if use.source is LicenseSource.DECLARED and use.key and not is_policy(use.key)
        }
    )
    weights = report.concluded_for(Scope.WEIGHTS)
    concluded = list(weights.keys) if weights else []
    return BomInput(
        snapshot=report.snapshot,
        evidence=report.evidence,
        declared_licenses=tuple(declared),
        concluded_licenses=tuple(concluded),
        mof_class=str(report.mof.class_) if report.mof.class_ else NO_MOF_CLASS,
        mof_progress={str(name): int(percent) for name, percent in report.mof.progress.items()},
        osaid_verdict=str(report.osaid.verdict),
        eu_ai_act_exemption=str(report.eu_ai_act.status),
        findings=tuple((f.code, str(f.severity), f.message) for f in report.findings),
        tool_version=report.tool_version,
        timestamp=report.generated_at,
        file_hashes=dict(file_hashes),
        facts=report.facts,
    )
