"""The statistics, computed from the store's aggregates (never from a report's verdicts anew)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from opengrade.licenses import catalog
from opengrade.store import Store
from opengrade.store.aggregates import Aggregates

RELICENSING_CODE = "relicensed-against-base"
BY_FIELDS = ("license", "category", "mof_class", "osaid", "source", "author")
"""What ``--by`` can break the weights' openness down by."""
TOP_FAMILIES = 15


@dataclass(frozen=True, slots=True)
class Count:
    """``value`` held by ``count`` releases, ``share`` of the total (0..1)."""

    value: str
    count: int
    share: float


@dataclass(frozen=True, slots=True)
class BaseFamily:
    """A base model, how many derivatives name it, its license, what they declare."""

    base: str
    derivatives: int
    base_license: str
    declared: tuple[Count, ...]


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Weights openness (open / not open / unknown) for each value of a field."""

    field: str
    value: str
    open: int
    not_open: int
    unknown: int


@dataclass(frozen=True, slots=True)
class InventoryStats:
    """Everything ``opengrade stats`` reports."""

    total: int
    weights: tuple[Count, ...]
    licenses: tuple[Count, ...]
    categories: tuple[Count, ...]
    mof_classes: tuple[Count, ...]
    osaid: tuple[Count, ...]
    findings: tuple[Count, ...]
    relicensed: int
    families: tuple[BaseFamily, ...]
    breakdown: tuple[Breakdown, ...] = ()


def _counts(counter: Counter[str], total: int) -> tuple[Count, ...]:
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Count(value, count, count / total if total else 0.0) for value, count in ordered)


def openness(value: object) -> str:
    return "open" if value is True else "not open" if value is False else "unknown"


def license_category(expression: str | None) -> str:
    """The catalogue category of a concluded expression (``mixed`` for several, ``unknown``)."""
    if not expression:
        return "unknown"
    keys = [part.strip("() ").removeprefix("LicenseRef-") for part in expression.split(" AND ")]
    found = {str(terms.category) if (terms := catalog.terms(key)) else "unknown" for key in keys}
    return found.pop() if len(found) == 1 else "mixed"


def compute_stats(store: Store, *, by: str | None = None) -> InventoryStats:
    """The statistics of ``store``'s latest grades; ``by`` one of :data:`BY_FIELDS`."""
    aggregates = Aggregates(store)
    total = aggregates.total()
    weights: Counter[str] = Counter()
    licenses: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    for (expression, is_open), count in aggregates.count_by("weights_license", "weights_open"):
        weights[openness(is_open)] += count
        licenses[str(expression or "unknown")] += count
        categories[license_category(str(expression) if expression else None)] += count
    mof = Counter({str(v[0] or "none"): n for v, n in aggregates.count_by("mof_class")})
    osaid = Counter({str(v[0]): n for v, n in aggregates.count_by("osaid_verdict")})
    findings = Counter({code: n for code, _, n in aggregates.findings_by_code()})
    return InventoryStats(
        total=total,
        weights=_counts(weights, total),
        licenses=_counts(licenses, total),
        categories=_counts(categories, total),
        mof_classes=_counts(mof, total),
        osaid=_counts(osaid, total),
        findings=_counts(findings, total),
        relicensed=findings.get(RELICENSING_CODE, 0),
        families=_families(aggregates),
        breakdown=_breakdown(aggregates, by) if by else (),
    )


def _families(aggregates: Aggregates) -> tuple[BaseFamily, ...]:
    derivatives: dict[str, Counter[str]] = defaultdict(Counter)
    base_license: dict[str, str] = {}
    for row in aggregates.lineage():
        for base, license_ in row.bases:
            derivatives[base][row.weights_license or "unknown"] += 1
            base_license.setdefault(base, license_ or "unknown")
    top = sorted(derivatives, key=lambda base: (-sum(derivatives[base].values()), base))
    return tuple(
        BaseFamily(
            base,
            sum(derivatives[base].values()),
            base_license[base],
            _counts(derivatives[base], sum(derivatives[base].values())),
        )
        for base in top[:TOP_FAMILIES]
    )


def _breakdown(aggregates: Aggregates, by: str) -> tuple[Breakdown, ...]:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for row in aggregates.rows():
        value = {
            "license": row.weights_license or "unknown",
            "category": license_category(row.weights_license),
            "mof_class": row.mof_class or "none",
            "osaid": row.osaid_verdict,
            "source": row.source,
            "author": row.release_id.split("/")[0] if "/" in row.release_id else "(local)",
        }[by]
        table[value][openness(row.weights_open)] += 1
    ordered = sorted(table, key=lambda value: (-sum(table[value].values()), value))
    return tuple(
        Breakdown(
            by, value, table[value]["open"], table[value]["not open"], table[value]["unknown"]
        )
        for value in ordered
    )
