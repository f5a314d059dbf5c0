"""A release read from a local directory laid out like a Hugging Face repository.

Conventions:

- The snapshot ``id`` is the directory name, except that ``org__name`` (the corpus's way of
  storing Hub repositories) becomes the Hub id ``org/name``.
- VCS and tool metadata directories (``.git``, ``.hg``, ``.svn``, ``.bzr``,
  ``.cache/huggingface``) are not part of a release and are skipped; other hidden files and
  folders (``.idea/``, ``.github/``, ``.gitattributes``) are listed as ``other``.
- A symlink is followed only when its target stays inside the directory (or inside the
  ``blobs/`` folder of a Hugging Face cache when the directory is a cache snapshot). Any other
  symlink is not listed and gives the problem ``symlink-outside``. A symlinked folder inside is
  not followed (its files are listed under their real path); FIFOs, sockets and devices are
  skipped unopened.
- A root ``listing.json`` in the Hub API's ``siblings`` shape adds the upstream files that are not
  here as ``present=False``. A local ``a__b.json`` stands for the upstream ``a/b.json`` (the
  corpus flattens sub-folders that way), so it is not counted twice.

The directory walk and its symlink policy are :mod:`opengrade.sources.local_walk`.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from opengrade.errors import ReleaseNotFound, ReleaseUnreadable
from opengrade.model import (
    FileKind,
    Problem,
    ReleaseFile,
    ReleaseSnapshot,
    SourceKind,
    TextFile,
    WeightHeader,
)
from opengrade.model.release import ProblemCode
from opengrade.parsing.files import classify
from opengrade.sources.hub.model_info import upstream_files
from opengrade.sources.interface import Source
from opengrade.sources.local_walk import walk_release
from opengrade.sources.textread import (
    LFS_POINTER_MAX_BYTES,
    decode,
    parse_lfs_pointer,
    read_prefix,
)
from opengrade.sources.weights import HeaderError, read_gguf_header, read_safetensors_header

logger = logging.getLogger(__name__)

TEXT_KINDS = frozenset(
    {FileKind.CARD, FileKind.LICENSE, FileKind.NOTICE, FileKind.USE_POLICY, FileKind.LISTING}
)
TEXT_SUFFIXES = {
    FileKind.CONFIG: (".json", ".yaml", ".yml"),
    FileKind.DOCUMENT: (".md", ".txt", ".rst", ".markdown"),
    FileKind.CODE: (".py",),
}
"""Kinds read only for these suffixes (a CONFIG ``.toml`` or CODE ``.cu`` is listed, not read)."""


def hub_id_from_name(name: str) -> str:
    """``org__name`` → ``org/name``; any other directory name is returned unchanged."""
    organisation, separator, model = name.partition("__")
    return f"{organisation}/{model}" if separator and organisation and model else name


class LocalDirSource(Source):
    """Reads a release directory: every file with its size, small texts, weights headers."""

    def __init__(
        self,
        path: Path,
        *,
        max_text_bytes: int = 1_048_576,
        max_header_bytes: int = 100 * 1024 * 1024,
    ) -> None:
        self.path = Path(path)
        self.max_text_bytes = max_text_bytes
        self.max_header_bytes = max_header_bytes

    def read(self) -> ReleaseSnapshot:
        """Read the directory; ReleaseNotFound / ReleaseUnreadable when there is no release."""
        root = self._root()
        walk = walk_release(root)
        if not walk.files and not walk.problems:
            what = "holds no readable files" if walk.skipped else "is an empty directory"
            raise ReleaseUnreadable(
                f"{self.path} {what}: there is no release to inspect. "
                "Point opengrade at a directory holding a model's files."
            )
        files: list[ReleaseFile] = []
        texts: list[TextFile] = []
        headers: list[WeightHeader] = []
        problems = walk.problems
        for relative, absolute in sorted(walk.files.items()):
            release_file, text = self._read_file(relative, absolute, problems)
            if release_file is None:
                continue
            files.append(release_file)
            if text is not None:
                texts.append(text)
            if release_file.kind is FileKind.WEIGHTS and not release_file.lfs_pointer:
                header = self._read_header(release_file, absolute, problems)
                if header is not None:
                    headers.append(header)
        files = self._add_listing(files, texts, problems)
        return ReleaseSnapshot(
            id=hub_id_from_name(root.name),
            source=SourceKind.LOCAL,
            location=str(root),
            files=tuple(sorted(files, key=lambda item: item.path)),
            texts=tuple(texts),
            headers=tuple(headers),
            problems=tuple(sorted(problems, key=lambda item: (item.path or "", item.code))),
        )

    def _root(self) -> Path:
        path = self.path
        if not path.exists() and not path.is_symlink():
            raise ReleaseNotFound(
                f"{path} does not exist. Check the path, or pass a Hugging Face Hub id (org/name)."
            )
        if not path.is_dir():
            raise ReleaseUnreadable(
                f"{path} is not a directory. Pass the directory that holds the release's files."
            )
        try:
            with os.scandir(path):
                pass
        except OSError as error:
            raise ReleaseUnreadable(
                f"{path} cannot be listed ({error.strerror}). Check its permissions."
            ) from None
        return path.resolve()

    def _read_file(
        self, relative: str, absolute: Path, problems: list[Problem]
    ) -> tuple[ReleaseFile | None, TextFile | None]:
        """The file's listing entry and, for text kinds, its decoded text (bounded)."""
        kind = classify(relative)
        try:
            size = absolute.stat().st_size
        except OSError as error:
            problems.append(
                Problem(ProblemCode.UNREADABLE, f"cannot stat: {error.strerror}", relative)
            )
            return None, None
        wants_text = kind in TEXT_KINDS or relative.lower().endswith(TEXT_SUFFIXES.get(kind, ()))
        if not wants_text and size > LFS_POINTER_MAX_BYTES:
            return ReleaseFile(relative, size, kind), None
        try:
            data, more = read_prefix(absolute, self.max_text_bytes)
        except OSError as error:
            problems.append(
                Problem(ProblemCode.UNREADABLE, f"cannot read: {error.strerror}", relative)
            )
            return ReleaseFile(relative, size, kind), None
        pointer = parse_lfs_pointer(data) if not more else None
        if pointer is not None:
            release_file = ReleaseFile(relative, pointer.size, kind, pointer.sha256, True, True)
            return release_file, None
        if not wants_text:
            return ReleaseFile(relative, size, kind), None
        return ReleaseFile(relative, size, kind), self._text(relative, data, more, problems)

    def _text(
        self, relative: str, data: bytes, more: bool, problems: list[Problem]
    ) -> TextFile | None:
        decoded = decode(data, truncated=more)
        if decoded.text is None:
            problems.append(
                Problem(
                    ProblemCode.BINARY_FILE,
                    "binary content where text was expected; not read",
                    relative,
                )
            )
            return None
        if more:
            problems.append(
                Problem(
                    ProblemCode.TOO_LARGE,
                    f"larger than the {self.max_text_bytes:,}-byte text bound; "
                    "only the beginning was read",
                    relative,
                )
            )
        if decoded.guessed:
            problems.append(
                Problem(
                    ProblemCode.ENCODING_GUESSED,
                    "not valid UTF-8 and no byte-order mark; decoded as latin-1",
                    relative,
                )
            )
        return TextFile(relative, decoded.text, decoded.truncated, decoded.encoding)

    def _read_header(
        self, release_file: ReleaseFile, absolute: Path, problems: list[Problem]
    ) -> WeightHeader | None:
        suffix = absolute.suffix.lower()
        if suffix not in (".safetensors", ".gguf") or release_file.size is None:
            return None
        size, path, bound = release_file.size, release_file.path, self.max_header_bytes
        try:
            with absolute.open("rb") as stream:

                def read(offset: int, length: int) -> bytes:
                    stream.seek(offset)
                    return stream.read(length)

                if suffix == ".gguf":
                    return read_gguf_header(read, size, path=path, max_bytes=bound)
                return read_safetensors_header(read, size, path=path, max_header_bytes=bound)
        except HeaderError as error:
            problems.append(Problem(error.code, f"weights header: {error}", path))
        except OSError as error:
            problems.append(Problem(ProblemCode.UNREADABLE, f"cannot read: {error.strerror}", path))
        return None

    def _add_listing(
        self, files: list[ReleaseFile], texts: list[TextFile], problems: list[Problem]
    ) -> list[ReleaseFile]:
        """Add the files a root ``listing.json`` names; demote a listing of another shape."""
        listing = next((text for text in texts if classify(text.path) is FileKind.LISTING), None)
        if listing is None:
            return files
        try:
            document = json.loads(listing.text)
        except json.JSONDecodeError as error:
            problems.append(
                Problem(
                    ProblemCode.JSON_INVALID, f"listing is not valid JSON: {error}", listing.path
                )
            )
            return files
        except RecursionError:
            message = "listing JSON is nested too deeply to read"
            problems.append(Problem(ProblemCode.JSON_INVALID, message, listing.path))
            return files
        siblings = document.get("siblings") if isinstance(document, dict) else None
        if not isinstance(siblings, list):
            logger.debug("%s has no siblings list; treated as data", listing.path)
            return [
                ReleaseFile(item.path, item.size, FileKind.DATA)
                if item.path == listing.path
                else item
                for item in files
            ]
        upstream, malformed = upstream_files(siblings, {item.path for item in files})
        if malformed:
            message = f"{malformed} listing entries have no usable path; skipped"
            problems.append(Problem(ProblemCode.LISTING_INVALID, message, listing.path))
        return files + upstream
