"""License names as people write them ("Apache 2.0", "Llama 3.1 Community License") -> keys.

Every catalogue key, name and alias is reduced to a canonical form (lowercase words, filler such
as "license", "agreement", "the", "version" dropped, "v1.0" and "1" made equal); a name resolves
when its canonical form is one of those.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from opengrade.licenses.catalog import all_terms

_TOKEN = re.compile(r"[a-z0-9+]+(?:\.[0-9]+)*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_FILLER = frozenset(
    {
        "the",
        "license",
        "licence",
        "licenses",
        "agreement",
        "version",
        "v",
        "terms",
        "of",
        "use",
        "a",
        "an",
        "public",
        "model",
        "spdx",
    }
)
_JOINED = (
    ("open rail", "openrail"),
    ("non commercial", "noncommercial"),
    ("share alike", "sharealike"),
    ("no derivatives", "noderivatives"),
    ("creative commons", "cc"),
    ("attribution", "by"),
    ("noncommercial", "nc"),
    ("sharealike", "sa"),
    ("noderivatives", "nd"),
    ("noderivs", "nd"),
)


def canonical(name: str) -> str:
    """The comparable form of a license name ("" when nothing is left)."""
    text = name.lower().replace("licence", "license").replace("_", " ")
    text = re.sub(r"(?<=[a-z])-(?=[0-9])", " ", text)
    tokens = []
    for token in _TOKEN.findall(text.replace("-", " ")):
        if token in _FILLER:
            continue
        if re.fullmatch(r"v[0-9]+(?:\.[0-9]+)*", token):
            token = token[1:]
        while re.fullmatch(r"[0-9]+(?:\.[0-9]+)*\.0", token):
            token = token[:-2]
        tokens.append(token)
    joined = " ".join(tokens)
    for words, word in _JOINED:
        joined = re.sub(rf"\b{words}\b", word, joined)
    return joined


@functools.cache
def name_table() -> Mapping[str, str]:
    """Canonical name -> key, over every key, name, alias and Hub tag of the catalogue."""
    table: dict[str, str] = {}
    entries = all_terms()
    for terms in entries:  # keys first: they win over another entry's alias
        table.setdefault(canonical(terms.key), terms.key)
    for terms in entries:
        for name in (terms.hub_tag or "", *terms.aliases, terms.name):
            if _CJK.search(name):
                continue  # its canonical form would lose the Chinese words (exact lookup only)
            form = canonical(name)
            if form:
                table.setdefault(form, terms.key)
    return table


def key_for_name(name: str) -> str | None:
    """The key a license name stands for, or None."""
    form = canonical(name)
    return name_table().get(form) if form else None
