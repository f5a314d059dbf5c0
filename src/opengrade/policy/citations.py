"""Evidence strings from a report (``README.md:15 [license_name]``, ``LICENSE:1-201``, a URL,
``model.gguf (listed, not read)``) read back as :class:`Provenance` values, so that every
policy result can point at a file and line."""

from __future__ import annotations

import re

from opengrade.model import Provenance

_CITATION = re.compile(
    r"^(?P<path>[^\s\[]+?)(?::(?P<line>\d+)(?:-(?P<end>\d+))?)?"
    r"(?: \[(?P<field>[^\]]+)\])?(?: \([^)]*\))?$"
)
_FIELD_ONLY = re.compile(r"^\[(?P<field>[^\]]+)\]$")


def citation(text: str) -> Provenance:
    """One evidence string as a provenance value (a URL, a field, or a path and lines)."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return Provenance(url=text)
    if match := _FIELD_ONLY.match(text):
        return Provenance(field=match["field"])
    if match := _CITATION.match(text):
        line = int(match["line"]) if match["line"] else None
        end = int(match["end"]) if match["end"] else None
        return Provenance(path=match["path"], line=line, end_line=end, field=match["field"])
    return Provenance(field=text)


def citations(texts: tuple[str, ...]) -> tuple[Provenance, ...]:
    """Several evidence strings as provenance values, in order."""
    return tuple(citation(text) for text in texts)
