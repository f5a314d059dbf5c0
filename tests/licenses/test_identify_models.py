"""License files in the corpus' real releases: identified, or honestly unknown.

The expected answers were written down after reading each file: e.g. meta__llama-7b carries the
LLaMA 1 research license (llama1, never DeepFloyd, which shares much of its wording) and
falcon-40b the "TII Falcon LLM License 1.0", which has no reference text, so the only right
answer is unknown (never Apache, which shares much of its wording).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.licenses.identify import identify_file

ANSWERS = Path(__file__).with_name("release_license_answers.tsv")


def read_answers(path: Path = ANSWERS) -> dict[str, tuple[str, ...]]:
    """The expected keys per corpus license file (shared with bench/licenses/cases.py)."""
    answers = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            file, keys, _note = line.split("\t")
            answers[file] = tuple(keys.split())
    return answers


EXPECTED = read_answers()


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_release_license_file(corpus: Path, relative: str) -> None:
    result = identify_file(corpus / "models" / relative)
    assert tuple(match.key for match in result.matches) == EXPECTED[relative]
    if not EXPECTED[relative]:
        assert result.candidates, "an unknown answer names its closest candidates"


def test_every_license_file_of_the_corpus_is_listed(corpus: Path) -> None:
    prefixes = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "USE_POLICY", "MODEL_LICENSE")
    found = {
        f"{path.parent.name}/{path.name}"
        for path in (corpus / "models").glob("*/*")
        if path.name.upper().startswith(prefixes) or path.name == "CODE_REPO_LICENSE"
    }
    assert found == set(EXPECTED)


def test_llama1_license_is_itself_not_its_derivatives(corpus: Path) -> None:
    """The Hub copy of the LLaMA 1 agreement words its export duty otherwise than the indexed
    copy: the same license, intact, and none of the licenses written from it."""
    result = identify_file(corpus / "models" / "meta__llama-7b" / "LICENSE")
    assert [(match.key, match.modified) for match in result.matches] == [("llama1", False)]
