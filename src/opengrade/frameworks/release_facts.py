"""What the frameworks read from a release, shared by OSAID, MOF, the EU AI Act and open-washing.

The rules files, the license uses that decide a scope and whether they are open. Where the
final weights are and which links are the release's own are decided once in the evidence layer
(:mod:`opengrade.evidence.facts`, re-exported here for the frameworks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from opengrade.errors import FrameworkError
from opengrade.evidence.facts import (  # decided once in the evidence layer; read here
    is_own_repository,
    own_code_links,
    own_model_links,
    release_links,
    weights_evidence,
)
from opengrade.frameworks.engine import Verdict, read_yaml
from opengrade.licenses.conclude import is_policy
from opengrade.model.assessment import Outcome
from opengrade.model.evidence import Evidence, EvidenceKind, Scope, payloads
from opengrade.model.evidence_payloads import Component
from opengrade.model.license import LicenseTerms
from opengrade.model.licensing import LicenseUse, Licensing

__all__ = [
    "TermsLookup",
    "combine",
    "declared_component",
    "evidence_label",
    "is_own_repository",
    "license_verdict",
    "of_kind",
    "own_code_links",
    "own_model_links",
    "read_document",
    "release_links",
    "trusted_uses",
    "weights_evidence",
    "why_not_open",
]

TermsLookup = Callable[[str], LicenseTerms | None]

DATA_DIRECTORY = Path(__file__).parent / "data"


def read_document(filename: str) -> Mapping[str, object]:
    """Load one of the frameworks' YAML data files; FrameworkError when it is broken."""
    path = DATA_DIRECTORY / filename
    document = read_yaml(path)
    if not isinstance(document, Mapping):
        raise FrameworkError(f"{path}: expected a mapping at the top level")
    return document


def of_kind(evidence: Iterable[Evidence], kind: EvidenceKind) -> list[Evidence]:
    """The evidence items of one kind."""
    return [item for item in evidence if item.kind is kind]


def combine(parts: Sequence[Verdict]) -> Verdict:
    """One verdict from several: not met wins, then unknown; reasons and evidence joined."""
    outcomes = {part.outcome for part in parts}
    outcome = (
        Outcome.NOT_MET
        if Outcome.NOT_MET in outcomes
        else Outcome.UNKNOWN
        if Outcome.UNKNOWN in outcomes or not parts
        else Outcome.MET
    )
    evidence = tuple(dict.fromkeys(item for part in parts for item in part.evidence))
    return Verdict(outcome, "; ".join(part.reason for part in parts), evidence)


def trusted_uses(licensing: Licensing, scope: Scope) -> tuple[LicenseUse, ...]:
    """The license uses that decide ``scope``: the release's concluded licensing."""
    return licensing.concluded(scope)


def license_verdict(uses: Sequence[LicenseUse], what: str, terms_for: TermsLookup) -> Verdict:
    """Whether every license use is open for ``what`` (``weights``, ``code``)."""
    uses = _one_per_key(use for use in uses if not (use.key and is_policy(use.key)))
    if not uses:
        return Verdict(
            Outcome.NOT_MET,
            f"no license found for the {what} (none declared, none identified); without one, "
            "no one is granted the right to use, modify or share them",
        )
    parts = []
    for use in uses:
        where = (str(use.provenance),)
        is_open = _open_for(use, what, terms_for)
        if use.key is None and use.open is False:
            stated = " ".join(use.raw.split())[:160]
            reason = f'the card restricts the {what}: "{stated}"'
            parts.append(Verdict(Outcome.NOT_MET, reason, where))
        elif use.key is None:
            parts.append(Verdict(Outcome.UNKNOWN, f"license of the {what} not known", where))
        elif is_open is None:
            parts.append(
                Verdict(Outcome.UNKNOWN, f"{use.key}: terms not known for the {what}", where)
            )
        elif is_open:
            parts.append(Verdict(Outcome.MET, f"{use.key} ({use.source}) is open", where))
        else:
            parts.append(Verdict(Outcome.NOT_MET, why_not_open(use.key, what, terms_for), where))
    return combine(parts)


def _one_per_key(uses: Iterable[LicenseUse]) -> list[LicenseUse]:
    """The first use of each license key (unknown keys kept apart, one per place)."""
    seen: dict[str, LicenseUse] = {}
    for use in uses:
        seen.setdefault(use.key or f"?{use.provenance}", use)
    return list(seen.values())


def _open_for(use: LicenseUse, what: str, terms_for: TermsLookup) -> bool | None:
    """Open for weights: OSD-conformant (as concluded). Open for code: OSI-approved, whatever
    scope the license was declared for (``terms_for`` may know keys the catalogue does not)."""
    if what != "code" or use.key is None:
        return use.open
    terms = terms_for(use.key)
    if terms is None:
        return use.open if use.scope is Scope.CODE else None
    return terms.osi_approved


def why_not_open(key: str, what: str, terms_for: TermsLookup) -> str:
    """A sentence naming the term that keeps ``key`` from being open."""
    terms = terms_for(key)
    if terms is None:
        return f"{key} is not an open license for the {what}"
    clause = f": {terms.osd_breaking_clause}" if terms.osd_breaking_clause else ""
    test = "OSI-approved" if what == "code" else "OSD-conformant"
    return f"{key} ({terms.category}) is not {test}{clause}"


def declared_component(evidence: Iterable[Evidence], *names: str) -> Verdict | None:
    """UNKNOWN when a manifest (a MOT YAML) declares one of the MOF components ``names``:
    self-reported, with its license, but not verified; None when none is declared."""
    for component, item in payloads(evidence, Component):
        if component.name in names:
            license_text = (
                f"under {component.license}"
                if component.license
                else "without a license of its own"
            )
            return Verdict(
                Outcome.UNKNOWN,
                f"{component.name} declared in the manifest {license_text}, not verified",
                (str(item.provenance),),
            )
    return None


def evidence_label(item: Evidence) -> str:
    """What to call an item in a reason: a manifest component by its name, else its value."""
    if isinstance(item.payload, Component):
        return item.payload.name
    return item.payload.value_text()
