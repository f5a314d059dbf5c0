"""In-house reference texts given at run time are indexed on the fly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_bad_input import GRANT

from opengrade.cli import main
from opengrade.licenses.identify import identify_text

HOUSE_LICENSE = (
    "Harbour Robotics Model Terms, edition 2\n\n"
    "You may run the harbour navigation weights on vessels you operate yourself. You may not "
    "resell access to the weights, nor fold them into a product offered to port authorities, "
    "without a written deal signed by two Harbour Robotics directors. Improvements you make to "
    "the weights must be sent back to Harbour Robotics within ninety days of their first use at "
    "sea. These terms end automatically when a vessel running the weights is used for fishing "
    "in protected waters. Disputes are heard by the maritime court of the licensor's home port. "
    "Nothing here grants rights in the Harbour Robotics name or its lighthouse logo.\n"
)


@pytest.fixture
def reference_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "references"
    directory.mkdir()
    (directory / "harbour-robotics-2.txt").write_text(HOUSE_LICENSE, encoding="utf-8")
    return directory


def test_unknown_without_the_user_text() -> None:
    assert identify_text(HOUSE_LICENSE).matches == ()


def test_reference_directory_argument(reference_dir: Path) -> None:
    result = identify_text("# Terms\n\n" + HOUSE_LICENSE, reference_dir=reference_dir)
    assert [match.key for match in result.matches] == ["harbour-robotics-2"]
    assert result.matches[0].start_line == 3


def test_reference_directory_from_environment(
    reference_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENGRADE_LICENSE_DIR", str(reference_dir))
    assert [m.key for m in identify_text(HOUSE_LICENSE).matches] == ["harbour-robotics-2"]


def test_user_texts_do_not_hide_packaged_licenses(reference_dir: Path) -> None:
    text = HOUSE_LICENSE + "\n\nMIT License\n\n" + GRANT
    result = identify_text(text, reference_dir=reference_dir)
    assert [match.key for match in result.matches] == ["harbour-robotics-2", "MIT"]


def test_cli_reference_dir_option(
    reference_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "LICENSE"
    target.write_text(HOUSE_LICENSE, encoding="utf-8")
    code = main(
        [
            "license",
            "identify",
            str(target),
            "--format",
            "json",
            "--reference-dir",
            str(reference_dir),
        ]
    )
    assert code == 0
    output = json.loads(capsys.readouterr().out)
    assert output[0]["matches"][0]["key"] == "harbour-robotics-2"
