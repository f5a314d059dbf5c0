"""Derive the :class:`~opengrade.model.facts.DerivedFacts` once from a release's evidence.

The frameworks (MOF, OSAID, the EU AI Act pre-check, open-washing) and the BOMs read these
facts instead of deciding again where the weights are or which links are the release's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from opengrade.model.evidence import ArtifactKind, Evidence, LinkKind, Status
from opengrade.model.evidence_payloads import (
    ArtifactFact,
    CardSection,
    Component,
    Link,
    SectionCategory,
)
from opengrade.model.facts import DerivedFacts, WeightsPresence
from opengrade.parsing.code_hosts import CODE_HOST_PATTERN

TRAINING_DATA_SECTION = SectionCategory.TRAINING_DATA
FINAL_PARAMETERS = "Model parameters (Final)"
_REPOSITORY = re.compile(rf"(?:{CODE_HOST_PATTERN})/([^/#?]+)/([^/#?]+)")


def derive_facts(evidence: Sequence[Evidence], release_id: str) -> DerivedFacts:
    """The facts of a release with id ``release_id`` (``org/name``)."""
    weights = weights_evidence(evidence)
    model_links = own_model_links(evidence, release_id)
    own, data_sources = _split_links(evidence)
    return DerivedFacts(
        weights=_presence(weights, model_links),
        weights_evidence=tuple(weights),
        own_model_links=tuple(model_links),
        release_links=tuple(own),
        data_source_links=tuple(data_sources),
        own_code_links=tuple(
            item
            for item in own
            if isinstance(item.payload, Link)
            and item.payload.kind is LinkKind.CODE
            and is_own_repository(item.payload.target, release_id)
        ),
    )


def _presence(weights: Sequence[Evidence], links: Sequence[Evidence]) -> WeightsPresence:
    if any(item.status is Status.VERIFIED for item in weights):
        return WeightsPresence.SEEN
    if weights:
        first = weights[0]
        return (
            WeightsPresence.DECLARED
            if isinstance(first.payload, Component)
            else WeightsPresence.LISTED
        )
    return WeightsPresence.LINKED if links else WeightsPresence.ABSENT


def weights_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Final weights files of the release (not intermediate checkpoints), or a manifest's
    declared final parameters."""
    return [
        item
        for item in evidence
        if (
            isinstance(item.payload, ArtifactFact)
            and item.payload.kind is ArtifactKind.WEIGHTS
            and not item.payload.intermediate
        )
        or (isinstance(item.payload, Component) and item.payload.name == FINAL_PARAMETERS)
    ]


def _split_links(evidence: Sequence[Evidence]) -> tuple[list[Evidence], list[Evidence]]:
    """The card's links outside its training-data sections, and those inside (a link is inside
    when it sits in the same file, between a section's first and last line)."""
    spans = [
        (item.provenance.path, item.provenance.line, item.provenance.end_line)
        for item in evidence
        if isinstance(item.payload, CardSection)
        and item.payload.category is SectionCategory.TRAINING_DATA
    ]
    own: list[Evidence] = []
    data: list[Evidence] = []
    for item in evidence:
        if not isinstance(item.payload, Link):
            continue
        where = item.provenance
        inside = any(
            path == where.path
            and start is not None
            and end is not None
            and where.line is not None
            and start <= where.line <= end
            for path, start, end in spans
        )
        (data if inside else own).append(item)
    return own, data


def release_links(evidence: Sequence[Evidence], kinds: Iterable[str]) -> list[Evidence]:
    """Links of ``kinds`` outside the card's training-data sections (which cite data sources)."""
    wanted = frozenset(kinds)
    return [
        item
        for item in _split_links(evidence)[0]
        if isinstance(item.payload, Link) and item.payload.kind in wanted
    ]


def own_code_links(evidence: Sequence[Evidence], release_id: str) -> list[Evidence]:
    """Code repositories the card links as the release's own (not in a training-data section)."""
    return list(derive_facts(evidence, release_id).own_code_links)


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
        for item in evidence
        if isinstance(item.payload, Link)
        and item.payload.kind is LinkKind.MODEL
        and wanted
        and item.payload.target.removeprefix("hf:").strip("/").lower() == wanted
    ]
