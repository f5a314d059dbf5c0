"""Card links: the release's own, and the data sources its training-data sections cite."""

from __future__ import annotations

import pytest

from opengrade.bom.links import as_url, card_links
from opengrade.evidence.facts import derive_facts
from opengrade.model.evidence import Evidence, EvidenceKind, LinkKind, Provenance
from support.snapshots import record


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://github.com/acme/model", "https://github.com/acme/model"),
        ("arxiv:2401.00001", "https://arxiv.org/abs/2401.00001"),
        ("doi:10.1000/xyz", "https://doi.org/10.1000/xyz"),
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"),
        ("http://$HOST:$PORT", None),
        ("http://localhost:port/", None),
        ("ftp://example.org/file", None),
        ("https://exa mple.org", None),
        ("see the repository", None),
    ],
)
def test_as_url(value: str, expected: str | None) -> None:
    assert as_url(value) == expected


def _link(kind: LinkKind, value: str, line: int, path: str = "README.md") -> Evidence:
    return record(EvidenceKind.LINK, kind, value, Provenance(path, line))


def test_training_data_links_go_to_their_datasets() -> None:
    evidence = (
        record(EvidenceKind.CARD_SECTION, "training-data", "Data", Provenance("README.md", 10, 20)),
        _link(LinkKind.CODE, "https://github.com/acme/model", 3),
        _link(LinkKind.CODE, "https://github.com/lab/qa-pairs", 12),
        _link(LinkKind.PAPER, "arxiv:2101.00002", 12),  # same row as the repository above
        _link(LinkKind.CODE, "https://github.com/lab/unlisted-corpus", 14),
        _link(LinkKind.CODE, "https://github.com/lab/qa-pairs", 15, path="docs/NOTES.md"),
    )
    links = card_links(derive_facts(evidence, "acme/model"), ["org/QA_Pairs", "other-set"])
    assert links.release == (
        ("code", "https://github.com/acme/model"),
        ("code", "https://github.com/lab/qa-pairs"),  # another file: not in the section
    )
    assert links.by_dataset == {
        "org/QA_Pairs": (
            ("code", "https://github.com/lab/qa-pairs"),
            ("paper", "https://arxiv.org/abs/2101.00002"),
        )
    }
    assert links.data_sources == (("code", "https://github.com/lab/unlisted-corpus"),)


def test_a_row_naming_two_datasets_is_not_split_by_guess() -> None:
    evidence = (
        record(EvidenceKind.CARD_SECTION, "training-data", "Data", Provenance("README.md", 1, 5)),
        _link(LinkKind.CODE, "https://github.com/lab/alpha", 2),
        _link(LinkKind.CODE, "https://github.com/lab/beta", 2),
        _link(LinkKind.PAPER, "arxiv:2101.00003", 2),
    )
    links = card_links(derive_facts(evidence, "acme/model"), ["alpha", "beta"])
    assert links.by_dataset == {
        "alpha": (("code", "https://github.com/lab/alpha"),),
        "beta": (("code", "https://github.com/lab/beta"),),
    }
    assert links.data_sources == (("paper", "https://arxiv.org/abs/2101.00003"),)
