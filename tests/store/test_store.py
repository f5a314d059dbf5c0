"""The store's library API on real reports, against SQLite and PostgreSQL: idempotent adds,
history, summary columns read from the JSON report, filters and paging, the stored report."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from opengrade.formats.report_json import JsonFormat
from opengrade.pipeline import assess
from opengrade.store import InventoryFilter, Page, open_store
from opengrade.store.reading import ReleaseNotStored
from opengrade.store.summary import ReportUnreadable

pytestmark = pytest.mark.corpus

RELEASES = (
    "EleutherAI__pythia-6.9b",
    "tiiuae__falcon-40b",
    "google__gemma-2b-it",
    "openai__whisper-large-v3",
    "CohereForAI__c4ai-command-r-plus",
)


@cache
def report_json(folder: Path) -> str:
    return JsonFormat().render(assess(str(folder)))


@pytest.fixture
def reports(corpus: Path) -> list[str]:
    return [report_json(corpus / "models" / name) for name in RELEASES]


def test_same_content_adds_nothing_and_a_new_revision_adds_history(
    store_url: str, reports: list[str]
) -> None:
    with open_store(store_url) as store:
        first = store.add_report(reports[0], revision="sha256:aaa")
        again = store.add_report(reports[0], revision="sha256:aaa")
        newer = store.add_report(reports[0], revision="sha256:bbb")
        assert first.added and not again.added and newer.added
        assert again.grade_id == first.grade_id
        history = store.history(first.release_key)
        assert [grade.revision for grade in history] == ["sha256:aaa", "sha256:bbb"]
        assert store.count() == 1
        assert store.latest()[0].revision == "sha256:bbb"


def test_summary_columns_are_read_from_the_json_report(store_url: str, reports: list[str]) -> None:
    with open_store(store_url) as store:
        for text in reports:
            store.add_report(text)
        stored = {grade.release_id: grade for grade in store.latest()}
    for text in reports:
        data = json.loads(text)
        summary = stored[data["release"]["id"]].summary
        assert summary.mof_class == data["mof"]["class"]
        assert summary.osaid_verdict == data["osaid"]["verdict"]
        assert summary.eu_status == data["eu_ai_act"]["status"]
        for scope, block in data["concluded"].items():
            terms = summary.terms(scope)
            assert terms is not None
            assert (terms.expression, terms.open) == (block["expression"], block["open"])
            assert list(terms.evidence) == block["evidence"]
        assert sorted(f.code for f in summary.findings) == sorted(
            item["code"] for item in data["findings"]
        )


def test_the_stored_report_reads_back_byte_for_byte(store_url: str, reports: list[str]) -> None:
    with open_store(store_url) as store:
        store.add_report(reports[1])
        grade = store.latest()[0]
        assert store.report_text(grade) == reports[1]
        assert 0 < grade.report_bytes < len(reports[1].encode()) / 3


def test_filters_and_paging(store_url: str, reports: list[str]) -> None:
    with open_store(store_url) as store:
        for text in reports:
            store.add_report(text)
        closed = store.latest(InventoryFilter(open_weights="false"))
        expected = {
            json.loads(text)["release"]["id"]
            for text in reports
            if json.loads(text)["concluded"]["weights"]["open"] is False
        }
        assert {grade.release_id for grade in closed} == expected
        assert store.count(InventoryFilter(open_weights="false")) == len(expected)
        everything = store.latest()
        assert [g.release_id for g in everything] == sorted(g.release_id for g in everything)
        page = store.latest(page=Page(limit=2, offset=1))
        assert [g.grade_id for g in page] == [g.grade_id for g in everything[1:3]]
        code = everything[0].summary.findings[0].code if everything[0].summary.findings else None
        if code:
            with_code = store.latest(InventoryFilter(finding_code=code))
            assert all(code in {f.code for f in g.summary.findings} for g in with_code)
            assert everything[0].grade_id in {g.grade_id for g in with_code}


def test_a_text_that_is_not_a_report_is_refused_and_nothing_is_added(
    store_url: str, reports: list[str]
) -> None:
    with open_store(store_url) as store:
        store.add_report(reports[0])
        for bad in ("not json", "[1, 2]", '{"release": 3}'):
            with pytest.raises(ReportUnreadable):
                store.add_report(bad)
        assert store.count() == 1


def test_unknown_and_ambiguous_release_names_say_what_to_do(
    store_url: str, reports: list[str]
) -> None:
    data = json.loads(reports[0])
    with open_store(store_url) as store:
        with pytest.raises(ReleaseNotStored, match="opengrade scan"):
            store.history("nobody/nothing")
        for place in ("/copy/one", "/copy/two"):
            data["release"]["location"] = place
            store.add_report(json.dumps(data))
        with pytest.raises(ReleaseNotStored, match="names 2 releases") as raised:
            store.history(data["release"]["id"])
        assert "@/copy/one" in str(raised.value) and "@/copy/two" in str(raised.value)
        assert len(store.history(f"local:{data['release']['id']}@/copy/two")) == 1


def test_diff_and_changes_compare_stored_summaries(store_url: str, reports: list[str]) -> None:
    data = json.loads(reports[0])
    changed = json.loads(reports[0])
    changed["concluded"]["weights"] = {
        "expression": "CC-BY-NC-4.0",
        "keys": ["CC-BY-NC-4.0"],
        "open": False,
        "evidence": ["LICENSE:1-20"],
    }
    changed["osaid"]["verdict"] = "not-conformant"
    with open_store(store_url) as store:
        store.add_report(json.dumps(data), revision="one")
        store.add_report(json.dumps(changed), revision="two")
        diff = store.diff(data["release"]["id"])
        aspects = {change.aspect: change for change in diff.changes}
        assert aspects["weights license"].after == "CC-BY-NC-4.0"
        assert aspects["weights license"].evidence_after == ("LICENSE:1-20",)
        assert (aspects["weights openness"].before, aspects["weights openness"].after) == (
            "open" if data["concluded"]["weights"]["open"] else "unknown",
            "not open",
        )
        assert not store.diff(data["release"]["id"], "one", "one").changed
        assert [item.release_key for item in store.changes()] == [diff.release_key]


def test_a_stored_grade_reads_back_as_a_report(store_url: str, reports: list[str]) -> None:
    from opengrade import load_report, render_json

    with open_store(store_url) as store:
        store.add_report(reports[2])
        (grade,) = store.latest()
        report = load_report(store.report_text(grade))
    assert render_json(report) == reports[2]
    weights = next(item for item in report.concluded if str(item.scope) == "weights")
    stored = grade.summary.terms("weights")
    assert stored is not None and (stored.expression, stored.open) == (
        weights.expression,
        weights.open,
    )
