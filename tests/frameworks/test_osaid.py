"""OSAID 1.0 on real corpus releases and on small evidence sets written here.

``corpus_releases`` builds a release's grading inputs the way the pipeline does: the real
source, extractors, license conclusion and license catalogue.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from corpus_releases import declared, evidence_item, release_inputs

from opengrade.frameworks.osaid import assess_osaid, load_osaid_rules
from opengrade.frameworks.release_facts import is_own_repository, license_verdict, trusted_uses
from opengrade.licenses import catalog
from opengrade.model import (
    ArtifactKind,
    Evidence,
    EvidenceKind,
    LinkKind,
    Provenance,
    Scope,
    Status,
)
from opengrade.model.assessment import Outcome, RuleResult
from opengrade.model.findings import DataAvailability, OsaidResult, OsaidVerdict
from opengrade.model.licensing import Licensing
from support.snapshots import record


def _requirement(result: OsaidResult, rule: str) -> RuleResult:
    return next(item for item in result.requirements if item.rule == rule)


# Releases whose weights carry restricted, non-commercial or responsible-AI (RAIL) terms.
RESTRICTED = {
    "meta-llama__Llama-2-7b-hf": "llama2",
    "meta-llama__Llama-3.1-8B": "llama3.1",
    "bigscience__bloom": "bigscience-bloom-rail-1.0",
    "runwayml__stable-diffusion-v1-5": "creativeml-openrail-m",
    "stabilityai__stable-diffusion-xl-base-1.0": "openrail++",
    "facebook__nllb-200-distilled-600M": "CC-BY-NC-4.0",
    "deepseek-ai__DeepSeek-V3": "deepseek",
    "mattshumer__Reflection-Llama-3.1-70B": "llama3.1",
}
# Releases whose weights are declared or identified as Apache-2.0 or MIT.
PERMISSIVE = [
    "EleutherAI__pythia-6.9b",
    "allenai__OLMo-7B",
    "allenai__OLMo-2-1124-13B",
    "mistralai__Mistral-7B-v0.1",
    "mistralai__Mixtral-8x7B-v0.1",
    "HuggingFaceTB__SmolLM-1.7B",
    "LLM360__Amber",
    "ibm-granite__granite-3b-code-instruct-128k",
    "databricks__dolly-v2-12b",
    "microsoft__Phi-3-mini-4k-instruct",
    "deepseek-ai__DeepSeek-R1-Distill-Qwen-32B",
    "togethercomputer__RedPajama-INCITE-7B-Base",
    "Qwen__Qwen2.5-7B-Instruct",
]


@pytest.mark.parametrize("folder", sorted(RESTRICTED))
def test_restricted_weights_are_never_called_open(corpus: Path, folder: str) -> None:
    inputs = release_inputs(corpus, folder)
    result = assess_osaid(
        inputs.evidence, inputs.licensing, terms_for=inputs.terms_for, release_id=inputs.release_id
    )
    parameters = _requirement(result, "parameters")
    assert parameters.outcome is Outcome.NOT_MET
    assert RESTRICTED[folder] in parameters.reason
    assert result.verdict is OsaidVerdict.NOT_CONFORMANT


@pytest.mark.parametrize("folder", PERMISSIVE)
def test_apache_and_mit_weights_are_never_failed_for_their_license(
    corpus: Path, folder: str
) -> None:
    inputs = release_inputs(corpus, folder)
    uses = trusted_uses(inputs.licensing, Scope.WEIGHTS)
    assert {use.key for use in uses} & {"Apache-2.0", "MIT"}, uses
    verdict = license_verdict(uses, "weights", inputs.terms_for)
    assert verdict.outcome is Outcome.MET, verdict.reason
    result = assess_osaid(
        inputs.evidence, inputs.licensing, terms_for=inputs.terms_for, release_id=inputs.release_id
    )
    assert "not OSD-conformant" not in _requirement(result, "parameters").reason


def test_every_corpus_release_is_graded_and_non_open_weights_always_fail(corpus: Path) -> None:
    for folder in sorted(path.name for path in (corpus / "models").iterdir() if path.is_dir()):
        inputs = release_inputs(corpus, folder)
        result = assess_osaid(
            inputs.evidence,
            inputs.licensing,
            terms_for=inputs.terms_for,
            release_id=inputs.release_id,
        )
        assert [item.rule for item in result.requirements] == [
            "data-information",
            "code",
            "parameters",
        ]
        closed = [use for use in trusted_uses(inputs.licensing, Scope.WEIGHTS) if use.open is False]
        if closed:
            assert result.verdict is OsaidVerdict.NOT_CONFORMANT, folder
            assert _requirement(result, "parameters").outcome is Outcome.NOT_MET, folder


def test_linked_code_repository_not_read_leaves_code_unverified(corpus: Path) -> None:
    inputs = release_inputs(corpus, "allenai__OLMo-7B")
    result = assess_osaid(
        inputs.evidence, inputs.licensing, terms_for=inputs.terms_for, release_id=inputs.release_id
    )
    code = _requirement(result, "code")
    assert code.outcome is Outcome.UNKNOWN
    assert "github.com/allenai/OLMo" in code.reason and "--code" in code.reason
    assert result.verdict is OsaidVerdict.UNVERIFIED
    dolma = next(item for item in result.datasets if item.name == "allenai/dolma")
    assert dolma.availability is DataAvailability.PUBLIC
    assert dolma.where == "https://huggingface.co/datasets/allenai/dolma"


def test_links_to_other_projects_code_do_not_count(corpus: Path) -> None:
    inputs = release_inputs(corpus, "tiiuae__falcon-40b")
    result = assess_osaid(
        inputs.evidence, inputs.licensing, terms_for=inputs.terms_for, release_id=inputs.release_id
    )
    code = _requirement(result, "code")
    assert code.outcome is Outcome.NOT_MET
    assert "training code: neither included nor linked" in code.reason
    assert not is_own_repository("https://github.com/facebookresearch/llama", "tiiuae/falcon-40b")
    assert is_own_repository(
        "https://github.com/bigcode-project/starcoder2", "bigcode/starcoder2-15b"
    )
    assert is_own_repository("https://github.com/jzhang38/TinyLlama", "TinyLlama/TinyLlama-1.1B")


def test_an_empty_release_meets_nothing() -> None:
    result = assess_osaid((), Licensing(()), terms_for=lambda key: None)
    assert result.verdict is OsaidVerdict.NOT_CONFORMANT
    assert {item.outcome for item in result.requirements} == {Outcome.NOT_MET}
    assert "neither includes nor links its weights" in _requirement(result, "parameters").reason


def _complete_release() -> tuple[Evidence, ...]:
    artifact = EvidenceKind.ARTIFACT
    weights = evidence_item(
        artifact, ArtifactKind.WEIGHTS, "model.safetensors", "model.safetensors"
    )
    return (
        dataclasses.replace(weights, status=Status.VERIFIED),  # a file seen in the release
        evidence_item(artifact, ArtifactKind.TRAINING_CODE, "train.py", "train.py"),
        evidence_item(artifact, ArtifactKind.PREPROCESSING_CODE, "prepare.py", "prepare.py"),
        evidence_item(artifact, ArtifactKind.ARCHITECTURE_CODE, "modeling_x.py", "modeling_x.py"),
        evidence_item(EvidenceKind.CARD_SECTION, "training-data", "Training data", chars=900),
        record(
            EvidenceKind.DATASET,
            "acme/corpus",
            "training",
            Provenance(path="README.md", line=3, field="datasets"),
        ),
    )


def test_a_complete_open_release_is_conformant(corpus: Path) -> None:
    terms_for = catalog.terms
    licensing = Licensing((declared("Apache-2.0"),))
    result = assess_osaid(
        _complete_release(),
        licensing,
        terms_for=terms_for,
        dataset_licenses={"acme/corpus": "CC-BY-4.0"},
    )
    assert result.verdict is OsaidVerdict.CONFORMANT, result.requirements
    assert result.datasets[0].availability is DataAvailability.OPEN
    assert result.version == "1.0" and result.source.startswith("https://opensource.org/")


def test_unknown_terms_make_the_verdict_unverified_not_conformant(corpus: Path) -> None:
    licensing = Licensing((declared("some-new-license"),))
    result = assess_osaid(
        _complete_release(), licensing, terms_for=catalog.terms, release_id="acme/x"
    )
    assert _requirement(result, "parameters").outcome is Outcome.UNKNOWN
    assert result.verdict is OsaidVerdict.UNVERIFIED


def test_datasets_are_sorted_into_the_osaid_kinds(corpus: Path) -> None:
    evidence = (
        evidence_item(EvidenceKind.DATASET, "IBM internal data", "training"),
        evidence_item(EvidenceKind.DATASET, "SomeCorpus", "training"),
        evidence_item(EvidenceKind.DATASET, "flores-200", "evaluation"),
        evidence_item(EvidenceKind.LINK, LinkKind.DATASET, "https://example.org/somecorpus"),
        evidence_item(EvidenceKind.DATASET, "nc/set", "training"),
    )
    result = assess_osaid(
        evidence,
        Licensing(()),
        terms_for=catalog.terms,
        dataset_licenses={"nc/set": "CC-BY-NC-4.0"},
    )
    kinds = {item.name: item.availability for item in result.datasets}
    assert kinds == {
        "IBM internal data": DataAvailability.UNSHAREABLE,
        "SomeCorpus": DataAvailability.PUBLIC,
        "nc/set": DataAvailability.UNKNOWN,
    }
    with_hub = assess_osaid(
        (record(EvidenceKind.DATASET, "nc/set", "training", Provenance(field="datasets")),),
        Licensing(()),
        terms_for=catalog.terms,
        dataset_licenses={"nc/set": "CC-BY-NC-4.0"},
    )
    assert with_hub.datasets[0].availability is DataAvailability.OBTAINABLE


def test_rules_file_is_versioned_and_sourced() -> None:
    rules = load_osaid_rules()
    assert rules.rules.framework == "osaid" and rules.rules.version == "1.0"
    assert [rule.id for rule in rules.rules.rules] == ["data-information", "code", "parameters"]
    assert all(len(rule.description) > 60 for rule in rules.rules.rules)
    assert rules.inference_libraries["transformers"].license == "Apache-2.0"


def test_code_needs_an_osi_approved_license_not_just_an_open_one(corpus: Path) -> None:
    licensing = Licensing((declared("CC-BY-4.0"),))
    result = assess_osaid(
        _complete_release(),
        licensing,
        terms_for=catalog.terms,
        dataset_licenses={"acme/corpus": "CC-BY-4.0"},
    )
    assert _requirement(result, "parameters").outcome is Outcome.MET
    code = _requirement(result, "code")
    assert code.outcome is Outcome.NOT_MET
    assert "CC-BY-4.0" in code.reason and "not OSI-approved" in code.reason


def test_code_files_of_unknown_role_leave_the_part_unknown_not_failed() -> None:
    evidence = (
        evidence_item(EvidenceKind.ARTIFACT, ArtifactKind.TRAINING_CODE, "train.py", "x:train.py"),
        evidence_item(EvidenceKind.ARTIFACT, ArtifactKind.CODE, "olmo/model.py", "x:olmo/model.py"),
    )
    licensing = Licensing((declared("Apache-2.0", Scope.CODE),))
    result = assess_osaid(evidence, licensing, terms_for=catalog.terms, release_id="x/y")
    code = _requirement(result, "code")
    assert code.outcome is Outcome.UNKNOWN
    assert "training code: Apache-2.0" in code.reason
    assert "data-processing code: none of the 1 code files (olmo/model.py...)" in code.reason
