"""ONNX models are read as a protobuf (never run here) and refused unless they are safe to run.

Safe means: only the standard operator domains (``ai.onnx`` and ``ai.onnx.ml``), no model-local
functions (a custom domain), and weights stored outside the file (external data) only at
locations inside the model's own folder. The checks cover every subgraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opengrade.validation.errors import InputUnreadable, ModelRefused

STANDARD_DOMAINS = frozenset({"", "ai.onnx", "ai.onnx.ml"})
MAX_MODEL_BYTES = 2 * 1024**3


@dataclass(frozen=True, slots=True)
class TensorSlot:
    """One graph input or output: its name, element type and shape (None for a free dim)."""

    name: str
    kind: str
    shape: tuple[int | None, ...]


@dataclass(frozen=True, slots=True)
class OnnxFacts:
    """What the graph says about how to feed it and read it."""

    inputs: tuple[TensorSlot, ...]
    outputs: tuple[TensorSlot, ...]
    class_labels: tuple[str, ...]
    opsets: tuple[str, ...]


def check_onnx(path: Path, folder: Path) -> OnnxFacts:
    """Refuse (ModelRefused) an ONNX model that is not safe to run; else what it needs."""
    import onnx
    from google.protobuf.message import DecodeError

    if path.stat().st_size > MAX_MODEL_BYTES:
        raise InputUnreadable(
            f"{path.name} is larger than 2 GiB; store its weights as external data"
        )
    try:
        model = onnx.load(str(path), load_external_data=False)
    except (DecodeError, OSError, ValueError) as error:
        raise InputUnreadable(f"{path.name} is not a readable ONNX model ({error})") from error
    opsets = tuple(
        sorted(f"{item.domain or 'ai.onnx'}:{item.version}" for item in model.opset_import)
    )
    custom = sorted({item.domain for item in model.opset_import} - STANDARD_DOMAINS)
    custom += sorted({node.domain for node in _nodes(model.graph)} - STANDARD_DOMAINS - set(custom))
    if custom:
        raise ModelRefused(
            f"refused {path.name}: it asks for the custom operator domain(s) "
            f"{', '.join(custom)}, which need a custom-op library (native code); opengrade runs "
            "only the standard ONNX domains. Re-export the model with standard operators only."
        )
    if len(model.functions):
        names = ", ".join(sorted(f"{item.domain}.{item.name}" for item in model.functions))
        raise ModelRefused(
            f"refused {path.name}: it defines its own functions ({names}); re-export it with "
            "standard operators only (inline the functions)."
        )
    _check_external_data(model, path, folder)
    return OnnxFacts(
        inputs=tuple(_slot(item) for item in model.graph.input),
        outputs=tuple(_slot(item) for item in model.graph.output),
        class_labels=_class_labels(model.graph),
        opsets=opsets,
    )


def _nodes(graph: Any) -> Iterator[Any]:
    """Every node of ``graph`` and of its subgraphs (If, Loop, Scan bodies)."""
    for node in graph.node:
        yield node
        for attribute in node.attribute:
            if attribute.HasField("g"):
                yield from _nodes(attribute.g)
            for subgraph in attribute.graphs:
                yield from _nodes(subgraph)


def _tensors(graph: Any) -> Iterator[Any]:
    """Every tensor that may hold weights: initializers, sparse ones, node attributes."""
    yield from graph.initializer
    for sparse in graph.sparse_initializer:
        yield sparse.values
        yield sparse.indices
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.HasField("t"):
                yield attribute.t
            yield from attribute.tensors
            if attribute.HasField("g"):
                yield from _tensors(attribute.g)
            for subgraph in attribute.graphs:
                yield from _tensors(subgraph)


def _check_external_data(model: Any, path: Path, folder: Path) -> None:
    import onnx

    root = folder.resolve()
    for tensor in _tensors(model.graph):
        if tensor.data_location != onnx.TensorProto.EXTERNAL:
            continue
        entries = {item.key: item.value for item in tensor.external_data}
        location = entries.get("location", "")
        target = (path.parent / location).resolve()
        if not location or Path(location).is_absolute() or not target.is_relative_to(root):
            raise ModelRefused(
                f"refused {path.name}: tensor {tensor.name!r} reads its weights from "
                f"{location!r}, outside the model's folder {root}; opengrade reads weights only "
                "from the model's own folder. Put the external data file beside the model."
            )


def _slot(value: Any) -> TensorSlot:
    import onnx

    kind_name = value.type.WhichOneof("value")
    if kind_name != "tensor_type":
        return TensorSlot(name=value.name, kind=kind_name or "unknown", shape=())
    tensor = value.type.tensor_type
    kind = onnx.helper.tensor_dtype_to_np_dtype(tensor.elem_type).name if tensor.elem_type else ""
    kind = "str" if kind == "object" else kind
    shape = tuple(dim.dim_value if dim.HasField("dim_value") else None for dim in tensor.shape.dim)
    return TensorSlot(name=value.name, kind=kind, shape=shape)


def _class_labels(graph: Any) -> tuple[str, ...]:
    """The class labels a classifier node of ``ai.onnx.ml`` declares (empty when none)."""
    for node in _nodes(graph):
        if node.domain != "ai.onnx.ml":
            continue
        for attribute in node.attribute:
            if attribute.name == "classlabels_int64s" and attribute.ints:
                return tuple(str(item) for item in attribute.ints)
            if attribute.name == "classlabels_strings" and attribute.strings:
                return tuple(item.decode("utf-8", "replace") for item in attribute.strings)
    return ()
