"""Writing a grade: one transaction that adds the release (once), the grade with its compressed
report and summary columns, its concluded terms and findings, and moves the latest pointer."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Executable, Table, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from opengrade.store import schema
from opengrade.store.records import AddResult, GradeSummary, release_key_of
from opengrade.store.summary import summary_to_json

COMPRESSION_LEVEL = 6


def release_key(summary: GradeSummary) -> str:
    """The store's name for the release a summary describes."""
    return release_key_of(summary.source, summary.release_id, summary.location)


def report_fingerprint(data: dict[str, Any]) -> str:
    """A revision for a report that names none: the hash of its content, time and place left
    out (the same grade of the same files gives the same fingerprint)."""
    content = {key: value for key, value in data.items() if key != "generated_at"}
    release = dict(content.get("release") or {})
    release.pop("location", None)
    content["release"] = release
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    return "report-sha256:" + hashlib.sha256(canonical).hexdigest()


def graded_time(data: dict[str, Any]) -> datetime:
    """When the report was generated (its ``generated_at``), else now; always in UTC."""
    stamp = data.get("generated_at")
    if isinstance(stamp, str):
        try:
            parsed = datetime.fromisoformat(stamp)
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.now(UTC)


def insert_ignoring(connection: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT of the connection's dialect (both know ON CONFLICT DO NOTHING)."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


@dataclass(frozen=True, slots=True)
class _Statements:
    """The write statements, built once per dialect (building them per grade cost more than
    running them)."""

    find_release: Executable
    add_release: Executable
    find_grade: Executable
    add_grade: Executable
    point_latest: Executable
    point_latest_if_newer: Executable


_BUILT: dict[str, _Statements] = {}


def _statements(connection: Connection) -> _Statements:
    dialect = connection.dialect.name
    if dialect not in _BUILT:
        grades, releases = schema.grades, schema.releases
        _BUILT[dialect] = _Statements(
            find_release=select(releases.c.id).where(releases.c.key == bindparam("key")),
            add_release=insert_ignoring(connection, releases)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(releases.c.id),
            find_grade=select(grades.c.id).where(
                grades.c.release_pk == bindparam("release_pk"),
                grades.c.revision == bindparam("revision"),
                grades.c.tool_version == bindparam("tool_version"),
            ),
            add_grade=insert_ignoring(connection, grades)
            .on_conflict_do_nothing(index_elements=["release_pk", "revision", "tool_version"])
            .returning(grades.c.id),
            point_latest=update(releases)
            .where(releases.c.id == bindparam("release_pk"))
            .values(latest_grade_id=bindparam("grade_id")),
            point_latest_if_newer=update(releases)
            .where(
                releases.c.id == bindparam("release_pk"),
                or_(
                    releases.c.latest_grade_id.is_(None),
                    releases.c.latest_grade_id < bindparam("grade_id"),
                ),
            )
            .values(latest_grade_id=bindparam("grade_id")),
        )
    return _BUILT[dialect]


def write_grade(
    connection: Connection,
    *,
    report_text: str,
    summary: GradeSummary,
    revision: str,
    graded_at: datetime,
) -> AddResult:
    """Add one grade inside ``connection``'s transaction (idempotent per content + tool)."""
    statements = _statements(connection)
    key = release_key(summary)
    release_pk = _release_pk(connection, statements, key, summary)
    identity = {"release_pk": release_pk, "revision": revision}
    identity["tool_version"] = summary.tool_version
    blob = zlib.compress(report_text.encode("utf-8"), COMPRESSION_LEVEL)
    progress = dict(summary.mof_progress)
    weights = summary.terms("weights")
    counts = summary.finding_counts()
    row = {
        **identity,
        "graded_at": graded_at.astimezone(UTC),
        "report": blob,
        "report_bytes": len(blob),
        "summary": summary_to_json(summary),
        "mof_class": summary.mof_class,
        "mof_progress_i": progress.get("I"),
        "mof_progress_ii": progress.get("II"),
        "mof_progress_iii": progress.get("III"),
        "osaid_verdict": summary.osaid_verdict,
        "eu_status": summary.eu_status,
        "weights_license": weights.expression if weights else None,
        "weights_open": weights.open if weights else None,
        "findings_high": counts["high"],
        "findings_medium": counts["medium"],
        "findings_low": counts["low"],
    }
    grade_id = connection.execute(statements.add_grade, row).scalar()
    if grade_id is None:
        # The same content with the same tool (stored before, or by a concurrent writer just
        # now): nothing is added, and that grade becomes the latest again (after a revert).
        existing = int(connection.execute(statements.find_grade, identity).scalar_one())
        connection.execute(
            statements.point_latest, {"release_pk": release_pk, "grade_id": existing}
        )
        return AddResult(existing, key, added=False)
    _write_details(connection, int(grade_id), summary)
    connection.execute(
        statements.point_latest_if_newer, {"release_pk": release_pk, "grade_id": grade_id}
    )
    return AddResult(int(grade_id), key, added=True)


def _write_details(connection: Connection, grade_id: int, summary: GradeSummary) -> None:
    if summary.concluded:
        connection.execute(
            schema.concluded.insert(),
            [
                {
                    "grade_id": grade_id,
                    "scope": item.scope,
                    "expression": item.expression,
                    "open": item.open,
                }
                for item in summary.concluded
            ],
        )
    if summary.findings:
        connection.execute(
            schema.findings.insert(),
            [
                {"grade_id": grade_id, "code": item.code, "severity": item.severity}
                for item in summary.findings
            ],
        )


def _release_pk(
    connection: Connection, statements: _Statements, key: str, summary: GradeSummary
) -> int:
    found = connection.execute(statements.find_release, {"key": key}).scalar()
    if found is not None:
        return int(found)
    added = connection.execute(
        statements.add_release,
        {
            "key": key,
            "release_id": summary.release_id,
            "source": summary.source,
            "location": summary.location,
        },
    ).scalar()
    if added is None:  # a concurrent writer added it first
        added = connection.execute(statements.find_release, {"key": key}).scalar_one()
    return int(added)
