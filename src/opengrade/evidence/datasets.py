"""Dataset evidence: each dataset a release names, as its own repository describes it.

The card extractor already says which datasets a card names and in what role (``training``,
``evaluation``). This one adds what the source read of each dataset itself (the Hub's dataset
info): one DATASET item per dataset with value ``described``, *verified* when the dataset's
repository was read, *declared* when it could not be (not found, gated, unreachable).
Details: ``license`` (as the dataset declares it), ``has_card``, ``gated``, ``problem``.
"""

from __future__ import annotations

from urllib.parse import quote

from opengrade.model import (
    DatasetInfo,
    Evidence,
    Provenance,
    ReleaseSnapshot,
    SourceKind,
    Status,
)
from opengrade.model import evidence_payloads as payloads

DEFAULT_HUB = "https://huggingface.co"
DESCRIBED = payloads.DESCRIBED
"""The value of a dataset's own description (never a role, so no role is double-counted)."""


def hub_endpoint(snapshot: ReleaseSnapshot) -> str:
    """The Hub a snapshot was read from (the source records it), else the public Hub."""
    if snapshot.source is SourceKind.HUB and snapshot.endpoint:
        return snapshot.endpoint
    return DEFAULT_HUB


def dataset_page(endpoint: str, dataset_id: str) -> str:
    """The dataset's page on the Hub at ``endpoint``."""
    return f"{endpoint}/datasets/{quote(dataset_id, safe='/')}"


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """One DATASET item per dataset the source described, in the snapshot's order."""
    endpoint = hub_endpoint(snapshot)
    return [_described(info, endpoint) for info in snapshot.datasets]


def _described(info: DatasetInfo, endpoint: str) -> Evidence:
    described = payloads.Dataset(
        info.id,
        DESCRIBED,
        license=info.license,
        has_card=info.has_card,
        gated=info.gated,
        problem=info.problem,
    )
    return Evidence(
        described,
        Provenance(url=dataset_page(endpoint, info.id)),
        Status.VERIFIED if info.found else Status.DECLARED,
    )
