"""A license text edited to restrict use is not the original license: never concluded open."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.model import Scope
from opengrade.pipeline import assess


@pytest.mark.corpus
def test_mit_with_a_non_commercial_grant_is_not_concluded_open(
    corpus: Path, tmp_path: Path
) -> None:
    release = tmp_path / "acme__Tweaked-1B"
    release.mkdir()
    mit = (corpus / "licenses" / "texts" / "MIT.txt").read_text()
    edited = mit.replace(
        "to deal in the Software without restriction",
        "to deal in the Software for non-commercial purposes only, without further restriction",
    )
    assert edited != mit
    (release / "LICENSE").write_text(edited)
    (release / "README.md").write_text("# Tweaked-1B\n\nTweaked-1B is a fully open-source model.\n")
    report = assess(str(release))
    problems = {item.payload.subject_text() for item in report.evidence if item.kind == "problem"}
    assert "license-modified" in problems
    assert report.licensing.openness(Scope.WEIGHTS) is not True
    identified = [use for use in report.licensing.uses if use.source == "identified"]
    assert identified and all(use.key is None for use in identified)
    assert any(f.code == "claimed-open-terms-unknown" for f in report.findings)


@pytest.mark.corpus
def test_an_unedited_copy_is_still_the_license(corpus: Path, tmp_path: Path) -> None:
    release = tmp_path / "acme__Plain-1B"
    release.mkdir()
    (release / "LICENSE").write_text((corpus / "licenses" / "texts" / "MIT.txt").read_text())
    (release / "README.md").write_text("# Plain-1B\n")
    report = assess(str(release))
    assert [use.key for use in report.licensing.uses] == ["MIT"]
    assert report.licensing.openness(Scope.WEIGHTS) is True
