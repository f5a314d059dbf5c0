"""License values: what a text was identified as, and the terms a license key carries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


def is_policy_key(key: str) -> bool:
    """True for an acceptable-use or prohibited-use policy, which accompanies a license
    (``llama3.1-acceptable-use-policy``, ``gemma-prohibited-use-policy``) rather than being one."""
    return key.endswith("use-policy")


class LicenseCategory(StrEnum):
    """The broad family a license belongs to, by what it lets a recipient do."""

    PERMISSIVE = "permissive"
    COPYLEFT = "copyleft"
    OPEN_DATA = "open-data"
    OPEN_CONTENT = "open-content"
    NO_DERIVATIVES = "no-derivatives"
    RAIL = "rail"
    COMMUNITY_RESTRICTED = "community-restricted"
    NON_COMMERCIAL = "non-commercial"
    RESEARCH_ONLY = "research-only"
    PROPRIETARY = "proprietary"


class MatchMethod(StrEnum):
    """How a license was recognised in a text."""

    EXACT = "exact"
    SIMILARITY = "similarity"
    NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class LicenseMatch:
    """One license found in a text, with its 1-based inclusive line span.

    ``inserted_words`` counts the words inside the span that the reference does not have
    (added or changed wording). ``modified`` is True when the text changes the license: enough
    such words, or added wording inside the span that restricts use; text outside the span is
    never a modification (see ``OutsideText``). A modified match is not the original license.
    """

    key: str
    confidence: float
    start_line: int
    end_line: int
    method: str
    inserted_words: int = 0
    modified: bool = False


@dataclass(frozen=True, slots=True)
class LicenseCandidate:
    """A license the text resembles without being identified as it."""

    key: str
    score: float


class OutsideKind(StrEnum):
    """What a stretch of text outside every identified license is."""

    UNKNOWN_LICENSE = "unknown-license"  # a license text the catalogue does not know
    RESTRICTION = "restriction"  # an addendum that restricts use, beside a license
    NOTICE = "notice"  # a preamble, notice, pointer, disclaimer or scope note
    JUNK = "junk"  # markup, code, binary residue: not prose


@dataclass(frozen=True, slots=True)
class OutsideText:
    """Text outside every identified license, with its 1-based inclusive lines.

    An unknown license says what it appears to be (``title``, ``publisher``, when found);
    its ``key`` is ``unknown``. ``beside`` is the key of the identified license the text
    accompanies (the one before it, else the first), if any.
    """

    kind: OutsideKind
    start_line: int
    end_line: int
    words: int
    title: str | None = None
    publisher: str | None = None
    beside: str | None = None

    @property
    def key(self) -> str | None:
        """``unknown`` for a license text the catalogue does not know; else None."""
        return "unknown" if self.kind is OutsideKind.UNKNOWN_LICENSE else None


@dataclass(frozen=True, slots=True)
class LicenseIdentification:
    """The licenses found in one text. ``matches`` is empty when no known license is found.

    ``unexplained_words`` counts the words outside every match span, not counting copyright
    lines, blank lines and short title lines (all the words of an unknown text). ``outside``
    says what that text is: an unknown license, a restriction beside a license, a notice or
    junk.
    """

    path: str
    matches: tuple[LicenseMatch, ...]
    candidates: tuple[LicenseCandidate, ...] = ()
    problem: str | None = None
    unexplained_words: int = 0
    outside: tuple[OutsideText, ...] = ()

    @property
    def restrictions(self) -> tuple[OutsideText, ...]:
        """Restricting addenda found beside the identified licenses."""
        return tuple(item for item in self.outside if item.kind is OutsideKind.RESTRICTION)

    @property
    def unknown_licenses(self) -> tuple[OutsideText, ...]:
        """License texts the catalogue does not know."""
        return tuple(item for item in self.outside if item.kind is OutsideKind.UNKNOWN_LICENSE)

    @property
    def keys(self) -> tuple[str, ...]:
        """The identified keys in the order they appear in the text."""
        return tuple(match.key for match in self.matches)


@dataclass(frozen=True, slots=True)
class LicenseTerms:
    """What one license allows and demands, each fact traceable to a clause in ``sources``."""

    key: str
    name: str
    category: LicenseCategory
    spdx_id: str | None = None
    osi_approved: bool | None = None
    fsf_libre: bool | None = None
    commercial_use: bool | None = None
    use_restrictions: bool | None = None
    acceptable_use_policy: str | None = None
    user_threshold: str | None = None
    field_of_use: str | None = None
    attribution: str | None = None
    naming_requirement: str | None = None
    share_alike: bool | None = None
    osd_conformant: bool | None = None
    osd_breaking_clause: str | None = None
    charges_for_use: str | None = None
    mof_types: frozenset[str] = frozenset()
    sources: Mapping[str, str] = field(default_factory=dict)
    hub_tag: str | None = None
    aliases: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    notes: str | None = None
