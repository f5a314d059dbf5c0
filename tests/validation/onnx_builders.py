"""Small hand-built ONNX models for the refusal tests (built with the onnx helper, never run
here)."""

from __future__ import annotations

from pathlib import Path

import numpy
import onnx
from onnx import TensorProto, helper, numpy_helper


def _save(graph: onnx.GraphProto, path: Path, opsets: list[tuple[str, int]]) -> Path:
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid(domain, version) for domain, version in opsets]
    )
    model.ir_version = 8
    path.write_bytes(model.SerializeToString())
    return path


def custom_domain_model(path: Path) -> Path:
    """A model whose one node is a custom operator of the domain ``com.example.fast``."""
    node = helper.make_node("FastScore", ["age"], ["probabilities"], domain="com.example.fast")
    graph = helper.make_graph(
        [node],
        "custom",
        [helper.make_tensor_value_info("age", TensorProto.FLOAT, [None, 1])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])],
    )
    return _save(graph, path, [("", 17), ("com.example.fast", 1)])


def external_weights_model(path: Path, location: str) -> Path:
    """A model whose weight tensor is stored as external data at ``location``."""
    weight = numpy_helper.from_array(numpy.ones((1, 2), dtype=numpy.float32), "weight")
    weight.ClearField("raw_data")
    weight.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", "0"), ("length", "8")):
        entry = weight.external_data.add()
        entry.key, entry.value = key, value
    node = helper.make_node("MatMul", ["age", "weight"], ["probabilities"])
    graph = helper.make_graph(
        [node],
        "external",
        [helper.make_tensor_value_info("age", TensorProto.FLOAT, [None, 1])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])],
        initializer=[weight],
    )
    return _save(graph, path, [("", 17)])


def memory_hungry_model(path: Path, elements: int) -> Path:
    """A standard-operator model that allocates a tensor of ``elements`` floats per call."""
    shape = numpy_helper.from_array(numpy.array([elements], dtype=numpy.int64), "shape")
    nodes = [
        helper.make_node("Shape", ["age"], ["rows"]),
        helper.make_node("ReduceSum", ["rows"], ["row_count"], keepdims=0),
        helper.make_node("Cast", ["row_count"], ["row_float"], to=TensorProto.FLOAT),
        helper.make_node(
            "ConstantOfShape",
            ["shape"],
            ["big"],
            value=helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0]),
        ),
        helper.make_node("Mul", ["big", "row_float"], ["scaled"]),
        helper.make_node("ReduceSum", ["scaled"], ["total"], keepdims=0),
        helper.make_node("Sigmoid", ["age"], ["score"]),
        helper.make_node("Add", ["score", "total"], ["probabilities"]),
    ]
    graph = helper.make_graph(
        nodes,
        "hungry",
        [helper.make_tensor_value_info("age", TensorProto.FLOAT, [None, 1])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 1])],
        initializer=[shape],
    )
    return _save(graph, path, [("", 17)])


def tiny_model(path: Path) -> Path:
    """A valid one-input model: the score is sigmoid((age - 35) / 10)."""
    centre = numpy_helper.from_array(numpy.array([35.0], dtype=numpy.float32), "centre")
    scale = numpy_helper.from_array(numpy.array([10.0], dtype=numpy.float32), "scale")
    nodes = [
        helper.make_node("Sub", ["age", "centre"], ["shifted"]),
        helper.make_node("Div", ["shifted", "scale"], ["scaled"]),
        helper.make_node("Sigmoid", ["scaled"], ["probabilities"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [helper.make_tensor_value_info("age", TensorProto.FLOAT, [None, 1])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 1])],
        initializer=[centre, scale],
    )
    return _save(graph, path, [("", 17)])


def endless_model(path: Path) -> Path:
    """A standard-operator model that loops 10^15 times (a Loop node adding one each time)."""
    one = numpy_helper.from_array(numpy.array(1.0, dtype=numpy.float32), "one")
    body = helper.make_graph(
        [
            helper.make_node("Identity", ["condition_in"], ["condition_out"]),
            helper.make_node("Add", ["total_in", "one"], ["total_out"]),
        ],
        "body",
        [
            helper.make_tensor_value_info("iteration", TensorProto.INT64, []),
            helper.make_tensor_value_info("condition_in", TensorProto.BOOL, []),
            helper.make_tensor_value_info("total_in", TensorProto.FLOAT, []),
        ],
        [
            helper.make_tensor_value_info("condition_out", TensorProto.BOOL, []),
            helper.make_tensor_value_info("total_out", TensorProto.FLOAT, []),
        ],
    )
    count = numpy_helper.from_array(numpy.array(10**15, dtype=numpy.int64), "count")
    keep = numpy_helper.from_array(numpy.array(True), "keep")
    zero = numpy_helper.from_array(numpy.array(0.0, dtype=numpy.float32), "zero")
    nodes = [
        helper.make_node("Loop", ["count", "keep", "zero"], ["total"], body=body),
        helper.make_node("Sigmoid", ["age"], ["score"]),
        helper.make_node("Add", ["score", "total"], ["probabilities"]),
    ]
    graph = helper.make_graph(
        nodes,
        "endless",
        [helper.make_tensor_value_info("age", TensorProto.FLOAT, [None, 1])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 1])],
        initializer=[count, keep, zero, one],
    )
    return _save(graph, path, [("", 17)])
