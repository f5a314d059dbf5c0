"""The Model Openness Framework (MOF): components as data, class and progress as MOT computes them.

A class is reached when every required component of that class and of the classes below it
(III is the lowest) is present under an open license. Progress follows the Model Openness Tool:
the share of the cumulative required components that are open, and 0 for a class whose lower
classes are not yet met. An openly licensed research paper stands in for the technical report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from opengrade.frameworks.engine import ParamValue, PredicateRegistry, Rule, Verdict
from opengrade.frameworks.mof_framework import (
    CLASS_ORDER,
    MOF_NAME,
    MofComponent,
    MofFramework,
    load_mof,
)
from opengrade.frameworks.mof_gaps import gaps_for
from opengrade.frameworks.mot_licenses import mot_license_facts, resolve_component_license
from opengrade.model.assessment import (
    UNIDENTIFIED_LICENSE,
    ComponentObservation,
    ComponentResult,
    ComponentStatus,
    ContentType,
    MofClass,
    MofResult,
    ObservationHow,
    Outcome,
)
from opengrade.model.release import Manifest

Observed = Mapping[str, ComponentObservation]
predicates: PredicateRegistry[Observed] = PredicateRegistry()


@predicates.register("component-open")
def component_open(observed: Observed, params: Mapping[str, ParamValue]) -> Verdict:
    """Met when the component named by ``params["component"]`` is present under an open license."""
    name = str(params["component"])
    observation = observed.get(name)
    if observation is None or observation.present is False:
        return Verdict(Outcome.NOT_MET, f"{name}: not part of the release")
    evidence = observation.evidence
    if observation.present is None:
        return Verdict(Outcome.UNKNOWN, _unverified(name, observation), evidence)
    if observation.license_open is True and observation.how == ObservationHow.LIBRARY:
        reason = f"{name}: no custom code; {' — '.join(evidence)}"
        return Verdict(Outcome.MET, reason, evidence)
    if observation.license_open is True:
        return Verdict(Outcome.MET, f"{name}: released under {observation.license}", evidence)
    if observation.license is None:
        return Verdict(Outcome.NOT_MET, f"{name}: released without a license", evidence)
    if observation.license_open is False:
        reason = f"{name}: {observation.license} is not an open license"
        return Verdict(Outcome.NOT_MET, reason, evidence)
    if observation.license == UNIDENTIFIED_LICENSE:
        return Verdict(Outcome.UNKNOWN, f"{name}: its license could not be identified", evidence)
    return Verdict(
        Outcome.UNKNOWN, f"{name}: whether {observation.license} is open is unknown", evidence
    )


def _status(observation: ComponentObservation | None) -> ComponentStatus:
    if observation is None or observation.present is False:
        return ComponentStatus.MISSING
    if observation.present is None:
        return ComponentStatus.UNKNOWN
    if observation.license_open is True:
        return ComponentStatus.OPEN
    if observation.license is None:
        return ComponentStatus.UNLICENSED
    if observation.license_open is False:
        return ComponentStatus.NOT_OPEN
    return ComponentStatus.UNKNOWN


def grade(
    observations: Iterable[ComponentObservation], framework: MofFramework | None = None
) -> MofResult:
    """Grade a release from its component observations."""
    framework = framework or load_mof()
    by_name: dict[str, ComponentObservation] = {}
    problems = []
    for observation in observations:
        if framework.component(observation.name) is None:
            problems.append(f"unknown MOF component {observation.name!r} (ignored)")
        elif observation.name in by_name:
            problems.append(f"component {observation.name!r} given twice; the first one counts")
        else:
            by_name[observation.name] = observation
    rule_results = predicates.evaluate(_plan(framework).rules, by_name)
    components = tuple(
        _component_result(c, by_name.get(c.name), result.reason)
        for c, result in zip(framework.components, rule_results, strict=True)
    )
    exact = _progress(framework, components)
    reached = [mof_class for mof_class in CLASS_ORDER if exact[mof_class] == 100.0]
    class_ = reached[-1] if reached else None
    return MofResult(
        class_=class_,
        progress={key: _half_up(value) for key, value in exact.items()},
        progress_exact=exact,
        components=components,
        gaps=gaps_for(class_, components, framework),
        framework_version=framework.version,
        rules=rule_results,
        problems=tuple(problems),
        framework_name=MOF_NAME,
        framework_date=framework.date,
    )


def _component_result(
    component: MofComponent, observation: ComponentObservation | None, reason: str
) -> ComponentResult:
    status = _status(observation)
    appropriate = observation.type_appropriate if observation else None
    conditional = status is ComponentStatus.OPEN and appropriate is False
    if conditional:
        reason += f"; not a type-appropriate {component.content_type} license"
    return ComponentResult(
        id=component.id,
        name=component.name,
        content_type=component.content_type,
        mof_class=component.mof_class,
        required=component.required,
        status=status,
        license=observation.license if observation else None,
        conditional=conditional,
        reason=reason,
        how=observation.how if observation else "",
        evidence=observation.evidence if observation else (),
        description=component.description,
    )


@dataclass(frozen=True, slots=True)
class _ClassPlan:
    """What a class's progress counts, fixed by the framework: the names of the components
    required up to it (cumulative), and whether the paper stands in below it."""

    mof_class: MofClass
    names: tuple[str, ...]
    below_paper: bool


@dataclass(frozen=True, slots=True)
class _FrameworkPlan:
    """What grading with a framework needs of it, fixed by the framework: one
    ``component-open`` rule per component, the substitute (the paper) and each class's plan."""

    rules: tuple[Rule, ...]
    substitute: MofComponent | None
    classes: tuple[_ClassPlan, ...]


_PLANS: dict[int, tuple[MofFramework, _FrameworkPlan]] = {}
"""The plan of each framework graded with (by identity; the framework is kept so that its
identity is not reused)."""


def _plan(framework: MofFramework) -> _FrameworkPlan:
    """The framework's plan, worked out once per framework."""
    known = _PLANS.get(id(framework))
    if known is not None and known[0] is framework:
        return known[1]
    rules = tuple(
        Rule(f"mof/{c.id}", "component-open", {"component": c.name}) for c in framework.components
    )
    substitute = next((c for c in framework.components if c.stands_in_for), None)
    classes = []
    for mof_class in CLASS_ORDER:
        required = _cumulative(framework, mof_class)
        below_paper = substitute is not None and substitute not in required
        classes.append(_ClassPlan(mof_class, tuple(c.name for c in required), below_paper))
    plan = _FrameworkPlan(rules, substitute, tuple(classes))
    if len(_PLANS) > 8:
        _PLANS.clear()
    _PLANS[id(framework)] = (framework, plan)
    return plan


def _progress(
    framework: MofFramework, components: Sequence[ComponentResult]
) -> dict[MofClass, float]:
    """Per-class progress exactly as MOT computes it (floats, uncapped division then capped)."""
    status = {c.name: c.status for c in components}
    plan_of = _plan(framework)
    substitute, plans = plan_of.substitute, plan_of.classes
    replaced = substitute.stands_in_for if substitute else None
    paper_open = substitute is not None and status[substitute.name] is ComponentStatus.OPEN
    report_open = replaced is not None and status.get(replaced) is ComponentStatus.OPEN
    counts: dict[MofClass, tuple[int, int]] = {}
    for plan in plans:
        included = sum(status[name] is ComponentStatus.OPEN for name in plan.names)
        if plan.below_paper and paper_open and not report_open:
            included += 1  # the paper stands in for the report in classes III and II
        total = len(plan.names)
        if plan.mof_class is MofClass.I and paper_open and not report_open:
            total -= 1  # the report may be omitted when the paper is there
        counts[plan.mof_class] = (included, total)
    progress: dict[MofClass, float] = {}
    for position, plan in enumerate(plans):
        lower_met = all(
            counts[lower.mof_class][0] >= len(lower.names) for lower in plans[:position]
        )
        included, total = counts[plan.mof_class]
        progress[plan.mof_class] = (
            min(included / total * 100, 100.0) if lower_met and total else 0.0
        )
    return progress


def _cumulative(framework: MofFramework, mof_class: MofClass) -> list[MofComponent]:
    required: list[MofComponent] = []
    for item in CLASS_ORDER[: CLASS_ORDER.index(mof_class) + 1]:
        required += framework.required(item)
    return required


def _half_up(value: float) -> int:
    return int(value + 0.5)


def _is_open(
    key: str | None,
    content_type: ContentType,
    judge: Callable[[str, ContentType], bool | None] | None,
) -> bool | None:
    if key is None:
        return None
    return judge(key, content_type) if judge else mot_license_facts().is_open(key)


def observations_from_manifest(
    manifest: Manifest,
    *,
    normalise: Mapping[str, str] | None = None,
    judge: Callable[[str, ContentType], bool | None] | None = None,
    framework: MofFramework | None = None,
) -> tuple[ComponentObservation, ...]:
    """MOT's reading of a manifest: a listed component is present; its license is its own,
    else the global one for its content type, else the distribution license; open and
    type-appropriate per MOT's license lists. ``normalise`` maps raw license strings to ids
    before judging them (MOT itself judges the raw string); ``judge`` replaces MOT's openness
    test (e.g. opengrade's license catalogue; None from it means unknown)."""
    framework = framework or load_mof()
    facts = mot_license_facts()
    observations = []
    for index, item in enumerate(manifest.components):
        component = framework.component(item.name)
        where = f"release.components[{index}]" + (f" (line {item.line})" if item.line else "")
        if component is None:
            observations.append(
                ComponentObservation(item.name, True, item.license, None, None, evidence=(where,))
            )
            continue
        resolved = resolve_component_license(manifest, item, component.content_type)
        evidence = (where,) if resolved.origin.startswith("component") else (where, resolved.origin)
        key = resolved.license
        if key is not None and normalise:
            key = normalise.get(key, key)
        observations.append(
            ComponentObservation(
                name=component.name,
                present=True,
                license=key,
                license_open=_is_open(key, component.content_type, judge),
                type_appropriate=(
                    facts.is_type_appropriate(key, component.content_type) if key else None
                ),
                how=ObservationHow.MANIFEST,
                evidence=evidence,
            )
        )
    return tuple(observations)


def _unverified(name: str, observation: ComponentObservation) -> str:
    """Why a component's presence is unknown: what was linked or declared and not read."""
    if not observation.evidence:
        return f"{name}: not known whether it is released"
    what = "linked" if observation.how == ObservationHow.LINK else "declared"
    return f"{name}: only {what} ({'; '.join(observation.evidence[:2])}), not verified"
