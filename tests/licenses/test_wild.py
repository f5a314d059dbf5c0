"""The wild development set: real license files from AI repositories, as they ship them.

Every file of ``licenses/wild/`` is identified and scored by the corpus' own rule (see
``wild_facts``). The bar: no file is confidently wrong, and at least 99% are right.

Tolerance, and only this one: a file whose accepted keys have no reference text in the
fingerprint index (a license the catalogue coverage work adds, e.g. the FAIR Noncommercial
Research License) counts as right when nothing is named; once such a key is indexed, the file
is checked exactly like the others.
"""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest
from wild_facts import WildFile, verdict, wild_files

from opengrade.licenses.identify import identify_file
from opengrade.licenses.references import packaged_index
from opengrade.model.license import LicenseIdentification, OutsideKind

FILES = {item.name: item for item in wild_files()}
RIGHT_SHARE = 0.99


@cache
def _indexed_keys() -> frozenset[str]:
    return frozenset(reference.key for reference in packaged_index().references)


@cache
def _identified(name: str) -> LicenseIdentification:
    return identify_file(FILES[name].path)


def _reported(result: LicenseIdentification) -> list[str]:
    return [match.key for match in result.matches if not match.modified]


def _verdict(item: WildFile) -> str:
    return verdict(item, _reported(_identified(item.name)), _indexed_keys())


@pytest.mark.parametrize("name", sorted(FILES))
def test_wild_file_is_never_confidently_wrong(name: str) -> None:
    item = FILES[name]
    result = _identified(name)
    assert _verdict(item) != "wrong", (
        f"{name} ({item.in_words}): named {_reported(result)}, accepted {item.keys}; "
        f"{result.problem}"
    )


def _require_wild(corpus: Path) -> None:
    if not (corpus / "licenses" / "wild" / "facts.tsv").is_file():
        pytest.skip("the corpus' licenses/wild/ is absent")


def test_wild_files_are_at_least_99_percent_right(corpus: Path) -> None:
    _require_wild(corpus)
    verdicts = {name: _verdict(item) for name, item in FILES.items()}
    wrong = {name: found for name, found in verdicts.items() if found != "right"}
    assert len(verdicts) - len(wrong) >= RIGHT_SHARE * len(verdicts), wrong


@pytest.mark.parametrize(
    "name", sorted(name for name, item in FILES.items() if item.keys and item.all_required)
)
def test_each_license_of_a_multi_license_file_is_reported(name: str) -> None:
    item = FILES[name]
    reported = _reported(_identified(name))
    indexed = [key for key in item.keys if key in _indexed_keys()]
    assert set(indexed) <= set(reported)
    spans = [(m.start_line, m.end_line) for m in _identified(name).matches if not m.modified]
    assert all(end < start for (_, end), (start, _) in itertools.pairwise(spans))


@pytest.mark.parametrize(
    "name",
    sorted(
        name
        for name, item in FILES.items()
        if item.modified_from and not set(item.modified_from) & set(item.keys)
    ),
)
def test_altered_copies_are_not_the_original(name: str) -> None:
    """(Where the facts accept the original's key for an altered copy, flagging it is
    optional, so those rows are left out.)"""
    item = FILES[name]
    assert not set(item.modified_from) & set(_reported(_identified(name)))


def test_unknown_license_says_what_it_appears_to_be(corpus: Path) -> None:
    """A license the index does not hold is an unknown license with its title, never the
    nearest known key: the files for which facts.tsv accepts no key (a license then not in the
    catalogue) and whose license has no indexed text (the GLM family's siblings, at least)."""
    _require_wild(corpus)
    indexed = _indexed_keys()
    names = [
        name
        for name, item in FILES.items()
        if not item.keys and "License" in item.in_words and not set(item.keys) & indexed
    ]
    titled = 0
    for name in names:
        result = _identified(name)
        assert not [match for match in result.matches if not match.modified], name
        unknown = [o for o in result.outside if o.kind is OutsideKind.UNKNOWN_LICENSE]
        if unknown and unknown[0].title:
            words = unknown[0].title.removeprefix("The ").lower().split()
            assert " ".join(words[:2]) in FILES[name].in_words.lower(), (name, words)
            titled += 1
    assert titled >= 4


def test_text_outside_an_intact_license_is_classified_not_a_modification(corpus: Path) -> None:
    """Files whose license is intact with other text around it: the license is named and not
    modified, and the text beside it is an outside kind with its lines."""
    _require_wild(corpus)
    around = [
        name
        for name, item in FILES.items()
        if item.keys and not item.modified_from and _identified(name).outside
    ]
    assert len(around) >= 10
    for name in around:
        result = _identified(name)
        assert _verdict(FILES[name]) == "right", name
        for outside in result.outside:
            assert outside.kind in set(OutsideKind)
            assert 1 <= outside.start_line <= outside.end_line
