"""The framework docs pages are generated from the rules data and committed up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from opengrade.frameworks.eu_ai_act import load_exemption_rules
from opengrade.frameworks.lineage import load_family_table
from opengrade.frameworks.mof_framework import load_mof
from opengrade.frameworks.openwashing_rules import load_openwashing_rules
from opengrade.frameworks.osaid import load_osaid_rules
from opengrade.frameworks.release_facts import read_document

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "docs" / "frameworks"
PAGES = {
    "mof.md",
    "osaid.md",
    "eu-ai-act.md",
    "openwashing.md",
    "base-families.md",
    "checklists.md",
}


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_framework_docs", REPO / "tools" / "generate_framework_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("framework-docs")
    written = _tool().write_docs(output)
    assert {path.name for path in written} == PAGES
    return output


@pytest.mark.parametrize("page", sorted(PAGES))
def test_committed_page_is_what_the_data_gives(generated: Path, page: str) -> None:
    committed = COMMITTED / page
    assert committed.is_file(), f"{committed} missing: run tools/generate_framework_docs.py"
    assert committed.read_text("utf-8") == (generated / page).read_text("utf-8"), (
        f"{committed} is stale: run tools/generate_framework_docs.py"
    )


def test_check_mode_flags_a_stale_page(generated: Path, tmp_path: Path) -> None:
    tool = _tool()
    for page in PAGES:
        (tmp_path / page).write_text((generated / page).read_text("utf-8"), "utf-8")
    assert tool.main(["--output", str(tmp_path), "--check"]) == 0
    (tmp_path / "osaid.md").write_text("edited by hand\n", "utf-8")
    (tmp_path / "mof.md").unlink()
    assert tool.stale_pages(tmp_path) == ["mof.md", "osaid.md"]
    assert tool.main(["--output", str(tmp_path), "--check"]) == 1


def test_pages_carry_every_rule_id_source_and_version(generated: Path) -> None:
    mof = (generated / "mof.md").read_text("utf-8")
    framework = load_mof()
    assert framework.version in mof and framework.source in mof
    assert all(f"`mof/{c.id}` | {c.name} |" in mof for c in framework.components)
    osaid_rules = load_osaid_rules().rules
    osaid = (generated / "osaid.md").read_text("utf-8")
    assert osaid_rules.source in osaid and f"Version {osaid_rules.version}." in osaid
    assert all(f"(`{rule.id}`)" in osaid and rule.checks in osaid for rule in osaid_rules.rules)
    exemption = load_exemption_rules()
    eu = (generated / "eu-ai-act.md").read_text("utf-8")
    assert exemption.disclaimer in eu and exemption.rules.source in eu
    assert all(f"| `{rule.id}` |" in eu for rule in exemption.rules.rules)
    families = (generated / "base-families.md").read_text("utf-8")
    table = load_family_table()
    assert f"Version {table.version}." in families
    assert all(f"| `{row.pattern}` | `{row.license}` |" in families for row in table.families)


def test_every_openwashing_code_is_listed_with_its_severities(generated: Path) -> None:
    page = (generated / "openwashing.md").read_text("utf-8")
    rules = load_openwashing_rules()
    for signal in rules.signals.values():
        row = next(line for line in page.splitlines() if line.startswith(f"| `{signal.code}` |"))
        severity = row.split(" | ")[1]
        assert severity.startswith(str(signal.severity))
        if signal.severity_if_both_open is not None:
            assert f"({signal.severity_if_both_open} when both licenses are open)" in severity
        assert len(row.split(" | ")[3]) > 20, f"{signal.code}: its detector says nothing"


def test_mof_component_entries_hold_only_known_keys() -> None:
    known = {"id", "name", "content_type", "class", "required", "weight", "description"}
    entries = read_document("mof.yaml")["components"]
    assert isinstance(entries, list)
    stray = {key for entry in entries for key in entry} - known - {"research_paper_for"}
    assert not stray, f"stray keys (cut descriptions): {sorted(stray)}"
