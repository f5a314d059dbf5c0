"""``scan --hub`` at the metadata tier on the loopback Hub: no request per release, every
report marked metadata-only, incremental by commit, resumable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agreement import compare_card
from fakehub import FakeHub
from fakehub_listing import card_repo_id
from hubscale_support import release_requests, start_hub

from opengrade.cli import main
from opengrade.scan.engines.local import InProcessEngine
from opengrade.scan.hub_scan import HubScanProgress, scan_hub
from opengrade.sources.hub.lister import ListingQuery
from opengrade.store import open_store


def _scan(store: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    code = main(["scan", "--hub", "--store", str(store), "--jobs", "1", "--format", "json", *extra])
    out = capsys.readouterr().out
    assert code == 0, out
    result: dict[str, object] = json.loads(out)
    return result


def test_limit_3500_grades_every_release_with_listing_requests_only(
    hub_env: Path, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole loopback Hub (49 corpus releases and the real cards): every listed release is
    graded into the store at the metadata tier, with 4 listing pages and no other request; each
    card's concluded weights license agrees with grading that card as a local folder, or the
    card's body explains the difference (a sample here; every card: bench/hub/agreement.py)."""
    store_path = tmp_path / "inventory.db"
    with start_hub(corpus) as hub, pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_ENDPOINT", hub.endpoint)
        total = len(hub.catalogue)
        assert total > 3400
        argv = ["scan", "--hub", "--limit", "3500", "--store", str(store_path), "--jobs", "2"]
        code = main([*argv, "--format", "json"])
        result = json.loads(capsys.readouterr().out)
        assert code == 0 and result["listed"] == result["added"] == total
        assert release_requests(hub) == []
        assert hub.listing_requests() == result["requests"]["listing"] == 4
    with open_store(str(store_path)) as store:
        grades = {grade.summary.release_id: grade for grade in store.latest()}
        assert len(grades) == total
        assert all(grade.revision.startswith("metadata:") for grade in grades.values())
        sample = sorted(grades)[::97]
        assert all('"metadata-only"' in store.report_text(grades[name]) for name in sample)
    cards = sorted(path for path in (corpus / "cards").glob("*.md") if path.name != "SOURCE.md")
    for card in cards[::40]:
        agreement = compare_card(card)
        assert agreement.category != "unexplained", agreement
        repo_id = card_repo_id(card)
        if (corpus / "models" / repo_id.replace("/", "__")).is_dir():
            continue  # a corpus release: the Hub lists it with its own files and README
        stored = grades[repo_id].summary.terms("weights")
        assert stored is not None and stored.expression == agreement.metadata


def test_second_scan_grades_nothing_and_a_changed_card_regrades_one(
    small_hub: FakeHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "inventory.db"
    first = _scan(store, capsys)
    requests = len(small_hub.stats.requests)
    second = _scan(store, capsys)
    assert second["added"] == 0 and second["unchanged"] == first["listed"]
    new = small_hub.stats.requests[requests:]
    assert new and all(path == "/api/models" for _, path, _ in new)

    changed = "mistralai/Mistral-7B-v0.1"
    old_commit = small_hub.catalogue.releases[changed].sha
    small_hub.set_card(changed, "---\nlicense: cc-by-nc-4.0\n---\n# A new card\n")
    third = _scan(store, capsys)
    assert third["added"] == 1 and third["unchanged"] == first["listed"] - 1
    with open_store(str(store)) as opened:
        history = opened.history(f"hub:{changed}")
        assert [grade.revision for grade in history] == [
            f"metadata:{old_commit}",
            f"metadata:{small_hub.catalogue.releases[changed].sha}",
        ]
        weights = history[-1].summary.terms("weights")
        assert weights is not None and weights.keys == ("CC-BY-NC-4.0",)
        assert sum(len(opened.history(grade.release_key)) for grade in opened.latest()) == (
            first["listed"] + 1  # type: ignore[operator]
        )


def test_an_interrupted_scan_resumes_without_regrading(small_hub: FakeHub, tmp_path: Path) -> None:
    def stop_early(event: HubScanProgress) -> None:
        if event.graded >= 50:
            raise KeyboardInterrupt

    query = ListingQuery(page_size=40)
    with open_store(str(tmp_path / "inventory.db")) as store:
        with pytest.raises(KeyboardInterrupt):
            scan_hub(query, store, InProcessEngine(), observer=stop_early)
        kept = store.count()
        assert 50 <= kept < len(small_hub.catalogue)
        result = scan_hub(query, store, InProcessEngine())
        assert result.unchanged == kept
        assert result.added == len(small_hub.catalogue) - kept
        assert all(len(store.history(grade.release_key)) == 1 for grade in store.latest())


def test_every_format_says_the_grade_is_metadata_only(corpus: Path) -> None:
    from fakehub_listing import Catalogue

    from opengrade.formats import report_formats
    from opengrade.pipeline import assess
    from opengrade.sources.hub.listing_entry import EXPANDED_FIELDS, parse_listing_entry
    from opengrade.sources.hub.metadata import ListingEntrySource

    catalogue = Catalogue()
    catalogue.add_cards(corpus / "cards", limit=1)
    release = next(iter(catalogue.releases.values()))
    entry = parse_listing_entry(release.entry(EXPANDED_FIELDS))
    assert entry is not None
    report = assess(ListingEntrySource(entry, endpoint="http://hub.invalid"))
    rendered = {name: form.render(report) for name, form in report_formats().items()}
    for name in ("text", "json", "markdown", "html"):
        assert "metadata-only" in rendered[name].lower().replace("metadata only", "metadata-only")
        assert "--depth files" in rendered[name], name
    assert "metadata only" in rendered["badge"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["example/model"], "--hub lists its own models"),
        (["--limit", "0"], "--limit must be at least 1"),
        (["--max-requests-per-5min", "0"], "--max-requests-per-5min must be at least 1"),
    ],
)
def test_hub_usage_errors_say_what_to_do(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["scan", "--hub", "--store", str(tmp_path / "inventory.db"), *argv])
    assert code == 2
    assert message in capsys.readouterr().err
