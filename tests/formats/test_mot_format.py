"""``--format mot`` from a graded local release is a YAML that MOT's own schema accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from opengrade.formats.mot import MotFormat
from opengrade.pipeline import assess
from support.corpus import corpus_release_folders


@pytest.fixture(scope="module")
def checker(corpus: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads((corpus / "mot" / "schema" / "mof_schema.json").read_text())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.corpus
@pytest.mark.parametrize("folder", corpus_release_folders())
def test_corpus_release_exports_a_valid_mot_yaml(
    corpus: Path, folder: str, checker: jsonschema.Draft202012Validator
) -> None:
    report = assess(str(corpus / "models" / folder))
    document = yaml.safe_load(MotFormat().render(report))
    errors = [error.message for error in checker.iter_errors(document)]
    assert errors == []
    release = document["release"]
    assert release["name"] == report.snapshot.id.rpartition("/")[2]
    present = {c.name for c in report.mof.components if c.status in {"open", "not-open"}}
    assert {c["name"] for c in release["components"]} >= present
