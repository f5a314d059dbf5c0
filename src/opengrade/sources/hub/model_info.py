"""The Hub's model info (``/api/models/{id}``), parsed once into a typed value.

The same answer shape appears as the ``listing.json`` a local copy of a Hub release may carry:
:func:`upstream_files` reads its ``siblings`` for both. No network here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from opengrade.model import Problem, ReleaseFile
from opengrade.model.release import ProblemCode
from opengrade.parsing.files import classify
from opengrade.sources.hub.errors import HubResponseError


@dataclass(frozen=True, slots=True)
class HubModelInfo:
    """What the Hub says about a model repository at one commit.

    ``files`` are the listed files (all present: the repository is the release), ``problems``
    the entries that could not be used, ``card_data`` the Hub's parse of the card metadata
    (None when it has none), ``gated`` its access-gating flag.
    """

    repo_id: str
    commit: str
    files: tuple[ReleaseFile, ...]
    problems: tuple[Problem, ...] = ()
    card_data: Mapping[str, object] | None = field(default=None, hash=False)
    gated: bool = False


def parse_model_info(repo_id: str, payload: object) -> HubModelInfo:
    """The typed model info; :class:`HubResponseError` when the answer has no file list or
    names no commit."""
    if not isinstance(payload, dict) or not isinstance(payload.get("siblings"), list):
        raise HubResponseError(f"The Hub's info for {repo_id} has no file list.")
    commit = payload.get("sha")
    if not isinstance(commit, str) or not commit:
        raise HubResponseError(f"The Hub's answer for {repo_id} names no commit.")
    listed, malformed = upstream_files(payload["siblings"], set())
    problems = []
    if malformed:
        message = f"{malformed} Hub file entries have no usable path; skipped"
        problems.append(Problem(ProblemCode.LISTING_INVALID, message))
    if not listed:
        problems.append(Problem(ProblemCode.EMPTY_RELEASE, "the Hub repository lists no files"))
    card_data = payload.get("cardData")
    return HubModelInfo(
        repo_id=repo_id,
        commit=commit,
        files=tuple(ReleaseFile(f.path, f.size, f.kind, sha256=f.sha256) for f in listed),
        problems=tuple(problems),
        card_data=card_data if isinstance(card_data, dict) else None,
        gated=bool(payload.get("gated")),
    )


def _sibling_path(entry: Mapping[str, object]) -> str | None:
    """The relative posix path a Hub sibling names, or None when it is missing or unsafe."""
    raw = entry.get("rfilename", entry.get("path"))
    if not isinstance(raw, str):
        return None
    pure = PurePosixPath(raw.removeprefix("./"))
    if not pure.parts or pure.is_absolute() or ".." in pure.parts:
        return None
    return pure.as_posix()


def _sibling_size_and_hash(entry: Mapping[str, object]) -> tuple[int | None, str | None]:
    lfs = entry.get("lfs")
    lfs = lfs if isinstance(lfs, dict) else {}
    size = lfs.get("size", entry.get("size"))
    digest = lfs.get("sha256", lfs.get("oid"))
    if isinstance(digest, str):
        digest = digest.removeprefix("sha256:")
    return (
        size if isinstance(size, int) and not isinstance(size, bool) and size >= 0 else None,
        digest if isinstance(digest, str) and digest else None,
    )


def upstream_files(
    siblings: Iterable[object], present: AbstractSet[str]
) -> tuple[list[ReleaseFile], int]:
    """Files an upstream listing (the Hub API's ``siblings``) names that are not ``present``.

    A present ``a__b.json`` stands for the upstream ``a/b.json`` (sub-folders flattened), so it
    is not added again. Returns the absent files (``present=False``) and how many entries were
    malformed and skipped.
    """
    found: dict[str, ReleaseFile] = {}
    malformed = 0
    for entry in siblings:
        if not isinstance(entry, dict):
            malformed += 1
            continue
        path = _sibling_path(entry)
        if path is None:
            malformed += 1
            continue
        if path in present or path.replace("/", "__") in present or path in found:
            continue
        size, digest = _sibling_size_and_hash(entry)
        found[path] = ReleaseFile(path, size, classify(path), sha256=digest, present=False)
    return list(found.values()), malformed
