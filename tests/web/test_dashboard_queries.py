"""The dashboard's store queries agree with the store's own listing (``Store.latest``) on a
store of scanned corpus releases: filters, sort orders, pages and the portfolio's counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from opengrade.store import Grade, Store, open_store
from opengrade.store.dashboard_counts import portfolio_counts
from opengrade.store.dashboard_queries import (
    TableQuery,
    ensure_dashboard_indexes,
    expression_keys,
    release_table,
)


@pytest.fixture
def store(filled_store: str) -> Iterator[Store]:
    opened = open_store(filled_store)
    ensure_dashboard_indexes(opened)
    yield opened
    opened.close()


def _weights(grade: Grade) -> str | None:
    terms = grade.summary.terms("weights")
    return terms.expression if terms else None


def _ids(grades: list[Grade]) -> list[str]:
    return [grade.release_key for grade in grades]


def test_every_filter_keeps_exactly_the_matching_releases(store: Store) -> None:
    everything = store.latest()
    cases = [
        (
            TableQuery(license_key="llama3.1"),
            lambda g: "llama3.1" in expression_keys(_weights(g) or ""),
        ),
        (TableQuery(mof_class="none"), lambda g: g.summary.mof_class is None),
        (
            TableQuery(osaid_verdict="unverified"),
            lambda g: g.summary.osaid_verdict == "unverified",
        ),
        (TableQuery(organisation="allenai"), lambda g: g.release_id.startswith("allenai/")),
        (TableQuery(text="LLAMA"), lambda g: "llama" in g.release_id.lower()),
        (TableQuery(without_license=True), lambda g: _weights(g) is None),
    ]
    for query, keep in cases:
        rows, total = release_table(store, query)
        expected = sorted(g.release_key for g in everything if keep(g))
        assert sorted(_ids(rows)) == expected, query
        assert total == len(expected), query
    llama, _ = release_table(store, TableQuery(license_key="llama3.1"))
    assert len(llama) >= 2


def test_pages_in_every_order_cover_the_store_once(store: Store) -> None:
    everything = sorted(g.release_key for g in store.latest())
    for sort in ("release", "graded", "class", "verdict", "findings"):
        for descending in (False, True):
            seen: list[str] = []
            for offset in range(0, len(everything), 3):
                query = TableQuery(sort=sort, descending=descending, limit=3, offset=offset)
                rows, total = release_table(store, query)
                assert total == len(everything)
                seen += _ids(rows)
            assert sorted(seen) == everything, (sort, descending)
    by_release, _ = release_table(store, TableQuery())
    assert [g.release_id for g in by_release] == sorted(g.release_id for g in by_release)


def test_portfolio_counts_match_the_listing(store: Store) -> None:
    everything = store.latest()
    counts = portfolio_counts(store)
    assert counts.releases == len(everything)
    assert dict(counts.by_verdict) == dict(Counter(g.summary.osaid_verdict for g in everything))
    assert dict(counts.by_class) == dict(Counter(g.summary.mof_class or "none" for g in everything))
    assert dict(counts.by_expression) == dict(Counter(_weights(g) or "none" for g in everything))
    high = sum(g.summary.finding_counts()["high"] for g in everything)
    assert counts.findings["high"] == high
