"""Plain values an SPDX document records: its namespace, creation time, section texts and file
comments (no SPDX model objects here; :mod:`opengrade.bom.spdx` builds those)."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

from opengrade.bom.assessment import assessment_pairs
from opengrade.bom.context import BomInput
from opengrade.bom.facts import FileFact, ReleaseFacts, SectionFact


def document_uuid(bom_input: BomInput, facts: ReleaseFacts, reproducible: bool) -> uuid.UUID:
    """The document's UUID: derived from the content in reproducible mode, else injected or
    random."""
    if reproducible:
        content = repr((facts, assessment_pairs(bom_input), bom_input.tool_version))
        return uuid.uuid5(uuid.NAMESPACE_URL, "opengrade:spdx:" + content)
    if bom_input.serial:
        return uuid.UUID(bom_input.serial.removeprefix("urn:uuid:"))
    return uuid.uuid4()


def created(bom_input: BomInput, reproducible: bool) -> datetime:
    """The creation time: injected, else $SOURCE_DATE_EPOCH (or the epoch) when reproducible,
    else now."""
    if bom_input.timestamp is not None:
        return bom_input.timestamp.astimezone(UTC).replace(microsecond=0)
    if reproducible:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
        return datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 0, UTC)
    return datetime.now(UTC).replace(microsecond=0)


def section_texts(sections: tuple[SectionFact, ...], categories: set[str]) -> str | None:
    """The texts of the sections of ``categories``, joined; None when there are none."""
    texts = [item.text for item in sections if item.category in categories]
    return "\n\n".join(texts) if texts else None


def file_comment(fact: FileFact) -> str | None:
    """What a file element's comment says: listed only upstream, header not read."""
    notes = []
    if not fact.present:
        notes.append("opengrade:present=false: known only from the upstream file listing.")
    if fact.header_error:
        notes.append(f"opengrade:header-error={fact.header_error}: the header was not read.")
    return " ".join(notes) or None
