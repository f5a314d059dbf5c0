"""The card's links as a BOM records them: the release's own, and the data sources its
training-data sections cite.

A link inside a training-data section (decided once by :mod:`opengrade.evidence.facts`)
describes a data source, never the model's own code or paper. It goes to the dataset it names:
the dataset whose name's last part matches the link's repository or last path segment, or, for
a row of links, the one dataset any link of that line matches. A data-source link that names
no listed dataset stays a data source (the formats type it ``other``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from opengrade.model.evidence import payloads
from opengrade.model.evidence_payloads import Link as LinkPayload
from opengrade.model.facts import DerivedFacts
from opengrade.parsing.code_hosts import CODE_HOSTS

_HOST = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)*[^\W_](?:[\w-]*[^\W_])?$|^\[[0-9a-fA-F:.]+\]$")

Link = tuple[str, str]
"""(link kind, absolute URL)."""


@dataclass(frozen=True, slots=True)
class CardLinks:
    """The release's own links, the data-source links by dataset name, and the data-source
    links that name no listed dataset. Each sorted and unique."""

    release: tuple[Link, ...]
    by_dataset: dict[str, tuple[Link, ...]]
    data_sources: tuple[Link, ...]


def as_url(value: str) -> str | None:
    """An absolute http(s) URL for a link value: arXiv ids and DOIs become URLs; anything that
    is not a well-formed http(s) URL (placeholders such as ``http://$HOST:$PORT``) is None."""
    text = value.strip()
    lowered = text.lower()
    if lowered.startswith("arxiv:"):
        text = f"https://arxiv.org/abs/{text[6:].strip()}"
    elif lowered.startswith("doi:"):
        text = f"https://doi.org/{text[4:].strip()}"
    if any(character.isspace() or character in '<>"{}|\\^`' for character in text):
        return None
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError:
        return None
    host = parts.netloc.rsplit("@", 1)[-1]
    host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if parts.scheme.lower() not in {"http", "https"} or not _HOST.match(host):
        return None
    return text


def _url_of(link: LinkPayload) -> str | None:
    return as_url(link.url) if link.url is not None else as_url(link.target)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _url_names(url: str) -> set[str]:
    """Names a URL may give a dataset by: its last path segment, and on a code host the
    repository name."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    names = set(segments[-1:])
    if parts.hostname in CODE_HOSTS and len(segments) >= 2:
        names.add(segments[1])
    return {squashed for squashed in map(_squash, names) if squashed}


def _matching(url: str, keys: dict[str, str]) -> set[str]:
    return {keys[name] for name in _url_names(url) if name in keys}


def card_links(facts: DerivedFacts, dataset_names: Iterable[str]) -> CardLinks:
    """The release's links and the data sources it cites, as the evidence layer split them
    (:attr:`DerivedFacts.release_links`, :attr:`DerivedFacts.data_source_links`)."""
    keys: dict[str, str] = {}  # squashed last name part -> dataset ("" when two share it)
    for name in dataset_names:
        key = _squash(name.rsplit("/", 1)[-1])
        if key:
            keys[key] = "" if key in keys else name
    release: set[Link] = set()
    by_line: dict[tuple[str | None, int | None], list[Link]] = {}
    for found, _ in payloads(facts.release_links, LinkPayload):
        url = _url_of(found)
        if url is not None:
            release.add((str(found.kind), url))
    for found, item in payloads(facts.data_source_links, LinkPayload):
        url = _url_of(found)
        if url is not None:
            where = item.provenance
            by_line.setdefault((where.path, where.line), []).append((str(found.kind), url))
    by_dataset: dict[str, set[Link]] = {}
    unmatched: set[Link] = set()
    for line_links in by_line.values():
        matches = {link: _matching(link[1], keys) - {""} for link in line_links}
        on_line = {name for names in matches.values() for name in names}
        for link, own in matches.items():
            names = own or on_line
            if len(names) == 1:
                by_dataset.setdefault(names.pop(), set()).add(link)
            else:
                unmatched.add(link)
    return CardLinks(
        release=tuple(sorted(release)),
        by_dataset={name: tuple(sorted(links)) for name, links in sorted(by_dataset.items())},
        data_sources=tuple(sorted(unmatched)),
    )
