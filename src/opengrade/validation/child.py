"""The child process that runs a model: limits first, then the model, answers as plain arrays.

Run as ``python -I -m opengrade.validation.child REQUEST.json`` by :mod:`.runner`. It sets its
own memory (RLIMIT_AS) and CPU-time (RLIMIT_CPU) limits before importing any runtime, checks an
ONNX model's protobuf (:mod:`.onnx_check`: the untrusted bytes are parsed under the limits too)
before any session exists, loads the model (ONNX through onnxruntime with only the CPU provider
and no custom-op library; skops with the checked types as the only trusted ones), predicts,
and writes the predicted labels and positive-class scores to an ``.npz`` file (no pickle). Its
last stdout line is a JSON status.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path
from typing import Any

_MEMORY_WORDS = ("bad_alloc", "Failed to allocate", "out of memory", "MemoryError")


def main(argv: list[str]) -> int:
    """Read the request, run the model, write the result; 0 on success."""
    request = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    memory = int(request["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(request["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    from opengrade.validation.errors import InputUnreadable, ModelRefused

    try:
        labels, scores = _predict(request)
        _write(Path(request["output"]), labels, scores)
    except ModelRefused as error:
        return _status("refused", str(error))
    except InputUnreadable as error:
        return _status("unreadable", str(error))
    except MemoryError:
        return _status("memory", "the model ran out of memory (the memory limit)")
    except Exception as error:
        text = f"{type(error).__name__}: {error}"[:2000]
        kind = "memory" if any(word in text for word in _MEMORY_WORDS) else "crash"
        return _status(kind, text)
    return _status("ok", "")


def _status(kind: str, message: str) -> int:
    print(json.dumps({"status": kind, "message": message}), flush=True)
    return 0 if kind == "ok" else 1


def _columns(request: dict[str, Any]) -> dict[str, Any]:
    import numpy

    with numpy.load(request["features"], allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def _predict(request: dict[str, Any]) -> tuple[Any, Any]:
    columns = _columns(request)
    if request["format"] == "onnx":
        return _predict_onnx(request, columns)
    return _predict_skops(request, columns)


def _predict_onnx(request: dict[str, Any], columns: dict[str, Any]) -> tuple[Any, Any]:
    import numpy

    from opengrade.validation.onnx_check import check_onnx

    facts = check_onnx(Path(request["model"]), Path(request["folder"]))  # before any session
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        request["model"], options, providers=["CPUExecutionProvider"]
    )
    feeds = {}
    inputs = session.get_inputs()
    for slot in inputs:
        if slot.name in columns:
            values = columns[slot.name]
            feeds[slot.name] = _as_input(values.reshape(-1, 1), slot, numpy)
        elif len(inputs) == 1:
            stacked = numpy.column_stack([columns[name] for name in request["feature_order"]])
            feeds[slot.name] = _as_input(stacked, slot, numpy)
        else:
            raise KeyError(f"the model's input {slot.name!r} is not a column of the data")
    names = [item.name for item in session.get_outputs()]
    results = dict(zip(names, session.run(names, feeds), strict=True))
    return _read_outputs(results, request["positive"], facts.class_labels or request["classes"])


def _as_input(values: Any, slot: Any, numpy: Any) -> Any:
    if "string" in slot.type:
        return values.astype(str).astype(object)
    if "int64" in slot.type:
        return values.astype(numpy.int64)
    if "double" in slot.type:
        return values.astype(numpy.float64)
    return values.astype(numpy.float32)


def _read_outputs(
    results: dict[str, Any], positive: str, classes: list[str] | tuple[str, ...]
) -> tuple[Any, Any]:
    import numpy

    labels = scores = None
    for value in results.values():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            scores = numpy.array(
                [{str(key): prob for key, prob in row.items()}[positive] for row in value],
                dtype=numpy.float64,
            )
        elif isinstance(value, numpy.ndarray) and value.ndim == 1 and labels is None:
            labels = value.astype(str)
        elif isinstance(value, numpy.ndarray) and value.ndim == 2 and value.dtype.kind == "f":
            column = classes.index(positive) if value.shape[1] == len(classes) else 0
            scores = value[:, column].astype(numpy.float64)
    if labels is None and scores is None:
        raise ValueError("the model's outputs hold neither labels nor class probabilities")
    return labels, scores


def _predict_skops(request: dict[str, Any], columns: dict[str, Any]) -> tuple[Any, Any]:
    import numpy
    import pandas
    from skops.io import load

    model = load(request["model"], trusted=request["trusted"])
    frame = pandas.DataFrame(columns)
    names = getattr(model, "feature_names_in_", None)
    if names is not None:
        frame = frame[[str(name) for name in names]]
    classes = [str(item) for item in model.classes_]
    scores = model.predict_proba(frame)[:, classes.index(request["positive"])]
    labels = numpy.asarray(model.predict(frame)).astype(str)
    return labels, numpy.asarray(scores, dtype=numpy.float64)


def _write(path: Path, labels: Any, scores: Any) -> None:
    import numpy

    arrays = {}
    if labels is not None:
        arrays["labels"] = labels
    if scores is not None:
        arrays["scores"] = scores
    with path.open("wb") as stream:
        numpy.savez(stream, **arrays)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
