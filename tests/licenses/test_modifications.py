"""Edited licenses are reported as modified; real copies and harmless edits are not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import license_perturb as perturb
import pytest
from license_corpus import expected_key, names

from opengrade.licenses.identify import identify_file, identify_text

# Each edit restricts a permissive license in words of our own; (key, edit, where the words go).
GRANT_NC = "for non-commercial purposes only,"
MAU_PARAGRAPH = (
    "Use of the Software is limited to non-commercial purposes. An organisation whose services "
    "reach more than 100 million monthly active users needs a separate license from the "
    "copyright holders before any use.\n\n"
)
REQUEST = "We would love to hear how you use these tools"
APACHE_NC = "solely for non-commercial research purposes,"
APACHE_SECTION = (
    "\n\n10. Use Restrictions. You agree not to use the Work, or any Derivative Works, to build "
    "weapons or to track people, and you may not offer the Work in a commercial service without "
    "written permission from the Licensor.\n"
)


def _mit_grant(text: str) -> str:
    return text.replace("obtaining a copy", f"obtaining a copy, {GRANT_NC}", 1)


def _mit_paragraph(text: str) -> str:
    return text.replace("The above copyright notice", MAU_PARAGRAPH + "The above copyright", 1)


def _apache_grant(text: str) -> str:
    return text.replace("license to reproduce", f"license, {APACHE_NC} to reproduce", 1)


def _apache_section(text: str) -> str:
    return text.rstrip() + APACHE_SECTION


# Edits inside the license's own text (the license is modified) ...
EDITED: dict[str, tuple[str, Callable[[str], str]]] = {
    "mit-grant": ("MIT", _mit_grant),
    "mit-paragraph": ("MIT", _mit_paragraph),
    "apache-grant": ("Apache-2.0", _apache_grant),
}
# ... and a restricting addendum after an intact license (a restriction beside it).
APPENDED: dict[str, tuple[str, Callable[[str], str]]] = {
    "apache-section-appended": ("Apache-2.0", _apache_section),
}


@pytest.mark.parametrize("case", sorted(EDITED))
def test_edited_license_is_modified(license_texts: Path, case: str) -> None:
    key, edit = EDITED[case]
    original = (license_texts / f"{key}.txt").read_text(encoding="utf-8")
    edited = edit(original)
    assert edited != original
    result = identify_text(edited)
    assert result.keys == (key,)
    (match,) = result.matches
    assert match.modified, f"{case}: {match} not marked modified"
    assert result.problem and f"modified {key}:" in result.problem
    assert match.inserted_words > 0


@pytest.mark.parametrize("case", sorted(APPENDED))
def test_restricting_addendum_is_a_restriction_beside_the_license(
    license_texts: Path, case: str
) -> None:
    key, edit = APPENDED[case]
    original = (license_texts / f"{key}.txt").read_text(encoding="utf-8")
    edited = edit(original)
    result = identify_text(edited)
    (match,) = result.matches
    assert (match.key, match.modified) == (key, False)
    (restriction,) = result.restrictions
    added = len(original.rstrip().splitlines())
    assert restriction.beside == key
    assert restriction.start_line > added and restriction.end_line == len(edited.splitlines())
    assert result.problem and f"restriction beside {key}:" in result.problem


def test_inserted_words_are_counted_where_they_are(license_texts: Path) -> None:
    text = _mit_grant((license_texts / "MIT.txt").read_text(encoding="utf-8"))
    result = identify_text(text)
    (match,) = result.matches
    assert match.inserted_words == len(GRANT_NC.replace("-", " ").split())
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "non-commercial" in row)
    assert f"(line {line})" in (result.problem or "")


def test_appended_section_is_unexplained_not_inserted(license_texts: Path) -> None:
    result = identify_text(_apache_section((license_texts / "Apache-2.0.txt").read_text()))
    assert result.matches[0].inserted_words == 0
    assert result.unexplained_words >= len(APACHE_SECTION.split()) - 2


def test_request_outside_the_license_restricts_nothing(license_texts: Path) -> None:
    mit = (license_texts / "MIT.txt").read_text(encoding="utf-8")
    text = f"Tidewater Tools\n\n{REQUEST}.\n\n" + mit
    result = identify_text(text)
    assert result.keys == ("MIT",) and not result.matches[0].modified
    assert result.unexplained_words == len(REQUEST.split())


def test_exact_copy_is_not_modified(license_texts: Path) -> None:
    result = identify_text((license_texts / "Apache-2.0.txt").read_text(encoding="utf-8"))
    (match,) = result.matches
    assert (match.method, match.modified, match.inserted_words) == ("exact", False, 0)
    assert result.unexplained_words == 0


@pytest.mark.parametrize("folder", ["licenses/texts", "licenses/variants"])
def test_corpus_licenses_are_not_modified(corpus: Path, folder: str) -> None:
    for name in names(folder):
        result = identify_file(corpus / folder / name)
        assert not [m for m in result.matches if m.modified], (name, result.problem)


def test_release_license_files_are_not_modified(corpus: Path) -> None:
    prefixes = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "USE_POLICY", "MODEL_LICENSE")
    checked = 0
    for path in sorted((corpus / "models").glob("*/*")):
        if path.name.upper().startswith(prefixes) or path.name == "CODE_REPO_LICENSE":
            result = identify_file(path)
            assert not [m for m in result.matches if m.modified], (str(path), result.problem)
            checked += 1
    assert checked >= 20


def test_bsd_disclaimer_alone_is_unknown_with_the_family(license_texts: Path) -> None:
    text = (license_texts / "BSD-3-Clause.txt").read_text(encoding="utf-8")
    disclaimer = text[text.index("THIS SOFTWARE") :]
    result = identify_text(disclaimer)
    assert result.matches == ()
    keys = {candidate.key for candidate in result.candidates}
    assert {"BSD-2-Clause", "BSD-3-Clause"} <= keys


@pytest.mark.parametrize("folder", ["licenses/texts", "licenses/variants"])
def test_candidates_are_unique_keys_never_a_matched_one(corpus: Path, folder: str) -> None:
    for name in names(folder):
        text = (corpus / folder / name).read_text(encoding="utf-8", errors="replace")
        result = identify_text(text + "\n\nEnd of the terms.\n")  # the similarity path
        keys = [candidate.key for candidate in result.candidates]
        assert len(keys) == len(set(keys)), (name, keys)
        assert not set(keys) & set(result.keys), (name, result.keys, keys)


@pytest.mark.parametrize("around", sorted(perturb.AROUND))
@pytest.mark.parametrize("name", names("licenses/texts"))
def test_text_around_an_intact_license_is_not_a_modification(
    license_texts: Path, name: str, around: str
) -> None:
    """A preamble, a disclaimer, a scope note, appended HTML or junk is outside the license:
    the license keeps its key, is not modified, and nothing around it restricts use."""
    text = perturb.AROUND[around]((license_texts / name).read_text(encoding="utf-8"))
    result = identify_text(text)
    assert result.matches, f"{name} {around}: unknown, closest {result.candidates[:3]}"
    assert result.matches[0].key == expected_key(name)
    assert not any(match.modified for match in result.matches), result.problem
    assert not result.restrictions, result.problem
    assert result.outside, "the text around the license is classified"


# Export law restated in other words (another revision of a license's export clause): the law
# binds anyway, so it is no change of terms; other restricting words inside it still are.
EXPORT_DUTY = (
    "You must comply with all domestic and international export laws and regulations that "
    "apply to the Work, which include restrictions on destinations, end users, and end use. "
)
EXPORT_AND_PURPOSE = EXPORT_DUTY + "The Work may be used for non-commercial research only. "


@pytest.mark.parametrize(
    ("inserted", "modified"), [(EXPORT_DUTY, False), (EXPORT_AND_PURPOSE, True), ("", False)]
)
def test_export_duty_in_other_words_is_not_a_change(
    license_texts: Path, inserted: str, modified: bool
) -> None:
    text = (license_texts / "Apache-2.0.txt").read_text(encoding="utf-8")
    edited = text.replace("4. Redistribution.", f"4. Redistribution. {inserted}", 1)
    assert edited != text or not inserted
    result = identify_text(edited)
    assert [(match.key, match.modified) for match in result.matches] == [("Apache-2.0", modified)]


def test_a_long_addition_naming_export_law_is_still_a_change(license_texts: Path) -> None:
    """Past a clause's length, wording that names export law is judged like any addition."""
    text = (license_texts / "Apache-2.0.txt").read_text(encoding="utf-8")
    places = ", ".join(f"region {number} of the list the Licensor keeps" for number in range(9))
    clause = f"Export of the Work to these places needs an agreement with the Licensor: {places}."
    edited = text.replace("4. Redistribution.", f"4. Redistribution. {clause}", 1)
    assert [(match.key, match.modified) for match in identify_text(edited).matches] == [
        ("Apache-2.0", True)
    ]
