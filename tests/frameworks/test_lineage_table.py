"""The curated base-family table: well formed, sourced, agreeing with the real releases."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_releases import evidence_item, release_inputs

from opengrade.errors import FrameworkError
from opengrade.frameworks.lineage import (
    inherited_terms,
    load_family_table,
    lookup_base,
    parse_family_table,
)
from opengrade.frameworks.release_facts import read_document
from opengrade.licenses import catalog
from opengrade.model import EvidenceKind
from opengrade.model.findings import LineageSource
from opengrade.model.license import LicenseCategory


def test_every_row_is_sourced_and_reachable() -> None:
    table = load_family_table()
    assert table.version and len(table.families) >= 40
    patterns = [family.pattern.lower() for family in table.families]
    assert len(patterns) == len(set(patterns))
    for index, family in enumerate(table.families):
        assert family.source.startswith("https://"), family.pattern
        assert family.clause, family.pattern
        # No earlier, more general row hides this one.
        example = family.pattern.replace("[0-9]", "7").replace("*", "7B")
        assert lookup_base(example, table) == family, (index, family.pattern)


@pytest.mark.parametrize(
    ("model_id", "license_key", "relicensing"),
    [
        ("meta-llama/Llama-2-7b-hf", "llama2", False),
        ("meta-llama/Meta-Llama-3-8B-Instruct", "llama3", False),
        ("meta-llama/Meta-Llama-3.1-70B-Instruct", "llama3.1", False),
        ("meta-llama/Llama-3.2-1B", "llama3.2", False),
        ("meta-llama/Llama-3.3-70B-Instruct", "llama3.3", False),
        ("meta-llama/Llama-4-Scout-17B-16E", "llama4", False),
        ("google/gemma-3-27b-pt", "gemma", False),
        ("Qwen/Qwen2.5-3B", "qwen-research", False),
        ("Qwen/Qwen2.5-72B-Instruct", "qwen", False),
        ("Qwen/Qwen2.5-32B", "Apache-2.0", True),
        ("Qwen2.5-32B", "Apache-2.0", True),
        ("https://huggingface.co/EleutherAI/pythia-12b", "Apache-2.0", True),
        ("tiiuae/falcon-40b", "Apache-2.0", True),
        ("bigscience/bloom-7b1", "bigscience-bloom-rail-1.0", False),
        ("CompVis/stable-diffusion-v1-2", "creativeml-openrail-m", False),
        ("deepseek-ai/DeepSeek-V3-Base", "deepseek", False),
    ],
)
def test_lookup_finds_the_family(model_id: str, license_key: str, relicensing: bool) -> None:
    family = lookup_base(model_id)
    assert family is not None
    assert (family.license, family.relicensing_allowed) == (license_key, relicensing)


def test_unknown_or_vague_bases_are_not_guessed() -> None:
    assert lookup_base("someone/my-model") is None
    assert lookup_base("Qwen-2.5") is None  # a family named in prose, not a release
    assert lookup_base("") is None


def test_table_agrees_with_the_releases_themselves(corpus: Path) -> None:
    """Where a corpus release is itself a family in the table, its own license is the row's."""
    table = load_family_table()
    agreed, disagreed = [], []
    for folder in sorted(path.name for path in (corpus / "models").iterdir() if path.is_dir()):
        inputs = release_inputs(corpus, folder)
        family = lookup_base(inputs.release_id, table)
        if family is None or family.note:  # a note marks a license that changed over time
            continue
        names = {use.key for use in inputs.licensing.uses if use.key}
        names |= {
            item.payload.value_text()
            for item in inputs.evidence
            if item.kind is EvidenceKind.CARD_FIELD
            and item.payload.subject_text() in ("license", "license_name")
        }
        known = {terms.key.lower() for name in names if (terms := inputs.terms_for(name))}
        if family.license.lower() in known | {name.lower() for name in names}:
            agreed.append((folder, family.license))
        elif known:  # the release's license is known and it is not the row's
            disagreed.append((folder, family.license))
    assert disagreed == []
    assert len(agreed) >= 15, agreed


def test_inherited_terms_from_the_table_and_from_a_read_base(corpus: Path) -> None:
    inputs = release_inputs(corpus, "mattshumer__Reflection-Llama-3.1-70B")
    terms_for = inputs.terms_for
    [inherited] = inherited_terms(inputs.evidence, terms_for)
    assert inherited.base == "meta-llama/Meta-Llama-3.1-70B-Instruct"
    assert (inherited.license, inherited.relicensing_allowed) == ("llama3.1", False)
    assert inherited.source is LineageSource.FAMILY_TABLE and inherited.evidence == (
        "README.md:3 [base_model]",
    )
    assert inherited.organisation == "meta-llama"
    [read] = inherited_terms(
        inputs.evidence,
        terms_for,
        base_licenses={"meta-llama/Meta-Llama-3.1-70B-Instruct": ["Apache-2.0"]},
    )
    assert read.source is LineageSource.BASE_RELEASE
    assert (read.license, read.relicensing_allowed) == ("Apache-2.0", True)


def test_a_base_nobody_knows_stays_unknown(corpus: Path) -> None:
    lineage = evidence_item(EvidenceKind.LINEAGE, "someone/obscure-base", "merge")
    [inherited] = inherited_terms([lineage], catalog.terms)
    assert inherited.source is LineageSource.UNKNOWN
    assert inherited.license is None and inherited.relicensing_allowed is None


def test_a_broken_row_is_rejected_with_its_index() -> None:
    document = dict(read_document("base_families.yaml"))
    rows = [dict(row) for row in document["families"]]  # type: ignore[attr-defined]
    rows[3]["relicensing"] = "maybe"
    with pytest.raises(FrameworkError, match=r"families\[3\]\.relicensing"):
        parse_family_table({**document, "families": rows}, origin="test")


def test_every_catalogue_category_has_a_relicensing_policy() -> None:
    policies = load_family_table().by_category
    assert {str(category) for category in LicenseCategory} <= set(policies)
    assert policies["permissive"].allowed and not policies["rail"].allowed


def test_every_row_names_a_license_the_catalogue_knows() -> None:
    for family in load_family_table().families:
        terms = catalog.terms(family.license)
        assert terms is not None and terms.key == family.license, family.pattern
        policy = load_family_table().by_category[str(terms.category)]
        assert policy.allowed == family.relicensing_allowed, family.pattern
