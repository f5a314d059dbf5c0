"""Read a JSON report into the store's summary columns. The store is a parser of the versioned
JSON report (``docs/report.schema.json``): this module is the only place that reads it into
columns, and it never recomputes a verdict."""

from __future__ import annotations

import json
from typing import Any

from opengrade.errors import StoreError
from opengrade.store.records import SCOPES, ConcludedTerms, FindingSummary, GradeSummary


class ReportUnreadable(StoreError):
    """The text given to the store is not an opengrade JSON report."""


def parse_report(text: str) -> dict[str, Any]:
    """The report's JSON, checked to be an opengrade report."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ReportUnreadable(
            f"the report is not JSON ({error}); store a --format json report"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("release"), dict):
        raise ReportUnreadable("the JSON is not an opengrade report (it has no 'release' object)")
    return data


def summarise(data: dict[str, Any]) -> GradeSummary:
    """The summary columns of a parsed report."""
    release = _object(data.get("release"))
    tool = _object(data.get("tool"))
    mof = _object(data.get("mof"))
    progress = _object(mof.get("progress"))
    return GradeSummary(
        release_id=str(release.get("id") or ""),
        source=str(release.get("source") or ""),
        location=_text(release.get("location")),
        revision=_text(release.get("revision")),
        tool_version=str(tool.get("version") or ""),
        frameworks=tuple(
            sorted((str(k), str(v)) for k, v in _object(data.get("frameworks")).items())
        ),
        mof_class=_text(mof.get("class")),
        mof_progress=tuple(
            (str(key), float(value))
            for key, value in sorted(progress.items())
            if isinstance(value, int | float)
        ),
        osaid_verdict=str(_object(data.get("osaid")).get("verdict") or "unknown"),
        eu_status=str(_object(data.get("eu_ai_act")).get("status") or "unknown"),
        concluded=concluded_terms(data),
        findings=tuple(_finding(item) for item in _list(data.get("findings"))),
    )


def concluded_terms(data: dict[str, Any]) -> tuple[ConcludedTerms, ...]:
    """The concluded license of each scope, from the report's ``concluded`` block::

        "concluded": {"weights": {"expression": "Apache-2.0", "keys": ["Apache-2.0"],
                                  "open": true, "evidence": ["LICENSE:1"]}, "code": {...}}

    A report without the block (written before it existed) concludes nothing here: its scopes
    read as unknown rather than being recomputed from its license list.
    """
    block = _object(data.get("concluded"))
    terms = []
    for scope in SCOPES:
        entry = block.get(scope)
        if not isinstance(entry, dict):
            continue
        openness = entry.get("open")
        terms.append(
            ConcludedTerms(
                scope=scope,
                expression=_text(entry.get("expression")),
                keys=tuple(str(key) for key in _list(entry.get("keys")) if key),
                open=openness if isinstance(openness, bool) else None,
                evidence=tuple(str(item) for item in _list(entry.get("evidence"))),
            )
        )
    return tuple(terms)


def _finding(item: Any) -> FindingSummary:
    entry = _object(item)
    return FindingSummary(
        code=str(entry.get("code") or ""),
        severity=str(entry.get("severity") or ""),
        message=str(entry.get("message") or ""),
        evidence=tuple(str(value) for value in _list(entry.get("evidence"))),
    )


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def summary_to_json(summary: GradeSummary) -> str:
    """The summary as compact JSON (kept beside the compressed report for fast reads)."""
    return json.dumps(
        {
            "release_id": summary.release_id,
            "source": summary.source,
            "location": summary.location,
            "revision": summary.revision,
            "tool_version": summary.tool_version,
            "frameworks": dict(summary.frameworks),
            "mof_class": summary.mof_class,
            "mof_progress": dict(summary.mof_progress),
            "osaid_verdict": summary.osaid_verdict,
            "eu_status": summary.eu_status,
            "concluded": {
                item.scope: {
                    "expression": item.expression,
                    "keys": list(item.keys),
                    "open": item.open,
                    "evidence": list(item.evidence),
                }
                for item in summary.concluded
            },
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity,
                    "message": f.message,
                    "evidence": list(f.evidence),
                }
                for f in summary.findings
            ],
        },
        separators=(",", ":"),
        sort_keys=True,
    )


def summary_from_json(text: str, shared: dict[object, Any] | None = None) -> GradeSummary:
    """Read back what :func:`summary_to_json` wrote. The store wrote it, so it is read without
    the report parser's tolerance (listing 10,000 releases parses 10,000 summaries).

    ``shared``: a table that one listing passes to every call, so equal parts of different
    summaries (the frameworks, the MOF progress, concluded terms, findings; all immutable) are
    one object: fewer objects to build and keep, and less for the garbage collector to walk."""
    data = json.loads(text)
    if shared is None:
        shared = {}
    block = data["concluded"]
    frameworks = tuple(data["frameworks"].items())
    progress = tuple((key, float(value)) for key, value in data["mof_progress"].items())
    concluded = []
    for scope in SCOPES:
        if (entry := block.get(scope)) is None:
            continue
        key = (
            "terms",
            scope,
            entry["expression"],
            entry["open"],
            *entry["keys"],
            "",
            *entry["evidence"],
        )
        if (terms := shared.get(key)) is None:
            terms = shared[key] = ConcludedTerms(
                scope,
                entry["expression"],
                tuple(entry["keys"]),
                entry["open"],
                tuple(entry["evidence"]),
            )
        concluded.append(terms)
    findings = []
    for item in data["findings"]:
        key = ("finding", item["code"], item["severity"], item["message"], *item["evidence"])
        if (finding := shared.get(key)) is None:
            finding = shared[key] = FindingSummary(
                item["code"], item["severity"], item["message"], tuple(item["evidence"])
            )
        findings.append(finding)
    return GradeSummary(
        release_id=data["release_id"],
        source=data["source"],
        location=data["location"],
        revision=data["revision"],
        tool_version=data["tool_version"],
        frameworks=shared.setdefault(("frameworks", frameworks), frameworks),
        mof_class=data["mof_class"],
        mof_progress=shared.setdefault(("progress", progress), progress),
        osaid_verdict=data["osaid_verdict"],
        eu_status=data["eu_status"],
        concluded=shared.setdefault(("concluded", *concluded), tuple(concluded)),
        findings=shared.setdefault(("findings", *findings), tuple(findings)),
    )
