"""The catalogue: one entry per key, every fact with its source, MOF type-appropriateness."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from opengrade.licenses.catalog import all_terms, is_open_for, terms
from opengrade.licenses.declarations import resolve_declaration
from opengrade.licenses.references import packaged_index
from opengrade.model.license import LicenseCategory

FACTS = (
    "osi_approved",
    "commercial_use",
    "use_restrictions",
    "acceptable_use_policy",
    "user_threshold",
    "field_of_use",
    "attribution",
    "naming_requirement",
    "share_alike",
    "osd_conformant",
    "osd_breaking_clause",
    "fsf_libre",
    "mof_types",
)


def test_every_reference_and_hub_tag_has_an_entry(corpus: Path) -> None:
    for path in (corpus / "licenses" / "texts").glob("*.txt"):
        assert terms(path.stem) is not None, path.stem
    with (corpus / "hf_license_tags.tsv").open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            if row["hf_tag"] not in {"unknown", "other"}:
                assert terms(row["hf_tag"]) is not None, row["hf_tag"]


def test_every_indexed_key_has_an_entry() -> None:
    for reference in packaged_index().references:
        assert terms(reference.key) is not None, reference.key


def test_every_fact_has_a_source() -> None:
    for entry in all_terms():
        for fact in FACTS:
            value = getattr(entry, fact)
            if value not in (None, frozenset()):
                assert entry.sources.get(fact), f"{entry.key}.{fact} has no source"


def test_facts_carried_from_the_corpus_table(corpus: Path) -> None:
    with (corpus / "licenses" / "licenses.tsv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    for row in rows:
        entry = terms(row["id"])
        assert entry is not None
        if row["osi_approved"] == "yes":
            assert entry.osi_approved is True, row["id"]
        if row["commercial_use"] == "no":
            assert entry.commercial_use is False, row["id"]
        if row["use_restrictions"].startswith("yes"):
            assert entry.use_restrictions is True, row["id"]
        if row["share_alike"].startswith("yes"):
            assert entry.share_alike is True, row["id"]


def test_llama_terms() -> None:
    entry = terms("llama3.1")
    assert entry is not None
    assert entry.category is LicenseCategory.COMMUNITY_RESTRICTED
    assert entry.user_threshold and "700 million" in entry.user_threshold
    assert "s.2" in entry.sources["user_threshold"]
    assert entry.naming_requirement and "Built with Llama" in entry.naming_requirement
    assert entry.osd_conformant is False and entry.osd_breaking_clause
    assert entry.acceptable_use_policy == "llama3.1-acceptable-use-policy"


def test_is_open_for() -> None:
    assert is_open_for("Apache-2.0", "code") is True
    assert is_open_for("MIT", "code") is True
    assert is_open_for("CDLA-Permissive-2.0", "data") is True
    assert is_open_for("CC-BY-4.0", "document") is True
    assert is_open_for("CC-BY-4.0", "code") is False
    assert is_open_for("OpenMDW-1.0", "data") is True
    assert is_open_for("llama3.1", "code") is False
    assert is_open_for("CC-BY-NC-4.0", "document") is False
    assert is_open_for("no-such-key", "code") is None


def test_lookup_is_case_insensitive_and_knows_refs() -> None:
    assert terms("apache-2.0") == terms("Apache-2.0")
    assert terms("LicenseRef-llama3.1") == terms("llama3.1")


def test_terms_are_frozen() -> None:
    entry = terms("MIT")
    assert entry is not None and dataclasses.is_dataclass(entry)
    try:
        entry.name = "changed"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("terms must be immutable")


def test_restricted_categories_are_never_osd_conformant() -> None:
    restricted = {
        LicenseCategory.RAIL,
        LicenseCategory.COMMUNITY_RESTRICTED,
        LicenseCategory.NON_COMMERCIAL,
        LicenseCategory.RESEARCH_ONLY,
        LicenseCategory.PROPRIETARY,
        LicenseCategory.NO_DERIVATIVES,
    }
    for entry in all_terms():
        if entry.category in restricted:
            assert entry.osd_conformant is False, entry.key
            assert entry.osd_breaking_clause and entry.sources.get("osd_conformant"), entry.key


def test_sources_have_balanced_parentheses() -> None:
    for entry in all_terms():
        for fact, clause in entry.sources.items():
            assert clause.count("(") == clause.count(")"), (entry.key, fact, clause)


def test_unversioned_openmdw_is_not_a_version() -> None:
    assert terms("OpenMDW") is None
    assert resolve_declaration("OpenMDW", via="license_name").keys == ()
    assert resolve_declaration("OpenMDW 1.0", via="license_name").keys == ("OpenMDW-1.0",)


def test_baichuan2_community_license(corpus: Path) -> None:
    card = (corpus / "models" / "baichuan-inc__Baichuan2-7B-Base" / "README.md").read_text()
    assert "Community License for Baichuan2 Model" in card
    for name in ("Community License for Baichuan2 Model", "Baichuan 2 模型社区许可协议"):
        entry = terms(name)
        assert entry is not None and entry.key == "baichuan2-community"
    assert entry.category is LicenseCategory.COMMUNITY_RESTRICTED
    assert entry.osd_conformant is False
    assert all("not verified" in clause for clause in entry.sources.values() if "README" in clause)
    assert resolve_declaration("Baichuan 2", via="license_name").keys == ()


def test_published_text_addresses_are_catalogue_facts() -> None:
    from opengrade.licenses.catalog import terms, url_patterns

    patterns = url_patterns()
    keys = {key for _pattern, key in patterns}
    assert {"Apache-2.0", "gemma", "llama3.1", "llama3.1-acceptable-use-policy"} <= keys
    assert all(terms(key) is not None for key in keys)
