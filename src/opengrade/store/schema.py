"""The store's tables (SQLAlchemy Core), the same for SQLite and PostgreSQL.

releases        one row per release the store knows (key = source + id + location)
grades          one row per (release, revision, tool version): the compressed JSON report,
                its summary JSON, and the indexed summary columns
concluded       per grade and scope: the concluded license expression and its openness
findings        per grade: each finding's code and severity (indexed)
scan_failures   targets a scan could not grade, with the error
model_uses      where a code base uses a model (file and line), from discovery
schema_version  the schema's version, for migrations (see ``migrations.py``)
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

releases = Table(
    "releases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(1024), nullable=False, unique=True),
    Column("release_id", String(512), nullable=False, index=True),
    Column("source", String(16), nullable=False),
    Column("location", Text, nullable=True),
    Column("latest_grade_id", Integer, nullable=True),
)

grades = Table(
    "grades",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("release_pk", Integer, ForeignKey("releases.id"), nullable=False),
    Column("revision", String(128), nullable=False),
    Column("tool_version", String(64), nullable=False),
    Column("graded_at", DateTime(timezone=True), nullable=False),
    Column("report", LargeBinary, nullable=False),
    Column("report_bytes", Integer, nullable=False),
    Column("summary", Text, nullable=False),
    Column("mof_class", String(8), nullable=True),
    Column("mof_progress_i", Float, nullable=True),
    Column("mof_progress_ii", Float, nullable=True),
    Column("mof_progress_iii", Float, nullable=True),
    Column("osaid_verdict", String(32), nullable=False),
    Column("eu_status", String(32), nullable=False),
    Column("weights_license", Text, nullable=True),
    Column("weights_open", Boolean, nullable=True),
    Column("findings_high", Integer, nullable=False),
    Column("findings_medium", Integer, nullable=False),
    Column("findings_low", Integer, nullable=False),
    UniqueConstraint("release_pk", "revision", "tool_version", name="grades_one_per_content"),
    Index("grades_by_release", "release_pk", "id"),
    Index("grades_by_time", "graded_at"),
)

concluded = Table(
    "concluded",
    metadata,
    Column("grade_id", Integer, ForeignKey("grades.id"), primary_key=True),
    Column("scope", String(16), primary_key=True),
    Column("expression", Text, nullable=True),
    Column("open", Boolean, nullable=True),
    Index("concluded_by_expression", "scope", "expression"),
)

findings = Table(
    "findings",
    metadata,
    Column("grade_id", Integer, ForeignKey("grades.id"), nullable=False, index=True),
    Column("code", String(128), nullable=False),
    Column("severity", String(16), nullable=False),
    Index("findings_by_code", "code", "grade_id"),
)

scan_failures = Table(
    "scan_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", Text, nullable=False),
    Column("error", Text, nullable=False),
    Column("tool_version", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

model_uses = Table(
    "model_uses",
    metadata,
    Column("model_id", String(512), nullable=False),
    Column("root", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("how", String(64), nullable=False),
    UniqueConstraint("model_id", "root", "path", "line", "how", name="model_uses_once"),
    Index("model_uses_by_model", "model_id"),
)

VERSION_1_TABLES = (
    releases,
    grades,
    concluded,
    findings,
    scan_failures,
    model_uses,
)
"""The tables migration 1 creates (later migrations alter; they never rewrite this list)."""
