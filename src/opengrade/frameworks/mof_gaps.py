"""The gap to the next MOF class, phrased as what to do, one action per component.

A missing component asks to be published under an open license of its content type; one without
a license asks for one; one under terms that are not open asks to be relicensed; one only linked
asks to be confirmed (and, for code, passed with ``--code``). An openly licensed research paper
covers the technical report.
"""

from __future__ import annotations

from collections.abc import Sequence

from opengrade.frameworks.mof_framework import CLASS_ORDER, MofFramework, load_mof
from opengrade.model.assessment import (
    ComponentResult,
    ComponentStatus,
    ContentType,
    Gap,
    MofClass,
    ObservationHow,
)

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
    if component.evidence:
        return (
            f"publish the {name} in the release under an open {kind} license such as "
            f"{example}; now it is only declared ({component.evidence[0]})"
        )
    return f"confirm the {name}: {component.reason}"
