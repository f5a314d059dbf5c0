"""Openness claims on the corpus releases and on written sentences: self-claims found (with what
of the release they call open), mentions of others, code and data not counted. The accuracy on
real cards never studied is measured in ``test_claim_labels.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.evidence.claims import ClaimTarget, extract, judge
from opengrade.model import Evidence

from . import corpus_snapshot, written_snapshot


def claims_of(corpus: Path, folder: str) -> list[Evidence]:
    return extract(corpus_snapshot(corpus, folder))


def about(items: list[Evidence], line: int) -> list[bool]:
    return [
        bool(item.payload.detail_values()["about_release"])
        for item in items
        if item.provenance.line == line
    ]


def test_self_claims_found_on_real_cards(corpus: Path) -> None:
    falcon = claims_of(corpus, "tiiuae__falcon-40b")
    assert about(falcon, 20) == [True]
    assert falcon[0].payload.subject_text() == "open-source"
    reflection = claims_of(corpus, "mattshumer__Reflection-Llama-3.1-70B")
    assert about(reflection, 11) == [True]
    assert about(claims_of(corpus, "THUDM__chatglm3-6b"), 34) == [True]
    assert about(claims_of(corpus, "Qwen__Qwen-72B"), 47) == [True]
    command = claims_of(corpus, "CohereForAI__c4ai-command-r-plus")
    assert [item.payload.subject_text() for item in command if item.provenance.line == 13] == [
        "open-weights"
    ]
    assert about(command, 13) == [True]


def test_mentions_of_others_not_counted_on_real_cards(corpus: Path) -> None:
    assert about(claims_of(corpus, "meta-llama__Llama-2-7b-hf"), 29) == [False]
    assert about(claims_of(corpus, "microsoft__Phi-3-mini-4k-instruct"), 232) == [False]
    qwen = claims_of(corpus, "Qwen__Qwen-72B")
    assert about(qwen, 43) == [False] and about(qwen, 44) == [False]
    assert about(claims_of(corpus, "deepseek-ai__DeepSeek-V3"), 51) == [False]
    assert about(claims_of(corpus, "togethercomputer__RedPajama-INCITE-7B-Base"), 11) == [False]
    assert about(claims_of(corpus, "meta-llama__Llama-3.1-8B"), 3) == [False]


def test_claim_in_the_access_gate_text(corpus: Path) -> None:
    (item,) = claims_of(corpus, "runwayml__stable-diffusion-v1-5")
    assert (item.payload.subject_text(), item.payload.detail_values()["about_release"]) == (
        "open-access",
        True,
    )
    assert item.provenance.field == "extra_gated_prompt" and item.provenance.line == 8


def test_cards_with_no_claims(corpus: Path) -> None:
    for folder in ("sentence-transformers__all-MiniLM-L6-v2", "openai__gpt-4", "microsoft__phi-2"):
        assert claims_of(corpus, folder) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We open-source the weights and the training code.", [("open-source", "weights")]),
        ("Acme-7B is the strongest open weights model of its size.", [("open-weights", "weights")]),
        ("This model is fully open: data, code and checkpoints.", [("fully-open", "release")]),
        ("It is an open model released for research.", [("open-model", "release")]),
        ("An open-source 7B chat model, trained on web text.", [("open-source", "release")]),
        ("Acme: Open Foundation Models for Code", [("open-model", "release")]),
        ("We introduce Acme-7B, an open-source LLM for chemistry.", [("open-source", "release")]),
        ("The code in this repository is open-sourced under MIT.", [("open-source", "code")]),
        ("Acme is an open-source library for training.", [("open-source", "code")]),
        ("We open source all training scripts.", [("open-source", "code")]),
        ("Acme-7B beats other open-source models on reasoning.", [("open-source", None)]),
        ("We evaluate on standard open-source benchmarks.", [("open-source", None)]),
        ("Compared with open models of similar size, it is faster.", [("open-model", None)]),
        ("It relies on open source libraries such as NumPy.", [("open-source", None)]),
        ("The recipe is based on open-source models.", [("open-source", None)]),
        ("We thank the open-source community.", [("open-source", None)]),
        ("Acme-7B was trained on open-access scientific text.", [("open-access", None)]),
        ("Acme-7B is the top performer among open-source models.", [("open-source", None)]),
        ("These are tasks that open-source models have lacked.", [("open-source", None)]),
        ("We have open-sourced the training data.", [("open-source", None)]),
        ("Write to opensource@acme.example for questions.", []),
        ("Use is governed by the Acme Open Model License.", []),
        ("Results on the Open LLM Leaderboard are below.", []),
        ("Open weights make audits possible.", [("open-weights", None)]),
        ("While most open-source models use 224 pixels, Acme uses 448.", [("open-source", None)]),
        ("Acme-7B is our most open model yet.", [("open-model", "release")]),
        ("We have open-sourced fully fine-tuned Video & Audio.", [("open-source", "release")]),
        ("The base models, Acme-6B and Acme-34B, are open-sourced.", [("open-source", "release")]),
        ("Acme-Coder is a series of open-source code models.", [("open-source", "release")]),
        ("Code, data, model, and benchmark are open-sourced.", [("open-source", "release")]),
        ("We use licensed recordings and all the code is open source.", [("open-source", "code")]),
        ("We are glad to announce the open-sourcing of Acme-2.", [("open-source", "release")]),
        (
            "In addition to the open-source Acme models, an API is sold.",
            [("open-source", "release")],
        ),
        ("We have made Acme 7B Base and Acme 7B Chat open source.", [("open-source", "release")]),
        (
            "Unlike other speech models, Acme is a fully open-source release.",
            [("fully-open", "release")],
        ),
        ("Model and code will be open-sourced.", [("open-source", None)]),
        ("See also our open-sourced AcmeSearchTool for the plugin.", [("open-source", "code")]),
        (
            "Aside from being open-source models, the largest model is fast.",
            [("open-source", "release")],
        ),
        ("Acme-7B ver 1.0 open-sourced.", [("open-source", "release")]),
        (
            "Nobody is liable for the use of the Acme open-source model.",
            [("open-source", "release")],
        ),
        (
            "Open-source and free: Acme-7B is not only open to research.",
            [("open-source", "release")],
        ),
        ("Acme is an open-source project from a university lab.", [("open-source", "release")]),
        (
            "This is an attempt to create an open source, permissive model.",
            [("open-source", "release")],
        ),
        ("The current open-source version supports hourly data.", [("open-source", "release")]),
        ("The open-source version of Llama is on GitHub.", [("open-source", None)]),
        ("The model ranked first in open source on the Chinese list.", [("open-source", None)]),
        ("We are an open-source project.", [("open-source", None)]),
        ("Open Access AI Collective's fp16 model, for GPU inference", []),
        ("Acme-Light: open-source audio books from volunteers", [("open-source", None)]),
        (
            "New open-source models will be listed on https://example.org/news.",
            [("open-source", None)],
        ),
        (
            "We are not liable for the use of the open-sourced Acme model.",
            [("open-source", "release")],
        ),
        (
            "We release Acme 1.0, a fully open-source project for video.",
            [("fully-open", "release")],
        ),
        (
            "The community provides Acme-7B as an open source tool for chat.",
            [("open-source", "release")],
        ),
        (
            "Nobody is liable for the use of the Acmee-7B open-source model.",
            [("open-source", "release")],
        ),
        (
            "BigScience Large Open-science Open-access Multilingual Model",
            [("open-science", None), ("open-access", None)],
        ),
    ],
)
def test_written_sentences(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    found = [(item.phrase, item.target) for item in judge(sentence, ("acme7b", "acme"))]
    assert found == [(phrase, ClaimTarget(t) if t else None) for phrase, t in expected]


def test_citation_title_counts_only_for_the_release_s_own_paper() -> None:
    own = "@misc{acme,\n  title={Acme: An Open-Source Language Model},\n}\n"
    other = "@misc{x,\n  title={Vicuna: An Open-Source Chatbot},\n}\n"
    card = f"# Acme-7B\n\n```bibtex\n{own}{other}```\n"
    items = extract(written_snapshot(card, identifier="acme/Acme-7B"))
    assert [(i.provenance.line, i.payload.detail_values()["about_release"]) for i in items] == [
        (5, True),
        (8, False),
    ]


def test_sample_output_sections_are_not_the_release_s_words() -> None:
    card = "# Acme-7B\n\n## Example dialogue\n\n> Acme-7B is a fully open-source model.\n"
    (item,) = extract(written_snapshot(card, identifier="acme/Acme-7B")) or [None]
    assert item is None


def test_a_base_model_s_name_is_not_the_release_s_family() -> None:
    card = "# Bio-7B\n\nLlama 3 is an open-source model. Llama3-Bio-7B is open source.\n"
    items = extract(written_snapshot(card, identifier="someone/Llama3-Bio-7B"))
    assert [item.payload.detail_values()["about_release"] for item in items] == [False, True]


def test_claims_carry_sentence_and_line() -> None:
    card = "---\nlicense: mit\n---\n# Acme-7B\n\nAcme-7B is a fully open model.\n"
    (item,) = extract(written_snapshot(card, identifier="acme/Acme-7B"))
    assert item.payload.subject_text() == "fully-open"
    assert item.provenance.path == "README.md" and item.provenance.line == 6
    assert item.payload.value_text().startswith("Acme-7B is")
    assert item.payload.detail_values()["about_release"] is True
    assert item.payload.detail_values()["target"] == "release"


def test_a_word_of_the_name_that_the_card_s_title_holds_names_the_family() -> None:
    card = "# SharpLlava Model Card\n\nLlava is an open-source chatbot.\n"
    titled = extract(written_snapshot(card, identifier="someone/sharp-llava-7b"))
    assert [item.payload.about_release for item in titled] == [True]
    untitled = extract(written_snapshot(card[25:], identifier="someone/sharp-llava-7b"))
    assert [item.payload.about_release for item in untitled] == [False]


def test_an_open_source_plan_heading_speaks_of_the_release() -> None:
    card = "# Acme-7B\n\n## Open-source Plan\n\n- [x] checkpoints\n"
    (item,) = extract(written_snapshot(card, identifier="acme/Acme-7B"))
    assert item.payload.about_release is True


def test_a_license_section_nested_under_sample_outputs_is_the_card_s_own_words() -> None:
    card = "# Sample outputs\n\n> Acme is open.\n\n## License\n\nThis model is open access.\n"
    items = extract(written_snapshot(card, identifier="acme/Acme-7B"))
    assert [(item.provenance.line, item.payload.about_release) for item in items] == [(7, True)]


def test_the_owner_s_name_without_ai_names_the_release() -> None:
    card = "# Security LLM\n\nZeta-7B is an open-source model for analysts.\n"
    (item,) = extract(written_snapshot(card, identifier="Zeta-AI/SecurityLLM"))
    assert item.payload.about_release is True
    (other,) = extract(written_snapshot(card, identifier="someone/SecurityLLM"))
    assert other.payload.about_release is False
