"""The facts derived once from the evidence: where the weights are, which links are the
release's own and which cite data sources, which code repositories are its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.evidence import extract_evidence
from opengrade.evidence.facts import derive_facts
from opengrade.model import ArtifactKind, Evidence, EvidenceKind, LinkKind, Provenance, Status
from opengrade.model.facts import WeightsPresence
from support.snapshots import record

from . import corpus_snapshot


def _weights(status: Status, intermediate: bool = False) -> Evidence:
    details = {"intermediate": True} if intermediate else {}
    return record(
        EvidenceKind.ARTIFACT,
        ArtifactKind.WEIGHTS,
        "model.safetensors",
        Provenance(path="model.safetensors"),
        status,
        details,
    )


def _link(kind: LinkKind, value: str, line: int, path: str = "README.md") -> Evidence:
    return record(EvidenceKind.LINK, kind, value, Provenance(path=path, line=line))


@pytest.mark.parametrize(
    ("evidence", "presence"),
    [
        ((_weights(Status.DECLARED), _weights(Status.VERIFIED)), WeightsPresence.SEEN),
        ((_weights(Status.DECLARED),), WeightsPresence.LISTED),
        ((_weights(Status.VERIFIED, intermediate=True),), WeightsPresence.ABSENT),
        (
            (
                record(
                    EvidenceKind.COMPONENT,
                    "Model parameters (Final)",
                    "Apache-2.0",
                    Provenance(path="x.yml", line=9),
                ),
            ),
            WeightsPresence.DECLARED,
        ),
        ((_link(LinkKind.MODEL, "hf:org/model", 3),), WeightsPresence.LINKED),
        ((_link(LinkKind.MODEL, "hf:other/model", 3),), WeightsPresence.ABSENT),
    ],
)
def test_where_the_weights_are(evidence: tuple[Evidence, ...], presence: WeightsPresence) -> None:
    assert derive_facts(evidence, "org/model").weights is presence


def test_links_in_a_training_data_section_cite_data_sources() -> None:
    section = record(
        EvidenceKind.CARD_SECTION,
        "training-data",
        "Data",
        Provenance(path="README.md", line=10, end_line=20),
    )
    own = _link(LinkKind.CODE, "https://github.com/org/model-train", 3)
    cited = _link(LinkKind.CODE, "https://github.com/lab/dataset-tools", 12)
    elsewhere = _link(LinkKind.CODE, "https://github.com/other/tool", 12, path="NOTES.md")
    facts = derive_facts((section, own, cited, elsewhere), "org/model")
    assert facts.release_links == (own, elsewhere)
    assert facts.data_source_links == (cited,)
    assert facts.own_code_links == (own,)  # other/tool is another project's


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("folder", "presence"),
    [
        # the copy holds the card and license only; the card links the Hub repository
        ("allenai__OLMo-7B", WeightsPresence.LINKED),
        # the upstream listing names the safetensors and the GGUF, not read here
        ("google__gemma-2b-it", WeightsPresence.LISTED),
    ],
)
def test_corpus_weights_presence(corpus: Path, folder: str, presence: WeightsPresence) -> None:
    snapshot = corpus_snapshot(corpus, folder)
    assert derive_facts(extract_evidence(snapshot), snapshot.id).weights is presence


@pytest.mark.corpus
def test_olmo_links_its_own_code(corpus: Path) -> None:
    snapshot = corpus_snapshot(corpus, "allenai__OLMo-7B")
    facts = derive_facts(extract_evidence(snapshot), snapshot.id)
    assert "https://github.com/allenai/OLMo" in {
        item.payload.value_text() for item in facts.own_code_links
    }
