"""What grading produced: rule outcomes, MOF component observations, classes, progress and gaps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from opengrade.model.quick_init import quick_init

UNIDENTIFIED_LICENSE = "unidentified"
"""The license of a component that has terms we could not identify (not "no license")."""
RESTRICTED_TERMS = "restrictions-stated-in-card"
"""Stands for restrictions the card states in prose (no license named, terms not open)."""


class Outcome(StrEnum):
    """The result of one rule. ``unknown`` is a value: the evidence needed was missing."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@quick_init
@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule evaluated: its outcome, why, and the evidence that decided it."""

    rule: str
    outcome: Outcome
    reason: str
    evidence: tuple[str, ...] = ()


class ContentType(StrEnum):
    """What a MOF component is made of; decides which licenses are type-appropriate."""

    CODE = "code"
    DATA = "data"
    DOCUMENT = "document"


class MofClass(StrEnum):
    """The three MOF classes, from the lowest bar (III) to the highest (I)."""

    III = "III"
    II = "II"
    I = "I"  # noqa: E741 (the class is called "I" in the framework)


MOF_CLASS_ORDER = (MofClass.III, MofClass.II, MofClass.I)
"""The MOF classes from the lowest bar to the highest: the one definition of their order."""


class ObservationHow(StrEnum):
    """How we know a component is there."""

    FILE = "file"
    LINK = "link"
    DECLARATION = "declaration"
    MANIFEST = "manifest"
    LIBRARY = "library"
    """Implemented by an open-source library the release's config names (no custom code)."""


@quick_init
@dataclass(frozen=True, slots=True)
class ComponentObservation:
    """What is known about one MOF component of a release.

    ``present``, ``license_open`` and ``type_appropriate`` are None when not known.
    ``evidence`` holds provenance strings (``README.md:12``, ``release.components[3]``...).
    """

    name: str
    present: bool | None
    license: str | None
    license_open: bool | None
    type_appropriate: bool | None
    how: str = ObservationHow.MANIFEST
    evidence: tuple[str, ...] = ()


class ComponentStatus(StrEnum):
    """A component's standing for MOF.

    ``open``: present under an open license. ``not-open``: present, license not open.
    ``unlicensed``: present with no license. ``missing``: absent. ``unknown``: not determinable.
    """

    OPEN = "open"
    NOT_OPEN = "not-open"
    UNLICENSED = "unlicensed"
    MISSING = "missing"
    UNKNOWN = "unknown"


@quick_init
@dataclass(frozen=True, slots=True)
class ComponentResult:
    """One MOF component graded. ``conditional``: open, but not a type-appropriate license.
    ``description`` is the framework's description of the component (what MOT YAML writes)."""

    id: int
    name: str
    content_type: ContentType
    mof_class: MofClass
    required: bool
    status: ComponentStatus
    license: str | None
    conditional: bool
    reason: str
    how: str = ""
    evidence: tuple[str, ...] = ()
    description: str = ""


@quick_init
@dataclass(frozen=True, slots=True)
class Gap:
    """What to do so that a component counts towards ``target``, phrased as an action."""

    target: MofClass
    component: str
    action: str


@quick_init
@dataclass(frozen=True, slots=True)
class MofResult:
    """The MOF grade.

    ``class_`` is the highest class fully met (None when none is). ``progress`` holds whole
    percents per class; ``progress_exact`` the same values unrounded, as MOT computes them.
    ``problems`` names observations that could not be graded (unknown component names...).
    ``framework_name`` and ``framework_date`` identify the framework version graded against.
    """

    class_: MofClass | None
    progress: Mapping[MofClass, int]
    progress_exact: Mapping[MofClass, float]
    components: tuple[ComponentResult, ...]
    gaps: tuple[Gap, ...]
    framework_version: str
    rules: tuple[RuleResult, ...] = ()
    problems: tuple[str, ...] = field(default=())
    framework_name: str = ""
    framework_date: str = ""
