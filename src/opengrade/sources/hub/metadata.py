"""The metadata tier: a release graded from its entry in the Hub's listing, with no request of
its own.

The listing gives the commit, the Hub's parse of the card's YAML metadata (``cardData``), the
listed file names, the gating flag and the tags; it does not give the card's body, the texts of
license files, configs, or weights headers. The snapshot holds the card metadata as a rebuilt
front matter (``README.md``: the Hub's ``cardData`` written back one ``"key": JSON`` line per
key; line numbers are those of the rebuilt text, not of the published card), every listed file
as present but unread, and a ``metadata-only`` problem saying what reading the files would add.
When the entry has no ``cardData``, its ``license:`` tags stand in for the card's license.
"""

from __future__ import annotations

import json
from typing import Any

from opengrade.model import (
    FileKind,
    Problem,
    ProblemCode,
    ReleaseFile,
    ReleaseSnapshot,
    SourceKind,
    TextFile,
)
from opengrade.parsing.files import classify
from opengrade.sources.hub.listing_entry import HubListingEntry
from opengrade.sources.interface import Source

METADATA_ONLY = ProblemCode.METADATA_ONLY
"""The problem code every metadata-tier snapshot carries (reports show it as evidence)."""

CARD = "README.md"
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)  # parsed JSON: no cycles
_UNREAD_KINDS = {
    FileKind.LICENSE: "license file",
    FileKind.NOTICE: "notice",
    FileKind.USE_POLICY: "use policy",
    FileKind.CONFIG: "config",
    FileKind.WEIGHTS: "weights file",
}


class ListingEntrySource(Source):
    """A release read from its listing entry only (see the module docstring)."""

    def __init__(self, entry: HubListingEntry, *, endpoint: str) -> None:
        self.entry, self.endpoint = entry, endpoint.rstrip("/")

    def read(self) -> ReleaseSnapshot:
        entry = self.entry
        files = [ReleaseFile(path, None, classify(path)) for path in sorted(set(entry.files))]
        card_data = _card_metadata(entry)
        texts: tuple[TextFile, ...] = ()
        if card_data:
            texts = (TextFile(CARD, _front_matter(card_data), metadata=card_data),)
            if not any(item.path == CARD for item in files):
                files.append(ReleaseFile(CARD, None, FileKind.CARD))
        problems = [Problem(METADATA_ONLY, unread_message(entry, files))]
        if not entry.files_listed:
            problems.append(Problem(ProblemCode.LISTING_INVALID, "the listing gave no file list"))
        return ReleaseSnapshot(
            id=entry.repo_id,
            source=SourceKind.HUB,
            location=f"{self.endpoint}/{entry.repo_id}/tree/{entry.commit}",
            files=tuple(sorted(files, key=lambda item: item.path)),
            texts=texts,
            problems=tuple(problems),
            revision=entry.commit,
            gated=entry.gated is not None,
        )


def _card_metadata(entry: HubListingEntry) -> dict[str, Any]:
    """The card's metadata: ``cardData``, else the license the Hub's ``license:`` tags give."""
    if entry.card_data:
        return dict(entry.card_data)
    licenses = [tag.removeprefix("license:") for tag in entry.tags if tag.startswith("license:")]
    if not licenses:
        return {}
    return {"license": licenses[0] if len(licenses) == 1 else licenses}


def _front_matter(card_data: dict[str, Any]) -> str:
    """The metadata as front matter: one ``"key": JSON`` line per key (valid YAML, read back
    exactly as the Hub parsed it)."""
    encode = _ENCODER.encode  # json.dumps(..., ensure_ascii=False) without a new encoder each
    lines = [f"{encode(str(key))}: {encode(value)}" for key, value in card_data.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def unread_message(entry: HubListingEntry, files: list[ReleaseFile]) -> str:
    """What the metadata tier did not read, and what the files tier would add."""
    unread = [
        f"{len(paths)} {_UNREAD_KINDS[kind]}{'s' if len(paths) > 1 else ''}"
        f" ({', '.join(paths[:3])}{', ...' if len(paths) > 3 else ''})"
        for kind in _UNREAD_KINDS
        if (paths := [item.path for item in files if item.kind is kind])
    ]
    read = "the card's metadata (the Hub's cardData)" if entry.card_data else "the license tags"
    message = (
        f"metadata-only grade from the Hub's listing: {read}, file names, gating and tags. "
        "Not read: the card's body (prose licenses, sections, claims, links)"
    )
    if unread:
        message += ", " + ", ".join(unread)
    return message + (
        "; license texts were not identified and parameters not counted. "
        "Scan with --depth files (or auto) to read them."
    )
