"""The conclusion per scope: which licenses govern the weights, the code, the data and the
documents, as one SPDX expression, and whether they are open. Computed once per assessment and
read by every format and BOM."""

from __future__ import annotations

from collections.abc import Sequence

from opengrade.licenses import catalog
from opengrade.licenses.expression import to_expression
from opengrade.model import ArtifactKind, Evidence, Scope, Status
from opengrade.model.evidence import payloads
from opengrade.model.evidence_payloads import ArtifactFact
from opengrade.model.license import is_policy_key
from opengrade.model.licensing import ConcludedLicense, Licensing

_ARTIFACT_SCOPES = {
    ArtifactKind.ARCHITECTURE_CODE: Scope.CODE,
    ArtifactKind.TRAINING_CODE: Scope.CODE,
    ArtifactKind.EVALUATION_CODE: Scope.CODE,
    ArtifactKind.PREPROCESSING_CODE: Scope.CODE,
    ArtifactKind.INFERENCE_CODE: Scope.CODE,
    ArtifactKind.CODE: Scope.CODE,
    ArtifactKind.NOTEBOOK: Scope.CODE,
    ArtifactKind.DATA: Scope.DATA,
    ArtifactKind.PAPER: Scope.DOCS,
}
CONCLUDED_SCOPES = (Scope.WEIGHTS, Scope.CODE, Scope.DATA, Scope.DOCS)
"""The scopes a report concludes, in the order it lists them (weights always, the rest when
the release has them)."""


def scopes_present(licensing: Licensing, evidence: Sequence[Evidence]) -> tuple[Scope, ...]:
    """The weights, plus each other scope the release has: a license that names the scope, or
    a file of that kind we saw (code, data, papers)."""
    named = {use.scope for use in licensing.uses}
    seen = {
        _ARTIFACT_SCOPES[fact.kind]
        for fact, item in payloads(evidence, ArtifactFact)
        if item.status is Status.VERIFIED and fact.kind in _ARTIFACT_SCOPES
    }
    return tuple(
        scope
        for scope in CONCLUDED_SCOPES
        if scope is Scope.WEIGHTS or scope in named or scope in seen
    )


def conclude_scope(licensing: Licensing, scope: Scope) -> ConcludedLicense:
    """The concluded licenses for ``scope``; nothing known gives a null expression, no keys
    and ``open`` None."""
    uses = [use for use in licensing.concluded(scope) if not (use.key and is_policy_key(use.key))]
    keys = tuple(sorted({use.key for use in uses if use.key}))
    opens = [catalog.open_for_scope(key, str(scope)) for key in keys]
    # a use with no key: an unidentified text (open unknown) or terms stated without a license
    # name that are known not to be open
    opens += [use.open for use in uses if use.key is None]
    return ConcludedLicense(
        scope=scope,
        expression=to_expression(keys, _spdx_id),
        keys=keys,
        open=_all(opens),
        evidence=tuple(dict.fromkeys(str(use.provenance) for use in uses)),
    )


def conclude_scopes(
    licensing: Licensing, evidence: Sequence[Evidence]
) -> tuple[ConcludedLicense, ...]:
    """One conclusion per scope the release has (the weights always)."""
    return tuple(conclude_scope(licensing, scope) for scope in scopes_present(licensing, evidence))


def _spdx_id(key: str) -> str | None:
    found = catalog.terms(key)
    return found.spdx_id if found else None


def _all(values: Sequence[bool | None]) -> bool | None:
    """False if any is False; None if there are none or one is unknown; else True."""
    if False in values:
        return False
    if not values or None in values:
        return None
    return True
