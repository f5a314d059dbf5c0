"""Intermediate checkpoints kept as branches or tags (Pythia's ``step1000``, Amber's
``ckpt_042``, K2's ``ministage2_ckpt_380``): evidence for MOF's Model parameters (Intermediate).

A ref whose name reads as a training step, iteration, epoch, stage or checkpoint becomes one
ARTIFACT item (subject ``weights``, value ``ref:NAME``, details ``intermediate``), *verified*:
the host lists it as a real branch or tag of the repository. Other refs (``main``, ``v1.0``,
``refs/pr/3``) are not evidence of anything. Only a model host's refs count: the branch a code
checkout (``SourceKind.GIT``) is on says nothing about weights.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from opengrade.evidence.datasets import hub_endpoint
from opengrade.model import (
    ArtifactKind,
    Evidence,
    Provenance,
    ReleaseSnapshot,
    SourceKind,
    Status,
)
from opengrade.model.evidence_payloads import ArtifactFact, ProblemFact

INTERMEDIATE_REF = re.compile(
    r"(?<![a-z])(?:step[-_]?\d+|iter(?:ation)?[-_]?\d+|epoch[-_]?\d*|ckpts?|checkpoints?"
    r"|(?:mini)?stage[-_]?\d*)(?![a-z])",
    re.IGNORECASE,
)
"""A training-progress word inside a ref name, not part of a longer word."""
MAX_REFS = 1024
REF_PREFIX = "ref:"


def is_intermediate(ref: str) -> bool:
    """True when the ref's name reads as an intermediate checkpoint."""
    return INTERMEDIATE_REF.search(ref) is not None


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """One ARTIFACT item per intermediate-checkpoint ref, in the snapshot's (sorted) order."""
    if snapshot.source is not SourceKind.HUB:
        return []
    names = [ref for ref in snapshot.refs if is_intermediate(ref)]
    endpoint = hub_endpoint(snapshot)
    found = [_checkpoint(snapshot.id, ref, endpoint) for ref in names[:MAX_REFS]]
    if len(names) > MAX_REFS:
        message = f"{len(names)} checkpoint refs; evidence kept for the first {MAX_REFS}"
        found.append(
            Evidence(
                ProblemFact("too-many-refs", message), Provenance(field="refs"), Status.VERIFIED
            )
        )
    return found


def _checkpoint(repo_id: str, ref: str, endpoint: str) -> Evidence:
    url = f"{endpoint}/{repo_id}/tree/{quote(ref, safe='')}"
    weights = ArtifactFact(ArtifactKind.WEIGHTS, REF_PREFIX + ref, intermediate=True)
    return Evidence(weights, Provenance(field="refs", url=url), Status.VERIFIED)
