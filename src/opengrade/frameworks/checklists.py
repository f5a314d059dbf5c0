"""Evaluation-disclosure and reproducibility-readiness checklists, rules in
``data/checklists.yaml``: each item is met, declared only, or not met, from the evidence."""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter

from opengrade.errors import FrameworkError
from opengrade.frameworks.release_facts import read_document
from opengrade.frameworks.validation_record import RECORD_PATH, recorded_validation
from opengrade.model import Evidence, ReleaseSnapshot
from opengrade.model.checklists import Checklist, ChecklistItem, ChecklistStatus
from opengrade.model.evidence import Provenance

VALIDATION_KIND = "validation-record"
MAX_CITED = 3


@dataclass(frozen=True, slots=True)
class Matcher:
    """Evidence of ``kind`` whose subject (value) is one of ``subjects`` (``values``) when
    given, with a true ``detail`` when named."""

    kind: str
    subjects: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    detail: str | None = None

    def __str__(self) -> str:
        parts = [self.kind]
        if self.subjects:
            parts.append("subject " + " or ".join(self.subjects))
        if self.values:
            parts.append("value " + " or ".join(self.values))
        if self.detail:
            parts.append(f"with {self.detail}")
        return " ".join(parts)

    def matches(self, item: Evidence) -> bool:
        """Whether ``item`` is such evidence (matched on its record: the rules are data that
        name the report's subject, value and detail keys)."""
        payload = item.payload
        return (
            self.kind == payload.KIND  # a StrEnum: equal to its value
            and (not self.subjects or payload.subject_text() in self.subjects)
            and (not self.values or payload.value_text() in self.values)
            and (self.detail is None or bool(payload.detail_values().get(self.detail)))
        )


@dataclass(frozen=True, slots=True)
class ChecklistRule:
    """One item's rule: met or declared when evidence matches; its MOF and OSAID mapping."""

    id: str
    name: str
    met: tuple[Matcher, ...]
    declared: tuple[Matcher, ...]
    mof: str
    osaid: str
    met_kinds: frozenset[str] = field(init=False, repr=False, compare=False)
    declared_kinds: frozenset[str] = field(init=False, repr=False, compare=False)
    validation: bool = field(init=False, repr=False, compare=False)
    """The kinds each list of matchers looks at, and whether the item reads the validation
    record: fixed by the rule, asked for every release."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "met_kinds", frozenset(item.kind for item in self.met))
        object.__setattr__(self, "declared_kinds", frozenset(item.kind for item in self.declared))
        object.__setattr__(self, "validation", VALIDATION_KIND in self.met_kinds)


def _matchers(raw: object, origin: str) -> tuple[Matcher, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, Mapping) for item in raw):
        raise FrameworkError(f"checklists.yaml: {origin} must be a list of matchers")
    return tuple(
        Matcher(
            kind=str(item["kind"]),
            subjects=tuple(str(value) for value in item.get("subjects", ())),
            values=tuple(str(value) for value in item.get("values", ())),
            detail=str(item["detail"]) if "detail" in item else None,
        )
        for item in raw
    )


@functools.cache
def checklist_rules() -> tuple[str, tuple[tuple[str, str, tuple[ChecklistRule, ...]], ...]]:
    """The version and the checklists (id, name, rules) of ``data/checklists.yaml``."""
    document = read_document("checklists.yaml")
    try:
        lists = []
        for checklist in document["checklists"]:  # type: ignore[attr-defined]
            rules = tuple(
                ChecklistRule(
                    id=str(item["id"]),
                    name=str(item["name"]),
                    met=_matchers(item.get("met", []), f"{item['id']}.met"),
                    declared=_matchers(item.get("declared", []), f"{item['id']}.declared"),
                    mof=str(item["mof"]),
                    osaid=str(item["osaid"]),
                )
                for item in checklist["items"]
            )
            lists.append((str(checklist["id"]), str(checklist["name"]), rules))
        return str(document["version"]), tuple(lists)
    except (KeyError, TypeError) as error:
        raise FrameworkError(f"checklists.yaml: missing or malformed field ({error})") from error


def evaluate_checklists(
    snapshot: ReleaseSnapshot, evidence: Sequence[Evidence]
) -> tuple[Checklist, ...]:
    """Both checklists for the release."""
    version, lists = checklist_rules()
    by_kind = _positions_by_kind(evidence)
    return tuple(
        Checklist(
            id=checklist_id,
            name=name,
            version=version,
            items=tuple(_item(rule, snapshot, by_kind) for rule in rules),
        )
        for checklist_id, name, rules in lists
    )


_ByKind = dict[str, tuple[list[int], list[Evidence]]]


def _positions_by_kind(evidence: Sequence[Evidence]) -> _ByKind:
    """The evidence grouped by kind, with the items' positions beside them (a release's
    thousands of evaluation results are then not scanned by every matcher of another kind, and
    no pair per item is kept)."""
    by_kind: _ByKind = {}
    for position, item in enumerate(evidence):
        kind = item.payload.KIND  # a StrEnum: keyed as its value
        group = by_kind.get(kind)
        if group is None:
            group = by_kind[kind] = ([], [])
        group[0].append(position)
        group[1].append(item)
    return by_kind


def _matching(
    matchers: tuple[Matcher, ...], kinds: frozenset[str], by_kind: _ByKind
) -> list[Evidence]:
    """The first evidence (at most ``MAX_CITED``) any of ``matchers`` (of ``kinds``) matches,
    in the release's order."""
    groups = [group for kind in kinds if (group := by_kind.get(kind))]
    if not groups:  # nothing of these kinds in the release
        return []
    candidates: Iterable[Evidence] = groups[0][1]
    if len(groups) > 1:
        merged = heapq.merge(*(zip(*group, strict=True) for group in groups), key=itemgetter(0))
        candidates = (item for _, item in merged)
    found = (item for item in candidates if any(matcher.matches(item) for matcher in matchers))
    return list(islice(found, MAX_CITED))


def _item(
    rule: ChecklistRule,
    snapshot: ReleaseSnapshot,
    by_kind: _ByKind,
) -> ChecklistItem:
    if rule.validation:
        return _validation_item(rule, snapshot)
    for status, matchers, kinds in (
        (ChecklistStatus.MET, rule.met, rule.met_kinds),
        (ChecklistStatus.DECLARED, rule.declared, rule.declared_kinds),
    ):
        found = _matching(matchers, kinds, by_kind)
        if found:
            cited = tuple(_cite(item) for item in found)
            what = (
                "shown"
                if status is ChecklistStatus.MET
                else "only declared (named or linked, not read)"
            )
            first = found[0].payload
            reason = f"{what}: {first.KIND.value} {first.subject_text()} {first.value_text()}"
            reason = reason.strip()
            return _result(rule, status, reason, cited)
    return _result(rule, ChecklistStatus.NOT_MET, "nothing in the release shows it", ())


def _validation_item(rule: ChecklistRule, snapshot: ReleaseSnapshot) -> ChecklistItem:
    record = recorded_validation(snapshot)
    if record is None:
        reason = f"no {RECORD_PATH} beside the release (opengrade validate --format json -o ...)"
        return _result(rule, ChecklistStatus.NOT_MET, reason, ())
    if isinstance(record, str):
        return _result(rule, ChecklistStatus.NOT_MET, record, (RECORD_PATH,))
    status = ChecklistStatus.MET if record.model_in_release else ChecklistStatus.DECLARED
    where = "" if record.model_in_release else " (the model it ran is not a file of this release)"
    return _result(rule, status, record.summary + where, (RECORD_PATH,))


def _cite(item: Evidence) -> str:
    provenance: Provenance = item.provenance
    return str(provenance)


def _result(
    rule: ChecklistRule, status: ChecklistStatus, reason: str, cited: tuple[str, ...]
) -> ChecklistItem:
    return ChecklistItem(
        id=rule.id,
        name=rule.name,
        status=status,
        reason=reason,
        evidence=cited,
        mof=rule.mof,
        osaid=rule.osaid,
    )
