"""The report: one typed value holding everything an assessment concluded, for every format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from opengrade.model.assessment import MofResult
from opengrade.model.evidence import Evidence, Scope
from opengrade.model.facts import DerivedFacts
from opengrade.model.findings import ExemptionResult, Finding, InheritedLicense, OsaidResult
from opengrade.model.licensing import ConcludedLicense, Licensing
from opengrade.model.release import ReleaseSnapshot

REPORT_SCHEMA_VERSION = "1.1"


@dataclass(frozen=True, slots=True)
class Report:
    """An assessed release: licensing, MOF, OSAID, EU AI Act pre-check, findings, lineage.

    ``frameworks`` maps each framework's name to the version of the rules applied.
    ``concluded`` holds the licenses concluded per scope (the weights first, always);
    ``facts`` the facts derived once from the evidence (where the weights are, own links).
    ``reproducible``: no time stamp and nothing that depends on where the release was read
    from (its location), so the same release gives the same bytes anywhere.
    """

    snapshot: ReleaseSnapshot
    evidence: tuple[Evidence, ...]
    licensing: Licensing
    mof: MofResult
    osaid: OsaidResult
    eu_ai_act: ExemptionResult
    findings: tuple[Finding, ...]
    lineage: tuple[InheritedLicense, ...]
    tool_version: str
    frameworks: Mapping[str, str] = field(default_factory=dict)
    generated_at: datetime | None = None
    reproducible: bool = False
    schema_version: str = REPORT_SCHEMA_VERSION
    concluded: tuple[ConcludedLicense, ...] = ()
    facts: DerivedFacts | None = None

    def concluded_for(self, scope: Scope) -> ConcludedLicense | None:
        """The conclusion for ``scope``, or None when the report has none for it."""
        return next((item for item in self.concluded if item.scope is scope), None)
