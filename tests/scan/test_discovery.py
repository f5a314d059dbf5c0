"""Discovery finds the models a code base uses by static analysis: every recognised call form,
constants and parameter defaults, configs in YAML/JSON/TOML, with file and line — and it never
imports or runs the code it reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opengrade.cli import main
from opengrade.scan.discovery import discover
from opengrade.scan.model_ids import looks_like_model_id
from opengrade.store import open_store

APP = '''"""An app. Docs mention AutoModel.from_pretrained("doc/only") but that is prose."""
import pathlib
from transformers import AutoModel, AutoTokenizer, pipeline
from sentence_transformers import SentenceTransformer, CrossEncoder
from huggingface_hub import hf_hub_download, snapshot_download

pathlib.Path(__file__).with_name("RAN").write_text("imported")
DEFAULT = "acme/classifier-v2"

def load(name="acme/default-embedder", model_name="acme/param-default"):
    model = AutoModel.from_pretrained(DEFAULT)
    tokenizer = AutoTokenizer.from_pretrained(pretrained_model_name_or_path="acme/tok-1")
    generator = pipeline("text-generation", model="acme/generator-7b")
    positional = pipeline("fill-mask", "bert-base-uncased")
    embedder = SentenceTransformer(name)
    ranker = CrossEncoder(model_name_or_path="acme/reranker")
    bare = SentenceTransformer("all-mpnet-base-v2")
    weights = hf_hub_download(repo_id="acme/weights", filename="model.safetensors")
    snapshot = snapshot_download("acme/snapshot")
    local = AutoModel.from_pretrained("./checkpoints/local")
    dynamic = AutoModel.from_pretrained(pick_name())
    return model, tokenizer, generator, positional, embedder, ranker, bare, weights, snapshot
'''

CONFIG_YAML = """training:
  model_name_or_path: acme/base-13b
  output_dir: out/
  model: gpt-4
base: &b {tokenizer_name: acme/tokenizer}
again: *b
"""


@pytest.fixture
def code_base(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app" / "main.py").write_text(APP, encoding="utf-8")
    (root / "app" / "broken.py").write_text("def broken(:\n  from_pretrained('x/y')\n")
    (root / "configs").mkdir()
    (root / "configs" / "train.yaml").write_text(CONFIG_YAML, encoding="utf-8")
    (root / "configs" / "serve.json").write_text(
        json.dumps({"serving": {"model_id": "acme/served"}, "model": "not an id"}, indent=2)
    )
    (root / "pyproject.toml").write_text('[tool.app]\nbase_model = "acme/toml-base"\n')
    (root / ".venv" / "lib").mkdir(parents=True)
    (root / ".venv" / "lib" / "dep.py").write_text("X.from_pretrained('vendored/skip')\n")
    return root


def test_every_recognised_use_is_found_with_its_file_and_line(code_base: Path) -> None:
    found = {(use.model_id, use.path, use.line, use.how) for use in discover(code_base)}
    assert found == {
        ("acme/classifier-v2", "app/main.py", 11, "from_pretrained"),
        ("acme/tok-1", "app/main.py", 12, "from_pretrained"),
        ("acme/generator-7b", "app/main.py", 13, "pipeline"),
        ("bert-base-uncased", "app/main.py", 14, "pipeline"),
        ("acme/default-embedder", "app/main.py", 15, "SentenceTransformer"),
        ("acme/reranker", "app/main.py", 16, "CrossEncoder"),
        ("sentence-transformers/all-mpnet-base-v2", "app/main.py", 17, "SentenceTransformer"),
        ("acme/weights", "app/main.py", 18, "hf_hub_download"),
        ("acme/snapshot", "app/main.py", 19, "snapshot_download"),
        ("acme/param-default", "app/main.py", 10, "default-argument"),
        ("acme/base-13b", "configs/train.yaml", 2, "config:model_name_or_path"),
        ("acme/tokenizer", "configs/train.yaml", 5, "config:tokenizer_name"),
        ("acme/served", "configs/serve.json", 3, "config:model_id"),
        ("acme/toml-base", "pyproject.toml", 2, "config:base_model"),
    }
    assert {use.root for use in discover(code_base)} == {str(code_base.resolve())}


def test_the_code_is_never_imported_or_run(code_base: Path) -> None:
    discover(code_base)
    assert not (code_base / "app" / "RAN").exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("org/name", True),
        ("gpt2", True),
        ("bert-base-uncased", True),
        ("./checkpoints/local", False),
        ("config.json", False),
        ("hello world", False),
        ("text", False),
    ],
)
def test_model_id_shape(value: str, expected: bool) -> None:
    assert looks_like_model_id(value) is expected


def test_a_yaml_alias_bomb_costs_nothing(tmp_path: Path) -> None:
    lines = ["a0: &a0 {model_name: acme/bomb}"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    uses = discover(tmp_path)
    assert [(use.model_id, use.line) for use in uses] == [("acme/bomb", 1)]


def test_scan_discover_records_each_use_and_scans_each_model(
    code_base: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    store = str(tmp_path / "inventory.db")
    code = main(["scan", "--discover", str(code_base), "--store", store, "--format", "json"])
    summary = json.loads(capsys.readouterr().out)
    # No Hub here (offline): each model is a recorded failure, and the scan goes on.
    assert code == 3
    assert summary["total"] == summary["failed"] == 14
    with open_store(store) as opened:
        assert {(use.model_id, use.path, use.line) for use in opened.uses()} >= {
            ("acme/base-13b", "configs/train.yaml", 2),
            ("acme/generator-7b", "app/main.py", 13),
        }
        assert len(opened.failures()) == 14
    assert main(["inventory", "--uses", "--store", store]) == 0
    assert "acme/generator-7b\t" in capsys.readouterr().out
    assert main(["scan", "--discover", str(tmp_path / "nowhere")]) == 2
