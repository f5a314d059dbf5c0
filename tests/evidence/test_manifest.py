"""Evidence from a MOT YAML: provenance names the YAML file, however its path was typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.evidence import manifest as manifest_evidence
from opengrade.sources.manifest import ManifestSource


def test_provenance_path_is_the_file_name_however_typed(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus / "mot" / "models"
    target = sorted(folder.glob("*.yml"))[0]
    absolute = manifest_evidence.extract(ManifestSource(target.resolve()).read())
    monkeypatch.chdir(folder)
    relative = manifest_evidence.extract(ManifestSource(Path(target.name)).read())
    dotted = manifest_evidence.extract(
        ManifestSource(Path("..") / "models" / "." / target.name).read()
    )
    assert absolute and absolute == relative == dotted
    assert {item.provenance.path for item in absolute} == {target.name}
