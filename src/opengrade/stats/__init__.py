"""Statistics over the inventory store: counts and shares of open weights, licenses and their
categories, MOF classes, OSAID verdicts, open-washing findings, relicensing against a base, and
the top base-model families with what their derivatives declare. Rendered as text, JSON or CSV
(:mod:`opengrade.stats.render`); the summary columns export to Parquet (:mod:`.parquet`)."""

from __future__ import annotations

from opengrade.stats.compute import BY_FIELDS, Count, InventoryStats, compute_stats

__all__ = ["BY_FIELDS", "Count", "InventoryStats", "compute_stats"]
