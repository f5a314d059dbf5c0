"""The Hub's answers turned into snapshot parts: listed files, which to read as text, texts.

Pure functions over what :class:`~opengrade.sources.hub.HubSource` fetched; no network here.
"""

from __future__ import annotations

import dataclasses
import hashlib

from opengrade.model import FileKind, Problem, ReleaseFile, TextFile
from opengrade.model.release import ProblemCode
from opengrade.sources.local import TEXT_KINDS, TEXT_SUFFIXES
from opengrade.sources.textread import decode


@dataclasses.dataclass(frozen=True, slots=True)
class TextRead:
    """A small file read from the Hub, with the SHA-256 of its bytes when read whole."""

    text: TextFile
    sha256: str | None


def wants_text(item: ReleaseFile) -> bool:
    """Whether ``item`` is read as text (the local source's kinds and suffixes; no dot files)."""
    if item.kind is FileKind.WEIGHTS or item.path.startswith("."):
        return False
    return item.kind in TEXT_KINDS or item.path.lower().endswith(TEXT_SUFFIXES.get(item.kind, ()))


def text_read(
    item: ReleaseFile, data: bytes, more: bool, bound: int
) -> tuple[TextRead | None, list[Problem]]:
    """``data`` (the file's first ``bound`` bytes; ``more`` when it is larger) as a text."""
    decoded = decode(data, truncated=more)
    problems = []
    if decoded.text is None:
        message = "binary content where text was expected; not read"
        return None, [Problem(ProblemCode.BINARY_FILE, message, item.path)]
    if more:
        message = f"larger than the {bound:,}-byte text bound; only the beginning was read"
        problems.append(Problem(ProblemCode.TOO_LARGE, message, item.path))
    if decoded.guessed:
        message = "not valid UTF-8 and no byte-order mark; decoded as latin-1"
        problems.append(Problem(ProblemCode.ENCODING_GUESSED, message, item.path))
    text = TextFile(item.path, decoded.text, decoded.truncated, decoded.encoding)
    digest = None if more else hashlib.sha256(data).hexdigest()
    return TextRead(text, digest), problems


def with_text_digests(files: list[ReleaseFile], reads: list[TextRead]) -> list[ReleaseFile]:
    """Give files read whole the SHA-256 of their bytes (the Hub lists hashes for LFS only)."""
    digests = {read.text.path: read.sha256 for read in reads if read.sha256}
    return [
        dataclasses.replace(item, sha256=digests[item.path])
        if item.sha256 is None and item.path in digests
        else item
        for item in files
    ]


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """``problems`` in a stable order: by path, code, message."""
    return sorted(problems, key=lambda item: (item.path or "", item.code, item.message))
