"""What the pages show, computed from stored grades: license categories of weights
expressions, table rows, shares. No web framework here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from opengrade.licenses.catalog import terms
from opengrade.model.license import LicenseCategory
from opengrade.store import Grade
from opengrade.store.dashboard_queries import expression_keys

CATEGORIES = tuple(str(item) for item in LicenseCategory)
NO_LICENSE = "none"
MIXED = "mixed"
UNKNOWN = "unknown"


def expression_category(expression: str | None) -> str:
    """The catalogue category of an expression's keys: one category, ``mixed`` when they
    differ, ``unknown`` when the catalogue lacks a key, ``none`` without an expression."""
    keys = expression_keys(expression) if expression else ()
    if not keys:
        return NO_LICENSE
    found = [terms(key) for key in keys]
    if any(item is None for item in found):
        return UNKNOWN
    categories = {str(item.category) for item in found if item is not None}
    return categories.pop() if len(categories) == 1 else MIXED


def by_category(by_expression: Mapping[str, int]) -> dict[str, int]:
    """Counts by expression folded into counts by category."""
    counts: dict[str, int] = {}
    for expression, count in by_expression.items():
        name = expression_category(None if expression == NO_LICENSE else expression)
        counts[name] = counts.get(name, 0) + count
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def expressions_in(by_expression: Iterable[str], category: str) -> tuple[str, ...]:
    """The weights expressions whose category is ``category``."""
    return tuple(
        expression
        for expression in by_expression
        if expression != NO_LICENSE and expression_category(expression) == category
    )


def percent(part: float, whole: float) -> str:
    """``part`` of ``whole`` as a whole percent ("0%" of nothing)."""
    return f"{round(100 * part / whole) if whole else 0}%"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the release table."""

    grade: Grade
    organisation: str
    name: str
    weights: str
    openness: str
    category: str
    mof_class: str
    progress: str
    verdict: str
    findings: str
    policy: str
    graded: str


def split_id(release_id: str) -> tuple[str, str]:
    """(organisation, name) of a release id; ``_`` as the organisation when it has none."""
    organisation, _, name = release_id.partition("/")
    return (organisation, name) if name else ("_", organisation)


def row_of(grade: Grade, policy: str = "") -> Row:
    summary = grade.summary
    weights = summary.terms("weights")
    expression = weights.expression if weights else None
    is_open = weights.open if weights else None
    openness = "unknown" if is_open is None else ("open" if is_open else "not open")
    progress = dict(summary.mof_progress)
    counts = summary.finding_counts()
    organisation, name = split_id(grade.release_id)
    return Row(
        grade=grade,
        organisation=organisation,
        name=name,
        weights=expression or "none found",
        openness=openness,
        category=expression_category(expression),
        mof_class=summary.mof_class or "none",
        progress=" · ".join(f"{level} {round(value)}%" for level, value in progress.items()),
        verdict=summary.osaid_verdict,
        findings=f"{counts['high']} high, {counts['medium']} medium, {counts['low']} low",
        policy=policy,
        graded=grade.graded_at.strftime("%Y-%m-%d %H:%M"),
    )
