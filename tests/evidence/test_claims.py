"""Openness claims: self-claims found, mentions of others not counted.

``LABELLED`` is every openness phrase the extractor reports on the corpus cards, each labelled by a
person reading the sentence (True: the release, its family or its producer calls itself open).
Five phrases are labelled True although the rule misses them (two headings, a sentence whose
subject names no model, a generic benefits sentence, a list item about training code); they keep
the recall figure honest. Comparisons that place the release in a ranking of open models are
labelled mentions of others, as the rule intends.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from opengrade.evidence.claims import extract, judge
from opengrade.model import Evidence

from . import corpus_snapshot, written_snapshot

Key = tuple[str, str, int, str]

LABELLED: dict[str, list[tuple[str, int, str, bool]]] = {
    "CompVis__stable-diffusion-v1-4": [("README.md", 18, "open-access", True)],
    "runwayml__stable-diffusion-v1-5": [("README.md", 8, "open-access", True)],
    "01-ai__Yi-6B": [
        ("README.md", 42, "open-source", True),
        ("README.md", 118, "open-source", True),
        ("README.md", 124, "open-source", False),
        ("README.md", 126, "open-source", False),
        ("README.md", 137, "open-source", False),
        ("README.md", 143, "open-source", False),
        ("README.md", 160, "open-source", True),
        ("README.md", 164, "open-source", True),
        ("README.md", 179, "open-source", True),
        ("README.md", 180, "open-source", False),
        ("README.md", 185, "open-source", True),
        ("README.md", 186, "open-source", False),
        ("README.md", 192, "open-source", True),
        ("README.md", 221, "open-source", True),
        ("README.md", 227, "open-source", True),
        ("README.md", 1177, "open-source", False),
        ("README.md", 1289, "open-model", True),
        ("README.md", 1311, "open-source", False),
        ("README.md", 1330, "open-source", False),
        ("README.md", 1337, "open-source", False),
        ("README.md", 1348, "open-source", False),
        ("README.md", 1352, "open-source", False),
    ],
    "CohereForAI__c4ai-command-r-plus": [
        ("README.md", 13, "open-weights", True),
        ("README.md", 15, "open-weights", True),
        ("README.md", 104, "open-weights", False),
    ],
    "LLM360__Amber": [
        ("README.md", 102, "fully-open", True),
        ("README.md", 108, "open-source", True),
    ],
    "LLM360__K2": [
        ("README.md", 13, "open-source", True),
        ("README.md", 127, "open-source", True),
    ],
    "Qwen__Qwen-72B": [
        ("README.md", 43, "open-source", False),
        ("README.md", 44, "open-source", False),
        ("README.md", 47, "open-source", True),
        ("README.md", 168, "open-source", False),
        ("README.md", 174, "open-source", False),
        ("README.md", 180, "open-source", False),
    ],
    "Snowflake__snowflake-arctic-instruct": [
        ("README.md", 14, "fully-open", True),
    ],
    "THUDM__chatglm3-6b": [
        ("README.md", 34, "open-source", True),
        ("README.md", 38, "open-source", True),
        ("README.md", 38, "open-source", True),
        ("README.md", 38, "fully-open", True),
        ("README.md", 83, "open-source", True),
    ],
    "TinyLlama__TinyLlama-1.1B-intermediate-step-1431k-3T": [
        ("README.md", 125, "open-source", False),
    ],
    "allenai__OLMo-2-1124-13B": [
        ("README.md", 16, "fully-open", False),
        ("README.md", 16, "open-weights", False),
        ("README.md", 18, "open-model", True),
        ("README.md", 125, "open-weights", False),
        ("README.md", 133, "open-model", False),
        ("README.md", 136, "fully-open", False),
    ],
    "allenai__OLMo-7B": [
        ("README.md", 19, "open-model", True),
    ],
    "baichuan-inc__Baichuan2-7B-Base": [
        ("README.md", 40, "open-source", True),
        ("README.md", 43, "fully-open", True),
        ("README.md", 126, "open-source", True),
    ],
    "bigscience__bloom": [
        ("README.md", 205, "open-science", True),
        ("README.md", 205, "open-access", True),
        ("README.md", 245, "open-science", True),
        ("README.md", 245, "open-access", True),
    ],
    "deepseek-ai__DeepSeek-R1": [
        ("README.md", 39, "open-source", True),
        ("README.md", 62, "open-source", True),
        ("README.md", 63, "open-source", True),
        ("README.md", 96, "open-source", False),
    ],
    "deepseek-ai__DeepSeek-R1-Distill-Qwen-32B": [
        ("README.md", 58, "open-source", True),
        ("README.md", 81, "open-source", True),
        ("README.md", 82, "open-source", True),
        ("README.md", 115, "open-source", False),
    ],
    "deepseek-ai__DeepSeek-V3": [
        ("README.md", 51, "open-source", False),
        ("README.md", 76, "open-source", True),
        ("README.md", 101, "open-source", False),
        ("README.md", 198, "open-source", True),
        ("README.md", 229, "open-source", False),
        ("README.md", 307, "open-source", False),
        ("README_WEIGHTS.md", 6, "open-source", True),
    ],
    "google__gemma-2b-it": [
        ("README.md", 41, "open-model", True),
        ("README.md", 43, "open-weights", True),
        ("README.md", 450, "open-model", True),
        ("README.md", 464, "open-model", True),
        ("README.md", 492, "open-model", False),
    ],
    "mattshumer__Reflection-Llama-3.1-70B": [
        ("README.md", 11, "open-source", True),
    ],
    "meta-llama__Llama-2-7b-hf": [
        ("README.md", 29, "open-source", False),
        ("MODEL_CARD.md", 3, "open-source", False),
    ],
    "meta-llama__Llama-3.1-8B": [
        ("MODEL_CARD.md", 3, "open-source", False),
        ("MODEL_CARD.md", 966, "open-source", False),
    ],
    "microsoft__Phi-3-mini-4k-instruct": [
        ("README.md", 23, "open-model", True),
        ("README.md", 232, "open-source", False),
    ],
    "mosaicml__mpt-7b": [
        ("README.md", 37, "open-source", False),
        ("README.md", 39, "open-source", True),
        ("README.md", 70, "open-source", True),
    ],
    "tiiuae__falcon-40b": [
        ("README.md", 20, "open-source", True),
    ],
    "togethercomputer__RedPajama-INCITE-7B-Base": [
        ("README.md", 11, "open-source", False),
    ],
    "xai-org__grok-1": [
        ("README.md", 10, "open-weights", True),
        ("GITHUB_README.md", 3, "open-weights", True),
    ],
}


def claims_of(corpus: Path, folder: str) -> list[Evidence]:
    return extract(corpus_snapshot(corpus, folder))


def about(items: list[Evidence], line: int) -> list[bool]:
    return [bool(item.details["about_release"]) for item in items if item.provenance.line == line]


def test_self_claims_found_on_real_cards(corpus: Path) -> None:
    falcon = claims_of(corpus, "tiiuae__falcon-40b")
    assert about(falcon, 20) == [True]
    assert falcon[0].subject == "open-source"
    reflection = claims_of(corpus, "mattshumer__Reflection-Llama-3.1-70B")
    assert about(reflection, 11) == [True]
    assert about(claims_of(corpus, "THUDM__chatglm3-6b"), 34) == [True]
    assert about(claims_of(corpus, "Qwen__Qwen-72B"), 47) == [True]
    command = claims_of(corpus, "CohereForAI__c4ai-command-r-plus")
    assert [item.subject for item in command if item.provenance.line == 13] == ["open-weights"]
    assert about(command, 13) == [True]


def test_mentions_of_others_not_counted_on_real_cards(corpus: Path) -> None:
    assert about(claims_of(corpus, "meta-llama__Llama-2-7b-hf"), 29) == [False]
    assert about(claims_of(corpus, "microsoft__Phi-3-mini-4k-instruct"), 232) == [False]
    qwen = claims_of(corpus, "Qwen__Qwen-72B")
    assert about(qwen, 43) == [False] and about(qwen, 44) == [False]
    assert about(claims_of(corpus, "deepseek-ai__DeepSeek-V3"), 51) == [False]
    assert about(claims_of(corpus, "togethercomputer__RedPajama-INCITE-7B-Base"), 11) == [False]
    assert about(claims_of(corpus, "meta-llama__Llama-3.1-8B"), 3) == [False]


def test_labelled_corpus_precision_and_recall(corpus: Path) -> None:
    truth: Counter[tuple[Key, bool]] = Counter()
    found: Counter[tuple[Key, bool]] = Counter()
    for folder, rows in LABELLED.items():
        truth.update(((folder, path, line, phrase), label) for path, line, phrase, label in rows)
        for item in claims_of(corpus, folder):
            where = item.provenance
            key = (folder, where.path or "", where.line or 0, item.subject)
            found[(key, bool(item.details["about_release"]))] += 1
    assert sum(found.values()) == sum(truth.values())
    assert {key for key, _ in found} == {key for key, _ in truth}
    true_positive = sum((found & truth)[(key, True)] for key, _ in truth)
    predicted = sum(count for (_, label), count in found.items() if label)
    actual = sum(count for (_, label), count in truth.items() if label)
    precision, recall = true_positive / predicted, true_positive / actual
    assert precision == 1.0
    assert recall >= 0.9


def test_claim_in_the_access_gate_text(corpus: Path) -> None:
    (item,) = claims_of(corpus, "runwayml__stable-diffusion-v1-5")
    assert (item.subject, item.details["about_release"]) == ("open-access", True)
    assert item.provenance.field == "extra_gated_prompt" and item.provenance.line == 8


def test_cards_with_no_claims(corpus: Path) -> None:
    for folder in ("sentence-transformers__all-MiniLM-L6-v2", "openai__gpt-4", "microsoft__phi-2"):
        assert claims_of(corpus, folder) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We open-source the weights and the training code.", [("open-source", True)]),
        ("Acme-7B is the strongest open weights model of its size.", [("open-weights", True)]),
        ("This model is fully open: data, code and checkpoints.", [("fully-open", True)]),
        ("It is an open model released for research.", [("open-model", True)]),
        ("Acme-7B beats other open-source models on reasoning.", [("open-source", False)]),
        ("We evaluate on standard open-source benchmarks.", [("open-source", False)]),
        ("Compared with open models of similar size, it is faster.", [("open-model", False)]),
        ("It relies on open source libraries such as NumPy.", [("open-source", False)]),
        ("The recipe is based on open-source models.", [("open-source", False)]),
        ("Write to opensource@acme.example for questions.", []),
        ("Use is governed by the Acme Open Model License.", []),
        ("Results on the Open LLM Leaderboard are below.", []),
        ("Open weights make audits possible.", [("open-weights", False)]),
    ],
)
def test_written_sentences(sentence: str, expected: list[tuple[str, bool]]) -> None:
    assert list(judge(sentence, ("acme7b", "acme"))) == expected


def test_claims_carry_sentence_and_line() -> None:
    card = "---\nlicense: mit\n---\n# Acme-7B\n\nAcme-7B is a fully open model.\n"
    (item,) = extract(written_snapshot(card, identifier="acme/Acme-7B"))
    assert item.subject == "fully-open"
    assert item.provenance.path == "README.md" and item.provenance.line == 6
    assert item.value.startswith("Acme-7B is")
    assert item.details["about_release"] is True
