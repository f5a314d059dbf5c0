"""Open-washing findings on real corpus releases and on small evidence sets written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_releases import Inputs, declared, evidence_item, release_inputs

from opengrade.errors import FrameworkError
from opengrade.frameworks.lineage import inherited_terms
from opengrade.frameworks.openwashing import find_openwashing
from opengrade.frameworks.openwashing_claims import find_claims
from opengrade.frameworks.openwashing_rules import load_openwashing_rules, parse_openwashing_rules
from opengrade.frameworks.osaid import assess_osaid
from opengrade.frameworks.release_facts import read_document
from opengrade.licenses import catalog
from opengrade.model import EvidenceKind, Provenance, Scope
from opengrade.model.findings import Finding, Severity
from opengrade.model.licensing import LicenseConflict, Licensing

CLAIM_SIGNALS = {"restricted-weights-claimed-open", "open-weights-only", "gated-while-open"}


def _findings(inputs: Inputs) -> list[Finding]:
    inherited = inherited_terms(inputs.evidence, inputs.terms_for)
    return find_openwashing(
        inputs.evidence,
        inputs.licensing,
        release_id=inputs.release_id,
        terms_for=inputs.terms_for,
        inherited=inherited,
        osaid=assess_osaid(
            inputs.evidence,
            inputs.licensing,
            terms_for=inputs.terms_for,
            release_id=inputs.release_id,
        ),
    )


def test_falcon_40b_claims_open_source_under_a_royalty_license(corpus: Path) -> None:
    # The 2023-05-26 snapshot: LICENSE.txt is the TII Falcon LLM License 1.0, named in the prose.
    findings = _findings(release_inputs(corpus, "tiiuae__falcon-40b"))
    high = [item for item in findings if item.code == "restricted-weights-claimed-open"]
    assert [item.severity for item in high] == [Severity.HIGH]
    assert "tii-falcon-llm-1.0" in high[0].message
    assert "README.md:20" in high[0].evidence
    assert "best open-source model" in high[0].message


def test_reflection_claims_open_source_under_llama_3_1(corpus: Path) -> None:
    inputs = release_inputs(corpus, "mattshumer__Reflection-Llama-3.1-70B")
    findings = _findings(inputs)
    high = [item for item in findings if item.severity is Severity.HIGH]
    assert [item.code for item in high] == ["restricted-weights-claimed-open"]
    assert "llama3.1" in high[0].message and "README.md:11" in high[0].evidence
    # Same license as its Llama 3.1 base: no relicensing finding.
    assert "relicensed-against-base" not in {item.code for item in findings}


def test_mentions_of_other_open_source_models_are_not_claims(corpus: Path) -> None:
    inputs = release_inputs(corpus, "meta-llama__Llama-2-7b-hf")
    mentions = [item for item in inputs.evidence if item.kind is EvidenceKind.CLAIM]
    others = [item for item in mentions if item.payload.subject_text() == "open-source"]
    assert others and all(item.payload.detail_values()["about_release"] is False for item in others)
    # "we are openly releasing these models" is about the release, but says it is available,
    # not that it is open source: not a claim any finding rests on.
    released = [item for item in mentions if item.payload.subject_text() == "openly-released"]
    assert released and all(
        item.payload.detail_values()["about_release"] is True for item in released
    )
    assert find_claims(inputs.evidence, inputs.release_id, load_openwashing_rules()) == []
    assert not {item.code for item in _findings(inputs)} & CLAIM_SIGNALS


def test_across_the_corpus_only_self_claims_count(corpus: Path) -> None:
    rules = load_openwashing_rules()
    for folder in sorted(path.name for path in (corpus / "models").iterdir() if path.is_dir()):
        inputs = release_inputs(corpus, folder)
        allowed = {inputs.release_id} | {
            str(item.provenance)
            for item in inputs.evidence
            if (
                item.kind is EvidenceKind.CLAIM
                and item.payload.detail_values().get("about_release") is True
            )
            or (item.kind is EvidenceKind.CARD_FIELD and item.payload.subject_text() == "tags")
        }
        claims = find_claims(inputs.evidence, inputs.release_id, rules)
        assert {where for claim in claims for where in claim.evidence} <= allowed, folder
        codes = {item.code for item in _findings(inputs)}
        assert claims or not codes & CLAIM_SIGNALS, folder


def test_gated_release_presented_as_open(corpus: Path) -> None:
    findings = _findings(release_inputs(corpus, "google__gemma-2b-it"))
    gated = [item for item in findings if item.code == "gated-while-open"]
    assert gated and gated[0].severity is Severity.MEDIUM
    assert "README.md:41" in gated[0].evidence


def test_declared_license_contradicted_by_the_text_without_any_claim(corpus: Path) -> None:
    conflict = LicenseConflict(
        Scope.RELEASE,
        ("Apache-2.0",),
        ("llama3.1",),
        Provenance("README.md", 2, field="license"),
        Provenance("LICENSE", 1, 120),
    )
    licensing = Licensing((declared("Apache-2.0"),), (conflict,))
    findings = find_openwashing(
        (),
        licensing,
        release_id="someone/model",
        terms_for=catalog.terms,
        osaid=assess_osaid((), licensing, terms_for=catalog.terms, release_id="someone/model"),
    )
    assert [(item.code, item.severity) for item in findings] == [
        ("declared-license-contradicted", Severity.HIGH)
    ]
    assert "Apache-2.0" in findings[0].message and "LICENSE:1-120" in findings[0].message


def test_two_open_licenses_that_disagree_are_low(corpus: Path) -> None:
    inputs = release_inputs(corpus, "openai__whisper-large-v3")
    contradicted = [
        item for item in _findings(inputs) if item.code == "declared-license-contradicted"
    ]
    assert [item.severity for item in contradicted] == [Severity.LOW]


def test_relicensing_a_llama_derivative_is_high(corpus: Path) -> None:
    lineage = evidence_item(EvidenceKind.LINEAGE, "meta-llama/Meta-Llama-3.1-8B", "finetune")
    terms_for = catalog.terms
    inherited = inherited_terms([lineage], terms_for)
    licensing = Licensing((declared("Apache-2.0"),))
    osaid = assess_osaid([lineage], licensing, terms_for=terms_for, release_id="someone/x")
    findings = find_openwashing(
        [lineage],
        licensing,
        release_id="someone/x",
        terms_for=terms_for,
        inherited=inherited,
        osaid=osaid,
    )
    assert [(item.code, item.severity) for item in findings] == [
        ("relicensed-against-base", Severity.HIGH)
    ]
    assert "s.1.b.i" in findings[0].message
    own = find_openwashing(
        [lineage],
        licensing,
        release_id="meta-llama/x",
        terms_for=terms_for,
        inherited=inherited,
        osaid=osaid,
    )
    assert own == []


def test_release_name_calling_itself_open_is_a_claim() -> None:
    rules = load_openwashing_rules()
    assert find_claims((), "apple/OpenELM-3B", rules)
    assert find_claims((), "allenai/OLMo-7B", rules) == []
    assert find_claims((), "someone/reopened-model", rules) == []


def test_broken_rules_are_rejected_with_the_field_named() -> None:
    document = dict(read_document("openwashing.yaml"))
    signals = [dict(item) for item in document["signals"]]  # type: ignore[attr-defined]
    signals[0]["message"] = "{claim} and {nonsense}"
    with pytest.raises(FrameworkError, match="nonsense"):
        parse_openwashing_rules({**document, "signals": signals}, origin="test")
    signals[0]["message"], signals[0]["severity"] = "{claim}", "critical"
    with pytest.raises(FrameworkError, match="severity"):
        parse_openwashing_rules({**document, "signals": signals}, origin="test")


def test_every_signal_has_exactly_one_registered_detector() -> None:
    from opengrade.frameworks.openwashing import _DETECTORS

    assert set(load_openwashing_rules().signals) == set(_DETECTORS)
