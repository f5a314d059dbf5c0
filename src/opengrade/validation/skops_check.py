"""skops files are checked against an explicit allow-list of types before anything loads them.

A skops file is a zip archive whose ``schema.json`` names the module and class of every object
it holds. Every one of them must be in ``data/skops_allowed_types.txt``, and skops' own
``get_untrusted_types`` must name nothing outside it; the same list is then passed to
``skops.io.load`` as the only trusted types (in the child process).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from opengrade.validation.errors import InputUnreadable, ModelRefused

MAX_SCHEMA_BYTES = 20 * 1024**2


@cache
def allowed_types() -> frozenset[str]:
    """The allow-list (``module.Class``), read from the data file."""
    text = resources.files("opengrade.validation").joinpath("data", "skops_allowed_types.txt")
    lines = text.read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def check_skops(path: Path) -> tuple[str, ...]:
    """Refuse (ModelRefused) a skops file holding a type outside the allow-list; else the
    sorted types it holds (what the child passes to ``skops.io.load`` as trusted)."""
    from skops.io import get_untrusted_types

    held = set(_types_in_schema(path))
    try:
        untrusted = set(get_untrusted_types(file=path))
    except Exception as error:  # skops raises many kinds on a damaged archive
        raise InputUnreadable(f"{path.name} is not a readable skops file ({error})") from error
    outside = sorted((held | untrusted) - allowed_types())
    if outside:
        tree = any(".tree." in name or ".ensemble." in name for name in outside)
        advice = (
            "tree models run only as ONNX: export it with skl2onnx"
            if tree
            else "export the model to ONNX (skl2onnx), or use only the allowed types"
        )
        raise ModelRefused(
            f"refused {path.name}: it holds type(s) outside opengrade's skops allow-list: "
            f"{', '.join(outside)}; loading them could run code. {advice}."
        )
    return tuple(sorted(held | untrusted))


def _types_in_schema(path: Path) -> Iterator[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("schema.json")
            if info.file_size > MAX_SCHEMA_BYTES:
                raise InputUnreadable(f"{path.name}: schema.json is larger than 20 MiB")
            schema = json.loads(archive.read(info))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise InputUnreadable(f"{path.name} is not a readable skops file ({error})") from error
    yield from _walk(schema)


def _walk(node: Any) -> Iterator[str]:
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            module, name = item.get("__module__"), item.get("__class__")
            if isinstance(module, str) and isinstance(name, str):
                yield f"{module}.{name}"
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
