"""payloads() gives the same items in the same order whether it scans the evidence or uses the
grouping it keeps for a tuple asked for again, with other tuples asked in between."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from opengrade.model.evidence import Evidence, Provenance, payloads
from opengrade.model.evidence_kinds import EvidenceKind, LinkKind
from opengrade.model.evidence_payloads import PAYLOAD_TYPES, Link
from opengrade.pipeline import inspect


def _scanned(items: tuple[Evidence, ...], kind: type) -> list[tuple[object, Evidence]]:
    return [(item.payload, item) for item in items if isinstance(item.payload, kind)]


def test_grouped_answers_equal_scans_on_real_releases(corpus: Path) -> None:
    releases = [inspect(str(path))[1] for path in sorted((corpus / "models").iterdir())[:12]]
    assert sum(len(evidence) for evidence in releases) > 200
    for _ in range(3):  # asked again and again, interleaved: grouped after the first time
        for evidence in releases:
            for kind in PAYLOAD_TYPES.values():
                assert list(payloads(evidence, kind)) == _scanned(evidence, kind)
                assert list(payloads(list(evidence), kind)) == _scanned(evidence, kind)


@dataclass(frozen=True, slots=True)
class _PaperLink(Link):
    KIND: ClassVar[EvidenceKind] = EvidenceKind.LINK


def test_a_payload_subclass_is_found_under_its_base() -> None:
    base = Evidence(Link(LinkKind.PAPER, "arxiv:1"), Provenance(path="README.md"))
    sub = Evidence(_PaperLink(LinkKind.PAPER, "arxiv:2"), Provenance(path="README.md"))
    items = (base, sub, base)
    for _ in range(3):
        assert [payload.target for payload, _ in payloads(items, Link)] == [
            "arxiv:1",
            "arxiv:2",
            "arxiv:1",
        ]
