"""A small rules engine: rules are data (id, predicate name, parameters), predicates are code.

A predicate takes the subject being judged and the rule's parameters and returns a
:class:`Verdict`; the engine adds the rule id and returns :class:`RuleResult` values. ``unknown``
is an outcome like any other, never an exception. Frameworks (MOF, OSAID, open-washing) each
keep a registry of their named predicates and a versioned rules file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import yaml

from opengrade.errors import FrameworkError
from opengrade.model.assessment import Outcome, RuleResult
from opengrade.model.quick_init import quick_init
from opengrade.parsing.yaml_data import load_yaml

logger = logging.getLogger(__name__)

ParamValue = str | int | float | bool
Subject = TypeVar("Subject")


@quick_init
@dataclass(frozen=True, slots=True)
class Verdict:
    """What a predicate decided, before the engine names the rule."""

    outcome: Outcome
    reason: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule as data: which predicate to run, with which parameters.

    ``description`` says what the framework asks, ``checks`` what opengrade looks at to decide
    it, ``title`` the requirement's short name (all three for reports and the docs pages).
    """

    id: str
    predicate: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)
    description: str = ""
    title: str = ""
    checks: str = ""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A framework's rules with the version and source they were taken from."""

    framework: str
    version: str
    rules: tuple[Rule, ...]
    source: str = ""


Predicate = Callable[[Subject, Mapping[str, ParamValue]], Verdict]


class PredicateRegistry(Generic[Subject]):
    """Named predicates over one kind of subject."""

    def __init__(self) -> None:
        self._predicates: dict[str, Predicate[Subject]] = {}

    def register(self, name: str) -> Callable[[Predicate[Subject]], Predicate[Subject]]:
        """Decorator: register ``function`` under ``name`` (names are unique)."""

        def decorate(function: Predicate[Subject]) -> Predicate[Subject]:
            if name in self._predicates:
                raise FrameworkError(f"predicate {name!r} is registered twice")
            self._predicates[name] = function
            return function

        return decorate

    def names(self) -> frozenset[str]:
        """The registered predicate names."""
        return frozenset(self._predicates)

    def check(self, rules: RuleSet) -> None:
        """Raise FrameworkError when a rule names a predicate that does not exist."""
        for rule in rules.rules:
            if rule.predicate not in self._predicates:
                raise FrameworkError(
                    f"{rules.framework} rule {rule.id!r}: unknown predicate {rule.predicate!r}"
                )

    def evaluate(self, rules: Iterable[Rule], subject: Subject) -> tuple[RuleResult, ...]:
        """Run every rule on ``subject`` in order."""
        results = []
        debug = logger.isEnabledFor(logging.DEBUG)
        for rule in rules:
            predicate = self._predicates.get(rule.predicate)
            if predicate is None:
                raise FrameworkError(f"rule {rule.id!r}: unknown predicate {rule.predicate!r}")
            verdict = predicate(subject, rule.params)
            if debug:
                logger.debug("rule %s: %s (%s)", rule.id, verdict.outcome, verdict.reason)
            results.append(RuleResult(rule.id, verdict.outcome, verdict.reason, verdict.evidence))
        return tuple(results)


def parse_rules(document: object, *, origin: str) -> RuleSet:
    """Build a RuleSet from a parsed rules document; FrameworkError names the broken field."""
    if not isinstance(document, Mapping):
        raise FrameworkError(f"{origin}: expected a mapping at the top level")
    framework = _text(document, "framework", origin)
    version = str(document.get("version", ""))
    if not version:
        raise FrameworkError(f"{origin}: version: missing")
    raw_rules = document.get("rules")
    if not isinstance(raw_rules, list):
        raise FrameworkError(f"{origin}: rules: expected a list")
    rules = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_rules):
        where = f"{origin}: rules[{index}]"
        if not isinstance(raw, Mapping):
            raise FrameworkError(f"{where}: expected a mapping")
        rule_id = _text(raw, "id", where)
        if rule_id in seen:
            raise FrameworkError(f"{where}.id: duplicate rule id {rule_id!r}")
        seen.add(rule_id)
        params = raw.get("params", {}) or {}
        if not isinstance(params, Mapping) or not all(
            isinstance(key, str) and isinstance(value, ParamValue) for key, value in params.items()
        ):
            raise FrameworkError(f"{where}.params: expected a mapping of scalars")
        rules.append(
            Rule(
                rule_id,
                _text(raw, "predicate", where),
                dict(params),
                _optional_text(raw, "description"),
                _optional_text(raw, "title"),
                _optional_text(raw, "checks"),
            )
        )
    source = document.get("source", "")
    return RuleSet(framework, version, tuple(rules), str(source))


def load_rules(path: Path) -> RuleSet:
    """Read and parse a rules file (YAML)."""
    return parse_rules(read_yaml(path, "rules"), origin=str(path))


def read_yaml(path: Path, what: str = "") -> object:
    """A YAML file's parsed content; FrameworkError naming the file when it cannot be read."""
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FrameworkError(f"{path}: cannot read{' ' + what if what else ''}: {error}") from error


def _text(mapping: Mapping[object, object], key: str, where: str) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value:
        raise FrameworkError(f"{where}.{key}: expected a non-empty string")
    return value


def _optional_text(mapping: Mapping[object, object], key: str) -> str:
    value = mapping.get(key)
    return "" if value is None else str(value).strip()
