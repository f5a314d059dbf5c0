"""A stored report in every download format, rendered from the stored JSON (``load_report``)
with the existing formats and BOM builders; BOMs are validated before they are served."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from opengrade.formats import report_formats
from opengrade.model.report import Report

_FORMATS = {
    "json": ("json", "application/json", "json"),
    "markdown": ("markdown", "text/markdown; charset=utf-8", "md"),
    "html": ("html", "text/html; charset=utf-8", "html"),
    "mot": ("mot", "application/yaml", "yml"),
    "badge": ("badge", "image/svg+xml", "svg"),
}
KINDS = (*_FORMATS, "cyclonedx", "spdx")


@dataclass(frozen=True, slots=True)
class Download:
    """A file to send: its text, media type and file name."""

    text: str
    media_type: str
    filename: str


def with_framework_date(report: Report) -> Report:
    """``report`` naming its MOF framework's name and date, which a stored JSON report does not
    carry, when the report's framework version is the one this opengrade grades against."""
    from opengrade.frameworks.mof_framework import MOF_NAME, load_mof

    mof = report.mof
    framework = load_mof()
    if mof.framework_date or mof.framework_version != framework.version:
        return report
    named = replace(mof, framework_name=MOF_NAME, framework_date=framework.date)
    return replace(report, mof=named)


def render_download(report: Report, kind: str, stem: str) -> Download:
    """``report`` as ``kind`` (one of :data:`KINDS`); the file is named after ``stem``."""
    if kind in _FORMATS:
        if kind == "mot":
            report = with_framework_date(report)
        name, media_type, suffix = _FORMATS[kind]
        text = report_formats()[name].render(report)
        return Download(text, media_type, f"{stem}.{suffix}")
    from opengrade.bom import build_cyclonedx, build_spdx
    from opengrade.bom.from_report import bom_input
    from opengrade.bom.validate import validate_cyclonedx, validate_spdx

    source = bom_input(report, {})
    if kind == "cyclonedx":
        document = build_cyclonedx(source, reproducible=True)
        validate_cyclonedx(document)
        suffix = "cdx.json"
    else:
        document = build_spdx(source, reproducible=True)
        validate_spdx(document)
        suffix = "spdx.json"
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return Download(text, "application/json", f"{stem}.{suffix}")
