"""Grading bad or thin input gives clear results and ``unknown`` where evidence is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opengrade.model.assessment import ComponentStatus
from opengrade.pipeline import assess

MOT_WITH_UNKNOWNS = """\
framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: '2024-12-15'
release:
  name: Odd
  producer: Someone
  license:
    distribution:
      name: 'Foo Bar Public License v9'
  components:
    - name: 'Magic sauce'
      description: 'not a MOF component'
      license: MIT
    - name: 'Model parameters (Final)'
      description: 'weights'
"""


def test_mot_yaml_with_unknown_component_and_license(tmp_path: Path) -> None:
    manifest = tmp_path / "odd.yml"
    manifest.write_text(MOT_WITH_UNKNOWNS)
    report = assess(str(manifest))
    assert any("Magic sauce" in problem for problem in report.mof.problems)
    final = next(c for c in report.mof.components if c.name == "Model parameters (Final)")
    assert final.status is not ComponentStatus.OPEN
    assert final.license == "Foo Bar Public License v9"
    assert report.mof.class_ is None


def test_release_with_nothing_but_a_config(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text('{"architectures": ["BertModel"], "model_type": "bert"}')
    report = assess(str(tmp_path))
    assert report.mof.class_ is None
    assert report.licensing.uses == ()
    card = next(c for c in report.mof.components if c.name == "Model card")
    assert card.status is ComponentStatus.MISSING
    parameters = next(r for r in report.osaid.requirements if r.rule == "parameters")
    assert parameters.outcome != "met"
    assert report.osaid.verdict != "conformant"


@pytest.mark.corpus
def test_card_declaring_apache_over_a_llama_agreement_is_a_high_finding(
    corpus: Path, tmp_path: Path
) -> None:
    release = tmp_path / "acme__Shiny-7B"
    release.mkdir()
    (release / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# Shiny-7B\n\nShiny-7B is a fully open-source model.\n"
    )
    shutil.copyfile(corpus / "licenses" / "texts" / "llama3.1.txt", release / "LICENSE")
    report = assess(str(release))
    assert [c.declared for c in report.licensing.conflicts] == [("Apache-2.0",)]
    assert report.licensing.openness(report.licensing.conflicts[0].scope) is False
    codes = {(f.code, f.severity) for f in report.findings}
    assert ("declared-license-contradicted", "high") in codes
    assert ("restricted-weights-claimed-open", "high") in codes


def test_broken_front_matter_still_grades(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: mit\ntags: [a, b\n---\n# Model\n")
    report = assess(str(tmp_path))
    problems = {item.payload.subject_text() for item in report.evidence if item.kind == "problem"}
    assert "yaml-invalid" in problems
    assert [use.key for use in report.licensing.uses] == ["MIT"]


@pytest.mark.corpus
def test_a_mot_listing_is_self_reported_so_osaid_is_unverified(corpus: Path) -> None:
    report = assess(str(corpus / "mot" / "models" / "Amber.yml"))
    assert report.mof.class_ == "I"  # MOT's own reading of the listing
    assert report.osaid.verdict == "unverified"
    reasons = " ".join(r.reason for r in report.osaid.requirements)
    assert "declared in the manifest" in reasons and "not verified" in reasons
