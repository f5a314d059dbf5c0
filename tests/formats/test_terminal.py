"""The terminal format: verdict first, and text from the release cannot inject rich markup."""

from __future__ import annotations

from pathlib import Path

from opengrade.formats.terminal import TerminalFormat
from opengrade.pipeline import assess

MANIFEST = """\
framework:
  name: Model Openness Framework
  version: "1.0"
  date: "2024-12-15"
release:
  name: "Evil [/bold] model [red]"
  producer: x
  license: {}
  components:
    - name: Model card
      description: "[link=https://example.com]card[/link]"
      license: "MIT [/]"
"""


def test_markup_in_release_text_is_printed_literally(tmp_path: Path) -> None:
    manifest = tmp_path / "evil.yml"
    manifest.write_text(MANIFEST)
    text = TerminalFormat().render(assess(str(manifest)))
    assert text.splitlines()[0].startswith("Evil [/bold] model [red]")
    assert "MIT [/]" in text


def test_folder_name_with_brackets_survives(tmp_path: Path) -> None:
    release = tmp_path / "evil[red]x"
    release.mkdir()
    (release / "README.md").write_text("---\nlicense: mit\n---\n# Evil [/bold]\n")
    text = TerminalFormat().render(assess(str(release)))
    assert text.startswith("evil[red]x (local)")
    lines = text.splitlines()
    assert lines[1] == "Weights: MIT — open (README.md:2 [license])"
    assert lines[2].startswith("MOF: ") and lines[3].startswith("OSAID 1.0: ")
