"""Which fingerprint index to match against: the packaged one, plus the user's own texts.

Users add in-house licenses as ``<key>.txt`` files in a directory, given as an argument (the
CLI's ``--reference-dir``) or by ``OPENGRADE_LICENSE_DIR``; they are indexed on the fly and the
result is cached until a file in the directory changes. A user text that also holds a license
opengrade already knows under another key (a license with its acceptable-use policy appended)
is indexed without that part, so the file is reported as its licenses, each with its span, by
the exact-copy path and the similarity path alike.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from opengrade.licenses.index import LicenseIndex, SourceText, build_index
from opengrade.licenses.index_file import INDEX_RESOURCE, load_index_bytes
from opengrade.licenses.normalize import normalize

_LOG = logging.getLogger(__name__)

USER_DIRECTORY_VARIABLE = "OPENGRADE_LICENSE_DIR"


@functools.cache
def packaged_index() -> LicenseIndex:
    """The index shipped with opengrade (loaded once)."""
    data = (Path(__file__).parent / "data" / INDEX_RESOURCE).read_bytes()
    return load_index_bytes(data)


def user_directory() -> Path | None:
    """The user reference directory configured by ``OPENGRADE_LICENSE_DIR``, if any."""
    configured = os.environ.get(USER_DIRECTORY_VARIABLE)
    return Path(configured) if configured else None


def read_reference_directory(directory: Path) -> list[SourceText]:
    """Reference texts from ``<key>.txt`` files in a directory (unreadable files are skipped)."""
    sources = []
    for path in sorted(directory.glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            _LOG.warning("cannot read reference text %s: %s", path, error)
            continue
        sources.append(SourceText(path.stem, "similarity", text))
    return sources


OWN_PART_WORDS = 20


def own_part(source: SourceText, base: LicenseIndex) -> SourceText:
    """``source`` without the lines where ``base`` finds licenses of other keys.

    The text stays whole when little would be left (a copy of a known license under a new
    key) or when nothing else is found in it.
    """
    from opengrade.licenses.matcher import find  # only user texts need it: keeps index load small

    words = normalize(source.text)
    if not words.words:
        return source
    found, _, _ = find(words, base)
    last_word = len(words.words) - 1
    foreign = [
        (words.line_of(item.start), words.line_of(min(item.end, last_word)))
        for item in found
        if base.references[item.reference].key != source.key
    ]
    if not foreign:
        return source
    lines = source.text.split("\n")
    kept = [
        line
        for number, line in enumerate(lines, start=1)
        if not any(first <= number <= last for first, last in foreign)
    ]
    remainder = "\n".join(kept)
    if len(normalize(remainder).words) < OWN_PART_WORDS:
        return source
    _LOG.info("user reference %s holds other licenses; indexed without them", source.key)
    return SourceText(source.key, source.method, remainder)


@functools.lru_cache(maxsize=8)
def _index_with_user_texts(
    directory: str, signature: tuple[tuple[str, float], ...]
) -> LicenseIndex:
    del signature  # part of the cache key only
    base = packaged_index()
    sources = [own_part(source, base) for source in read_reference_directory(Path(directory))]
    return build_index(sources, base=base)


def index_for(directory: Path | None = None) -> LicenseIndex:
    """The packaged index, extended with the reference texts in ``directory`` (or the env dir)."""
    directory = directory or user_directory()
    if directory is None or not directory.is_dir():
        if directory is not None:
            _LOG.warning("license reference directory %s does not exist; ignored", directory)
        return packaged_index()
    signature = tuple(sorted((path.name, path.stat().st_mtime) for path in directory.glob("*.txt")))
    return _index_with_user_texts(str(directory.resolve()), signature)
