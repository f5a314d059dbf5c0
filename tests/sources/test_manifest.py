"""ManifestSource on MOT's real YAMLs, and on broken ones written here."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from opengrade.errors import ManifestError, ReleaseNotFound, SourceError
from opengrade.model.release import SourceKind
from opengrade.sources.manifest import ManifestSource, parse_manifest


def _all_yamls(corpus: Path) -> list[Path]:
    mot = corpus / "mot"
    return sorted((mot / "models").glob("*.yml")) + sorted((mot / "test_data").glob("*.yml"))


def test_every_mot_yaml_loads(corpus: Path) -> None:
    paths = _all_yamls(corpus)
    assert len(paths) == 300  # 273 listings + 27 test models
    for path in paths:
        snapshot = ManifestSource(path).read()
        manifest = snapshot.manifest
        assert snapshot.source is SourceKind.MANIFEST
        assert snapshot.files[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert snapshot.text(path.name) is not None
        assert manifest is not None
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))["release"]
        assert manifest.name == raw["name"] == snapshot.id
        assert [c.name for c in manifest.components] == [c["name"] for c in raw["components"]]
        assert {item.scope for item in manifest.licenses} == set(raw["license"])


def test_line_numbers_point_at_the_components_and_licenses(corpus: Path) -> None:
    for path in _all_yamls(corpus):
        lines = path.read_text(encoding="utf-8").splitlines()
        manifest = ManifestSource(path).read().manifest
        assert manifest is not None
        for component in manifest.components:
            assert component.line is not None
            # the line where the component's mapping starts: its "name:" field
            assert re.match(r"\s*(- )?name:", lines[component.line - 1])
            assert component.name in lines[component.line - 1]
        for item in manifest.licenses:
            assert item.line is not None
            # the scope's value starts on the line after "distribution:" (block mapping)
            assert re.match(rf"\s*{item.scope}:", lines[item.line - 2]) or (
                f"{item.scope}:" in lines[item.line - 1]
            )


def test_values_are_kept_as_written(corpus: Path) -> None:
    # Apache 2.0 (not an SPDX id) and "unlicensed" stay as the producer wrote them.
    seen_raw = seen_unlicensed = seen_absent = False
    for path in sorted((corpus / "mot" / "models").glob("*.yml")):
        manifest = ManifestSource(path).read().manifest
        assert manifest is not None
        for component in manifest.components:
            seen_raw |= component.license == "Apache 2.0"
            seen_unlicensed |= component.license == "unlicensed"
            seen_absent |= component.license is None
    assert seen_raw and seen_unlicensed and seen_absent


# --- broken files, each written here -------------------------------------------------------

VALID = """\
framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: Tiny
  producer: Someone
  license:
    distribution:
      name: MIT
      path: null
  components:
  - name: Model architecture
    description: the code
    license: MIT
  - name: Model weights of the future
    description: not a MOF component
"""


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "model.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_unknown_component_names_are_kept(tmp_path: Path) -> None:
    manifest = ManifestSource(_write(tmp_path, VALID)).read().manifest
    assert manifest is not None
    assert [c.name for c in manifest.components][1] == "Model weights of the future"
    assert [c.line for c in manifest.components] == [13, 16]
    assert manifest.licenses[0].name == "MIT" and manifest.licenses[0].path is None


BROKEN = [
    ("  - name: Model architecture", "  - name: 42", "release.components[0].name"),
    ("    license: MIT\n", "    license: [MIT]\n", "release.components[0].license"),
    ("  name: Tiny\n", "  name: ''\n", "release.name"),
    ("  name: Tiny\n", "", "release.name"),
    ("  producer: Someone\n", "", "release.producer"),
    ("  name: Model Openness Framework", "  name: MOF", "framework.name"),
    ("  date: '2024-12-15'", "  date: 'December'", "framework.date"),
    ("  version: '1.0'", "  version: 1.0", "framework.version"),
    ("      name: MIT\n", "      name: 3\n", "release.license.distribution.name"),
    ("  license:\n    distribution:", "  license: MIT\n  x:\n    distribution:", "release.license"),
    ("  producer: Someone\n", "  producer: Someone\n  type: spaceship\n", "release.type"),
    ("  producer: Someone\n", "  producer: Someone\n  treatment: ''\n", "release.treatment"),
    ("  components:\n", "  components: {}\n  old:\n", "release.components"),
]


@pytest.mark.parametrize(("old", "new", "field"), BROKEN)
def test_schema_violations_name_the_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(ManifestError) as raised:
        ManifestSource(path).read()
    assert raised.value.field == field
    assert f"{field}:" in str(raised.value)


def test_our_checks_agree_with_mot_schema(corpus: Path, tmp_path: Path) -> None:
    """Every broken variant above is also rejected by MOT's own JSON schema, and the valid
    file is accepted by both: our restated checks are not stricter or looser on these."""
    schema = json.loads((corpus / "mot/schema/mof_schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    assert validator.is_valid(yaml.safe_load(VALID))
    parse_manifest(VALID.encode())
    for old, new, field in BROKEN:
        document = yaml.safe_load(VALID.replace(old, new, 1))
        assert not validator.is_valid(document), field
    too_many = VALID + "".join(f"  - name: C{i}\n" for i in range(16))
    assert not validator.is_valid(yaml.safe_load(too_many))
    with pytest.raises(ManifestError, match=r"release\.components: 18 items"):
        parse_manifest(too_many.encode())


def test_too_many_components(tmp_path: Path) -> None:
    text = VALID + "".join(f"  - name: C{i}\n" for i in range(16))
    with pytest.raises(ManifestError) as raised:
        ManifestSource(_write(tmp_path, text)).read()
    assert raised.value.field == "release.components"


def test_malformed_yaml_says_where(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID.replace("  producer: Someone", "  producer: [Someone"))
    with pytest.raises(ManifestError, match=r"invalid YAML at line \d+, column \d+"):
        ManifestSource(path).read()


def test_yaml_bomb_is_refused(tmp_path: Path) -> None:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{refs}]")
    text = "\n".join(levels) + "\n" + VALID
    with pytest.raises(ManifestError, match="alias bomb"):
        ManifestSource(_write(tmp_path, text)).read()


def test_absurd_nesting_is_refused(tmp_path: Path) -> None:
    text = "release: " + "[" * 100_000 + "]" * 100_000 + "\n"
    with pytest.raises(ManifestError, match="nested too deeply"):
        ManifestSource(_write(tmp_path, text)).read()


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    text = VALID.replace("  producer: Someone", "  producer: &who Someone\n  contact: *who")
    manifest = ManifestSource(_write(tmp_path, text)).read().manifest
    assert manifest is not None and manifest.contact == "Someone"


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a string\n", "", "42\n"])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str) -> None:
    with pytest.raises(ManifestError, match=r"expected a mapping with 'framework' and 'release'"):
        ManifestSource(_write(tmp_path, text)).read()


def test_missing_top_level_section(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="release: required field missing"):
        ManifestSource(_write(tmp_path, "framework: {}\n")).read()


def test_binary_file(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="binary file"):
        ManifestSource(_write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")).read()


def test_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="not UTF-8"):
        ManifestSource(_write(tmp_path, VALID.encode("utf-8") + b"\xff\xfe")).read()


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    with path.open("wb") as handle:
        handle.truncate(3_000_000)
    with pytest.raises(ManifestError, match="too large"):
        ManifestSource(path).read()


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReleaseNotFound):
        ManifestSource(tmp_path / "absent.yml").read()
    with pytest.raises(SourceError, match="not a file"):
        ManifestSource(tmp_path).read()


UNBUILDABLE = [
    ("framework:\n", "framework: !!python/object:os.system\n", "framework", "constructor"),
    ("  producer: Someone\n", "  producer: Someone\n  ? [a, b]\n  : c\n", "release", "unhashable"),
    (
        "  producer: Someone\n",
        "  producer: Someone\n  date: !!timestamp 2020-13-45\n",
        "release.date",
        "month",
    ),
    (
        "    license: MIT\n",
        "    license: !!python/name:os.system MIT\n",
        "release.components[0].license",
        "constructor",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "reason"), UNBUILDABLE)
def test_values_yaml_cannot_build_name_the_field(
    tmp_path: Path, old: str, new: str, field: str, reason: str
) -> None:
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(ManifestError) as raised:
        ManifestSource(path).read()
    assert raised.value.field == field
    assert f"{field}: cannot read this value (line " in str(raised.value)
    assert reason in str(raised.value)
