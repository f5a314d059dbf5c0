"""What the frameworks read from a release, shared by OSAID, MOF, the EU AI Act and open-washing.

The rules files, the license uses that decide a scope and whether they are open, the release's
final weights, and which of the links in its card belong to the release itself (its own code,
report and papers) rather than to the data sources its training-data sections cite.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from opengrade.errors import FrameworkError
from opengrade.frameworks.engine import Verdict, read_yaml
from opengrade.licenses.conclude import is_policy
from opengrade.model.assessment import Outcome
from opengrade.model.evidence import ArtifactKind, Evidence, EvidenceKind, LinkKind, Scope
from opengrade.model.license import LicenseTerms
from opengrade.model.licensing import LicenseUse, Licensing

TermsLookup = Callable[[str], LicenseTerms | None]

DATA_DIRECTORY = Path(__file__).parent / "data"

_PARAMETERS_COMPONENT = "Model parameters (Final)"
_REPOSITORY = re.compile(
    r"(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/([^/#?]+)/([^/#?]+)"
)


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


def weights_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Final weights files of the release (not intermediate checkpoints), or a manifest's
    declared final parameters."""
    return [
        item
        for item in evidence
        if (
            item.kind is EvidenceKind.ARTIFACT
            and item.subject == ArtifactKind.WEIGHTS
            and not item.details.get("intermediate")
        )
        or (item.kind is EvidenceKind.COMPONENT and item.subject == _PARAMETERS_COMPONENT)
    ]


def release_links(evidence: Sequence[Evidence], kinds: Iterable[str]) -> list[Evidence]:
    """Links of ``kinds`` outside the card's training-data sections (which cite data sources)."""
    wanted = frozenset(kinds)
    data_spans = [
        (item.provenance.line or 0, item.provenance.end_line or 0)
        for item in of_kind(evidence, EvidenceKind.CARD_SECTION)
        if item.subject == "training-data"
    ]
    return [
        item
        for item in of_kind(evidence, EvidenceKind.LINK)
        if item.subject in wanted
        and not any(start <= (item.provenance.line or 0) <= end for start, end in data_spans)
    ]


def own_code_links(evidence: Sequence[Evidence], release_id: str) -> list[Evidence]:
    """Code repositories the card links as the release's own (not in a training-data section)."""
    return [
        item
        for item in release_links(evidence, (LinkKind.CODE,))
        if is_own_repository(item.value, release_id)
    ]


def is_own_repository(url: str, release_id: str) -> bool:
    """Whether a code link looks like the release's own repository, not another project's.

    Own: the repository owner matches the release's organisation, or the repository name
    contains the release name's first word. Unparseable links and an unknown release count as
    own (not read, so unknown rather than failed).
    """
    match = _REPOSITORY.search(url)
    if not match or "/" not in release_id:
        return True
    owner, repository = (_squash(part) for part in match.groups())
    organisation, name = release_id.split("/", 1)
    organisation = _squash(organisation)
    first_word = _squash(re.split(r"[-_.\s]", name, maxsplit=1)[0])
    if len(organisation) >= 3 and (organisation in owner or owner in organisation):
        return True
    return len(first_word) >= 3 and first_word in repository


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def own_model_links(evidence: Iterable[Evidence], release_id: str) -> list[Evidence]:
    """Hub model links (``hf:org/name``) to this very release: where its weights live."""
    wanted = release_id.lower()
    return [
        item
        for item in of_kind(evidence, EvidenceKind.LINK)
        if item.subject == LinkKind.MODEL
        and wanted
        and item.value.removeprefix("hf:").strip("/").lower() == wanted
    ]


def declared_component(evidence: Iterable[Evidence], *names: str) -> Verdict | None:
    """UNKNOWN when a manifest (a MOT YAML) declares one of the MOF components ``names``:
    self-reported, with its license, but not verified; None when none is declared."""
    for item in of_kind(evidence, EvidenceKind.COMPONENT):
        if item.subject in names:
            license_text = f"under {item.value}" if item.value else "without a license of its own"
            return Verdict(
                Outcome.UNKNOWN,
                f"{item.subject} declared in the manifest {license_text}, not verified",
                (str(item.provenance),),
            )
    return None


def evidence_label(item: Evidence) -> str:
    """What to call an item in a reason: a manifest component by its name, else its value."""
    return item.subject if item.kind is EvidenceKind.COMPONENT else item.value
