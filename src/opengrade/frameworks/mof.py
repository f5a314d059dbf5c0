"""The Model Openness Framework (MOF): components as data, class and progress as MOT computes them.

A class is reached when every required component of that class and of the classes below it
(III is the lowest) is present under an open license. Progress follows the Model Openness Tool:
the share of the cumulative required components that are open, and 0 for a class whose lower
classes are not yet met. An openly licensed research paper stands in for the technical report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from opengrade.errors import FormatError, FrameworkError
from opengrade.frameworks.engine import ParamValue, PredicateRegistry, Rule, Verdict
from opengrade.frameworks.mot_licenses import (
    UNLICENSED,
    mot_license_facts,
    resolve_component_license,
)
from opengrade.model.assessment import (
    ComponentObservation,
    ComponentResult,
    ComponentStatus,
    ContentType,
    Gap,
    MofClass,
    MofResult,
    ObservationHow,
    Outcome,
)
from opengrade.model.release import Manifest

CLASS_ORDER = (MofClass.III, MofClass.II, MofClass.I)  # lowest bar first
MOF_NAME = "Model Openness Framework"


@dataclass(frozen=True, slots=True)
class MofComponent:
    """One of the 17 MOF components."""

    id: int
    name: str
    content_type: ContentType
    mof_class: MofClass
    required: bool
    weight: int
    description: str
    stands_in_for: str | None = None


@dataclass(frozen=True, slots=True)
class MofFramework:
    """The MOF definition loaded from ``data/mof.yaml``."""

    version: str
    date: str
    source: str
    components: tuple[MofComponent, ...]

    def component(self, name: str) -> MofComponent | None:
        """The component called ``name`` exactly, if MOF has one."""
        return next((item for item in self.components if item.name == name), None)

    def required(self, mof_class: MofClass) -> tuple[MofComponent, ...]:
        """Required components of exactly ``mof_class``."""
        return tuple(c for c in self.components if c.mof_class == mof_class and c.required)


@cache
def load_mof() -> MofFramework:
    """The MOF framework shipped with opengrade."""
    text = resources.files("opengrade.frameworks").joinpath("data/mof.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    try:
        components = tuple(
            MofComponent(
                id=int(item["id"]),
                name=str(item["name"]),
                content_type=ContentType(item["content_type"]),
                mof_class=MofClass(item["class"]),
                required=bool(item["required"]),
                weight=int(item["weight"]),
                description=str(item["description"]),
                stands_in_for=item.get("research_paper_for"),
            )
            for item in data["components"]
        )
        source = data["source"]
        origin = f"{source['repository']}@{source['commit'][:7]}"
        return MofFramework(str(data["version"]), str(data["date"]), origin, components)
    except (KeyError, TypeError, ValueError) as error:
        raise FrameworkError(f"mof.yaml is broken: {error!r}") from error


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
        return Verdict(Outcome.UNKNOWN, f"{name}: not known whether it is released", evidence)
    if observation.license_open is True:
        return Verdict(Outcome.MET, f"{name}: released under {observation.license}", evidence)
    if observation.license is None:
        return Verdict(Outcome.NOT_MET, f"{name}: released without a license", evidence)
    if observation.license_open is False:
        reason = f"{name}: {observation.license} is not an open license"
        return Verdict(Outcome.NOT_MET, reason, evidence)
    return Verdict(Outcome.UNKNOWN, f"{name}: openness of {observation.license} unknown", evidence)


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
    rules = tuple(
        Rule(f"mof/{c.id}", "component-open", {"component": c.name}) for c in framework.components
    )
    rule_results = predicates.evaluate(rules, by_name)
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
    )


def _progress(
    framework: MofFramework, components: Sequence[ComponentResult]
) -> dict[MofClass, float]:
    """Per-class progress exactly as MOT computes it (floats, uncapped division then capped)."""
    status = {c.name: c.status for c in components}
    substitute = next((c for c in framework.components if c.stands_in_for), None)
    replaced = substitute.stands_in_for if substitute else None
    paper_open = substitute is not None and status[substitute.name] is ComponentStatus.OPEN
    report_open = replaced is not None and status.get(replaced) is ComponentStatus.OPEN
    counts: dict[MofClass, tuple[int, int]] = {}
    required: list[MofComponent] = []
    for mof_class in CLASS_ORDER:
        required += framework.required(mof_class)
        included = sum(status[c.name] is ComponentStatus.OPEN for c in required)
        below_paper = substitute is not None and substitute not in required
        if below_paper and paper_open and not report_open:
            included += 1  # the paper stands in for the report in classes III and II
        total = len(required)
        if mof_class is MofClass.I and paper_open and not report_open:
            total -= 1  # the report may be omitted when the paper is there
        counts[mof_class] = (included, total)
    progress: dict[MofClass, float] = {}
    for position, mof_class in enumerate(CLASS_ORDER):
        lower_met = all(
            counts[lower][0] >= len(_cumulative(framework, lower))
            for lower in CLASS_ORDER[:position]
        )
        included, total = counts[mof_class]
        progress[mof_class] = min(included / total * 100, 100.0) if lower_met and total else 0.0
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


EXAMPLES = {
    ContentType.CODE: "Apache-2.0 or MIT",
    ContentType.DATA: "CDLA-Permissive-2.0 or CC-BY-4.0",
    ContentType.DOCUMENT: "CC-BY-4.0",
}


def gaps_for(
    class_: MofClass | None,
    components: Sequence[ComponentResult],
    framework: MofFramework | None = None,
) -> tuple[Gap, ...]:
    """What to do to reach the next class, one action per component that does not yet count."""
    if class_ is MofClass.I:
        return ()
    target = CLASS_ORDER[0] if class_ is None else CLASS_ORDER[CLASS_ORDER.index(class_) + 1]
    needed = set(CLASS_ORDER[: CLASS_ORDER.index(target) + 1])
    framework = framework or load_mof()
    by_name = {c.name: c for c in components}
    substitute = next((c for c in framework.components if c.stands_in_for), None)
    covered = substitute is not None and by_name[substitute.name].status is ComponentStatus.OPEN
    gaps = []
    for component in components:
        if not component.required or component.mof_class not in needed:
            continue
        if component.status is ComponentStatus.OPEN:
            continue
        if covered and substitute is not None and component.name == substitute.stands_in_for:
            continue
        action = _action(component)
        if substitute is not None and component.name == substitute.stands_in_for:
            action += f" (or publish the {substitute.name.lower()} under an open license)"
        gaps.append(Gap(target, component.name, action))
    return tuple(gaps)


def _action(component: ComponentResult) -> str:
    """One component's gap, phrased as what to do."""
    name = component.name[0].lower() + component.name[1:]
    kind = component.content_type
    example = EXAMPLES[kind]
    if component.status is ComponentStatus.MISSING:
        return f"publish the {name} under an open {kind} license such as {example}"
    if component.status is ComponentStatus.UNLICENSED:
        where = f" ({component.evidence[0]})" if component.evidence else ""
        return f"state an open {kind} license for the {name}{where}; it has none"
    if component.status is ComponentStatus.NOT_OPEN:
        return (
            f"release the {name} under an open {kind} license such as {example}; "
            f"{component.license} is not open"
        )
    if component.how == ObservationHow.LINK and component.evidence:
        hint = " — pass it with --code" if kind is ContentType.CODE else ""
        return (
            f"confirm the {name}: the release links {component.evidence[0]}, "
            f"which was not read{hint}"
        )
    return f"confirm the {name}: {component.reason}"


def to_mot_yaml(
    source: Manifest | Sequence[ComponentObservation],
    *,
    name: str = "",
    producer: str = "",
    framework: MofFramework | None = None,
) -> str:
    """A MOT model YAML (accepted by MOT's schema) for a manifest or for observed components.

    From observations, only present MOF components are written, with their license (or
    ``unlicensed``); ``name`` is required then. Components MOF does not know are left out.
    """
    framework = framework or load_mof()
    if isinstance(source, Manifest):
        release = _manifest_release(source, framework)
        version = source.framework_version or framework.version
    else:
        if not name:
            raise FormatError("a MOT YAML needs a release name; pass name=...")
        components = [
            _component_entry(framework, o.name, o.license or UNLICENSED, _url(o.evidence))
            for o in source
            if o.present and framework.component(o.name) is not None
        ]
        release = {"name": name, "producer": producer, "license": {}, "components": components}
        version = framework.version
    document = {
        "framework": {"name": MOF_NAME, "version": version, "date": framework.date},
        "release": release,
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _manifest_release(manifest: Manifest, framework: MofFramework) -> dict[str, object]:
    release: dict[str, object] = {"name": manifest.name}
    optional = ("version", "date", "type", "architecture", "treatment", "origin")
    release |= {key: getattr(manifest, key) for key in optional if getattr(manifest, key)}
    release["producer"] = manifest.producer
    extra = ("contact", "repository", "huggingface")
    release |= {key: getattr(manifest, key) for key in extra if getattr(manifest, key)}
    release["license"] = {
        item.scope: {"name": item.name, "path": item.path} for item in manifest.licenses
    }
    known = [c for c in manifest.components if framework.component(c.name) is not None]
    release["components"] = [
        _component_entry(
            framework, c.name, c.license, c.component_path, c.license_path, c.description
        )
        for c in known
    ]
    return release


def _component_entry(
    framework: MofFramework,
    name: str,
    license_key: str | None,
    component_path: str | None = None,
    license_path: str | None = None,
    description: str = "",
) -> dict[str, str]:
    component = framework.component(name)
    entry = {
        "name": name,
        "description": description or (component.description if component else ""),
    }
    if component_path:
        entry["component_path"] = component_path
    if license_key is not None:  # None: no own license, the global ones apply
        entry["license"] = license_key
    if license_path:
        entry["license_path"] = license_path
    return entry


def _url(evidence: Sequence[str]) -> str | None:
    return next((item for item in evidence if item.startswith(("https://", "http://"))), None)
