"""What a source read: the release snapshot, its files, texts, weight headers and read problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class SourceKind(StrEnum):
    """Where a snapshot came from."""

    LOCAL = "local"
    HUB = "hub"
    MANIFEST = "mot"
    GIT = "git"


class FileKind(StrEnum):
    """What a file in a release is, judged from its name (and, for text, its content)."""

    CARD = "card"
    LICENSE = "license"
    NOTICE = "notice"
    USE_POLICY = "use-policy"
    CONFIG = "config"
    TOKENIZER = "tokenizer"
    WEIGHTS = "weights"
    CODE = "code"
    NOTEBOOK = "notebook"
    PAPER = "paper"
    DOCUMENT = "document"
    DATA = "data"
    MEDIA = "media"
    LISTING = "listing"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ReleaseFile:
    """One file of a release. ``present``: part of the release as published (on disk, or listed
    by the Hub); False only for files known from a local copy's upstream listing."""

    path: str
    size: int | None
    kind: FileKind
    sha256: str | None = None
    present: bool = True
    lfs_pointer: bool = False


@dataclass(frozen=True, slots=True)
class TextFile:
    """A small text file's decoded content, read up to the source's size bound.

    ``metadata``: the values of the text's front matter when the source already holds them as
    JSON values and wrote them into the text one ``"key": JSON`` line per key (the Hub listing's
    ``cardData``), so that readers need not parse them back; not part of equality."""

    path: str
    text: str
    truncated: bool = False
    encoding: str = "utf-8"
    metadata: Mapping[str, object] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class WeightHeader:
    """What a weights file's header says, read as bytes without loading any tensor."""

    path: str
    format: str
    parameters: int | None
    dtypes: tuple[str, ...] = ()
    tensor_count: int | None = None
    metadata: Mapping[str, str] = field(default_factory=dict, hash=False)


class ProblemCode(StrEnum):
    """The stable codes of :class:`Problem` (what could not be read or made sense of)."""

    BASE_CYCLE = "base-cycle"
    BASE_TOO_DEEP = "base-too-deep"
    BASE_UNREADABLE = "base-unreadable"
    BINARY_FILE = "binary-file"
    CODE_UNREACHABLE = "code-unreachable"
    EMPTY_RELEASE = "empty-release"
    ENCODING_GUESSED = "encoding-guessed"
    GIT_COMMIT_UNKNOWN = "git-commit-unknown"
    HEADER_INVALID = "header-invalid"
    HEADER_TOO_LARGE = "header-too-large"
    HEADER_TRUNCATED = "header-truncated"
    HEADER_UNKNOWN_SIZE = "header-unknown-size"
    HUB_OFFLINE = "hub-offline"
    JSON_INVALID = "json-invalid"
    LISTING_INVALID = "listing-invalid"
    METADATA_ONLY = "metadata-only"
    SYMLINK_OUTSIDE = "symlink-outside"
    TOO_LARGE = "too-large"
    TOO_MANY_FILES = "too-many-files"
    UNREADABLE = "unreadable"
    YAML_BOMB = "yaml-bomb"
    YAML_INVALID = "yaml-invalid"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that could not be read or made sense of; a value, never an exception.

    ``code`` is one of the stable :class:`ProblemCode` values.
    """

    code: ProblemCode
    message: str
    path: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """A dataset a release names, as its own repository describes it (``license`` as declared)."""

    id: str
    found: bool
    license: str | None = None
    has_card: bool = False
    gated: bool = False
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class ManifestComponent:
    """One component as a Model Openness Tool YAML declares it."""

    name: str
    description: str = ""
    license: str | None = None
    license_path: str | None = None
    component_path: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ManifestLicense:
    """A release-wide license in a MOT YAML (``distribution``, ``code``, ``data``, ``document``)."""

    scope: str
    name: str | None
    path: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    """A Model Openness Tool YAML, typed. Values are as written (not normalised)."""

    name: str
    producer: str
    framework_version: str = ""
    version: str = ""
    date: str = ""
    type: str = ""
    architecture: str = ""
    treatment: str = ""
    origin: str = ""
    contact: str = ""
    repository: str = ""
    huggingface: str = ""
    licenses: tuple[ManifestLicense, ...] = ()
    components: tuple[ManifestComponent, ...] = ()


@dataclass(frozen=True, slots=True)
class ReleaseSnapshot:
    """Everything a source read about one release. Nothing downstream reads disk or network.

    ``texts`` holds the small text files (card, licenses, notices, configs) by path.
    ``refs`` are branch and tag names where the source knows them (the Hub).
    ``datasets`` are the named datasets' own descriptions, where the source could read them.
    ``gated`` is the host's own access-gating flag (None when the source cannot know).
    ``endpoint`` is the base URL of the host it was read from (the Hub's), None for a local read.
    """

    id: str
    source: SourceKind
    location: str
    files: tuple[ReleaseFile, ...] = ()
    texts: tuple[TextFile, ...] = ()
    headers: tuple[WeightHeader, ...] = ()
    problems: tuple[Problem, ...] = ()
    revision: str | None = None
    refs: tuple[str, ...] = ()
    manifest: Manifest | None = None
    datasets: tuple[DatasetInfo, ...] = ()
    gated: bool | None = None
    endpoint: str | None = None

    def text(self, path: str) -> TextFile | None:
        """The text file at ``path``, if it was read."""
        for item in self.texts:
            if item.path == path:
                return item
        return None

    def file(self, path: str) -> ReleaseFile | None:
        """The listed file at ``path``, if any."""
        for item in self.files:
            if item.path == path:
                return item
        return None
