"""Dataset evidence from snapshots built by hand: one ``described`` item per dataset read."""

from __future__ import annotations

from opengrade.evidence import datasets
from opengrade.model import DatasetInfo, EvidenceKind, ReleaseSnapshot, SourceKind, Status

ENDPOINT = "http://127.0.0.1:8123"


def _snapshot(*infos: DatasetInfo, source: SourceKind = SourceKind.HUB) -> ReleaseSnapshot:
    location = f"{ENDPOINT}/test-org/model/tree/{'a' * 40}" if source is SourceKind.HUB else "/x"
    endpoint = ENDPOINT if source is SourceKind.HUB else None
    return ReleaseSnapshot("test-org/model", source, location, datasets=infos, endpoint=endpoint)


def test_a_dataset_read_from_the_hub_is_verified_with_its_description() -> None:
    info = DatasetInfo("test-org/corpus", found=True, license="cc-by-4.0", has_card=True)
    (item,) = datasets.extract(_snapshot(info))
    assert (item.kind, item.payload.subject_text(), item.payload.value_text()) == (
        EvidenceKind.DATASET,
        "test-org/corpus",
        "described",
    )
    assert item.status is Status.VERIFIED
    assert dict(item.payload.detail_values()) == {
        "license": "cc-by-4.0",
        "has_card": True,
        "gated": False,
        "problem": None,
    }
    assert item.provenance.url == f"{ENDPOINT}/datasets/test-org/corpus"
    assert str(item.provenance) == f"{ENDPOINT}/datasets/test-org/corpus"


def test_a_dataset_that_could_not_be_read_stays_declared_with_the_reason() -> None:
    missing = DatasetInfo("test-org/gone", found=False, problem="not found on the Hub")
    gated = DatasetInfo("test-org/closed", found=True, license=None, has_card=False, gated=True)
    first, second = datasets.extract(_snapshot(missing, gated))
    assert (first.payload.subject_text(), first.status) == ("test-org/gone", Status.DECLARED)
    assert (
        first.payload.detail_values()["problem"] == "not found on the Hub"
        and first.payload.detail_values()["license"] is None
    )
    assert (second.payload.subject_text(), second.status) == ("test-org/closed", Status.VERIFIED)
    assert (
        second.payload.detail_values()["gated"] is True
        and second.payload.detail_values()["has_card"] is False
    )


def test_order_is_the_snapshots_and_a_bare_legacy_id_keeps_its_page() -> None:
    infos = [DatasetInfo(name, found=True) for name in ("wikitext", "org/b", "org/a")]
    items = datasets.extract(_snapshot(*infos))
    assert [item.payload.subject_text() for item in items] == ["wikitext", "org/b", "org/a"]
    assert items[0].provenance.url == f"{ENDPOINT}/datasets/wikitext"


def test_without_a_hub_location_the_public_hub_is_named() -> None:
    info = DatasetInfo("org/data", found=True)
    (item,) = datasets.extract(_snapshot(info, source=SourceKind.LOCAL))
    assert item.provenance.url == "https://huggingface.co/datasets/org/data"


def test_no_datasets_no_evidence() -> None:
    assert datasets.extract(_snapshot()) == []
