"""The rules engine: rules as data, predicates as code, unknown as a value."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from opengrade.errors import FrameworkError
from opengrade.frameworks.engine import (
    ParamValue,
    PredicateRegistry,
    Verdict,
    load_rules,
    parse_rules,
)
from opengrade.model.assessment import Outcome

RULES = """\
framework: Toy
version: "2"
source: written for this test
rules:
  - id: big
    predicate: at-least
    params: {minimum: 10}
    description: the number is large enough
  - id: small
    predicate: at-least
    params: {minimum: 1}
"""


def _registry() -> PredicateRegistry[int | None]:
    registry: PredicateRegistry[int | None] = PredicateRegistry()

    @registry.register("at-least")
    def at_least(subject: int | None, params: Mapping[str, ParamValue]) -> Verdict:
        minimum = params["minimum"]
        assert isinstance(minimum, int)
        if subject is None:
            return Verdict(Outcome.UNKNOWN, "no number was found")
        outcome = Outcome.MET if subject >= minimum else Outcome.NOT_MET
        return Verdict(outcome, f"{subject} against {minimum}", (f"value={subject}",))

    return registry


def test_rules_from_a_file_evaluate_in_order(tmp_path: Path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text(RULES, encoding="utf-8")
    rules = load_rules(path)
    assert (rules.framework, rules.version, rules.source) == ("Toy", "2", "written for this test")
    registry = _registry()
    registry.check(rules)
    results = registry.evaluate(rules.rules, 5)
    assert [(r.rule, r.outcome) for r in results] == [
        ("big", Outcome.NOT_MET),
        ("small", Outcome.MET),
    ]
    assert results[0].reason == "5 against 10" and results[0].evidence == ("value=5",)
    unknown = registry.evaluate(rules.rules, None)
    assert {r.outcome for r in unknown} == {Outcome.UNKNOWN}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n", "expected a mapping at the top level"),
        ("framework: T\nrules: []\n", "version: missing"),
        ("framework: T\nversion: 1\nrules: {}\n", "rules: expected a list"),
        ("framework: T\nversion: 1\nrules: [{predicate: p}]\n", r"rules\[0\].id"),
        ("framework: T\nversion: 1\nrules: [{id: a}]\n", r"rules\[0\].predicate"),
        (
            "framework: T\nversion: 1\nrules: [{id: a, predicate: p}, {id: a, predicate: p}]\n",
            "duplicate rule id 'a'",
        ),
        (
            "framework: T\nversion: 1\nrules: [{id: a, predicate: p, params: {x: [1]}}]\n",
            r"rules\[0\].params: expected a mapping of scalars",
        ),
        ("framework: [T\n", "cannot read rules"),
    ],
)
def test_broken_rules_files_name_the_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError, match=message):
        load_rules(path)


def test_unknown_predicates_and_double_registration_are_refused() -> None:
    registry = _registry()
    rules = parse_rules(
        {"framework": "T", "version": "1", "rules": [{"id": "x", "predicate": "nope"}]},
        origin="inline",
    )
    with pytest.raises(FrameworkError, match="unknown predicate 'nope'"):
        registry.check(rules)
    with pytest.raises(FrameworkError, match="unknown predicate 'nope'"):
        registry.evaluate(rules.rules, 3)
    with pytest.raises(FrameworkError, match="registered twice"):
        registry.register("at-least")(lambda subject, params: Verdict(Outcome.MET, ""))
    assert registry.names() == {"at-least"}
