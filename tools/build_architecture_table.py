"""Build ``frameworks/data/library_architectures.json``: which open-source library implements an
architecture a release's config names, under which license, in which module.

    .venv/bin/python tools/build_architecture_table.py [--wheels DIR] [--check]

Downloads the published wheels of transformers, diffusers and timm from PyPI
(``pip download --no-deps``), reads each wheel's metadata (version, license) and its Python
sources as syntax trees, never running them, and records facts only:

- transformers: every ``model_type = "..."`` of a configuration class, and every class defined
  in a ``modeling_*.py`` module (the names config.json ``architectures`` lists);
- diffusers: every pipeline and model class (the names model_index.json ``_class_name`` and
  its components list);
- timm: every model name registered with ``@register_model`` (config.json ``architecture``).

No code is copied: the table holds names, module paths, versions and licenses. ``--check``
compares the file it would write with the committed one (same wheels: same bytes).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "opengrade" / "frameworks" / "data" / "library_architectures.json"
LIBRARIES = ("transformers", "diffusers", "timm")
_LICENSE_NAMES = {
    "apache 2.0 license": "Apache-2.0",
    "apache-2.0": "Apache-2.0",
    "apache": "Apache-2.0",
}


def download(directory: Path) -> list[Path]:
    """The libraries' newest wheels, downloaded into ``directory`` (no dependencies)."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    subprocess.run([*command, "-d", str(directory), *LIBRARIES], check=True)
    return sorted(directory.glob("*.whl"))


def _metadata(wheel: zipfile.ZipFile) -> dict[str, str]:
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    header = wheel.read(name).decode("utf-8").split("\n\n", 1)[0]
    fields: dict[str, str] = {}
    for line in header.splitlines():
        key, _, value = line.partition(": ")
        if key in {"Name", "Version", "License", "License-Expression"} and key not in fields:
            fields[key] = value.strip()
        if key == "Classifier" and value.startswith("License ::") and "Classifier" not in fields:
            fields["Classifier"] = value.strip()
    return fields


def license_key(fields: dict[str, str]) -> str:
    """The SPDX id of the wheel's declared license (License-Expression, else License)."""
    if "License-Expression" in fields:
        return fields["License-Expression"]
    declared = fields.get("License", "").lower()
    if declared in _LICENSE_NAMES:
        return _LICENSE_NAMES[declared]
    raise SystemExit(f"{fields.get('Name')}: license {declared!r} not mapped; add it")


def _tree(wheel: zipfile.ZipFile, name: str) -> ast.Module | None:
    try:
        return ast.parse(wheel.read(name).decode("utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return None


_MODEL_CLASS = re.compile(r"(?:Model|For[A-Z]\w*|Pipeline)$|^AutoencoderKL")
_MODEL_BASES = ("PreTrainedModel", "ModelMixin", "DiffusionPipeline")


def _base_names(node: ast.ClassDef) -> set[str]:
    return {str(getattr(base, "id", getattr(base, "attr", ""))) for base in node.bases}


def _classes(tree: ast.Module) -> list[str]:
    """Model and pipeline classes: the names a config can list (``BertForMaskedLM``,
    ``StableDiffusionPipeline``, ``UNet2DConditionModel``), not their building blocks."""
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and not node.name.startswith("_")
        and (
            _MODEL_CLASS.search(node.name) is not None
            or any(base.endswith(_MODEL_BASES) for base in _base_names(node))
        )
    ]


def _model_types(tree: ast.Module) -> list[str]:
    """``model_type = "bert"`` assignments in the classes of a configuration module."""
    found = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            targets = (
                statement.targets
                if isinstance(statement, ast.Assign)
                else [statement.target]
                if isinstance(statement, ast.AnnAssign)
                else []
            )
            value = getattr(statement, "value", None)
            for target in targets:
                if (
                    isinstance(target, ast.Name)
                    and target.id == "model_type"
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                    and value.value
                ):
                    found.append(value.value)
    return found


def _registered(tree: ast.Module) -> list[str]:
    """Functions decorated with ``register_model`` (timm's model names)."""
    names = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if getattr(target, "id", getattr(target, "attr", "")) == "register_model":
                    names.append(node.name)
    return names


def _entries(library: str, wheel: zipfile.ZipFile) -> dict[str, dict[str, list[str]]]:
    """``{kind: {module path: [names]}}`` for one library's wheel (kinds: ``model_types``,
    ``classes``, ``models``)."""
    found: dict[str, dict[str, str]] = {"model_types": {}, "classes": {}, "models": {}}
    for name in sorted(wheel.namelist()):
        path = PurePosixPath(name)
        if path.suffix != ".py":
            continue
        stem = path.stem
        wanted = (
            (library == "transformers" and stem.startswith(("configuration_", "modeling_")))
            or (library == "diffusers" and path.parts[1:2] in (("pipelines",), ("models",)))
            or (library == "timm" and path.parts[1:2] == ("models",))
        )
        if not wanted:
            continue
        tree = _tree(wheel, name)
        if tree is None:
            continue
        module = ".".join(path.with_suffix("").parts)
        if library == "transformers" and stem.startswith("configuration_"):
            for model_type in _model_types(tree):
                found["model_types"].setdefault(model_type, module)
        elif library == "timm":
            for model in _registered(tree):
                found["models"].setdefault(model, module)
        else:
            for class_name in _classes(tree):
                found["classes"].setdefault(class_name, module)
    return {kind: _by_module(names) for kind, names in found.items() if names}


def _by_module(names: dict[str, str]) -> dict[str, list[str]]:
    """``{module: [names]}``, sorted: each module path written once."""
    grouped: dict[str, list[str]] = {}
    for name, module in names.items():
        grouped.setdefault(module, []).append(name)
    return {module: sorted(grouped[module]) for module in sorted(grouped)}


def build(wheels: list[Path]) -> dict[str, object]:
    """The table for the given wheels."""
    libraries: dict[str, object] = {}
    for path in wheels:
        with zipfile.ZipFile(path) as wheel:
            fields = _metadata(wheel)
            library = fields["Name"].lower().replace("_", "-")
            if library not in LIBRARIES:
                continue
            libraries[library] = {
                "version": fields["Version"],
                "license": license_key(fields),
                "license_metadata": fields.get("License-Expression") or fields.get("License", ""),
                "wheel": path.name,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                **_entries(library, wheel),
            }
    return {
        "generated_by": "tools/build_architecture_table.py",
        "source": "the libraries' published wheels on PyPI (names and module paths only)",
        "libraries": dict(sorted(libraries.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wheels", type=Path, help="use the wheels in DIR instead of downloading")
    parser.add_argument("--check", action="store_true", help="compare with the committed table")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        wheels = sorted(options.wheels.glob("*.whl")) if options.wheels else download(Path(work))
        text = json.dumps(build(wheels), indent=0, sort_keys=False) + "\n"
    if options.check:
        same = TABLE.exists() and TABLE.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{TABLE} differs from the wheels")
        raise SystemExit(0 if same else 1)
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
