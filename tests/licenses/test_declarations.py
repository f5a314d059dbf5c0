"""Card declarations: Hub tags, license_name, license_link, expressions and prose."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opengrade.licenses.catalog import is_open_for, terms
from opengrade.licenses.declarations import (
    OTHER_TERMS,
    find_license_statements,
    resolve_declaration,
    resolve_link,
    resolve_mot_license,
)
from opengrade.licenses.expression import license_ref


def _hub_tags(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "hf_license_tags.tsv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def test_every_hub_tag_resolves_to_its_key(corpus: Path) -> None:
    for row in _hub_tags(corpus):
        tag = row["hf_tag"]
        result = resolve_declaration(tag)
        if tag in {"unknown", "other"}:
            assert result.status == tag and result.keys == ()
            continue
        assert result.status == "resolved", (tag, result.reason)
        (key,) = result.keys
        assert terms(key) is not None
        if row["spdx_id"]:
            assert key == row["spdx_id"]
            assert result.expression == row["spdx_id"]
        else:
            assert terms(key).hub_tag == tag  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("gemma-terms-of-use", "gemma"),
        ("health-ai-developer-foundations", "health-ai-developer-foundations"),
        ("apple-sample-code-license", "apple-ascl"),
        ("qwen-research", "qwen-research"),
        ("nvidia-open-model-license", "nvidia-open-model-license"),
        ("stable-cascade-nc-community", "stabilityai-nc-research-community"),
        ("llama3", "llama3"),
        ("Apache 2.0", "Apache-2.0"),
        ("MIT License", "MIT"),
        ("Llama 3.1 Community License", "llama3.1"),
        ("Meta Llama 3 Community License Agreement", "llama3"),
        ("CreativeML Open RAIL++-M", "openrail++"),
        ("OpenMDW-1.1", "openmdw-1.1"),
        ("OpenMDW 1.0", "OpenMDW-1.0"),
        ("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"),
        ("Tongyi Qianwen RESEARCH LICENSE AGREEMENT", "tongyi-qianwen-research"),
        ("Tongyi Qianwen LICENSE AGREEMENT", "tongyi-qianwen"),
    ],
)
def test_license_names(name: str, key: str) -> None:
    result = resolve_declaration(name, via="license_name")
    assert result.status == "resolved" and result.keys == (key,)


def test_non_spdx_keys_become_license_refs() -> None:
    assert resolve_declaration("llama3.1").expression == "LicenseRef-llama3.1"
    assert license_ref("openrail++") == "LicenseRef-openrail-plus-plus"


def test_spdx_expressions() -> None:
    result = resolve_declaration("MIT OR Apache-2.0")
    assert result.status == "resolved" and result.keys == ("MIT", "Apache-2.0")
    assert result.expression == "MIT OR Apache-2.0"
    mixed = resolve_declaration("(apache-2.0 AND LicenseRef-llama3.1)")
    assert mixed.keys == ("Apache-2.0", "llama3.1")
    assert mixed.expression == "Apache-2.0 AND LicenseRef-llama3.1"
    assert resolve_declaration("MIT OR (").status == "invalid"
    unknown = resolve_declaration("MIT OR Nonexistent-License-9")
    assert unknown.status == "unknown" and "Nonexistent-License-9" in unknown.reason


@pytest.mark.parametrize(
    ("link", "key"),
    [
        ("https://ai.google.dev/gemma/terms", "gemma"),
        ("https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
        ("https://creativecommons.org/licenses/by-nc/4.0/", "CC-BY-NC-4.0"),
        ("https://www.llama.com/llama3_1/license/", "llama3.1"),
        (
            "https://developers.google.com/health-ai-developer-foundations/terms",
            "health-ai-developer-foundations",
        ),
    ],
)
def test_well_known_links(link: str, key: str) -> None:
    assert resolve_declaration(link, via="license_link").keys == (key,)


@pytest.mark.parametrize(
    ("link", "path"),
    [
        ("LICENSE", "LICENSE"),
        ("./LICENSE.md", "LICENSE.md"),
        ("https://huggingface.co/Qwen/Qwen2.5-3B-Instruct/blob/main/LICENSE", "LICENSE"),
    ],
)
def test_links_to_a_repository_file(link: str, path: str) -> None:
    result = resolve_link(link)
    assert result.status == "file" and result.file == path and result.keys == ()


def test_unknown_link_and_empty_values() -> None:
    assert resolve_link("https://example.org/our-terms").status == "unknown"
    assert resolve_declaration("").status == "invalid"
    assert resolve_declaration("other").status == "other"


def test_card_license_fields_of_the_corpus(corpus: Path) -> None:
    """Every ``license:`` / ``license_name:`` value in the corpus' cards resolves or is other."""
    import yaml

    seen = 0
    for card in sorted((corpus / "models").glob("*/README.md")):
        text = card.read_text(encoding="utf-8", errors="replace")
        if not text.startswith("---"):
            continue
        try:
            front = yaml.safe_load(text.split("---", 2)[1]) or {}
        except yaml.YAMLError:
            continue  # a card whose front matter is broken: the card parser's concern
        if "license" in front:
            seen += 1
            result = resolve_declaration(str(front["license"]))
            assert result.status in {"resolved", "other"}, (card, result)
        if "license_name" in front:
            named = resolve_declaration(str(front["license_name"]), via="license_name")
            assert named.status == "resolved", (card, named)
    assert seen >= 20


def test_prose_statements() -> None:
    text = (
        "# Card\n"
        "This model is released under the Llama 3.1 Community License.\n"
        "The code is licensed under the Apache 2.0 license and the weights are under the "
        "[CreativeML OpenRAIL-M](https://example.org) license.\n\n"
        "The weights are under the Model License.\n"
        "We trained it for 3 days under heavy load.\n"
    )
    statements = find_license_statements(text)
    assert [s.keys for s in statements] == [
        ("llama3.1",),
        ("Apache-2.0", "creativeml-openrail-m"),
        (),
    ]
    assert [s.line for s in statements] == [2, 3, 5]
    assert "Model License" in statements[2].name


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("The weights are released under the Llama 3.1 Community License.", "llama3.1"),
        ("This model is licensed under the Apache 2.0 license.", "Apache-2.0"),
        ("Our tokenizer is open-sourced under the MIT License.", "MIT"),
        ("The toolkit is open sourced under the BSD 3-Clause license.", "BSD-3-Clause"),
    ],
)
def test_full_sentences_state_their_license(sentence: str, key: str) -> None:
    (statement,) = find_license_statements(f"Intro line.\n\n{sentence}\n")
    assert statement.keys == (key,)
    assert statement.line == 3


def test_open_sourced_under_on_a_real_card(corpus: Path) -> None:
    card = (corpus / "models" / "THUDM__chatglm3-6b" / "README.md").read_text(encoding="utf-8")
    statements = [s for s in find_license_statements(card) if "open-sourced under" in s.sentence]
    assert statements, "the card's 'open-sourced under' sentence is found"
    assert statements[0].keys[0] == "Apache-2.0"
    assert card.splitlines()[statements[0].line - 1].count("open-sourced under") == 1


def test_mot_strings() -> None:
    assert resolve_mot_license("Apache 2.0").keys == ("Apache-2.0",)
    assert resolve_mot_license("Llama 3.1 Community License").keys == ("llama3.1",)
    assert resolve_mot_license("unlicensed").status == "unknown"
    assert resolve_mot_license("Component not included").status == "unknown"
    assert resolve_mot_license("BSD-3").keys == ("BSD-3-Clause",)


@pytest.mark.parametrize(
    ("value", "keys"),
    [
        # A license next to restriction words and a community license opengrade has no entry for.
        ("commercial use restrictions; Apache 2.0, Example模型社区许可协议", ("Apache-2.0",)),
        ("non-commercial use; CC-BY-NC-SA-4.0", ("CC-BY-NC-SA-4.0",)),
        ("MIT (research only)", ("MIT",)),
        ("Apache License 2.0 (with restrictions)", ("Apache-2.0",)),
        ("Apache 2.0 模型社区许可协议", ("Apache-2.0",)),  # CJK words vanish from the name
        ("MIT, Harbour Robotics Model Terms", ("MIT",)),
        ("Apache-2.0 AND Harbour-Terms-2", ("Apache-2.0",)),
    ],
)
def test_known_license_with_unresolved_terms_is_never_a_clean_key(
    value: str, keys: tuple[str, ...]
) -> None:
    result = resolve_mot_license(value)
    assert result.keys == (*keys, OTHER_TERMS)
    assert result.status == "unknown"
    assert terms(OTHER_TERMS) is None  # never open: no facts to call it open
    expected = value if " AND " in value else None  # an expression is kept as written
    assert result.expression is not None
    assert result.expression == expected or result.expression.endswith("LicenseRef-other")


def test_prose_adds_other_terms_only_for_restricting_words() -> None:
    described = resolve_declaration("our own wording, the Llama 3.1 Community License", via="prose")
    assert described.keys == ("llama3.1",) and described.status == "unknown"
    restricted = resolve_declaration("Apache 2.0, for non-commercial research only", via="prose")
    assert restricted.keys == ("Apache-2.0", OTHER_TERMS)


def test_several_known_licenses_resolve_to_each() -> None:
    result = resolve_mot_license("Apache 2.0, CC-BY-4.0 / MIT")
    assert result.status == "resolved"
    assert result.keys == ("Apache-2.0", "CC-BY-4.0", "MIT")
    restrictive = resolve_mot_license("Llama 3.1 Community License")
    assert restrictive.keys == ("llama3.1",) and restrictive.status == "resolved"


def _license_strings(node: object) -> list[str]:
    """Every string value of a ``license`` key in a YAML document."""
    if isinstance(node, dict):
        found = [str(value) for key, value in node.items() if key == "license" and value]
        return found + [
            text
            for key, value in node.items()
            if key != "license"
            for text in _license_strings(value)
        ]
    if isinstance(node, list):
        return [text for item in node for text in _license_strings(item)]
    return []


def test_mot_strings_naming_more_than_they_resolve_are_not_open(corpus: Path) -> None:
    """Real MOT values: a list or a qualified name never comes back as one open key."""
    import yaml

    values = {
        value
        for path in sorted((corpus / "mot" / "models").glob("*.yml"))
        for value in _license_strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    }
    qualified = [
        value
        for value in values
        if re.search(r"[;,()]|restrict|non-commercial|research only|社区|许可协议", value, re.I)
    ]
    assert len(qualified) >= 5
    partial = 0
    for value in sorted(values):
        result = resolve_mot_license(value)
        if result.keys and result.status != "resolved":
            partial += 1
            assert result.keys[-1] == OTHER_TERMS, (value, result)
        if value in qualified and len(result.keys) == 1:
            (key,) = result.keys
            assert result.status == "resolved", (value, result)
            assert not is_open_for(key, "code") or not re.search(
                r"restrict|non-commercial|research only|社区", value, re.I
            ), (value, result)
    assert partial >= 2


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_value_gives_a_resolution_never_an_exception(value: str) -> None:
    for via in ("license", "license_name", "license_link", "name"):
        result = resolve_declaration(value, via=via)
        assert result.status in {"resolved", "unknown", "other", "invalid", "file"}
        assert result.reason
    find_license_statements(value)
