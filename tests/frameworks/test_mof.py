"""MOF as data and the grader's semantics: classes, progress, the research-paper rule, gaps."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from opengrade.frameworks.mof import grade, observations_from_manifest
from opengrade.frameworks.mof_framework import load_mof
from opengrade.frameworks.mot_licenses import mot_license_facts
from opengrade.model.assessment import (
    ComponentObservation,
    ComponentStatus,
    ContentType,
    MofClass,
    ObservationHow,
)
from opengrade.sources.manifest import parse_manifest

REPO = Path(__file__).resolve().parents[2]
CLASS_NUMBER = {MofClass.III: 3, MofClass.II: 2, MofClass.I: 1}


def _open(name: str, license_key: str = "Apache-2.0") -> ComponentObservation:
    return ComponentObservation(name, True, license_key, True, True, ObservationHow.FILE)


def _names(*classes: MofClass, required: bool = True) -> list[str]:
    return [
        c.name
        for c in load_mof().components
        if c.mof_class in classes and (c.required or not required)
    ]


def test_components_carry_mot_settings_facts(corpus: Path) -> None:
    settings = yaml.safe_load((corpus / "mot/config/mof.settings.yml").read_text("utf-8"))
    theirs = {
        item["id"]: (
            item["name"],
            item["content_type"],
            item["class"],
            item["required"],
            item["weight"],
        )
        for item in settings["components"]
    }
    ours = {
        c.id: (c.name, str(c.content_type), CLASS_NUMBER[c.mof_class], c.required, c.weight)
        for c in load_mof().components
    }
    assert len(ours) == 17
    assert ours == theirs


def test_license_facts_are_up_to_date_with_mot_lists(corpus: Path) -> None:
    spec = importlib.util.spec_from_file_location("derive", REPO / "bench/mot/derive_licenses.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    derived = module.derive(corpus)
    shipped = yaml.safe_load(
        (REPO / "src/opengrade/frameworks/data/mot_licenses.yaml").read_text("utf-8")
    )
    assert shipped == derived


def test_mot_judges_the_raw_string() -> None:
    facts = mot_license_facts()
    assert facts.is_open("Apache-2.0") and facts.is_open("CC-BY-4.0") and facts.is_open("MIT")
    assert facts.is_open("CDLA-Permissive-2.0")  # open-data list, neither OSI nor FSF
    assert not facts.is_open("Apache 2.0")
    assert not facts.is_open("CC-BY-NC-4.0")
    assert not facts.is_open("llama3.1")
    assert facts.is_type_appropriate("Apache-2.0", ContentType.DOCUMENT)
    assert not facts.is_type_appropriate("MIT", ContentType.DATA)


def test_everything_open_is_class_one() -> None:
    result = grade([_open(c.name) for c in load_mof().components])
    assert result.class_ is MofClass.I
    assert result.progress == {MofClass.III: 100, MofClass.II: 100, MofClass.I: 100}
    assert result.gaps == ()
    assert all(c.status is ComponentStatus.OPEN for c in result.components)


def test_class_three_only_and_the_next_gaps() -> None:
    observations = [_open(name) for name in _names(MofClass.III)]
    observations.append(_open("Training code"))
    result = grade(observations)
    assert result.class_ is MofClass.III
    assert result.progress_exact[MofClass.II] == 7 / 10 * 100
    assert result.progress[MofClass.II] == 70
    assert result.progress[MofClass.I] == 0  # class II not met: no class I progress
    assert {gap.component for gap in result.gaps} == {
        "Inference code",
        "Evaluation code",
        "Evaluation data",
    }
    assert all(gap.target is MofClass.II for gap in result.gaps)
    inference = next(gap for gap in result.gaps if gap.component == "Inference code")
    assert inference.action.startswith("publish the inference code under an open code license")


def test_higher_class_progress_is_zero_until_the_lower_class_is_met() -> None:
    observations = [_open(name) for name in _names(MofClass.II, MofClass.I)]
    result = grade(observations)
    assert result.class_ is None
    assert result.progress[MofClass.III] == 17  # the open paper counts for the report
    assert result.progress[MofClass.II] == 0 and result.progress[MofClass.I] == 0


def test_open_research_paper_stands_in_for_the_technical_report() -> None:
    names = [n for n in _names(MofClass.III) if n != "Technical report"]
    with_paper = grade([*(_open(n) for n in names), _open("Research paper", "CC-BY-4.0")])
    assert with_paper.class_ is MofClass.III
    assert "Technical report" not in {gap.component for gap in with_paper.gaps}
    closed_report = ComponentObservation("Technical report", True, "Proprietary", False, False)
    also = grade([*(_open(n) for n in names), closed_report, _open("Research paper")])
    assert also.class_ is MofClass.III
    closed_paper = ComponentObservation("Research paper", True, "arXiv", False, False)
    without = grade([*(_open(n) for n in names), closed_paper])
    assert without.class_ is None
    assert without.progress_exact[MofClass.III] == 5 / 6 * 100
    (gap,) = without.gaps
    assert gap.component == "Technical report"
    assert "or publish the research paper under an open license" in gap.action


def test_class_one_total_drops_when_the_paper_replaces_the_report() -> None:
    everything = [_open(c.name) for c in load_mof().components if c.name != "Technical report"]
    result = grade(everything)
    assert result.class_ is MofClass.I
    assert result.progress_exact[MofClass.I] == 100.0


def test_statuses_reasons_and_actions() -> None:
    observations = [
        ComponentObservation("Model architecture", True, None, None, None, evidence=("x.yml:3",)),
        ComponentObservation("Model parameters (Final)", True, "llama3.1", False, False),
        ComponentObservation(
            "Model card", None, None, None, None, ObservationHow.LINK, ("https://github.com/x/y",)
        ),
        ComponentObservation("Data card", True, "Odd-1.0", None, None),
        ComponentObservation("Evaluation results", True, "MIT", True, False),
    ]
    result = grade(observations)
    status = {c.name: c for c in result.components}
    assert status["Model architecture"].status is ComponentStatus.UNLICENSED
    assert status["Model parameters (Final)"].status is ComponentStatus.NOT_OPEN
    assert status["Model card"].status is ComponentStatus.UNKNOWN
    assert status["Data card"].status is ComponentStatus.UNKNOWN
    assert status["Technical report"].status is ComponentStatus.MISSING
    assert status["Evaluation results"].status is ComponentStatus.OPEN
    assert status["Evaluation results"].conditional
    assert "not a type-appropriate document license" in status["Evaluation results"].reason
    actions = {gap.component: gap.action for gap in result.gaps}
    assert actions["Model architecture"].startswith("state an open code license")
    assert "x.yml:3" in actions["Model architecture"]
    assert "llama3.1 is not open" in actions["Model parameters (Final)"]
    assert "links https://github.com/x/y, which was not read" in actions["Model card"]
    rules = {rule.rule: rule.outcome for rule in result.rules}
    assert (
        rules["mof/13"] == "unknown" and rules["mof/10"] == "not_met" and rules["mof/12"] == "met"
    )


def test_unknown_and_repeated_components_are_problems_not_crashes() -> None:
    result = grade([_open("Model weights of the future"), _open("Model card"), _open("Model card")])
    assert result.class_ is None
    assert any("unknown MOF component 'Model weights of the future'" in p for p in result.problems)
    assert any("given twice" in p for p in result.problems)


MANIFEST = b"""\
framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: Resolution
  producer: Us
  license:
    distribution: {name: Apache 2.0, path: null}
    document: {name: CC-BY-4.0, path: null}
  components:
  - {name: Model architecture, description: own license}
  - {name: Model card, description: document global}
  - {name: Training code, description: explicitly none, license: unlicensed}
  - {name: Inference code, description: empty means none, license: ''}
  - {name: Model parameters (Final), description: own, license: CC-BY-4.0}
  - {name: Not a component, description: kept and reported}
"""


def test_observations_follow_mot_license_resolution() -> None:
    manifest = parse_manifest(MANIFEST)
    observations = {o.name: o for o in observations_from_manifest(manifest)}
    assert observations["Model architecture"].license == "Apache 2.0"  # distribution fallback
    assert observations["Model architecture"].license_open is False  # MOT: raw string
    assert observations["Model card"].license == "CC-BY-4.0"  # by content type first
    assert observations["Model card"].evidence[-1] == "release.license.document"
    assert observations["Training code"].license is None  # no fallback for "unlicensed"
    assert observations["Inference code"].license is None
    assert observations["Model parameters (Final)"].license_open is True
    assert observations["Model parameters (Final)"].type_appropriate is False
    assert observations["Not a component"].license_open is None
    assert observations["Model architecture"].evidence[0] == "release.components[0] (line 9)"
    normalised = observations_from_manifest(manifest, normalise={"Apache 2.0": "Apache-2.0"})
    architecture = next(o for o in normalised if o.name == "Model architecture")
    assert architecture.license == "Apache-2.0" and architecture.license_open is True
    result = grade(observations.values())
    assert result.problems == ("unknown MOF component 'Not a component' (ignored)",)


def test_another_openness_judge_can_replace_mot_lists() -> None:
    def judge(key: str, content_type: ContentType) -> bool | None:
        return {"CC-BY-4.0": content_type is not ContentType.CODE}.get(key)

    observations = {
        o.name: o for o in observations_from_manifest(parse_manifest(MANIFEST), judge=judge)
    }
    assert observations["Model card"].license_open is True
    assert observations["Model architecture"].license_open is None  # judge does not know
    result = grade(observations.values())
    statuses = {c.name: c.status for c in result.components}
    assert statuses["Model architecture"] is ComponentStatus.UNKNOWN
    assert statuses["Model card"] is ComponentStatus.OPEN


STATES = st.sampled_from(["open", "closed", "unlicensed", "missing", "unknown"])


def _observation(name: str, state: str) -> ComponentObservation:
    if state == "open":
        return _open(name)
    if state == "closed":
        return ComponentObservation(name, True, "Proprietary", False, False)
    if state == "unlicensed":
        return ComponentObservation(name, True, None, None, None)
    if state == "unknown":
        return ComponentObservation(name, None, None, None, None, ObservationHow.LINK, ("u",))
    return ComponentObservation(name, False, None, None, None)


@settings(max_examples=300, deadline=None)
@given(st.lists(STATES, min_size=17, max_size=17), st.integers(0, 16))
def test_grade_invariants(states: list[str], opened: int) -> None:
    names = [c.name for c in load_mof().components]
    before = grade([_observation(n, s) for n, s in zip(names, states, strict=True)])
    states[opened] = "open"
    after = grade([_observation(n, s) for n, s in zip(names, states, strict=True)])
    for result in (before, after):
        assert all(0 <= value <= 100 for value in result.progress_exact.values())
        reached = [
            c for c in (MofClass.III, MofClass.II, MofClass.I) if result.progress_exact[c] == 100
        ]
        assert result.class_ == (reached[-1] if reached else None)
        assert (result.gaps == ()) == (result.class_ is MofClass.I)
        assert all(gap.action for gap in result.gaps)
    # opening one more component never lowers any progress or the class
    for key in before.progress_exact:
        assert after.progress_exact[key] >= before.progress_exact[key]
    order = [None, MofClass.III, MofClass.II, MofClass.I]
    assert order.index(after.class_) >= order.index(before.class_)
