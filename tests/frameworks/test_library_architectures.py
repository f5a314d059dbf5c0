"""Architectures implemented by open-source libraries (issue 12 item 6): the generated table,
and the Model architecture component of releases that need no custom code."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

from opengrade.evidence import extract_evidence
from opengrade.frameworks.library_architectures import TABLE, implementation
from opengrade.frameworks.observations import observe
from opengrade.licenses import catalog
from opengrade.licenses.conclude import conclude
from opengrade.model import ReleaseFile, ReleaseSnapshot, SourceKind, TextFile
from opengrade.model.assessment import ComponentObservation, ObservationHow
from opengrade.parsing.files import classify
from opengrade.sources.local import LocalDirSource

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = "Model architecture"


def _snapshot(*files: tuple[str, str]) -> ReleaseSnapshot:
    entries = (("README.md", "# A model\n\nSome words.\n"), *files)
    return ReleaseSnapshot(
        "someone/some-model",
        SourceKind.LOCAL,
        "/written",
        files=tuple(ReleaseFile(path, len(text), classify(path)) for path, text in entries),
        texts=tuple(TextFile(path, text) for path, text in entries),
    )


def _architecture(snapshot: ReleaseSnapshot) -> ComponentObservation:
    evidence = extract_evidence(snapshot)
    licensing, _ = conclude(snapshot, evidence)
    return next(
        item for item in observe(snapshot, evidence, licensing) if item.name == ARCHITECTURE
    )


def test_every_library_row_has_a_version_and_an_open_license() -> None:
    document = json.loads(TABLE.read_text(encoding="utf-8"))
    assert set(document["libraries"]) >= {"transformers", "diffusers"}
    for library, entry in document["libraries"].items():
        assert entry["version"] and entry["wheel"].startswith(library.replace("-", "_"))
        assert catalog.terms(entry["license"]) is not None
        assert catalog.is_open_for(entry["license"], "code") is True
        modules = [
            module
            for kind in ("model_types", "classes", "models")
            for module in entry.get(kind, {})
        ]
        assert modules and all(
            module.startswith(library.replace("-", "_") + ".") for module in modules
        )


def test_config_names_resolve_to_the_module_that_implements_them() -> None:
    by_class = implementation(["BertForMaskedLM"], None)
    assert by_class is not None and by_class.library == "transformers"
    assert by_class.module.endswith(".modeling_bert")
    by_type = implementation(["SomethingUnknownForCausalLM"], "llama")
    assert by_type is not None and by_type.kind == "model_type"
    assert by_type.module.endswith(".configuration_llama")
    pipeline = implementation(["StableDiffusionPipeline"], None)
    assert pipeline is not None and pipeline.library == "diffusers"
    assert implementation(["QWenLMHeadModel"], "qwen") is None


def test_a_release_without_custom_code_has_its_architecture_open_via_the_library() -> None:
    config = json.dumps({"architectures": ["BertModel"], "model_type": "bert"})
    found = _architecture(_snapshot(("config.json", config)))
    assert (found.present, found.license, found.license_open) == (True, "Apache-2.0", True)
    assert found.how == ObservationHow.LIBRARY
    assert found.evidence[0] == "config.json [architectures] names BertModel"
    assert "transformers" in found.evidence[1] and "modeling_bert" in found.evidence[1]


@pytest.mark.parametrize(
    "files",
    [
        (
            (
                "config.json",
                json.dumps({"architectures": ["BertModel"], "auto_map": {"AutoModel": "x.Y"}}),
            ),
        ),
        (
            ("config.json", json.dumps({"architectures": ["BertModel"]})),
            ("README.md", "model = AutoModel.from_pretrained('x', trust_remote_code=True)\n"),
        ),
        (
            (
                "config.json",
                json.dumps({"architectures": ["MyOwnForCausalLM"], "model_type": "mine"}),
            ),
        ),
        (
            (
                "model_index.json",
                json.dumps(
                    {"_class_name": "StableDiffusionPipeline", "unet": ["my_unet", "MyUNet"]}
                ),
            ),
        ),
    ],
    ids=["auto_map", "trust_remote_code", "unknown-architecture", "custom-pipeline-component"],
)
def test_custom_code_keeps_the_architecture_as_declared(files: tuple[tuple[str, str], ...]) -> None:
    readme = [text for path, text in files if path == "README.md"]
    others = tuple((path, text) for path, text in files if path != "README.md")
    snapshot = _snapshot(*others)
    if readme:
        texts = tuple(
            TextFile(t.path, readme[0]) if t.path == "README.md" else t for t in snapshot.texts
        )
        snapshot = ReleaseSnapshot(
            snapshot.id, snapshot.source, snapshot.location, snapshot.files, texts
        )
    found = _architecture(snapshot)
    assert found.how != ObservationHow.LIBRARY and found.license_open is not True


def test_a_release_that_ships_modelling_code_is_judged_by_its_own_files() -> None:
    config = json.dumps({"architectures": ["BertModel"], "model_type": "bert"})
    found = _architecture(_snapshot(("config.json", config), ("modeling_bert.py", "# code\n")))
    assert found.how == ObservationHow.FILE


def test_corpus_releases_with_custom_code_stay_declared(corpus: Path) -> None:
    custom = 0
    for folder in sorted(path for path in (corpus / "models").iterdir() if path.is_dir()):
        config = folder / "config.json"
        if not config.exists() or "auto_map" not in json.loads(config.read_text(encoding="utf-8")):
            continue
        custom += 1
        snapshot = LocalDirSource(folder).read()
        assert _architecture(snapshot).how != ObservationHow.LIBRARY, folder.name
    assert custom >= 2


def test_corpus_releases_built_on_a_library_cite_it(corpus: Path) -> None:
    cited = 0
    for folder in sorted(path for path in (corpus / "models").iterdir() if path.is_dir()):
        found = _architecture(LocalDirSource(folder).read())
        if found.how == ObservationHow.LIBRARY:
            cited += 1
            assert found.license_open is True and found.evidence[0].startswith(
                ("config.json", "model_index.json")
            )
    assert cited >= 10


def _wheel(directory: Path) -> Path:
    path = directory / "transformers-0.0.1-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr(
            "transformers-0.0.1.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: transformers\nVersion: 0.0.1\n"
            "License: Apache 2.0 License\n\nbody\n",
        )
        wheel.writestr(
            "transformers/models/toy/configuration_toy.py",
            'class ToyConfig(PretrainedConfig):\n    model_type = "toy"\n',
        )
        wheel.writestr(
            "transformers/models/toy/modeling_toy.py",
            "class ToyModel(ToyPreTrainedModel):\n    pass\n\nclass ToyLayer:\n    pass\n",
        )
    return path


def test_the_table_generator_reads_names_from_a_wheel_without_running_it(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_architecture_table as tool
    finally:
        sys.path.remove(str(ROOT / "tools"))
    table = tool.build([_wheel(tmp_path)])
    row = table["libraries"]["transformers"]  # type: ignore[index]
    assert row["version"] == "0.0.1" and row["license"] == "Apache-2.0"
    assert row["model_types"] == {"transformers.models.toy.configuration_toy": ["toy"]}
    assert row["classes"] == {"transformers.models.toy.modeling_toy": ["ToyModel"]}
