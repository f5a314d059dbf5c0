"""Model ids in a code base's configs (YAML, JSON, TOML), read as data, under keys such as
``model_name_or_path``: each with its file and line."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from opengrade.scan.model_ids import MAX_FILE_BYTES, SKIPPED_DIRS, looks_like_model_id
from opengrade.store.records import ModelUse

CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
MODEL_KEYS = frozenset(
    {
        "model_name_or_path",
        "pretrained_model_name_or_path",
        "model_name",
        "model_id",
        "base_model",
        "base_model_name_or_path",
        "tokenizer_name",
        "tokenizer_name_or_path",
        "hub_model_id",
        "repo_id",
        "embedding_model",
        "model",
    }
)
YAML_NODE_BUDGET = 100_000


def config_files(root: Path) -> Iterator[Path]:
    """Config files under ``root`` (no symlinks followed; virtualenvs and VCS folders skipped)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            if name.lower().endswith(CONFIG_SUFFIXES) and not path.is_symlink():
                yield path


def discover_config(path: Path, relative: str) -> list[ModelUse]:
    """The model ids under model keys in one config file; unreadable files yield nothing."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return []
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        pairs = list(_yaml_pairs(text))
    else:
        pairs = [(key, value, _line_of(text, value)) for key, value in _data_pairs(text, suffix)]
    return [
        ModelUse(value, relative, line, f"config:{key}")
        for key, value, line in pairs
        if key in MODEL_KEYS and _accepted(key, value)
    ]


def _accepted(key: str, value: str) -> bool:
    """A generic ``model`` key needs an ``org/name`` value; named keys take bare names too."""
    return looks_like_model_id(value) and ("/" in value or key != "model")


def _yaml_pairs(text: str) -> Iterator[tuple[str, str, int]]:
    """(key, string value, line) for every mapping entry, walking the composed node graph
    (aliases are visited once, so an alias bomb costs nothing)."""
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return
    seen: set[int] = set()
    stack: list[yaml.Node] = [node for node in documents if node is not None]
    while stack and len(seen) < YAML_NODE_BUDGET:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
                    yield str(key.value), str(value.value), value.start_mark.line + 1
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _data_pairs(text: str, suffix: str) -> Iterator[tuple[str, str]]:
    try:
        data: Any = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except (ValueError, RecursionError):
        return
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str):
                    yield str(key), value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _line_of(text: str, value: str) -> int:
    """The first line quoting ``value`` (JSON and TOML parsers keep no line numbers)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if f'"{value}"' in line or f"'{value}'" in line:
            return number
    return 1
