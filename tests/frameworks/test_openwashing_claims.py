"""Accusations that hold up: what a high open-washing finding needs (an explicit claim about the
weights or the release, terms that are not open), what a name alone may give (low at most, and
nothing when "open" names a tool or a dataset), and relicensing only when the base's binding
obligations are dropped. Small releases written here, graded by the real pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from corpus_releases import release_inputs

from opengrade.frameworks.openwashing_claims import (
    ClaimStrength,
    find_claims,
    name_claims_openness,
)
from opengrade.frameworks.openwashing_rules import load_openwashing_rules
from opengrade.licenses.relicensing import keeps_obligations, load_relations
from opengrade.model import (
    EvidenceKind,
    ReleaseFile,
    ReleaseSnapshot,
    Scope,
    SourceKind,
    TextFile,
)
from opengrade.model.findings import Finding
from opengrade.parsing.files import classify
from opengrade.pipeline import LinkedInputs, assess, assess_snapshot

CLAIM_CODES = {"restricted-weights-claimed-open", "open-weights-only", "gated-while-open"}


def grade(card: str, identifier: str) -> list[Finding]:
    """The findings of a release holding only ``card`` as its README.md."""
    files = (ReleaseFile("README.md", len(card), classify("README.md")),)
    texts = (TextFile("README.md", card),)
    snapshot = ReleaseSnapshot(identifier, SourceKind.LOCAL, "/written", files=files, texts=texts)
    return list(assess_snapshot(snapshot, reproducible=True).findings)


def severities(findings: list[Finding], code: str) -> list[str]:
    return [str(finding.severity) for finding in findings if finding.code == code]


def test_an_explicit_claim_under_restrictive_terms_is_high() -> None:
    card = "---\nlicense: llama2\n---\n# Acme-7B\n\nAcme-7B is an open-source chat model.\n"
    findings = grade(card, "acme/Acme-7B")
    assert severities(findings, "restricted-weights-claimed-open") == ["high"]
    (finding,) = [f for f in findings if f.code == "restricted-weights-claimed-open"]
    assert "README.md:6" in finding.evidence and "llama2" in finding.message


def test_a_claim_about_code_only_is_no_claim() -> None:
    card = (
        "---\nlicense: llama2\n---\n# Acme-7B\n\n"
        "The code in this repository is open-sourced under the Apache-2.0 license.\n"
    )
    assert not {f.code for f in grade(card, "acme/Acme-7B")} & CLAIM_CODES


def test_a_mention_of_others_is_no_claim() -> None:
    card = (
        "---\nlicense: cc-by-nc-4.0\n---\n# Acme-7B\n\n"
        "Acme-7B outperforms other open-source models. We thank the open-source community.\n"
    )
    assert not {f.code for f in grade(card, "acme/Acme-7B")} & CLAIM_CODES


def test_a_name_alone_is_at_most_low() -> None:
    card = "---\nlicense: cc-by-nc-4.0\n---\n# OpenAcme-7B\n\nA chat model.\n"
    found = severities(grade(card, "acme/OpenAcme-7B"), "restricted-weights-claimed-open")
    assert found == ["low"]


@pytest.mark.parametrize(
    "name",
    [
        "sd-controlnet-openpose",
        "control_v11p_sd15_openpose",
        "bert-base-openvino",
        "opennmt-en-de",
        "CLIP-ViT-B-32-openclip",
        "clip-vit-openai",
        "Mistral-7B-OpenOrca",
        "OpenHermes-2.5-Mistral-7B",
        "open-domain-qa",
    ],
)
def test_names_whose_open_is_not_openness(name: str) -> None:
    assert not name_claims_openness(name, load_openwashing_rules())
    card = "---\nlicense: creativeml-openrail-m\n---\n# A model\n\nA model.\n"
    assert not {f.code for f in grade(card, f"someone/{name}")} & CLAIM_CODES


@pytest.mark.parametrize("name", ["OpenELM-3B", "open_llama_7b", "openchat_3.5", "OpenDalle"])
def test_names_whose_open_is_openness(name: str) -> None:
    assert name_claims_openness(name, load_openwashing_rules())


@pytest.mark.parametrize(
    ("license_key", "base", "expected"),
    [
        ("creativeml-openrail-m", "stabilityai/stable-diffusion-xl-base-1.0", []),
        ("openrail++", "runwayml/stable-diffusion-v1-5", []),
        ("openrail", "runwayml/stable-diffusion-v1-5", []),
        ("llama3", "meta-llama/Meta-Llama-3.1-8B", []),
        ("apache-2.0", "stabilityai/stable-diffusion-xl-base-1.0", ["high"]),
        ("mit", "meta-llama/Llama-2-7b-hf", ["high"]),
        ("apache-2.0", "google/gemma-2b", ["high"]),
    ],
)
def test_relicensing_only_when_the_base_s_obligations_are_dropped(
    license_key: str, base: str, expected: list[str]
) -> None:
    card = f"---\nlicense: {license_key}\nbase_model: {base}\n---\n# Tuned\n\nA fine-tune.\n"
    assert severities(grade(card, "someone/tuned"), "relicensed-against-base") == expected


def test_a_base_named_only_in_prose_is_a_lead_not_an_accusation() -> None:
    card = (
        "---\nlicense: apache-2.0\n---\n# Tuned\n\n"
        "This model is fine-tuned from [SDXL](https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0).\n"
    )
    assert severities(grade(card, "someone/tuned"), "relicensed-against-base") == ["medium"]


def test_relations_cite_their_clause() -> None:
    relations = load_relations()
    assert {"creativeml-openrail-m", "openrail++", "llama3.1", "gemma"} <= set(relations)
    for relation in relations.values():
        assert relation.clause and relation.binds
        assert all(reason for reason in relation.kept_by.values())
    assert keeps_obligations("openrail++", "creativeml-openrail-m")
    assert not keeps_obligations("openrail++", "Apache-2.0")
    assert not keeps_obligations("gemma", "llama3")


def _corpus_folders() -> list[str]:
    default = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    models = Path(os.environ.get("OPENGRADE_CORPUS", default)) / "models"
    return sorted(path.name for path in models.iterdir()) if models.is_dir() else []


@pytest.mark.parametrize(
    ("folder", "line"),
    [("THUDM__chatglm3-6b", 34), ("baichuan-inc__Baichuan2-7B-Base", 40)],
)
def test_chatglm3_and_baichuan2_call_their_weights_open(
    corpus: Path, folder: str, line: int
) -> None:
    inputs = release_inputs(corpus, folder)
    claims = find_claims(inputs.evidence, inputs.release_id, load_openwashing_rules())
    explicit = [claim for claim in claims if claim.strength is ClaimStrength.EXPLICIT]
    assert explicit and f"README.md:{line}" in explicit[0].evidence
    targets = {
        item.payload.detail_values().get("target")
        for item in inputs.evidence
        if item.kind is EvidenceKind.CLAIM
        and item.payload.detail_values().get("about_release") is True
    }
    assert targets and targets <= {"weights", "release"}


@pytest.mark.corpus
@pytest.mark.parametrize("folder", _corpus_folders())
def test_high_findings_on_corpus_releases_hold(corpus: Path, folder: str) -> None:
    """Open weights terms: no high finding. Otherwise every high claim-based finding cites a
    sentence that calls the release or its weights open."""
    report = assess(str(corpus / "models" / folder), linked=LinkedInputs(reproducible=True))
    high = [finding for finding in report.findings if str(finding.severity) == "high"]
    if report.licensing.openness(Scope.WEIGHTS) is True:
        assert high == []
        return
    own = {
        str(item.provenance)
        for item in report.evidence
        if item.kind is EvidenceKind.CLAIM
        and item.payload.detail_values().get("target") in ("weights", "release")
    }
    for finding in high:
        if finding.code in CLAIM_CODES:
            assert own & set(finding.evidence), finding
