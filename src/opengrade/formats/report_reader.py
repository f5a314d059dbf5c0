"""Read a JSON report back into a :class:`Report` (the parser of ``docs/report.schema.json``).

Any report of the same major schema version loads; ``render_json(load_report(text))`` gives
back the same bytes. What the JSON does not carry is left neutral in the loaded report: the
release's files and texts, the MOF component ids (0), the MOF rules list, the exact progress
(the rounded percents) and the frameworks' source URLs (""); the facts derived from the
evidence are derived again from the evidence it holds.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from opengrade.errors import ReportError
from opengrade.evidence.facts import derive_facts
from opengrade.formats.checklists import checklist_from_dict
from opengrade.model import Evidence, EvidenceKind, Provenance, ReleaseSnapshot, Scope, SourceKind
from opengrade.model.assessment import (
    ComponentResult,
    ComponentStatus,
    ContentType,
    Gap,
    MofClass,
    MofResult,
    Outcome,
    RuleResult,
)
from opengrade.model.evidence import Status
from opengrade.model.evidence_payloads import PAYLOAD_TYPES
from opengrade.model.findings import (
    DataAvailability,
    DatasetClassification,
    ExemptionResult,
    ExemptionStatus,
    Finding,
    InheritedLicense,
    LineageSource,
    OsaidResult,
    OsaidVerdict,
    Severity,
)
from opengrade.model.licensing import (
    ConcludedLicense,
    LicenseConflict,
    LicenseSource,
    LicenseUse,
    Licensing,
)
from opengrade.model.report import REPORT_SCHEMA_VERSION, Report

_SPAN = re.compile(r"^(?P<path>.*):(?P<line>\d+)(?:-(?P<end>\d+))?$")
_FIELD = re.compile(r"^(?:(?P<where>.*) )?\[(?P<field>[^\]]*)\]$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
EU_AI_ACT = "EU AI Act Art. 53(2)"


def load_report(text_or_path: str | Path) -> Report:
    """The report in ``text_or_path``: JSON text (a string starting with ``{``), or the path
    of a file holding it.

    Raises :class:`~opengrade.errors.ReportError` for text that is not a report of this
    schema's major version, naming what is wrong."""
    text = _text(text_or_path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(f"not a JSON report: {error}") from error
    if not isinstance(data, dict):
        raise ReportError("not a JSON report: the top level is not an object")
    _check_version(data.get("schema_version"))
    try:
        return _report(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ReportError(
            f"not a valid opengrade report: {error!r} (see docs/report.schema.json)"
        ) from error


def _text(text_or_path: str | Path) -> str:
    if isinstance(text_or_path, str) and text_or_path.lstrip()[:1] in ("{", "["):
        return text_or_path
    path = Path(text_or_path)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"cannot read the report {path}: {error}") from error


def _check_version(version: object) -> None:
    if not isinstance(version, str) or not version:
        raise ReportError("not an opengrade report: no schema_version")
    major = REPORT_SCHEMA_VERSION.split(".")[0]
    if version.split(".")[0] != major:
        raise ReportError(
            f"report schema version {version} is not readable by this opengrade, which reads "
            f"version {major}.x; re-run the assessment with this version to get a new report"
        )


def provenance(text: str) -> Provenance:
    """The :class:`Provenance` whose text is ``text`` (``README.md:3-9 [license]``, a URL)."""
    if text == "(unknown)":
        return Provenance()
    field = None
    found = _FIELD.match(text)
    if found:
        text, field = found["where"] or "", found["field"]
    if _URL.match(text) and field is None:
        return Provenance(url=text)
    span = _SPAN.match(text)
    if span:
        end = int(span["end"]) if span["end"] else None
        return Provenance(span["path"] or None, int(span["line"]), end, field)
    return Provenance(path=text or None, field=field)


def _report(data: dict[str, Any]) -> Report:
    release = data["release"]
    frameworks = {str(key): str(value) for key, value in data["frameworks"].items()}
    generated = data.get("generated_at")
    evidence = tuple(_evidence(item) for item in data["evidence"])
    return Report(
        snapshot=ReleaseSnapshot(
            id=release["id"],
            source=SourceKind(release["source"]),
            location=release.get("location", ""),
            revision=release.get("revision"),
        ),
        evidence=evidence,
        licensing=Licensing(
            uses=tuple(_use(item) for item in data["licenses"]),
            conflicts=tuple(_conflict(item) for item in data.get("license_conflicts", [])),
        ),
        mof=_mof(data["mof"]),
        osaid=_osaid(data["osaid"]),
        eu_ai_act=_exemption(data["eu_ai_act"], frameworks.get(EU_AI_ACT, "")),
        findings=tuple(
            Finding(item["code"], Severity(item["severity"]), item["message"], _strings(item))
            for item in data["findings"]
        ),
        lineage=tuple(_inherited(item) for item in data["lineage"]),
        tool_version=data["tool"]["version"],
        frameworks=frameworks,
        generated_at=datetime.fromisoformat(generated) if generated else None,
        reproducible="location" not in release,
        schema_version=data["schema_version"],
        concluded=tuple(
            _concluded(Scope(scope), item) for scope, item in data.get("concluded", {}).items()
        ),
        facts=derive_facts(evidence, release["id"]),
        checklists=tuple(checklist_from_dict(item) for item in data.get("checklists", [])),
    )


def _strings(item: dict[str, Any], key: str = "evidence") -> tuple[str, ...]:
    return tuple(str(value) for value in item.get(key, []))


def _evidence(item: dict[str, Any]) -> Evidence:
    where = item["provenance"]
    payload = PAYLOAD_TYPES[EvidenceKind(item["kind"])].from_record(
        item["subject"], item["value"], item.get("details", {})
    )
    return Evidence(
        payload=payload,
        provenance=Provenance(
            where.get("path"),
            where.get("line"),
            where.get("end_line"),
            where.get("field"),
            where.get("url"),
        ),
        status=Status(item["status"]),
    )


def _use(item: dict[str, Any]) -> LicenseUse:
    return LicenseUse(
        key=item["key"],
        scope=Scope(item["scope"]),
        source=LicenseSource(item["source"]),
        raw=item["raw"],
        provenance=provenance(item["provenance"]),
        open=item["open"],
        confidence=item.get("confidence"),
        via=item.get("via") or "",
    )


def _conflict(item: dict[str, Any]) -> LicenseConflict:
    return LicenseConflict(
        scope=Scope(item["scope"]),
        declared=_strings(item, "declared"),
        identified=_strings(item, "identified"),
        declared_at=provenance(item["declared_at"]),
        identified_at=provenance(item["identified_at"]),
    )


def _mof(item: dict[str, Any]) -> MofResult:
    progress = {MofClass(key): int(value) for key, value in item["progress"].items()}
    return MofResult(
        class_=MofClass(item["class"]) if item["class"] else None,
        progress=progress,
        progress_exact={key: float(value) for key, value in progress.items()},
        components=tuple(
            ComponentResult(
                id=0,
                name=part["name"],
                content_type=ContentType(part["content_type"]),
                mof_class=MofClass(part["class"]),
                required=part["required"],
                status=ComponentStatus(part["status"]),
                license=part["license"],
                conditional=part["conditional"],
                reason=part["reason"],
                how=part.get("how", ""),
                evidence=_strings(part),
            )
            for part in item["components"]
        ),
        gaps=tuple(
            Gap(MofClass(gap["target"]), gap["component"], gap["action"])
            for gap in item.get("gaps", [])
        ),
        framework_version=item.get("framework_version", ""),
        problems=_strings(item, "problems"),
    )


def _rule(item: dict[str, Any]) -> RuleResult:
    return RuleResult(item["id"], Outcome(item["status"]), item["reason"], _strings(item))


def _osaid(item: dict[str, Any]) -> OsaidResult:
    return OsaidResult(
        version=item["version"],
        source="",
        verdict=OsaidVerdict(item["verdict"]),
        requirements=tuple(_rule(rule) for rule in item["requirements"]),
        datasets=tuple(
            DatasetClassification(
                name=data["name"],
                availability=DataAvailability(data["availability"]),
                where=data["where"],
                license=data["license"],
                reason=data["reason"],
                evidence=_strings(data),
            )
            for data in item.get("datasets", [])
        ),
    )


def _exemption(item: dict[str, Any], version: str) -> ExemptionResult:
    return ExemptionResult(
        version=version,
        source="",
        status=ExemptionStatus(item["status"]),
        conditions=tuple(_rule(rule) for rule in item["conditions"]),
        notes=_strings(item, "notes"),
        disclaimer=item["disclaimer"],
    )


def _inherited(item: dict[str, Any]) -> InheritedLicense:
    return InheritedLicense(
        base=item["base"],
        relation=item["relation"],
        license=item["license"],
        relicensing_allowed=item["relicensing_allowed"],
        clause=item["clause"],
        source=LineageSource(item["source"]),
        reference=item["reference"],
        evidence=_strings(item),
        organisation=item.get("organisation", ""),
    )


def _concluded(scope: Scope, item: dict[str, Any]) -> ConcludedLicense:
    return ConcludedLicense(
        scope=scope,
        expression=item["expression"],
        keys=_strings(item, "keys"),
        open=item["open"],
        evidence=_strings(item),
    )
