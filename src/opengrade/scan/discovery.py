"""Find the models a code base uses, by static analysis only: Python files are parsed with
``ast`` (never imported or run), configs are read as data (``discovery_config.py``).

Recognised in Python, each with its file and line:

- ``X.from_pretrained("org/name")`` (any class), ``pipeline(model="org/name")`` or
  ``pipeline(task, "org/name")``, ``SentenceTransformer("...")``, ``CrossEncoder("...")``,
  ``hf_hub_download(repo_id="...")``, ``snapshot_download("...")``;
- the argument may be a string, a module constant or a parameter with a string default;
- a parameter named like a model (``model_name_or_path``, ``embedding_model``...) whose default
  is a model id (how a library names its default model).
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

from opengrade.scan.discovery_config import config_files, discover_config
from opengrade.scan.model_ids import MAX_FILE_BYTES, SKIPPED_DIRS, looks_like_model_id
from opengrade.store.records import ModelUse

LOADER_FIRST_ARGUMENT = {
    "SentenceTransformer": ("model_name_or_path",),
    "CrossEncoder": ("model_name_or_path", "model_name"),
    "hf_hub_download": ("repo_id",),
    "snapshot_download": ("repo_id",),
}
ORGANISATION_OF_BARE_NAMES = {"SentenceTransformer": "sentence-transformers"}
"""Loaders that resolve a bare name in an organisation of their own: ``SentenceTransformer``
looks ``all-MiniLM-L6-v2`` up as ``sentence-transformers/all-MiniLM-L6-v2``. (It leaves a
short list of plain transformers names, such as ``bert-base-uncased``, unprefixed; we prefix
those too, a known imprecision: the use is still recorded at its file and line.)"""
MODEL_PARAMETERS = frozenset(
    {
        "model",
        "model_id",
        "model_name",
        "model_name_or_path",
        "pretrained_model_name_or_path",
        "embedding_model",
        "base_model",
        "repo_id",
        "model_type",
    }
)


def python_files(root: Path) -> Iterator[Path]:
    """Python files under ``root`` (no symlinks followed, virtualenvs and VCS folders skipped)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            if name.endswith(".py") and not path.is_symlink():
                yield path


def discover_python(path: Path, relative: str) -> list[ModelUse]:
    """The model uses in one Python file; a file that does not parse yields nothing."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return []
        tree = ast.parse(path.read_bytes(), filename=relative)
    except (OSError, SyntaxError, ValueError, RecursionError):
        return []
    visitor = _UseVisitor(relative, _module_constants(tree))
    visitor.visit(tree)
    return visitor.uses


def _module_constants(tree: ast.Module) -> dict[str, str]:
    constants: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for name in node.targets:
                if isinstance(name, ast.Name) and isinstance(node.value.value, str):
                    constants[name.id] = node.value.value
    return constants


class _UseVisitor(ast.NodeVisitor):
    def __init__(self, path: str, constants: dict[str, str]) -> None:
        self.path = path
        self.scopes: list[dict[str, str]] = [constants]
        self.uses: list[ModelUse] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        defaults = _parameter_defaults(node.args)
        for name, (value, line) in defaults.items():
            if name in MODEL_PARAMETERS and looks_like_model_id(value):
                self._add(value, line, "default-argument")
        self.scopes.append({**self.scopes[-1], **{k: v for k, (v, _) in defaults.items()}})
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 (ast's naming)

    def visit_Call(self, node: ast.Call) -> None:
        name = _called_name(node.func)
        if name.endswith("from_pretrained"):
            self._argument(node, 0, ("pretrained_model_name_or_path",), "from_pretrained")
        elif name == "pipeline":
            self._argument(node, 1, ("model",), "pipeline")
        elif name in LOADER_FIRST_ARGUMENT:
            self._argument(node, 0, LOADER_FIRST_ARGUMENT[name], name)
        self.generic_visit(node)

    def _argument(self, node: ast.Call, position: int, keywords: tuple[str, ...], how: str) -> None:
        candidates: list[ast.expr] = [k.value for k in node.keywords if k.arg in keywords]
        if not candidates and len(node.args) > position:
            candidates = [node.args[position]]
        for expression in candidates:
            value = self._string(expression)
            if value is not None and looks_like_model_id(value):
                if "/" not in value and how in ORGANISATION_OF_BARE_NAMES:
                    value = f"{ORGANISATION_OF_BARE_NAMES[how]}/{value}"
                self._add(value, node.lineno, how)

    def _string(self, expression: ast.expr) -> str | None:
        if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
            return expression.value
        if isinstance(expression, ast.Name):
            return self.scopes[-1].get(expression.id)
        return None

    def _add(self, model_id: str, line: int, how: str) -> None:
        self.uses.append(ModelUse(model_id, self.path, line, how))


def _parameter_defaults(arguments: ast.arguments) -> dict[str, tuple[str, int]]:
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = list(
        zip(
            positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True
        )
    )
    pairs += [
        (a, d)
        for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if d is not None
    ]
    return {
        argument.arg: (default.value, default.lineno)
        for argument, default in pairs
        if isinstance(default, ast.Constant) and isinstance(default.value, str)
    }


def _called_name(function: ast.expr) -> str:
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return ""


def discover(root: Path) -> list[ModelUse]:
    """Every model use under ``root``: Python code and configs, sorted by model, file, line."""
    base = root.resolve()
    uses: list[ModelUse] = []
    for path in python_files(base):
        uses.extend(discover_python(path, path.relative_to(base).as_posix()))
    for path in config_files(base):
        uses.extend(discover_config(path, path.relative_to(base).as_posix()))
    rooted = {ModelUse(u.model_id, u.path, u.line, u.how, str(base)) for u in uses}
    return sorted(rooted, key=lambda u: (u.model_id, u.path, u.line, u.how))
