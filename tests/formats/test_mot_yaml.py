"""``to_mot_yaml`` writes YAML that MOT's own JSON schema accepts and that grades the same."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from opengrade.errors import FormatError
from opengrade.formats.mot_yaml import to_mot_yaml
from opengrade.frameworks.mof import grade, observations_from_manifest
from opengrade.model.assessment import ComponentObservation, MofResult, ObservationHow
from opengrade.sources.manifest import ManifestSource, parse_manifest


@pytest.fixture(scope="module")
def validator(corpus: Path) -> jsonschema.Draft7Validator:
    schema = json.loads((corpus / "mot/schema/mof_schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def _yamls(corpus: Path) -> list[Path]:
    mot = corpus / "mot"
    return sorted((mot / "models").glob("*.yml")) + sorted((mot / "test_data").glob("*.yml"))


def _same_grade(first: MofResult, second: MofResult) -> bool:
    return first.class_ == second.class_ and first.progress_exact == second.progress_exact


def test_round_trip_of_every_mot_yaml(corpus: Path, validator: jsonschema.Draft7Validator) -> None:
    for path in _yamls(corpus):
        manifest = ManifestSource(path).read().manifest
        assert manifest is not None
        written = to_mot_yaml(manifest, grade(observations_from_manifest(manifest)))
        errors = [error.message for error in validator.iter_errors(yaml.safe_load(written))]
        assert errors == [], path.name
        again = parse_manifest(written.encode())
        assert again.components == tuple(
            type(c)(c.name, c.description, c.license, c.license_path, c.component_path, line)
            for c, line in zip(manifest.components, (a.line for a in again.components), strict=True)
        )
        assert again.licenses == tuple(
            type(item)(item.scope, item.name, item.path, new.line)
            for item, new in zip(manifest.licenses, again.licenses, strict=True)
        )
        assert _same_grade(
            grade(observations_from_manifest(manifest)), grade(observations_from_manifest(again))
        )


def test_from_observations_grades_the_same(
    corpus: Path, validator: jsonschema.Draft7Validator
) -> None:
    for path in _yamls(corpus):
        manifest = ManifestSource(path).read().manifest
        assert manifest is not None
        observations = observations_from_manifest(manifest)
        written = to_mot_yaml(
            observations, grade(observations), name=manifest.name, producer=manifest.producer
        )
        assert validator.is_valid(yaml.safe_load(written)), path.name
        again = parse_manifest(written.encode())
        assert _same_grade(grade(observations), grade(observations_from_manifest(again)))


def test_written_yaml_is_deterministic_and_drops_what_mot_cannot_take(
    validator: jsonschema.Draft7Validator,
) -> None:
    observations = (
        ComponentObservation(
            "Training code",
            True,
            "MIT",
            True,
            True,
            ObservationHow.LINK,
            ("README.md:40", "https://github.com/x/y"),
        ),
        ComponentObservation("Model card", True, None, None, None, ObservationHow.FILE),
        ComponentObservation("Datasets", False, None, None, None),
        ComponentObservation("Mystery component", True, "MIT", True, True),
    )
    mof = grade(observations)
    first = to_mot_yaml(observations, mof, name="x/y", producer="X")
    assert first == to_mot_yaml(observations, mof, name="x/y", producer="X")
    document = yaml.safe_load(first)
    assert validator.is_valid(document)
    components = document["release"]["components"]
    assert [c["name"] for c in components] == ["Training code", "Model card"]
    assert components[0]["component_path"] == "https://github.com/x/y"
    assert components[1]["license"] == "unlicensed"
    with pytest.raises(FormatError, match="needs a release name"):
        to_mot_yaml(observations, mof)
