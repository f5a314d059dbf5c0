"""Third-party libraries stay at the edges (DESIGN convention 5), and the public API is tested."""

from __future__ import annotations

import ast
from pathlib import Path

import opengrade

SRC = Path(opengrade.__file__).resolve().parent

ALLOWED_IMPORTERS = {
    "huggingface_hub": {"sources/hub/source.py", "sources/hub/lister.py"},
    "httpx2": {"sources/hub/http.py", "sources/hub/lister.py"},
    "ray": {"scan/engines/ray_engine.py"},
    "pyarrow": {"stats/parquet.py"},
    "license_expression": {"licenses/expression.py"},
    "spdx_python_model": {"bom/spdx.py"},
    "jsonschema": {"bom/validate.py", "policy/schema.py"},
    "jsonschema_rs": {"bom/validate.py"},
    "pyshacl": {"bom/shacl.py"},
    "rdflib": {"bom/shacl.py"},
    "numpy": {
        "validation/bootstrap.py",
        "validation/child.py",
        "validation/data.py",
        "validation/metrics.py",
        "validation/run.py",
        "validation/runner.py",
    },
    "pandas": {"validation/data.py", "validation/child.py"},
    "onnx": {"validation/onnx_check.py"},
    "google": {"validation/onnx_check.py"},
    "onnxruntime": {"validation/child.py"},
    "skops": {"validation/skops_check.py", "validation/child.py"},
    "sklearn": {"validation/metrics.py"},
    "fairlearn": {"validation/metrics.py"},
    "sqlalchemy": {
        "store/connection.py",
        "store/migrations.py",
        "store/reading.py",
        "store/schema.py",
        "store/store.py",
        "store/writing.py",
        "store/dashboard_queries.py",
        "store/dashboard_counts.py",
        "store/aggregates.py",
    },
    "psycopg": set(),
    "starlette": {"web/app.py", "web/api.py", "web/security.py"},
    "jinja2": {"web/templating.py"},
    "uvicorn": {"web/server.py"},
}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_third_party_libraries_only_in_their_edge_module() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        for library, allowed in ALLOWED_IMPORTERS.items():
            if library in _imported_modules(path) and relative not in allowed:
                offenders.append(f"{relative} imports {library}")
    assert offenders == []


def test_no_module_unpickles_or_trusts_remote_code() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        modules = _imported_modules(path)
        text = path.read_text(encoding="utf-8")
        if modules & {"pickle", "dill", "joblib", "torch"} or "trust_remote_code=True" in text:
            offenders.append(path.relative_to(SRC).as_posix())
    assert offenders == []


def test_validation_libraries_load_only_when_validate_runs() -> None:
    """Building the parser (every command) imports none of the validation libraries."""
    import subprocess
    import sys

    code = (
        "import sys; from opengrade.cli import build_parser; build_parser(); "
        "heavy = {'numpy', 'pandas', 'onnx', 'onnxruntime', 'sklearn', 'fairlearn', 'skops'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
