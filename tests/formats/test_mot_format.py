"""``--format mot`` from a graded local release is a YAML that MOT's own schema accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from opengrade.formats.mot import MotFormat
from opengrade.pipeline import assess


@pytest.mark.corpus
def test_every_corpus_release_exports_a_valid_mot_yaml(corpus: Path) -> None:
    schema = json.loads((corpus / "mot" / "schema" / "mof_schema.json").read_text())
    checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for folder in sorted(path for path in (corpus / "models").iterdir() if path.is_dir()):
        report = assess(str(folder))
        document = yaml.safe_load(MotFormat().render(report))
        errors = [error.message for error in checker.iter_errors(document)]
        assert errors == [], folder.name
        release = document["release"]
        assert release["name"] == report.snapshot.id.rpartition("/")[2]
        present = {c.name for c in report.mof.components if c.status in {"open", "not-open"}}
        assert {c["name"] for c in release["components"]} >= present
