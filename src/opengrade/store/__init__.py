"""The inventory store: every grade kept with its revision, tool version and compressed JSON
report, indexed summary columns read from that report, history, diffs and changes.

    from opengrade.store import open_store, InventoryFilter, Page
    with open_store("inventory.db") as store:          # or "postgresql://user@host/db"
        store.add_report(report_json, revision="sha256:...")
        store.latest(InventoryFilter(open_weights="false"), Page(limit=50))
        store.history("tiiuae/falcon-40b"); store.diff("tiiuae/falcon-40b"); store.changes()

SQLite by default (WAL, retries), PostgreSQL through psycopg 3; the schema is versioned
(``migrations.py``). No SQL outside this package.
"""

from __future__ import annotations

from opengrade.store.connection import default_store_path, resolve_url
from opengrade.store.records import (
    AddResult,
    AuditPolicyColumns,
    AuditRow,
    Change,
    ConcludedTerms,
    FindingSummary,
    Grade,
    GradeDiff,
    GradeSummary,
    InventoryFilter,
    ModelUse,
    Page,
    ScanFailure,
)
from opengrade.store.store import Store, open_store

__all__ = [
    "AddResult",
    "AuditPolicyColumns",
    "AuditRow",
    "Change",
    "ConcludedTerms",
    "FindingSummary",
    "Grade",
    "GradeDiff",
    "GradeSummary",
    "InventoryFilter",
    "ModelUse",
    "Page",
    "ScanFailure",
    "Store",
    "default_store_path",
    "open_store",
    "resolve_url",
]
