"""What a model id looks like, and the bounds discovery reads code bases within."""

from __future__ import annotations

import re

MAX_FILE_BYTES = 2 * 1024 * 1024
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
)
MODEL_ID = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}(/[A-Za-z0-9][\w.-]{0,95})?$")
NOT_MODEL_SUFFIXES = (".py", ".json", ".yaml", ".yml", ".toml", ".txt", ".bin", ".pt", ".onnx")


def looks_like_model_id(value: str) -> bool:
    """``org/name`` or a bare Hub name (``gpt2``); not a path, a file name or prose."""
    if not MODEL_ID.match(value) or value.lower().endswith(NOT_MODEL_SUFFIXES):
        return False
    return "/" in value or any(ch.isdigit() or ch == "-" for ch in value)
