"""``load_report`` reads a JSON report back: every corpus release re-renders byte for byte,
another major schema version is refused with a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opengrade import LinkedInputs, ReportError, assess, load_report, render_json
from opengrade.formats.report_reader import provenance
from opengrade.model import Provenance, Scope
from support.corpus import corpus_release_folders


@pytest.mark.parametrize("folder", corpus_release_folders())
def test_corpus_report_round_trips_byte_for_byte(corpus: Path, folder: str) -> None:
    text = render_json(
        assess(str(corpus / "models" / folder), linked=LinkedInputs(reproducible=True))
    )
    loaded = load_report(text)
    assert render_json(loaded) == text
    assert loaded.reproducible and loaded.generated_at is None


def test_a_timestamped_report_round_trips_from_a_file(minilm_release: Path, tmp_path: Path) -> None:
    report = assess(str(minilm_release))
    text = render_json(report)
    stored = tmp_path / "report.json"
    stored.write_text(text, encoding="utf-8")
    loaded = load_report(stored)
    assert render_json(loaded) == text
    assert loaded.generated_at is not None and loaded.snapshot.location == str(minilm_release)
    weights = loaded.concluded_for(Scope.WEIGHTS)
    assert weights is not None and weights.keys == ("Apache-2.0",)


def _minilm_text(minilm_release: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        render_json(assess(str(minilm_release), linked=LinkedInputs(reproducible=True)))
    )
    return data


def test_another_major_version_is_refused(minilm_release: Path) -> None:
    data = _minilm_text(minilm_release)
    data["schema_version"] = "2.0"
    with pytest.raises(ReportError, match=r"schema version 2\.0 .* version 1\.x"):
        load_report(json.dumps(data))


def test_an_older_minor_version_loads_without_a_conclusion(minilm_release: Path) -> None:
    data = _minilm_text(minilm_release)
    data["schema_version"] = "1.0"
    del data["concluded"]
    loaded = load_report(json.dumps(data))
    assert loaded.concluded == () and loaded.schema_version == "1.0"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not a JSON report"),
        ("[1, 2]", "not a JSON report"),
        ('{"tool": {}}', "no schema_version"),
        ('{"schema_version": "1.1"}', "not a valid opengrade report"),
    ],
)
def test_bad_text_is_a_report_error(text: str, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        load_report(text)


def test_a_missing_file_is_a_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="cannot read the report"):
        load_report(tmp_path / "absent.json")


@pytest.mark.parametrize(
    "where",
    [
        Provenance(),
        Provenance(path="LICENSE", line=1, end_line=48),
        Provenance(path="README.md", line=2, field="license"),
        Provenance(path="README.md", field="license"),
        Provenance(field="license_name"),
        Provenance(url="https://example.org/LICENSE:3"),
        Provenance(path="org/code:LICENSE", line=5),
        Provenance(path="evil[red]x"),
    ],
)
def test_provenance_text_parses_back(where: Provenance) -> None:
    assert provenance(str(where)) == where


def test_mot_yaml_of_a_loaded_report_asks_for_a_new_assessment(minilm_release: Path) -> None:
    """The JSON does not carry the MOF framework's date, which MOT YAML needs."""
    from opengrade.errors import FormatError
    from opengrade.formats.mot import MotFormat

    loaded = load_report(render_json(assess(str(minilm_release))))
    with pytest.raises(FormatError, match="assess the release again"):
        MotFormat().render(loaded)
