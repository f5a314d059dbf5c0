"""Reading a policy: ``opengrade.toml``, or the ``[tool.opengrade]`` table of ``pyproject.toml``,
checked against the policy schema and turned into a typed :class:`Policy`."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from opengrade.errors import PolicyError
from opengrade.model.assessment import MofClass
from opengrade.model.findings import Severity
from opengrade.policy.model import (
    FindingsRule,
    LicenseRule,
    MofRule,
    OsaidRule,
    Policy,
    Rule,
    RuleSeverity,
    Waiver,
)
from opengrade.policy.schema import validated
from opengrade.policy.terms import POLICY_SCOPES

POLICY_FILE = "opengrade.toml"
PYPROJECT_FILE = "pyproject.toml"


def find_policy(directory: Path) -> Path | None:
    """``opengrade.toml`` in ``directory``, else a ``pyproject.toml`` with ``[tool.opengrade]``."""
    own = directory / POLICY_FILE
    if own.is_file():
        return own
    pyproject = directory / PYPROJECT_FILE
    if pyproject.is_file():
        try:
            document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        if isinstance(document.get("tool"), dict) and "opengrade" in document["tool"]:
            return pyproject
    return None


def load_policy(path: Path) -> Policy:
    """Read and check the policy at ``path``; raises :class:`PolicyError` with what to fix."""
    try:
        document: Mapping[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PolicyError(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise PolicyError(f"{path} is not UTF-8 text") from error
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"{path} is not valid TOML: {error}") from error
    if path.name == PYPROJECT_FILE:
        tool = document.get("tool")
        if not isinstance(tool, dict) or not isinstance(tool.get("opengrade"), dict):
            raise PolicyError(f"{path} has no [tool.opengrade] table", field="tool.opengrade")
        document = tool["opengrade"]
    return parse_policy(document, path=str(path))


def parse_policy(document: Mapping[str, Any], *, path: str = "<policy>") -> Policy:
    """A policy from its parsed TOML document (validated against the schema first)."""
    plain = validated(document)
    return Policy(
        version=int(plain["version"]),
        path=path,
        rules=_rules(plain),
        waivers=tuple(_waiver(index, item) for index, item in enumerate(plain.get("waivers", []))),
        unknown=RuleSeverity(plain.get("unknown", RuleSeverity.WARN)),
    )


def _severities(table: Mapping[str, Any]) -> dict[str, Any]:
    unknown = table.get("unknown")
    return {
        "severity": RuleSeverity(table.get("severity", RuleSeverity.FAIL)),
        "unknown": RuleSeverity(unknown) if unknown is not None else None,
    }


def _lowered(values: Any) -> frozenset[str]:
    return frozenset(str(value).lower() for value in values or ())


def _rules(plain: Mapping[str, Any]) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for scope in POLICY_SCOPES:
        table = plain.get("licenses", {}).get(str(scope))
        if table is not None:
            rules.append(
                LicenseRule(
                    scope=scope,
                    allow_keys=_lowered(table.get("allow_keys")),
                    deny_keys=_lowered(table.get("deny_keys")),
                    allow_categories=frozenset(table.get("allow_categories", ())),
                    deny_categories=frozenset(table.get("deny_categories", ())),
                    **_severities(table),
                )
            )
    if (mof := plain.get("mof")) is not None:
        rules.append(MofRule(MofClass(mof["minimum_class"]), **_severities(mof)))
    if (osaid := plain.get("osaid")) is not None:
        rules.append(OsaidRule(bool(osaid["require_conformant"]), **_severities(osaid)))
    if (findings := plain.get("findings")) is not None:
        threshold = findings.get("at_or_above")
        rules.append(
            FindingsRule(
                codes=frozenset(findings.get("codes", ())),
                at_or_above=Severity(threshold) if threshold else None,
                **_severities(findings),
            )
        )
    return tuple(rules)


def _waiver(index: int, item: Mapping[str, Any]) -> Waiver:
    return Waiver(
        release=str(item["release"]),
        rule=str(item["rule"]),
        reason=str(item["reason"]),
        approver=str(item["approver"]),
        expires=date.fromisoformat(str(item["expires"])),
        terms=str(item["terms"]),
        index=index,
        revision=str(item["revision"]) if "revision" in item else None,
    )
