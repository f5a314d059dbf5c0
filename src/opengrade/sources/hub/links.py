"""What a Hub release names beyond itself: datasets and base models.

Pure functions over the card metadata (the Hub's parse, ``cardData``, or the card's own front
matter), the card's text and the Hub's JSON answers (refs, dataset info), and the base-model
walk over any reader; the network side lives in :mod:`opengrade.sources.hub`. Ids are kept as
written, validated for shape only (an id that cannot be a Hub id is dropped, never guessed at).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from opengrade.errors import SourceError
from opengrade.model import DatasetInfo, Problem, ReleaseSnapshot
from opengrade.model.release import ProblemCode
from opengrade.parsing.files import card_candidates

HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}/[\w.-]{1,96}$")
"""``org/name`` as the Hub spells repository ids."""

_DATASET_ID = re.compile(r"^(?:[A-Za-z0-9][\w.-]{0,95}/)?[A-Za-z0-9][\w.-]{0,95}$")
"""A dataset id: ``org/name``, or a bare ``name`` (the Hub's legacy canonical datasets)."""

_DATASET_LINK = re.compile(
    r"huggingface\.co/datasets/([A-Za-z0-9][\w.-]{0,95}(?:/[A-Za-z0-9][\w.-]{0,95})?)"
)


def looks_like_hub_id(target: str) -> bool:
    """True for ``org/name`` that is not an existing local path (the CLI's target resolution)."""
    if not HUB_ID.match(target) or ".." in target or target.endswith((".", "-")):
        return False
    return not Path(target).exists()


def _strings(value: object) -> list[str]:
    """A metadata value that is a string or a list of strings, as a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _clean_dataset_id(raw: str) -> str | None:
    cleaned = raw.strip().removeprefix("datasets/").removesuffix(".git").rstrip("/.")
    return cleaned if _DATASET_ID.match(cleaned) else None


def dataset_ids(
    card_data: Mapping[str, object] | None, card_text: str | None, *, limit: int = 32
) -> tuple[str, ...]:
    """Datasets a release names: ``datasets:`` metadata first, then Hub dataset links in the text.

    At most ``limit`` ids, in order of appearance, without duplicates.
    """
    found: list[str] = []
    for raw in _strings((card_data or {}).get("datasets")):
        cleaned = _clean_dataset_id(raw)
        if cleaned:
            found.append(cleaned)
    for match in _DATASET_LINK.finditer(card_text or ""):
        cleaned = _clean_dataset_id(match.group(1))
        if cleaned:
            found.append(cleaned)
    return _unique(found)[:limit]


def base_model_ids(card_data: Mapping[str, object] | None) -> tuple[str, ...]:
    """The ``base_model`` metadata (a string or a list) as Hub ids, in order, without duplicates."""
    found = []
    for raw in _strings((card_data or {}).get("base_model")):
        cleaned = raw.strip().removeprefix("https://huggingface.co/").rstrip("/")
        if HUB_ID.match(cleaned):
            found.append(cleaned)
    return _unique(found)


def card_text(snapshot: ReleaseSnapshot) -> str | None:
    """The text of the release's model card (README first), if it was read."""
    for path in card_candidates(text.path for text in snapshot.texts):
        card = snapshot.text(path)
        if card is not None:
            return card.text
    return None


def card_base_models(snapshot: ReleaseSnapshot) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``base_model`` ids of the snapshot's card front matter, and why none could be read."""
    from opengrade.parsing.front_matter import parse_front_matter  # the bounded card parser

    for path in card_candidates(text.path for text in snapshot.texts):
        card = snapshot.text(path)
        if card is None:
            continue
        front_matter = parse_front_matter(card.text, path)
        broken = tuple(
            f"{path}: {problem.message}; base models may be missing"
            for problem in front_matter.problems
            if "base_model" not in front_matter.fields
        )
        return base_model_ids(front_matter.fields), broken
    return (), ()


def ref_names(payload: object) -> tuple[str, ...]:
    """Branch and tag names from the Hub's ``/refs`` answer, sorted, without duplicates."""
    names: list[str] = []
    for group in ("branches", "tags"):
        entries = payload.get(group) if isinstance(payload, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                names.append(entry["name"])
    return tuple(sorted(set(names)))


def dataset_info(dataset_id: str, payload: object) -> DatasetInfo:
    """A dataset as the Hub's dataset info describes it: declared license, card, gating."""
    info = payload if isinstance(payload, dict) else {}
    card = info.get("cardData")
    licenses = _strings(card.get("license")) if isinstance(card, dict) else []
    siblings = info.get("siblings")
    names = {
        entry.get("rfilename")
        for entry in (siblings if isinstance(siblings, list) else [])
        if isinstance(entry, dict)
    }
    return DatasetInfo(
        dataset_id,
        found=True,
        license=" AND ".join(licenses) if licenses else None,
        has_card="README.md" in names,
        gated=bool(info.get("gated")),
    )


@dataclass(frozen=True, slots=True)
class BaseLink:
    """One release of a base-model chain, ``depth`` 0 being the release asked for."""

    repo_id: str
    depth: int
    snapshot: ReleaseSnapshot
    derived: str | None = None
    base_models: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BaseChain:
    """A release and its bases, breadth first; unreadable bases and cycles are problems."""

    links: tuple[BaseLink, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def snapshots(self) -> list[ReleaseSnapshot]:
        """The snapshots of the chain, the release asked for first."""
        return [link.snapshot for link in self.links]


BaseReader = Callable[[str], tuple[ReleaseSnapshot, tuple[str, ...]]]
"""Reads one repository: its snapshot and the ``base_model`` ids its card names."""


def walk_bases(start: str, read: BaseReader, max_depth: int) -> BaseChain:
    """``start`` and its ``base_model`` ancestors, breadth first, each read once, to ``max_depth``.

    Reading ``start`` may raise; a base that cannot be read is a ``base-unreadable`` problem, a
    base naming one of its own descendants a ``base-cycle``, one past the depth ``base-too-deep``.
    """
    first, first_bases = read(start)
    links = [BaseLink(start, 0, first, base_models=first_bases)]
    problems: list[Problem] = []
    seen = {start.lower()}
    queue: list[tuple[str, tuple[str, ...]]] = [(base, (start,)) for base in first_bases]
    while queue:
        repo_id, path = queue.pop(0)
        derived, depth = path[-1], len(path)
        if repo_id.lower() in {item.lower() for item in path}:
            message = f"{derived} names {repo_id}, which derives from it; the cycle is not followed"
            problems.append(Problem(ProblemCode.BASE_CYCLE, message))
            continue
        if repo_id.lower() in seen:
            continue  # a shared ancestor, already read
        if depth > max_depth:
            message = f"{repo_id} (base of {derived}) is beyond depth {max_depth}; not read"
            problems.append(Problem(ProblemCode.BASE_TOO_DEEP, message))
            continue
        seen.add(repo_id.lower())
        try:
            snapshot, bases = read(repo_id)
        except SourceError as error:
            problems.append(
                Problem(ProblemCode.BASE_UNREADABLE, f"{repo_id} (base of {derived}): {error}")
            )
            continue
        links.append(BaseLink(repo_id, depth, snapshot, derived, bases))
        queue.extend((parent, (*path, repo_id)) for parent in bases)
    return BaseChain(tuple(links), tuple(problems))
