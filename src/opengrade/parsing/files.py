"""What a release file is, judged from its path alone (content checks happen in the source).

The rules follow what real Hugging Face repositories contain (see the corpus's QUIRKS.md):
cards under several names, licence files with many spellings, weights in many formats, shard
indexes (classified as configuration: they describe weights, they are not weights).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from opengrade.model import FileKind

LISTING_NAME = "listing.json"
VALIDATION_RECORD_NAME = "opengrade-validation.json"
"""An ``opengrade validate`` JSON report kept beside the release: read as text, not data."""
"""A root file in the Hub API's ``siblings`` shape: the upstream listing of a partial copy."""

CARD_NAMES = ("README.md", "MODEL_CARD.md", "model_card.md", "model-card.md")
"""The usual model-card names, most preferred first (README_*.md and other READMEs follow)."""
_CARD_NAMES_LOWER = frozenset(name.lower() for name in CARD_NAMES)

WEIGHT_FORMATS = {
    ".safetensors": "safetensors",
    ".gguf": "gguf",
    ".onnx": "onnx",
    ".bin": "pytorch-pickle",
    ".pt": "pytorch-pickle",
    ".pth": "pytorch-pickle",
    ".ckpt": "pytorch-pickle",
    ".h5": "h5",
    ".msgpack": "msgpack",
    ".tflite": "tflite",
    ".nemo": "nemo",
}
"""Weights file suffix → format name. ``pytorch-pickle`` formats are unpickled by their loaders."""

PICKLE_FORMATS = frozenset({"pytorch-pickle"})
JAX_CHECKPOINT_FORMAT = "jax-checkpoint"
_JAX_CHECKPOINT_DIR = re.compile(r"^(ckpt|checkpoint)[-_]\d+$", re.IGNORECASE)

CODE_SUFFIXES = frozenset(
    {".py", ".c", ".cc", ".cpp", ".cu", ".h", ".hpp", ".sh", ".js", ".ts", ".rs", ".go", ".java"}
)
MEDIA_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".mp4", ".webm", ".wav", ".mp3"}
)
DATA_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".parquet", ".arrow", ".npy", ".npz"})
DOCUMENT_SUFFIXES = frozenset({".md", ".txt", ".rst", ".markdown"})
CONFIG_SUFFIXES = frozenset({".yaml", ".yml", ".toml", ".ini", ".cfg"})
TOKENIZER_SUFFIXES = frozenset({".model", ".tiktoken", ".jinja"})
TOKENIZER_NAMES = frozenset(
    {"special_tokens_map.json", "added_tokens.json", "merges.txt", "chat_template.json"}
)
_KNOWN_SUFFIXES = (
    CODE_SUFFIXES
    | MEDIA_SUFFIXES
    | DATA_SUFFIXES
    | DOCUMENT_SUFFIXES
    | CONFIG_SUFFIXES
    | TOKENIZER_SUFFIXES
    | set(WEIGHT_FORMATS)
    | {".json", ".ipynb", ".pdf", ".html", ".htm"}
)
_TEXT_SUFFIXES = frozenset({"", ".txt", ".md", ".rst", ".markdown", ".html", ".htm"})


def known_suffix(name: str) -> str:
    """The lower-case suffix when it is a known file type, else "" (``LICENSE.Apache-2`` → "")."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if suffix in _KNOWN_SUFFIXES else ""


def weight_format(path: str) -> str | None:
    """The weights format of ``path`` (``safetensors``, ``pytorch-pickle``...), or None."""
    pure = PurePosixPath(path)
    found = WEIGHT_FORMATS.get(pure.suffix.lower())
    if found:
        return found
    if any(_JAX_CHECKPOINT_DIR.match(part) for part in pure.parts[:-1]) and not pure.suffix:
        return JAX_CHECKPOINT_FORMAT
    return None


def _legal_kind(upper: str) -> FileKind | None:
    """LICENSE / NOTICE / USE_POLICY from an upper-case file name without its known suffix."""
    if upper.startswith(("USE_POLICY", "USE-POLICY")) or "ACCEPTABLE_USE" in upper.replace(
        "-", "_"
    ):
        return FileKind.USE_POLICY
    if upper.startswith("NOTICE"):
        return FileKind.NOTICE
    if upper.startswith(("LICENSE", "LICENCE", "COPYING", "MODEL_LICENSE")):
        return FileKind.LICENSE
    if "LICENSE_AGREEMENT" in upper or upper.endswith(("_LICENSE", "-LICENSE", "_LICENCE")):
        return FileKind.LICENSE
    return None


def _is_card(parts: tuple[str, ...]) -> bool:
    lower = parts[-1].lower()
    if len(parts) != 1 or not lower.endswith(".md"):
        return False
    return lower in _CARD_NAMES_LOWER or "readme" in lower


def _tokenizer_or_config(lower: str, suffix: str) -> FileKind | None:
    if lower in TOKENIZER_NAMES or suffix in TOKENIZER_SUFFIXES:
        return FileKind.TOKENIZER
    if lower.startswith(("tokenizer", "vocab")):
        return FileKind.TOKENIZER
    if suffix in CONFIG_SUFFIXES:
        return FileKind.CONFIG
    if suffix == ".json":
        described = "config" in lower or lower.endswith(".index.json")
        if described or lower in {"model_index.json", "modules.json"}:
            return FileKind.CONFIG
        return FileKind.DATA
    return None


@functools.lru_cache(maxsize=8192)  # a pure function of the name; Hub scans repeat names
def classify(path: str) -> FileKind:
    """The kind of the release file at the relative posix ``path``, from its name."""
    parts = PurePosixPath(path).parts
    if not parts or any(part.startswith(".") for part in parts):
        return FileKind.OTHER
    name = parts[-1]
    lower = name.lower()
    suffix = known_suffix(name)
    if len(parts) == 1 and lower == LISTING_NAME:
        return FileKind.LISTING
    if len(parts) == 1 and lower == VALIDATION_RECORD_NAME:
        return FileKind.OTHER
    if suffix in _TEXT_SUFFIXES:
        legal = _legal_kind(name[: len(name) - len(suffix)].upper())
        if legal is not None:
            return legal
    if _is_card(parts):
        return FileKind.CARD
    by_suffix = {".ipynb": FileKind.NOTEBOOK, ".pdf": FileKind.PAPER}
    if suffix in by_suffix:
        return by_suffix[suffix]
    if suffix in CODE_SUFFIXES:
        return FileKind.CODE
    if suffix in MEDIA_SUFFIXES:
        return FileKind.MEDIA
    if weight_format(path) is not None:
        return FileKind.WEIGHTS
    if suffix in DATA_SUFFIXES or lower.startswith("events.out.tfevents"):
        return FileKind.DATA
    found = _tokenizer_or_config(lower, suffix)
    if found is not None:
        return found
    if suffix in DOCUMENT_SUFFIXES or suffix in {".html", ".htm"}:
        return FileKind.DOCUMENT
    return FileKind.OTHER


def card_candidates(paths: Iterable[str]) -> list[str]:
    """The model-card candidates among ``paths``, most preferred first.

    Root ``README.md`` first, then ``MODEL_CARD.md``, ``model_card.md``, ``model-card.md``, then
    ``README_*.md`` and other root READMEs (``GITHUB_README.md``) in name order.
    """

    def rank(path: str) -> tuple[int, int, str]:
        if path in CARD_NAMES:
            return (CARD_NAMES.index(path), 0, path)
        lower = path.lower()
        for position, name in enumerate(CARD_NAMES):
            if lower == name.lower():
                return (position, 1, path)
        return (len(CARD_NAMES) + (0 if lower.startswith("readme") else 1), 0, path)

    return sorted((path for path in paths if classify(path) is FileKind.CARD), key=rank)
