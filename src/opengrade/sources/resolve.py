"""Turn a command-line target (a directory, a MOT YAML, a Hub id) into the right Source."""

from __future__ import annotations

from pathlib import Path

from opengrade.errors import ReleaseNotFound, ReleaseUnreadable
from opengrade.sources.examples import PREFIX, ExampleSource, is_example
from opengrade.sources.hub.links import looks_like_hub_id
from opengrade.sources.interface import Source

MANIFEST_SUFFIXES = (".yml", ".yaml")


def is_hub_id(target: str) -> bool:
    """True for ``org/name`` that is not an existing path (the Hub source's own rule)."""
    return looks_like_hub_id(target)


def open_source(target: str, *, revision: str | None = None) -> Source:
    """The source for ``target``: a release directory, a MOT YAML file, a Hub id, or an
    installed example release (``example:minilm``)."""
    if is_example(target):
        return ExampleSource(target.removeprefix(PREFIX))
    path = Path(target)
    if path.is_dir():
        from opengrade.sources.local import LocalDirSource

        return LocalDirSource(path)
    if path.is_file():
        if path.suffix.lower() in MANIFEST_SUFFIXES:
            from opengrade.sources.manifest import ManifestSource

            return ManifestSource(path)
        raise ReleaseUnreadable(
            f"{target} is a file, not a release: pass a release directory, a Model Openness "
            "Tool YAML (.yml/.yaml) or a Hugging Face Hub id (org/name)."
        )
    if path.exists():
        raise ReleaseUnreadable(f"{target} is neither a directory nor a regular file.")
    if is_hub_id(target):
        from opengrade.sources.hub import HubSource

        return HubSource(target, revision=revision)
    raise ReleaseNotFound(
        f"{target} does not exist. Pass a release directory, a MOT YAML file, "
        "a Hugging Face Hub id such as org/name, or example:minilm."
    )
