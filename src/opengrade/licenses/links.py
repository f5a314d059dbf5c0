"""Links in a card's license section that point at a catalogued license's published text.

"The license for this model can be found [here](https://coqui.ai/cpml)" names the Coqui Public
Model License by its address alone. A link (markdown or bare URL) counts only when its address
is one the catalogue lists for a license (``urls``), or a Creative Commons deed: a link to any
other page, or to a file of some repository, names nothing. Within its sentence:

- words before the link that name only code give it the code scope ("The code ... under
  [Apache-2.0](...)"); otherwise it takes the section's scope (a link never speaks for the
  weights alone, so it cannot hide what the card's metadata says for the release);
- a sentence about another license ("the article about ...", "on which our license is based")
  declares nothing;
- an open license linked beside a license-like document opengrade cannot resolve ("requires
  adherence to [the CodeShell License Agreement](pdf) and [Apache 2.0](...)") is left out: the
  terms are not only that open license. A restrictive one is kept (it is never hidden).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from opengrade.licenses.catalog import open_in_any_sense
from opengrade.licenses.declarations import ResolutionStatus, resolve_link
from opengrade.model import Scope

_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{0,300})\]\((https?://[^)\s]{1,1000}|[^)\s:]{1,300})\)")
_BARE_URL = re.compile(r"(?<![(\w/])https?://[^\s)\]>\"'`*<]{4,1000}")
_TRAILING = ".,;:"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[])|(?<=[。！？])")
_ABOUT_OTHERS = re.compile(
    r"\barticle\b|\bblog\b|\bbased on\b|\badapted from\b|\binspired by\b|\bderived from\b",
    re.IGNORECASE,
)
_LICENSE_LIKE = re.compile(r"licen[cs]e|agreement|terms|许可|协议", re.IGNORECASE)
_CODE_WORDS = re.compile(r"\bcode\b|\bsoftware\b|\bscripts?\b|代码", re.IGNORECASE)
_WEIGHTS_WORDS = re.compile(r"\bweights?\b|\bmodels?\b|\bcheckpoints?\b|权重|模型", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LicenseLink:
    """A link naming a catalogued license: its key, the address, its 1-based line, and the
    scope its sentence gives (code, or None: the section's)."""

    key: str
    url: str
    line: int
    scope: Scope | None = None


def license_links(text: str, first_line: int = 1) -> list[LicenseLink]:
    """Every link of ``text`` whose address is a catalogued license's, in text order (one per
    key and line)."""
    found: list[LicenseLink] = []
    seen: set[tuple[str, int]] = set()
    for number, line in enumerate(text.splitlines(), start=first_line):
        for sentence in _SENTENCE_END.split(line):
            for link in _sentence_links(sentence, number):
                if (link.key, number) not in seen:
                    seen.add((link.key, number))
                    found.append(link)
    return found


def _sentence_links(sentence: str, line: int) -> list[LicenseLink]:
    if _ABOUT_OTHERS.search(sentence):
        return []
    named: list[tuple[str, str, int]] = []  # key, url, position
    unresolved = False
    links = [(m.group(1), m.group(2), m.start()) for m in _MARKDOWN_LINK.finditer(sentence)]
    links += [("", m.group(0), m.start()) for m in _BARE_URL.finditer(sentence)]
    for label, address, position in links:
        url = address.rstrip(_TRAILING)
        resolution = resolve_link(url) if "://" in url else None
        if resolution is None or resolution.status != ResolutionStatus.RESOLVED:
            unresolved = unresolved or bool(_LICENSE_LIKE.search(f"{label} {url}"))
            continue
        named += [(key, url, position) for key in resolution.keys]
    if unresolved:
        named = [item for item in named if open_in_any_sense(item[0]) is False]
    return [
        LicenseLink(key, url, line, _scope(sentence[:position])) for key, url, position in named
    ]


def _scope(before: str) -> Scope | None:
    """Code when the words before a link name code and not the model; else None."""
    code, weights = bool(_CODE_WORDS.search(before)), bool(_WEIGHTS_WORDS.search(before))
    return Scope.CODE if code and not weights else None
