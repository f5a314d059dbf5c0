"""The JSON report validates against its published schema on every corpus release and MOT YAML."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from opengrade import LinkedInputs, assess
from opengrade.formats.report_json import JsonFormat
from support.corpus import corpus_release_folders, mot_test_models

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "report.schema.json").read_text()
)


def _validate(target: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(JsonFormat().render(assess(str(target))))
    jsonschema.validate(data, SCHEMA)
    return data


def test_minilm_report_validates(minilm_release: Path) -> None:
    _validate(minilm_release)


@pytest.mark.corpus
@pytest.mark.parametrize("folder", corpus_release_folders())
def test_corpus_release_report_validates(corpus: Path, folder: str) -> None:
    data = _validate(corpus / "models" / folder)
    assert set(data["concluded"]) >= {"weights"}  # type: ignore[arg-type]


@pytest.mark.corpus
@pytest.mark.parametrize("name", mot_test_models())
def test_mot_yaml_report_validates(corpus: Path, name: str) -> None:
    path = corpus / "mot" / "test_data" / name
    data = _validate(path)
    release = data["release"]
    assert isinstance(release, dict)
    assert release["source"] == "mot"
    assert release["location"] == str(path)
    assert release["revision"] is None


def test_reproducible_report_does_not_depend_on_where_the_release_sits(
    minilm_release: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere"
    shutil.copytree(minilm_release, copy)
    outputs = [
        JsonFormat().render(
            assess(str(path), linked=LinkedInputs(release_id="org/minilm", reproducible=True))
        )
        for path in (minilm_release, copy)
    ]
    assert outputs[0] == outputs[1]
    assert "location" not in json.loads(outputs[0])["release"]
