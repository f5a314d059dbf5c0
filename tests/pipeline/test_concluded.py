"""The ``concluded`` block: per corpus release, the weights license a careful reader names (a
table written by hand from the license files, ``concluded_weights.tsv``); and the rules of the
conclusion on small licensings (policies left out, inherited terms kept, nothing known)."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade import LinkedInputs, assess
from opengrade.licenses.conclusion import conclude_scope
from opengrade.model import Provenance, Scope
from opengrade.model.licensing import INHERITED_VIA, LicenseSource, LicenseUse, Licensing

_TABLE = Path(__file__).with_name("concluded_weights.tsv")
_OPEN = {"true": True, "false": False, "null": None}


def _rows() -> list[object]:
    rows: list[object] = []
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        folder, keys, open_, status = line.split("\t")
        expected = (tuple(sorted(keys.split(" AND "))) if keys != "-" else (), _OPEN[open_])
        marks = (
            [pytest.mark.xfail(strict=True, reason=status.removeprefix("gap: "))]
            if status.startswith("gap:")
            else []
        )
        rows.append(pytest.param(folder, expected, id=folder, marks=marks))
    return rows


@pytest.mark.parametrize(("folder", "expected"), _rows())
def test_weights_conclusion_matches_the_reader(
    corpus: Path, folder: str, expected: tuple[tuple[str, ...], bool | None]
) -> None:
    report = assess(str(corpus / "models" / folder), linked=LinkedInputs(reproducible=True))
    weights = report.concluded_for(Scope.WEIGHTS)
    assert weights is not None
    assert (weights.keys, weights.open) == expected
    assert (weights.expression is None) == (not weights.keys)
    assert weights.evidence or not weights.keys  # every named license says where it was read


def test_every_corpus_release_is_in_the_table(corpus: Path) -> None:
    folders = {path.name for path in (corpus / "models").iterdir() if path.is_dir()}
    listed = {str(row.values[0]) for row in _rows() if isinstance(row, type(pytest.param()))}
    assert listed == folders


def _use(key: str | None, scope: Scope = Scope.RELEASE, **extra: object) -> LicenseUse:
    return LicenseUse(
        key=key,
        scope=scope,
        source=LicenseSource.IDENTIFIED,
        raw="LICENSE",
        provenance=Provenance(path="LICENSE", line=1, end_line=9),
        open=None,
        **extra,  # type: ignore[arg-type]
    )


def test_policy_is_an_obligation_not_a_key() -> None:
    licensing = Licensing((_use("llama3.1"), _use("llama3.1-acceptable-use-policy")))
    weights = conclude_scope(licensing, Scope.WEIGHTS)
    assert weights.keys == ("llama3.1",)
    assert weights.expression == "LicenseRef-llama3.1"
    assert weights.open is False
    assert weights.evidence == ("LICENSE:1-9",)


def test_inherited_terms_bind_the_weights_not_the_code() -> None:
    inherited = LicenseUse(
        key="gemma",
        scope=Scope.WEIGHTS,
        source=LicenseSource.DECLARED,
        raw="inherited from google/gemma-2b",
        provenance=Provenance(path="README.md", line=3, field="base_model"),
        open=False,
        via=INHERITED_VIA,
    )
    licensing = Licensing((_use("Apache-2.0"), inherited))
    weights = conclude_scope(licensing, Scope.WEIGHTS)
    assert weights.keys == ("Apache-2.0", "gemma")
    assert weights.expression == "Apache-2.0 AND LicenseRef-gemma"
    assert weights.open is False
    code = conclude_scope(licensing, Scope.CODE)
    assert (code.keys, code.open) == (("Apache-2.0",), True)


def test_nothing_known_is_null() -> None:
    weights = conclude_scope(Licensing(()), Scope.WEIGHTS)
    assert (weights.expression, weights.keys, weights.open, weights.evidence) == (
        None,
        (),
        None,
        (),
    )


def test_an_unidentified_text_leaves_openness_unknown() -> None:
    """A LICENSE we could not identify beside a card that declares MIT: MIT is named, but
    whether the weights are open stays unknown until the text is read."""
    declared = LicenseUse(
        key="MIT",
        scope=Scope.RELEASE,
        source=LicenseSource.DECLARED,
        raw="mit",
        provenance=Provenance(path="README.md", line=2, field="license"),
        open=True,
        via="license",
    )
    weights = conclude_scope(Licensing((_use(None), declared)), Scope.WEIGHTS)
    assert (weights.keys, weights.open) == (("MIT",), None)
    assert weights.evidence == ("LICENSE:1-9", "README.md:2 [license]")


def test_openness_is_judged_for_the_scope() -> None:
    """CC-BY-4.0 is an open content license but not an open source license for code."""
    licensing = Licensing((_use("CC-BY-4.0"),))
    assert conclude_scope(licensing, Scope.DOCS).open is True
    assert conclude_scope(licensing, Scope.CODE).open is False


def test_terms_known_not_open_without_a_license_name_close_the_scope() -> None:
    """A use with no key whose terms are known not to be open (a restriction the card states)
    makes the scope not open; the named keys stay as they are."""
    stated = LicenseUse(
        key=None,
        scope=Scope.WEIGHTS,
        source=LicenseSource.DECLARED,
        raw="for non-commercial use only",
        provenance=Provenance(path="README.md", line=40),
        open=False,
        via="license",
    )
    weights = conclude_scope(Licensing((stated,)), Scope.WEIGHTS)
    assert (weights.keys, weights.expression, weights.open) == ((), None, False)
    assert weights.evidence == ("README.md:40",)
