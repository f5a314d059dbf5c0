"""Links in a card's license section that point at a catalogued license's published text.

"The license for this model can be found [here](https://coqui.ai/cpml)" names the Coqui Public
Model License by its address alone. A link (markdown or bare URL) counts only when its address
is one the catalogue lists for a license (``urls``), or a Creative Commons deed: a link to any
other page, or to a file of some repository, names nothing. The link's text is not needed; a
text that names a license is read by the statement rules instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from opengrade.licenses.declarations import ResolutionStatus, resolve_link

_MARKDOWN_LINK = re.compile(r"\[[^\]\n]{0,300}\]\((https?://[^)\s]{1,1000})\)")
_BARE_URL = re.compile(r"(?<![(\w/])https?://[^\s)\]>\"'`*<]{4,1000}")
_TRAILING = ".,;:"


@dataclass(frozen=True, slots=True)
class LicenseLink:
    """A link naming a catalogued license: its key, the address, and its 1-based line."""

    key: str
    url: str
    line: int


def license_links(text: str, first_line: int = 1) -> list[LicenseLink]:
    """Every link of ``text`` whose address is a catalogued license's, in text order (one per
    key and line)."""
    found: list[LicenseLink] = []
    seen: set[tuple[str, int]] = set()
    for number, line in enumerate(text.splitlines(), start=first_line):
        addresses = _MARKDOWN_LINK.findall(line) + _BARE_URL.findall(line)
        for address in addresses:
            url = address.rstrip(_TRAILING)
            resolution = resolve_link(url)
            if resolution.status != ResolutionStatus.RESOLVED:
                continue
            for key in resolution.keys:
                if (key, number) not in seen:
                    seen.add((key, number))
                    found.append(LicenseLink(key, url, number))
    return found
