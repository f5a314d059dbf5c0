"""URL query parameters -> typed, bounded filters. A value outside what the page offers is a
:class:`BadParameter` (shown as a 400 page), never passed on."""

from __future__ import annotations

import re
from collections.abc import Mapping

from opengrade.model.findings import ExemptionStatus, OsaidVerdict
from opengrade.store.dashboard_queries import SORTS, TableQuery
from opengrade.web.views import CATEGORIES, MIXED, NO_LICENSE, UNKNOWN

PAGE_SIZES = (25, 50, 100, 200)
MAX_PAGE = 100_000
CLASSES = ("I", "II", "III", "none")
VERDICTS = tuple(str(item) for item in OsaidVerdict)
EU_STATUSES = tuple(str(item) for item in ExemptionStatus)
ALL_CATEGORIES = (*CATEGORIES, MIXED, UNKNOWN, NO_LICENSE)
FILTERS = ("license", "category", "class", "verdict", "eu", "finding", "org", "q")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+_-]{0,99}$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
_ORGANISATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$")


class BadParameter(ValueError):
    """A query parameter the page does not accept; the message says which and why."""


def _choice(query: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    value = query.get(name, "").strip()
    if not value:
        return None
    if value not in allowed:
        raise BadParameter(f"{name}={value[:40]!r} is not one of: {', '.join(allowed)}")
    return value


def _matching(query: Mapping[str, str], name: str, pattern: re.Pattern[str]) -> str | None:
    value = query.get(name, "").strip()
    if not value:
        return None
    if not pattern.match(value):
        raise BadParameter(f"{name}={value[:40]!r} is not a valid {name}")
    return value


def _number(query: Mapping[str, str], name: str, default: int, highest: int) -> int:
    value = query.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= highest:
        raise BadParameter(f"{name} must be a whole number from 1 to {highest}")
    return int(value)


def table_query(
    query: Mapping[str, str], expressions_of: Mapping[str, tuple[str, ...]] | None = None
) -> TableQuery:
    """The release table's query from the URL. ``expressions_of`` maps a license category to
    the weights expressions in it (from the portfolio counts)."""
    text = query.get("q", "").strip()
    if len(text) > 100:
        raise BadParameter("q (the text search) is at most 100 characters")
    category = _choice(query, "category", ALL_CATEGORIES)
    sort = query.get("sort", "release").strip() or "release"
    if sort.removeprefix("-") not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)} (with - to reverse)")
    size = int(_choice(query, "size", tuple(map(str, PAGE_SIZES))) or 50)
    page = _number(query, "page", 1, MAX_PAGE)
    expressions = None
    if category is not None and category != NO_LICENSE:
        expressions = (expressions_of or {}).get(category, ())
    return TableQuery(
        license_key=_matching(query, "license", _KEY),
        expressions=expressions,
        without_license=category == NO_LICENSE,
        mof_class=_choice(query, "class", CLASSES),
        osaid_verdict=_choice(query, "verdict", VERDICTS),
        eu_status=_choice(query, "eu", EU_STATUSES),
        finding_code=_matching(query, "finding", _CODE),
        organisation=_matching(query, "org", _ORGANISATION),
        text=text or None,
        sort=sort.removeprefix("-"),
        descending=sort.startswith("-"),
        limit=size,
        offset=(page - 1) * size,
    )


def release_name(organisation: str, name: str) -> str:
    """The release id for a page's path, or :class:`BadParameter`."""
    if not (NAME.match(organisation) and NAME.match(name)) or ".." in organisation + name:
        raise BadParameter("not a release id: use /releases/ORGANISATION/NAME")
    return name if organisation == "_" else f"{organisation}/{name}"
