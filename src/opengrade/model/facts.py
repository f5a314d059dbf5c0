"""Facts about a release decided once from its evidence and read by every framework and BOM:
where its weights are, which links are its own and which cite data sources, which code
repositories are its own."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opengrade.model.evidence import Evidence


class WeightsPresence(StrEnum):
    """Where the release's final weights are, strongest first.

    ``seen``: a weights file we read. ``listed``: a file a listing or an LFS pointer names, not
    read. ``declared``: a manifest (MOT YAML) declares the final parameters. ``linked``: not in
    the release, but the card links the Hub repository that holds them. ``absent``: none of these.
    """

    SEEN = "seen"
    LISTED = "listed"
    DECLARED = "declared"
    LINKED = "linked"
    ABSENT = "absent"


@dataclass(frozen=True, slots=True)
class DerivedFacts:
    """The facts, each with the evidence that decided it.

    ``weights_evidence``: the final weights files (not checkpoints) or the manifest's declared
    final parameters, in evidence order. ``own_model_links``: Hub links to this very release.
    ``release_links``: the card's links outside its training-data sections;
    ``data_source_links``: those inside (they cite data sources, never the release's own code or
    paper). ``own_code_links``: release links to code repositories that are the release's own.
    """

    weights: WeightsPresence
    weights_evidence: tuple[Evidence, ...] = ()
    own_model_links: tuple[Evidence, ...] = ()
    release_links: tuple[Evidence, ...] = ()
    data_source_links: tuple[Evidence, ...] = ()
    own_code_links: tuple[Evidence, ...] = ()
