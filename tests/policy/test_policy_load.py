"""Reading policy files: opengrade.toml and [tool.opengrade], the published schema, and clear
errors (naming the field) for an unknown key, a bad date, a wrong version or broken TOML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import jsonschema
import pytest
from policy_helpers import EXAMPLE_POLICY, REPO

from opengrade.errors import PolicyError
from opengrade.model import Scope
from opengrade.model.assessment import MofClass
from opengrade.model.license import LicenseCategory
from opengrade.policy.load import find_policy, load_policy
from opengrade.policy.model import FindingsRule, LicenseRule, MofRule, RuleSeverity
from opengrade.policy.schema import SCHEMA_PATH, policy_schema
from opengrade.policy.terms import POLICY_SCOPES

WAIVER = """
[[waivers]]
release = "org/name"
rule = "licenses.weights"
reason = "approved for research"
approver = "legal@example.org"
expires = {expires}
terms = "sha256:0123456789abcdef"
"""


def _write(tmp_path: Path, text: str, name: str = "opengrade.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_policy_loads_into_typed_rules() -> None:
    policy = load_policy(EXAMPLE_POLICY)
    assert policy.version == 1
    assert policy.unknown is RuleSeverity.WARN
    weights = next(
        r for r in policy.rules if isinstance(r, LicenseRule) and r.scope is Scope.WEIGHTS
    )
    assert "non-commercial" in weights.deny_categories
    assert weights.severity is RuleSeverity.FAIL
    mof = next(r for r in policy.rules if isinstance(r, MofRule))
    assert mof.minimum_class is MofClass.III and mof.severity is RuleSeverity.WARN
    findings = next(r for r in policy.rules if isinstance(r, FindingsRule))
    assert "restricted-weights-claimed-open" in findings.codes


def test_the_published_schema_is_the_packaged_one_and_a_valid_schema() -> None:
    assert (REPO / "docs" / "policy.schema.json").read_bytes() == SCHEMA_PATH.read_bytes()
    jsonschema.Draft202012Validator.check_schema(policy_schema())


def test_the_schema_knows_every_catalogue_category_and_rule_id() -> None:
    schema = policy_schema()
    assert set(schema["$defs"]["category"]["enum"]) == {str(c) for c in LicenseCategory}
    scopes = set(schema["properties"]["licenses"]["properties"])
    assert scopes == {str(scope) for scope in POLICY_SCOPES}
    rule_ids = set(schema["$defs"]["waiver"]["properties"]["rule"]["enum"])
    assert rule_ids == {f"licenses.{scope}" for scope in POLICY_SCOPES} | {
        MofRule(MofClass.III).id,
        "osaid.conformance",
        FindingsRule().id,
    }


def test_a_waiver_reads_its_date(tmp_path: Path) -> None:
    for written in ("2027-01-31", '"2027-01-31"'):
        policy = load_policy(_write(tmp_path, "version = 1\n" + WAIVER.format(expires=written)))
        assert policy.waivers[0].expires == date(2027, 1, 31)
        assert policy.waivers[0].revision is None


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("version = 1\n[licenses.weights]\ndeny_categorys = ['rail']\n", "licenses.weights"),
        ("version = 1\nallow = ['MIT']\n", "(top level)"),
        ("version = 1\n[licenses.weights]\ndeny_categories = ['nc']\n", "licenses.weights"),
        ("version = 2\n", "version"),
        ("[mof]\nminimum_class = 'III'\n", "(top level)"),
        ("version = 1\n[mof]\nminimum_class = 'IV'\n", "mof.minimum_class"),
        ("version = 1\n" + WAIVER.format(expires='"2027-13-01"'), "waivers[0].expires"),
        ("version = 1\n" + WAIVER.format(expires='"31/01/2027"'), "waivers[0].expires"),
        ("version = 1\n" + WAIVER.format(expires="2027-01-31T10:00:00"), "waivers[0].expires"),
        (
            "version = 1\n" + WAIVER.format(expires="2027-01-31").replace("approver", "by"),
            "waivers[0]",
        ),
    ],
)
def test_a_bad_policy_names_the_field(tmp_path: Path, text: str, field: str) -> None:
    with pytest.raises(PolicyError) as raised:
        load_policy(_write(tmp_path, text))
    assert raised.value.field is not None
    assert raised.value.field.startswith(field)
    assert str(raised.value).startswith(field)


def test_broken_toml_and_missing_files_are_policy_errors(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_policy(_write(tmp_path, "version = \n"))
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "absent.toml")
    with pytest.raises(PolicyError, match="not UTF-8"):
        bad = tmp_path / "latin.toml"
        bad.write_bytes(b"version = 1\n# \xe9t\xe9\n")
        load_policy(bad)


def test_pyproject_tool_table(tmp_path: Path) -> None:
    text = "[project]\nname = 'x'\n\n[tool.opengrade]\nversion = 1\n[tool.opengrade.osaid]\n"
    path = _write(tmp_path, text + "require_conformant = true\n", "pyproject.toml")
    assert find_policy(tmp_path) == path
    assert load_policy(path).rules[0].id == "osaid.conformance"
    (tmp_path / "opengrade.toml").write_text("version = 1\n", encoding="utf-8")
    assert find_policy(tmp_path) == tmp_path / "opengrade.toml"


def test_a_pyproject_without_the_table(tmp_path: Path) -> None:
    path = _write(tmp_path, "[project]\nname = 'x'\n", "pyproject.toml")
    assert find_policy(tmp_path) is None
    with pytest.raises(PolicyError, match=r"no \[tool.opengrade\]"):
        load_policy(path)
