"""What a card or manifest declares: Hub tags, license names, links, expressions and sentences.

``resolve_declaration(raw, via=...)`` turns one declared value into license keys:
``via="license"`` (the card's ``license:`` tag or an SPDX expression), ``"license_name"``,
``"license_link"`` (a well-known URL, or a file in the repository: status ``file``) or
``"name"`` (free text). A value that names known licenses next to terms opengrade cannot
resolve ("commercial use restrictions; Apache 2.0, <a community license>") never resolves to the
known keys alone: its keys end with ``other`` (terms not recognised, never open) and its status
is ``unknown``, so a caller cannot take it for a clean open license.
``find_license_statements`` finds sentences in prose that state a license ("released under the
Llama 3.1 Community License").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from opengrade.licenses import catalog, expression
from opengrade.licenses.catalog import terms
from opengrade.licenses.names import key_for_name
from opengrade.licenses.statements import Statement, find_license_statements
from opengrade.model.license import LicenseCategory

__all__ = [
    "OTHER_TERMS",
    "Resolution",
    "ResolutionStatus",
    "Statement",
    "find_license_statements",
    "resolve_declaration",
    "resolve_link",
    "resolve_mot_license",
]

_NONE_VALUES = frozenset({"", "none", "null", "~", "{}", "n/a", "na"})
_UNKNOWN_VALUES = frozenset({"unknown", "unlicensed", "undisclosed", "unspecified", "license"})
_OTHER_VALUES = frozenset({"other", "other license", "proprietary", "custom"})
_NOT_INCLUDED = re.compile(r"component\s+(?:component\s+)?not\s+includ|not\s+included", re.I)
_PARTS = re.compile(r"\s*(?:[;,/()]|\band\b|&)\s*")
_OPERATOR_WORD = re.compile(r"\s(?:AND|OR|WITH)\s")
# Words that restrict what a license allows: next to an open license they change its terms.
_RESTRICTION = re.compile(
    r"restrict|non[-\s]?commercial|not\s+for\s+commercial|research[-\s]+(?:only|use|purpose)"
    r"|community\s+licen[sc]e|evaluation\s+only|社区|许可协议|非商业|仅.{0,4}研究",
    re.IGNORECASE,
)
_RESTRICTIVE = frozenset(
    {
        LicenseCategory.RAIL,
        LicenseCategory.COMMUNITY_RESTRICTED,
        LicenseCategory.NON_COMMERCIAL,
        LicenseCategory.RESEARCH_ONLY,
        LicenseCategory.NO_DERIVATIVES,
        LicenseCategory.PROPRIETARY,
    }
)

OTHER_TERMS = "other"
"""The key standing for terms a declaration states that opengrade cannot resolve."""
_QUOTES = "'\"“”‘’` "

_CC_URL = re.compile(r"creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/([0-9.]+)")
_REPO_FILE = re.compile(
    r"(?:huggingface\.co|github\.com)/[^/]+/[^/]+/(?:blob|resolve|raw)/[^/]+/(.+)$"
)


class ResolutionStatus(StrEnum):
    """How far a declaration could be resolved."""

    RESOLVED = "resolved"
    UNKNOWN = "unknown"
    OTHER = "other"
    INVALID = "invalid"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class Resolution:
    """A declared value, the keys it stands for, and why.

    ``file`` is set when the declaration points at a file of the repository (status ``file``):
    the caller identifies that file's text instead.
    """

    raw: str
    keys: tuple[str, ...]
    expression: str | None
    status: str
    reason: str
    file: str | None = None


def _spdx_id(key: str) -> str | None:
    found = terms(key)
    return found.spdx_id if found else None


def _resolved(raw: str, keys: list[str], reason: str) -> Resolution:
    unique = tuple(dict.fromkeys(keys))
    return Resolution(
        raw, unique, expression.to_expression(unique, _spdx_id), ResolutionStatus.RESOLVED, reason
    )


def _unknown(
    raw: str, reason: str, status: ResolutionStatus = ResolutionStatus.UNKNOWN
) -> Resolution:
    return Resolution(raw, (), None, status, reason)


def resolve_declaration(raw: str, *, via: str = "license") -> Resolution:
    """Resolve one declared license value (see the module docstring for ``via``)."""
    value = raw.strip().strip(_QUOTES).strip()
    lowered = value.lower()
    if lowered in _NONE_VALUES:
        return _unknown(raw, "no license declared", ResolutionStatus.INVALID)
    if via == "license_link":
        return resolve_link(raw)
    if lowered in _OTHER_VALUES:
        return _unknown(
            raw, f"declared as '{value}': the terms are named elsewhere", ResolutionStatus.OTHER
        )
    if lowered in _UNKNOWN_VALUES or _NOT_INCLUDED.search(value):
        return _unknown(raw, f"declared as '{value}': no license stated")
    if re.match(r"^(?:https?://|www\.)", lowered):
        return resolve_link(raw)
    key = _direct(value)
    if key is not None:
        return _qualified(_resolved(raw, [key], f"'{value}' is the {via} for {key}"), value)
    strict = via != "prose"  # a label's every part names terms; a sentence also describes
    if _OPERATOR_WORD.search(f" {value} "):
        return _resolve_expression(raw, value, strict=strict)
    return _qualified(_resolve_parts(raw, value, strict=strict), value)


def _with_other_terms(
    raw: str, keys: Sequence[str], reason: str, written: str | None
) -> Resolution:
    """Known keys plus ``other`` for the rest: unknown, however open the known keys are."""
    if not keys:
        return Resolution(raw, (), written, ResolutionStatus.UNKNOWN, reason)
    unique = tuple(dict.fromkeys([*keys, OTHER_TERMS]))
    rendered = written or expression.to_expression(unique, _spdx_id)
    return Resolution(raw, unique, rendered, ResolutionStatus.UNKNOWN, reason)


def _qualified(resolution: Resolution, value: str) -> Resolution:
    """A resolved value whose words restrict its only, unrestrictive licenses: other terms."""
    if resolution.status != ResolutionStatus.RESOLVED or not _RESTRICTION.search(value):
        return resolution
    categories = {found.category for found in map(terms, resolution.keys) if found}
    if categories & _RESTRICTIVE:
        return resolution
    words = _RESTRICTION.search(value)
    reason = (
        f"{resolution.reason}, but '{words.group(0) if words else value}' restricts it: "
        "other terms apply"
    )
    return _with_other_terms(resolution.raw, resolution.keys, reason, None)


def _direct(value: str) -> str | None:
    """A key, Hub tag, alias or known name, looked up whole."""
    found = terms(value)
    if found is not None:
        return found.key
    return key_for_name(value)


def _resolve_expression(raw: str, value: str, *, strict: bool) -> Resolution:
    parsed = expression.parse(value)
    if parsed.expression is None:
        return _unknown(raw, parsed.error or "invalid expression", ResolutionStatus.INVALID)
    keys: list[str] = []
    missing: list[str] = []
    for spdx_id in parsed.ids:
        bare = spdx_id.removeprefix("LicenseRef-")
        key = _direct(bare) or _direct(bare.replace("-plus", "+"))
        if key:
            keys.append(key)
        else:
            missing.append(spdx_id)
    if missing:
        reason = f"expression has ids opengrade does not know: {', '.join(missing)}"
        if strict or _RESTRICTION.search(value):
            return _with_other_terms(raw, keys, reason, parsed.expression)
        unique = tuple(dict.fromkeys(keys))
        return Resolution(raw, unique, parsed.expression, ResolutionStatus.UNKNOWN, reason)
    written = {
        spdx_id: expression.to_expression([key], _spdx_id) or spdx_id
        for spdx_id, key in zip(parsed.ids, keys, strict=True)
    }
    rendered = re.sub(
        r"[A-Za-z0-9.+\-]+",
        lambda token: written.get(token.group(0), token.group(0)),
        parsed.expression,
    )
    return Resolution(
        raw, tuple(dict.fromkeys(keys)), rendered, ResolutionStatus.RESOLVED, "SPDX expression"
    )


def _resolve_parts(raw: str, value: str, *, strict: bool) -> Resolution:
    """A list of names ("Apache 2.0, CC-BY-4.0"): each part resolved on its own.

    A part not resolved stands for other terms (``strict``: a license field or a MOT string),
    or, in a sentence of prose, only when it restricts ("non-commercial", "research only").
    """
    parts = [part.strip(_QUOTES) for part in _PARTS.split(value) if part.strip(_QUOTES)]
    keys = [key for key in (_direct(part) for part in parts) if key]
    unresolved = [part for part in parts if not _direct(part)]
    if not keys:
        return _unknown(raw, f"no license in the catalogue is named '{value}'")
    if unresolved:
        named = ", ".join(dict.fromkeys(keys))
        reason = f"names {named}, and terms not recognised: {'; '.join(unresolved)}"
        if strict or any(_RESTRICTION.search(part) for part in unresolved):
            return _with_other_terms(raw, keys, reason, None)
        unique = tuple(dict.fromkeys(keys))
        rendered = expression.to_expression(unique, _spdx_id)
        return Resolution(raw, unique, rendered, ResolutionStatus.UNKNOWN, reason)
    return _resolved(raw, keys, "a list of license names")


def resolve_link(raw: str) -> Resolution:
    """A ``license_link``: a well-known license URL, or a file of the repository."""
    value = raw.strip().strip(_QUOTES).strip()
    address = re.sub(r"^(?:https?://)?(?:www\.)?", "", value.lower()).split("#")[0]
    address = address.split("?")[0].rstrip("/")
    for pattern, key in catalog.url_patterns():
        if pattern.search(address):
            return _resolved(raw, [key], f"the link is the published text of {key}")
    found = _CC_URL.search(address)
    if found:
        deed = _direct(f"cc-{found.group(1)}-{found.group(2)}")
        if deed:
            return _resolved(raw, [deed], f"the link is the Creative Commons deed of {deed}")
    in_repository = _REPO_FILE.search(value)
    if in_repository or not re.match(r"^(?:[a-z]+:)?//|^(?:www\.)", value.lower()):
        path = in_repository.group(1) if in_repository else value.lstrip("./")
        if path and "://" not in path:
            return Resolution(
                raw,
                (),
                None,
                ResolutionStatus.FILE,
                f"the link points at the file {path}: identify its text",
                path,
            )
    return _unknown(raw, "the link is not a license address opengrade knows")


def resolve_mot_license(raw: str) -> Resolution:
    """A license string from a Model Openness Tool YAML ("Apache 2.0", "unlicensed" ...)."""
    return resolve_declaration(raw, via="name")
