"""Edited copies of the references: still identified, and close relatives never confused."""

from __future__ import annotations

from pathlib import Path

import license_perturb as perturb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from license_corpus import expected_key, names

from opengrade.licenses.identify import identify_text

EDITS = perturb.EDITS

# Families whose members share most of their words: the anchors must tell them apart.
RELATIVES = [
    "llama2",
    "llama3",
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
    "llama3.1-acceptable-use-policy",
    "llama3.2-acceptable-use-policy",
    "llama3.3-acceptable-use-policy",
    "llama4-acceptable-use-policy",
    "creativeml-openrail-m",
    "openrail++",
    "OpenMDW-1.0",
    "openmdw-1.1",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-SA-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-NC-ND-4.0",
    "CC-BY-ND-4.0",
    "GPL-2.0-only",
    "GPL-3.0-only",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "AGPL-3.0-only",
    "tongyi-qianwen",
    "tongyi-qianwen-research",
    "deepfloyd-if-license",
    "sdxl-0.9-research",
    "stabilityai-nc-research-community",
    "stabilityai-nc-community-sv3d",
    "MIT",
    "MIT-0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSD-4-Clause",
]


def _first_key(text: str) -> str | None:
    result = identify_text(text)
    assert not any(match.modified for match in result.matches), result.problem
    return result.matches[0].key if result.matches else None


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("name", names("licenses/texts"))
def test_edited_reference_is_still_identified(license_texts: Path, name: str, edit: str) -> None:
    text = (license_texts / name).read_text(encoding="utf-8")
    result = identify_text(EDITS[edit](text))
    keys = [match.key for match in result.matches]
    assert keys, f"{name} {edit}: unknown, closest {result.candidates[:3]}"
    assert keys[0] == expected_key(name)
    assert not any(match.modified for match in result.matches), result.problem


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(RELATIVES),
    keep=st.floats(min_value=0.55, max_value=1.0),
    width=st.integers(min_value=30, max_value=140),
    upper=st.booleans(),
)
def test_relatives_are_never_confused(
    license_texts: Path, key: str, keep: float, width: int, upper: bool
) -> None:
    text = (license_texts / f"{key}.txt").read_text(encoding="utf-8")
    edited = perturb.truncate_tail(perturb.rewrap(text, width), keep)
    found = _first_key(edited.upper() if upper else edited)
    assert found in (key, None), f"{key} read as {found}"
    if keep >= 0.8:
        assert found == key


@pytest.mark.parametrize(
    ("license_key", "policy_key"),
    [(f"llama{v}", f"llama{v}-acceptable-use-policy") for v in ("2", "3.1", "3.2", "3.3", "4")]
    + [("gemma", "gemma-prohibited-use-policy")],
)
def test_policy_appended_to_license_is_reported_separately(
    license_texts: Path, license_key: str, policy_key: str
) -> None:
    license_text = (license_texts / f"{license_key}.txt").read_text(encoding="utf-8")
    policy = (license_texts / f"{policy_key}.txt").read_text(encoding="utf-8")
    combined = perturb.markdown(license_text) + "\n\n---\n\n" + perturb.rewrap(policy)
    result = identify_text(combined)
    assert [m.key for m in result.matches] == [license_key, policy_key]
    assert not any(match.modified for match in result.matches), result.problem
    first, second = result.matches
    assert first.end_line < second.start_line
    assert combined.splitlines()[second.start_line - 1].strip()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("MIT", "Apache-2.0"),
        ("Apache-2.0", "MIT"),
        ("CC-BY-4.0", "CC-BY-SA-4.0"),
        ("GPL-2.0-only", "LGPL-2.1-only"),
        ("OpenMDW-1.0", "CC-BY-4.0"),
    ],
)
def test_dual_licensed_file_reports_both(license_texts: Path, first: str, second: str) -> None:
    text = (license_texts / f"{first}.txt").read_text(encoding="utf-8")
    text += "\n\n" + (license_texts / f"{second}.txt").read_text(encoding="utf-8")
    result = identify_text(text)
    assert [m.key for m in result.matches] == [first, second]
    assert not any(match.modified for match in result.matches), result.problem
    assert result.matches[0].end_line <= result.matches[1].start_line


def test_prose_around_a_license_is_outside_its_span(license_texts: Path) -> None:
    mit = (license_texts / "MIT.txt").read_text(encoding="utf-8")
    intro = "This repository holds the tokenizer.\nAll files below are covered as follows.\n\n"
    result = identify_text(intro + mit + "\n\nQuestions go to the maintainers by e-mail.\n")
    assert [m.key for m in result.matches] == ["MIT"]
    assert result.matches[0].start_line >= 3
    assert not result.matches[0].modified
    assert result.unexplained_words > 0
