"""Conclude which licenses cover a release: identify every license text, resolve every
declaration, and record where the card's declaration and the text disagree."""

from __future__ import annotations

from collections.abc import Sequence

from opengrade.licenses import catalog
from opengrade.licenses.declarations import resolve_declaration
from opengrade.licenses.identify import identify_text
from opengrade.licenses.links import license_links
from opengrade.licenses.restrictions import binds_beside_open_license
from opengrade.licenses.statements import find_license_statements
from opengrade.model import Evidence, Provenance, ReleaseSnapshot, Scope, Status
from opengrade.model.evidence_payloads import (
    DeclarationVia,
    DeclaredLicense,
    IdentifiedLicense,
    LicenseFile,
    LicenseFileRole,
    ProblemFact,
)
from opengrade.model.license import LicenseMatch, OutsideKind, OutsideText, is_policy_key
from opengrade.model.licensing import (
    RESTRICTION_VIA,
    SUBORDINATE_VIAS,
    LicenseConflict,
    LicenseSource,
    LicenseUse,
    Licensing,
)

# Declarations that speak for the whole card (not a prose sentence that may quote another model).
_METADATA_VIA = {
    DeclarationVia.LICENSE,
    DeclarationVia.LICENSE_NAME,
    DeclarationVia.LICENSE_LINK,
    DeclarationVia.GGUF,
    DeclarationVia.MANIFEST,
}


is_policy = is_policy_key  # the name the frameworks use


def is_open(key: str, scope: Scope) -> bool | None:
    """Whether ``key`` is open for what ``scope`` covers; None when its terms are unknown."""
    return catalog.open_for_scope(key, str(scope))


def conclude(
    snapshot: ReleaseSnapshot, evidence: Sequence[Evidence]
) -> tuple[Licensing, tuple[Evidence, ...]]:
    """The release's licensing, and the LICENSE_IDENTIFIED / PROBLEM evidence it produced."""
    uses: list[LicenseUse] = []
    found: list[Evidence] = []
    disclaimers: list[LicenseUse] = []
    for item in evidence:
        if isinstance(item.payload, LicenseFile):
            _identify_file(snapshot, item, item.payload, uses, found)
        elif isinstance(item.payload, DeclaredLicense):
            declared = item.payload
            _resolve(item, declared, uses)
            kind = declared.restriction or ""
            if declared.via is DeclarationVia.RESTRICTION and not binds_beside_open_license(kind):
                disclaimers.append(uses[-1])
    if disclaimers and _names_an_open_license(uses):
        uses = [use for use in uses if use not in disclaimers]
    return Licensing(uses=tuple(uses), conflicts=_conflicts(uses)), tuple(found)


def _names_an_open_license(uses: Sequence[LicenseUse]) -> bool:
    """Whether a license known to be open covers the weights (or the whole release)."""
    return any(
        use.key and use.open is True and use.scope in (Scope.WEIGHTS, Scope.RELEASE)
        for use in uses
        if use.via not in SUBORDINATE_VIAS and use.via != RESTRICTION_VIA
    )


def _identify_file(
    snapshot: ReleaseSnapshot,
    item: Evidence,
    file: LicenseFile,
    uses: list[LicenseUse],
    found: list[Evidence],
) -> None:
    """Identify the text a LICENSE_FILE evidence points at (a file, or a card section)."""
    text_file = snapshot.text(file.path)
    if text_file is None:
        return
    text, offset = text_file.text, 0
    if file.role is LicenseFileRole.README_SECTION and item.provenance.line:
        lines = text.splitlines()
        end = item.provenance.end_line or len(lines)
        offset = item.provenance.line - 1
        text = "\n".join(lines[offset:end])
    result = identify_text(text, path=file.path)
    if file.role is LicenseFileRole.README_SECTION:
        _linked(file, text, offset, uses)
    if result.matches:
        for match in result.matches:
            _matched(file, match, offset, uses, found)
        for outside in result.outside:
            if outside.kind in _BESIDE:
                _beside(file, outside, offset, uses, found)
    elif file.role is not LicenseFileRole.README_SECTION:
        candidates = ", ".join(f"{c.key} ({c.score:.2f})" for c in result.candidates[:3])
        closest = f"; closest: {candidates}" if candidates else ""
        looks = next((_looks_like(other) for other in result.unknown_licenses), "")
        message = f"{file.path}: license text not identified{looks}{closest}"
        _unidentified(item, file, message, uses, found)
    if any(match.modified for match in result.matches) and result.problem:
        found.append(
            Evidence(
                ProblemFact("license-modified", f"{file.path}: {result.problem}"),
                Provenance(path=file.path),
            )
        )


_BESIDE = (OutsideKind.RESTRICTION, OutsideKind.UNKNOWN_LICENSE)


def _looks_like(outside: OutsideText) -> str:
    """ "; it appears to be TITLE by PUBLISHER" for an unknown license (empty without a title)."""
    if not outside.title:
        return ""
    by = f" by {outside.publisher}" if outside.publisher else ""
    return f"; it appears to be {outside.title}{by}"


def _beside(
    file: LicenseFile,
    outside: OutsideText,
    offset: int,
    uses: list[LicenseUse],
    found: list[Evidence],
) -> None:
    """Text beside an identified license that sets terms of its own: a restricting addendum,
    or a license the catalogue does not know. Its terms are unknown (key None), so the
    identified license beside it does not speak for the file alone."""
    where = Provenance(
        path=file.path, line=outside.start_line + offset, end_line=outside.end_line + offset
    )
    if outside.kind is OutsideKind.RESTRICTION:
        code, what = "license-restricted", f"restriction beside {outside.beside}"
    else:
        code, what = "license-unknown", f"unknown license{_looks_like(outside)}"
    uses.append(
        LicenseUse(
            None,
            file.scope,
            LicenseSource.IDENTIFIED,
            f"{what}: {file.path}",
            where,
            None,
            via=_via(file),
        )
    )
    message = f"{file.path}: {what} ({outside.words} words, lines {where.line}-{where.end_line})"
    found.append(Evidence(ProblemFact(code, message), where))


def _linked(file: LicenseFile, text: str, offset: int, uses: list[LicenseUse]) -> None:
    """Links in a license section to a catalogued license's address: declared, like a
    sentence of prose (they may point at another model's terms, so they never outrank the
    card's metadata)."""
    for link in license_links(text, offset + 1):
        scope = link.scope or file.scope
        where = Provenance(path=file.path, line=link.line, url=link.url)
        open_ = None if is_policy(link.key) else is_open(link.key, scope)
        use = LicenseUse(
            link.key,
            scope,
            LicenseSource.DECLARED,
            f"link {link.url}",
            where,
            open_,
            via=str(DeclarationVia.PROSE),
        )
        if use not in uses:  # overlapping license sections read the same link once
            uses.append(use)


def _via(file: LicenseFile) -> str:
    role = str(file.role)
    return role if role in SUBORDINATE_VIAS else ""


def _unidentified(
    item: Evidence, file: LicenseFile, message: str, uses: list[LicenseUse], found: list[Evidence]
) -> None:
    """A license text we could not identify: its terms exist but are unknown."""
    found.append(Evidence(ProblemFact("license-unknown", message), item.provenance))
    uses.append(
        LicenseUse(
            None,
            file.scope,
            LicenseSource.IDENTIFIED,
            file.path,
            item.provenance,
            None,
            via=_via(file),
        )
    )


def _matched(
    file: LicenseFile,
    match: LicenseMatch,
    offset: int,
    uses: list[LicenseUse],
    found: list[Evidence],
) -> None:
    """One identified license. A modified copy is not the original: its key is withheld from
    the conclusion (its terms are unknown), and the evidence says which license it alters."""
    scope = file.scope
    where = Provenance(
        path=file.path, line=match.start_line + offset, end_line=match.end_line + offset
    )
    key = None if match.modified else match.key
    open_ = None if key is None or is_policy(key) else is_open(key, scope)
    raw = f"modified {match.key}: {file.path}" if match.modified else file.path
    uses.append(
        LicenseUse(
            key,
            scope,
            LicenseSource.IDENTIFIED,
            raw,
            where,
            open_,
            match.confidence,
            via=_via(file),
        )
    )
    identified = IdentifiedLicense(
        scope, match.key, round(match.confidence, 3), match.method, modified=match.modified
    )
    found.append(Evidence(identified, where, Status.VERIFIED))


def _resolve(item: Evidence, declared: DeclaredLicense, uses: list[LicenseUse]) -> None:
    """Resolve a declaration to license keys. A metadata value that names no known license
    (``other``, an unknown name) keeps a use with key None: terms exist but are not known."""
    via = str(declared.via)
    scope = declared.scope
    text = declared.text
    if via == RESTRICTION_VIA:  # terms stated in a sentence: not open, no license named
        source = LicenseSource.DECLARED
        uses.append(LicenseUse(None, scope, source, text, item.provenance, False, via=via))
        return
    keys = _declared_keys(text, via)
    if keys is None:
        uses.append(
            LicenseUse(None, scope, LicenseSource.DECLARED, text, item.provenance, None, via=via)
        )
        return
    for key in keys:
        open_ = None if is_policy(key) else is_open(key, scope)
        uses.append(
            LicenseUse(key, scope, LicenseSource.DECLARED, text, item.provenance, open_, via=via)
        )


def _declared_keys(value: str, via: str) -> tuple[str, ...] | None:
    """The keys a declaration names; None when it names terms we cannot resolve."""
    if via == "prose":
        statements = find_license_statements(value)
        keys = tuple(dict.fromkeys(key for item in statements for key in item.keys))
        return keys or resolve_declaration(value, via=via).keys
    resolution = resolve_declaration(value, via=via)
    if resolution.keys:
        return resolution.keys
    if via in _METADATA_VIA and resolution.status in ("unknown", "invalid", "other"):
        return None
    return ()


def _conflicts(uses: Sequence[LicenseUse]) -> tuple[LicenseConflict, ...]:
    """Scopes where the declared licenses and the identified ones share no key.

    Declarations count from the card's metadata, and from prose when they name terms that are
    not open (a restriction stated in a sentence is still a statement about this release).
    """
    conflicts = []
    for scope in (Scope.RELEASE, Scope.WEIGHTS):
        declared = [
            use
            for use in uses
            if use.scope is scope
            and use.source is LicenseSource.DECLARED
            and use.key
            and (use.via in _METADATA_VIA or use.open is False)
            and not is_policy(use.key)
        ]
        identified = [
            use
            for use in uses
            if use.scope in (scope, Scope.RELEASE)
            and use.source is LicenseSource.IDENTIFIED
            and use.key
            and use.via not in SUBORDINATE_VIAS
            and not is_policy(use.key)
        ]
        declared_keys = {use.key for use in declared if use.key}
        identified_keys = {use.key for use in identified if use.key}
        if declared_keys and identified_keys and not declared_keys & identified_keys:
            conflicts.append(
                LicenseConflict(
                    scope=scope,
                    declared=tuple(sorted(declared_keys)),
                    identified=tuple(sorted(identified_keys)),
                    declared_at=declared[0].provenance,
                    identified_at=identified[0].provenance,
                )
            )
    return tuple(conflicts)
