"""Which model files may run, and which are refused (with the format to export to).

Nothing here opens a model with a library: the format is decided from the name and the first
bytes. ONNX and skops files go on to their own checks (:mod:`.onnx_check`, :mod:`.skops_check`);
everything that can carry code (pickle, joblib, PyTorch checkpoints, a release that needs
``trust_remote_code``) is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from opengrade.validation.errors import InputUnreadable, ModelRefused


class ModelFormat(StrEnum):
    """The model formats a validation can run."""

    ONNX = "onnx"
    SKOPS = "skops"


@dataclass(frozen=True, slots=True)
class ModelFile:
    """The model file to run and the folder it may read weights from."""

    path: Path
    format: ModelFormat
    folder: Path


_RUNNABLE = {".onnx": ModelFormat.ONNX, ".skops": ModelFormat.SKOPS}
_EXPORT = (
    "export it to ONNX (skl2onnx, torch.onnx, tf2onnx) or, for a scikit-learn linear model, "
    "to skops"
)
_REFUSED_SUFFIXES = {
    ".pkl": "a pickle file",
    ".pickle": "a pickle file",
    ".joblib": "a joblib file (pickle inside)",
    ".pt": "a PyTorch checkpoint (pickle inside)",
    ".pth": "a PyTorch checkpoint (pickle inside)",
    ".bin": "a PyTorch checkpoint (pickle inside)",
    ".ckpt": "a checkpoint (pickle inside)",
    ".h5": "a Keras/HDF5 model (it can hold Lambda-layer code)",
    ".keras": "a Keras model (it can hold Lambda-layer code)",
    ".safetensors": "weights without a graph (a runtime would need model code to use them)",
    ".gguf": "weights for a llama.cpp runtime, not a classifier",
}
_PICKLE_MAGIC = (b"\x80\x02", b"\x80\x03", b"\x80\x04", b"\x80\x05")
_ZIP_MAGIC = b"PK\x03\x04"


def model_file(target: Path) -> ModelFile:
    """The runnable model at ``target`` (a file, or a release folder holding exactly one).

    Raises ModelRefused for a format that can carry code, InputUnreadable when there is none.
    """
    if not target.exists():
        raise InputUnreadable(f"no such model file or folder: {target}; check the path")
    if target.is_dir():
        return _from_folder(target)
    return _from_file(target, target.parent)


def _from_file(path: Path, folder: Path) -> ModelFile:
    suffix = path.suffix.lower()
    head = _head(path)
    if head.startswith(_PICKLE_MAGIC) or suffix in _REFUSED_SUFFIXES:
        what = _REFUSED_SUFFIXES.get(suffix, "a pickle stream")
        if head.startswith(_PICKLE_MAGIC) and suffix not in (".pkl", ".pickle"):
            what = f"{what}; its bytes are a pickle stream"
        raise ModelRefused(
            f"refused {path.name}: {what}, which can run code when loaded; opengrade never "
            f"loads it. To validate the model, {_EXPORT}."
        )
    if suffix == ".skops" and not head.startswith(_ZIP_MAGIC):
        raise InputUnreadable(f"{path.name} is not a skops file (not a zip archive)")
    if suffix not in _RUNNABLE:
        raise ModelRefused(
            f"refused {path.name}: not a format opengrade can run safely (ONNX or skops). "
            f"To validate the model, {_EXPORT}."
        )
    return ModelFile(path=path, format=_RUNNABLE[suffix], folder=folder.resolve())


def _from_folder(folder: Path) -> ModelFile:
    _refuse_remote_code(folder)
    files = sorted(item for item in folder.rglob("*") if item.is_file() and not item.is_symlink())
    runnable = [item for item in files if item.suffix.lower() in _RUNNABLE]
    if len(runnable) == 1:
        return _from_file(runnable[0], folder)
    if len(runnable) > 1:
        names = ", ".join(item.relative_to(folder).as_posix() for item in runnable)
        raise InputUnreadable(f"{folder} holds several models ({names}); name the one to validate")
    refused = [item for item in files if item.suffix.lower() in _REFUSED_SUFFIXES]
    if refused:
        _from_file(refused[0], folder)  # raises ModelRefused naming the format
    raise InputUnreadable(
        f"{folder} holds no model file (.onnx or .skops); {_EXPORT} and add it to the folder"
    )


def _refuse_remote_code(folder: Path) -> None:
    """A release whose config maps classes to its own code (``auto_map``) needs
    ``trust_remote_code``: refused."""
    config = folder / "config.json"
    if not config.is_file():
        return
    try:
        data = json.loads(config.read_text(encoding="utf-8")[:1_000_000])
    except (OSError, ValueError):
        return
    if isinstance(data, dict) and "auto_map" in data:
        raise ModelRefused(
            f"refused {folder.name}: config.json maps classes to the release's own code "
            "(auto_map), which only runs with trust_remote_code; opengrade never runs it. "
            "Export the model to ONNX (optimum-cli export onnx) and validate the .onnx file."
        )


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(8)
    except OSError as error:
        raise InputUnreadable(f"cannot read {path}: {error.strerror}") from error
