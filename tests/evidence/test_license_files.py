"""License files, card license sections and license statements in prose, each with its scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.evidence.license_files import extract, file_scope, is_license_file
from opengrade.model import (
    Evidence,
    EvidenceKind,
    FileKind,
    ReleaseFile,
    ReleaseSnapshot,
    Scope,
    SourceKind,
    Status,
)

from . import corpus_snapshot, written_snapshot


def files_of(items: list[Evidence]) -> dict[str, Evidence]:
    return {
        item.payload.value_text(): item
        for item in items
        if item.kind is EvidenceKind.LICENSE_FILE
        and item.payload.detail_values()["role"] != "readme-section"
    }


def sections_of(items: list[Evidence]) -> list[Evidence]:
    return [item for item in items if item.payload.detail_values().get("role") == "readme-section"]


def prose_of(items: list[Evidence]) -> list[Evidence]:
    return [
        item
        for item in items
        if item.kind is EvidenceKind.LICENSE_DECLARED
        and item.payload.detail_values().get("via") == "prose"
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("LICENSE", True),
        ("LICENSE.txt", True),
        ("LICENCE.md", True),
        ("COPYING", True),
        ("NOTICE.md", True),
        ("USE_POLICY.md", True),
        ("LICENSE-MODEL", True),
        ("LICENSE-CODE", True),
        ("MODEL_LICENSE", True),
        ("MODEL_LICENSE_AGREEMENT.txt", True),
        ("Yi_LICENSE_AGREEMENT.pdf", True),
        ("CODE_REPO_LICENSE", True),
        ("unet/LICENSE", True),
        ("license.py", False),
        ("licenses.json", False),
        (".github/LICENSE", False),
        ("README.md", False),
        ("notice_board.png", False),
    ],
)
def test_license_file_names(path: str, expected: bool) -> None:
    assert is_license_file(path) is expected


def test_scope_from_name_then_from_first_lines() -> None:
    assert file_scope("LICENSE-MODEL", None) is Scope.WEIGHTS
    assert file_scope("MODEL_LICENSE_AGREEMENT.txt", None) is Scope.WEIGHTS
    assert file_scope("LICENSE-CODE", None) is Scope.CODE
    assert file_scope("CODE_REPO_LICENSE", None) is Scope.CODE
    assert file_scope("LICENSE", "Acme Model License v1\n\nTerms...") is Scope.WEIGHTS
    assert file_scope("LICENSE", "Acme code license\n\nTerms...") is Scope.CODE
    assert file_scope("LICENSE", "MIT License\n\nPermission is hereby granted") is Scope.RELEASE
    late = "MIT License\n" + "x " * 1000 + "model license"
    assert file_scope("LICENSE", late) is Scope.RELEASE


def test_deepseek_v3_code_and_model_licenses(corpus: Path) -> None:
    items = extract(corpus_snapshot(corpus, "deepseek-ai__DeepSeek-V3"))
    files = files_of(items)
    assert files["LICENSE-CODE"].payload.scope is Scope.CODE
    assert files["LICENSE-MODEL"].payload.scope is Scope.WEIGHTS
    assert files["LICENSE-MODEL"].status is Status.VERIFIED
    (section,) = sections_of(items)
    assert section.payload.value_text() == "README.md" and section.provenance.line == 344
    scopes = {(item.payload.subject_text(), item.provenance.line) for item in prose_of(items)}
    assert scopes == {(Scope.CODE, 345), (Scope.WEIGHTS, 345)}
    assert {item.payload.detail_values()["via"] for item in prose_of(items)} == {"prose"}


def test_code_repository_license_is_not_the_model_license(corpus: Path) -> None:
    files = files_of(extract(corpus_snapshot(corpus, "bigcode__starcoder2-15b")))
    assert files["CODE_REPO_LICENSE"].payload.scope is Scope.CODE


def test_yi_agreement_notice_and_llama_use_policy(corpus: Path) -> None:
    yi = files_of(extract(corpus_snapshot(corpus, "01-ai__Yi-6B")))
    assert yi["MODEL_LICENSE_AGREEMENT.txt"].payload.scope is Scope.WEIGHTS
    assert yi["NOTICE"].payload.detail_values()["role"] == "notice"
    assert yi["LICENSE"].payload.scope is Scope.RELEASE
    llama = files_of(extract(corpus_snapshot(corpus, "meta-llama__Llama-2-7b-hf")))
    assert llama["USE_POLICY.md"].payload.detail_values()["role"] == "use-policy"
    assert llama["LICENSE.txt"].payload.detail_values()["role"] == "license"


def test_bilingual_license_section_and_split_statement(corpus: Path) -> None:
    items = extract(corpus_snapshot(corpus, "THUDM__chatglm3-6b"))
    assert files_of(items) == {}
    (section,) = sections_of(items)
    assert section.provenance.end_line is not None
    assert section.provenance.end_line > section.provenance.line  # type: ignore[operator]
    assert {item.payload.subject_text() for item in prose_of(items)} == {Scope.CODE, Scope.WEIGHTS}


def test_prose_declarations_in_real_cards(corpus: Path) -> None:
    falcon = prose_of(extract(corpus_snapshot(corpus, "tiiuae__falcon-40b")))
    assert 225 in {item.provenance.line for item in falcon}
    assert {item.payload.subject_text() for item in falcon} == {Scope.RELEASE}
    olmo = prose_of(extract(corpus_snapshot(corpus, "allenai__OLMo-2-1124-13B")))
    assert {item.provenance.line for item in olmo} >= {105, 177}
    dolly = prose_of(extract(corpus_snapshot(corpus, "databricks__dolly-v2-12b")))
    assert [item.payload.subject_text() for item in dolly] == [Scope.DATA]


def test_statements_about_other_models_are_not_declarations(corpus: Path) -> None:
    items = prose_of(extract(corpus_snapshot(corpus, "deepseek-ai__DeepSeek-R1-Distill-Qwen-32B")))
    assert [item.provenance.line for item in items] == [218]


def test_license_text_in_a_card_is_not_a_declaration(corpus: Path) -> None:
    assert prose_of(extract(corpus_snapshot(corpus, "microsoft__phi-2"))) == []


def test_written_prose_scopes() -> None:
    card = "\n".join(
        [
            "---",
            "license: mit",
            "---",
            "The weights are released under the Acme Open License.",
            "",
            "Our training code is licensed under Apache 2.0.",
            "",
            "The dataset is distributed under CC-BY-4.0.",
            "",
            "The model card template is released under the name Foo.",
            "",
            "- License: MIT",
        ]
    )
    items = prose_of(extract(written_snapshot(card)))
    assert [(item.payload.subject_text(), item.provenance.line) for item in items] == [
        (Scope.WEIGHTS, 4),
        (Scope.CODE, 6),
        (Scope.DATA, 8),
        (Scope.RELEASE, 12),
    ]


def test_file_known_only_from_a_listing_is_declared() -> None:
    snapshot = ReleaseSnapshot(
        "o/m",
        SourceKind.HUB,
        "o/m",
        files=(ReleaseFile("LICENSE", 11357, FileKind.LICENSE, present=False),),
    )
    (item,) = extract(snapshot)
    assert item.status is Status.DECLARED
    assert (
        item.payload.detail_values()["read"] is False
        and item.payload.detail_values()["present"] is False
    )


def _by_scope(items: list[Evidence]) -> dict[Scope, str]:
    return {item.payload.subject_text(): item.payload.value_text() for item in prose_of(items)}  # type: ignore[misc]


def test_split_sentence_gives_each_clause_its_own_scope_in_a_real_card(corpus: Path) -> None:
    found = _by_scope(extract(corpus_snapshot(corpus, "THUDM__chatglm3-6b")))
    assert set(found) == {Scope.CODE, Scope.WEIGHTS}
    assert "Apache-2.0" in found[Scope.CODE] and "weights" not in found[Scope.CODE]
    assert "Model License" in found[Scope.WEIGHTS] and "Apache" not in found[Scope.WEIGHTS]


def test_split_sentence_written() -> None:
    card = (
        "Our training code is released under Apache-2.0, while the model weights are "
        "released under CC-BY-NC-4.0.\n"
    )
    found = _by_scope(extract(written_snapshot(card)))
    assert set(found) == {Scope.CODE, Scope.WEIGHTS}
    assert "Apache-2.0" in found[Scope.CODE] and "CC-BY-NC" not in found[Scope.CODE]
    assert "CC-BY-NC-4.0" in found[Scope.WEIGHTS] and "Apache" not in found[Scope.WEIGHTS]


def test_nested_license_file_covers_its_folder_only() -> None:
    snapshot = written_snapshot(
        "# Toy\n",
        ("LICENSE", "Apache License\nVersion 2.0, January 2004\n"),
        ("third_party/tok/LICENSE", "MIT License\n\nPermission is hereby granted...\n"),
        ("third_party/tok/NOTICE", "Tokenizer notice.\n"),
    )
    found = files_of(extract(snapshot))
    assert (
        found["LICENSE"].payload.subject_text(),
        found["LICENSE"].payload.detail_values()["role"],
    ) == (
        Scope.RELEASE,
        "license",
    )
    nested = found["third_party/tok/LICENSE"]
    assert (nested.payload.subject_text(), nested.payload.detail_values()["role"]) == (
        Scope.CODE,
        "nested",
    )
    assert nested.payload.detail_values()["folder"] == "third_party/tok"
    assert nested.payload.detail_values()["file_role"] == "license"
    assert found["third_party/tok/NOTICE"].payload.detail_values()["file_role"] == "notice"


@pytest.mark.parametrize(
    ("card", "span"),
    [
        ("Terms of use\n\nYou may use this model for research.\n", (1, 4)),
        ("---\nlicense: other\n---\nThe terms.\n", (4, 5)),
        ("", None),
        ("# Model\n\nNo license heading here.\n", None),
    ],
)
def test_a_card_without_headings_is_read_whole(card: str, span: tuple[int, int] | None) -> None:
    """A card whose body has no heading at all is one section (its body may be the license);
    a card with headings but no license heading, or with no body, has none."""
    sections = sections_of(extract(written_snapshot(card)))
    found = [(item.provenance.line, item.provenance.end_line) for item in sections]
    assert found == ([span] if span else [])
