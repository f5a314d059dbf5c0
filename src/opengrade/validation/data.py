"""The labelled data: read a CSV or Parquet file, check the label and sensitive columns.

The label must hold exactly two values (one of them ``--positive``); numeric sensitive columns
with many values are binned (the bins are stated in the report); every group, including the
empty ones a binning or an intersection produces, is kept with its size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
import pandas

from opengrade.validation.errors import DataMismatch, InputUnreadable

MAX_CATEGORIES_UNBINNED = 10
DEFAULT_QUANTILES = (0.25, 0.5, 0.75)


@dataclass(frozen=True, slots=True)
class SensitiveAttribute:
    """A sensitive attribute: its group of each row, the groups it declares (in order) and,
    for a binned numeric column, the bin edges used."""

    name: str
    groups: tuple[str, ...]
    row_groups: Any
    edges: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class LabelledData:
    """The data the model runs on: features, the label as 0/1, the sensitive attributes."""

    frame: Any
    label: str
    positive: str
    negative: str
    truth: Any
    attributes: tuple[SensitiveAttribute, ...]


def read_frame(path: Path) -> Any:
    """The data file as a DataFrame (CSV, or Parquet by its suffix)."""
    if not path.is_file():
        raise InputUnreadable(f"no such data file: {path}; check the path")
    parquet = path.suffix.lower() in (".parquet", ".pq")
    try:
        if parquet:
            return pandas.read_parquet(path)
        return pandas.read_csv(path, low_memory=False)
    except (OSError, ValueError, pandas.errors.ParserError) as error:
        kind = "Parquet" if parquet else "CSV"
        raise InputUnreadable(f"cannot read {path.name} as {kind}: {error}") from error


def labelled_data(
    frame: Any,
    label: str,
    positive: str,
    sensitive: tuple[str, ...],
    bins: dict[str, tuple[float, ...]],
) -> LabelledData:
    """Check ``frame`` against the options and derive the label and the groups."""
    missing = [name for name in (label, *sensitive) if name not in frame.columns]
    if missing:
        raise DataMismatch(
            f"the data has no column {', '.join(repr(name) for name in missing)}; its columns "
            f"are {', '.join(map(str, frame.columns))}. Fix --label/--sensitive"
        )
    column = frame[label]
    if column.isna().any():
        raise DataMismatch(
            f"{int(column.isna().sum())} row(s) have no {label!r}; drop or label them first"
        )
    values = sorted({_text(item) for item in column})
    if positive not in values:
        raise DataMismatch(
            f"--positive {positive!r} is not a value of {label!r} "
            f"(values: {', '.join(values[:10])})"
        )
    if len(values) != 2:
        raise DataMismatch(
            f"the label {label!r} has {len(values)} values ({', '.join(values[:10])}); a binary "
            "validation needs exactly two. Map the others to one side first"
        )
    negative = next(item for item in values if item != positive)
    truth = numpy.array([_text(item) == positive for item in column], dtype=numpy.int64)
    attributes = tuple(_attribute(frame[name], name, bins.get(name)) for name in sensitive)
    return LabelledData(frame, label, positive, negative, truth, attributes)


def _text(value: Any) -> str:
    """A cell as text; integral floats (a CSV column with gaps) without their ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _attribute(column: Any, name: str, edges: tuple[float, ...] | None) -> SensitiveAttribute:
    if column.isna().all():
        raise DataMismatch(f"the sensitive column {name!r} is empty: every group has 0 rows")
    numeric = pandas.api.types.is_numeric_dtype(column)
    if numeric and (edges is not None or column.nunique() > MAX_CATEGORIES_UNBINNED):
        return _binned(column, name, edges)
    text = column.map(lambda item: "missing" if pandas.isna(item) else _text(item))
    groups = tuple(sorted(set(text)))
    return SensitiveAttribute(name, groups, text.to_numpy(dtype=str))


def _binned(column: Any, name: str, edges: tuple[float, ...] | None) -> SensitiveAttribute:
    low, high = float(column.min()), float(column.max())
    if edges is None:
        edges = tuple(sorted({float(numpy.round(column.quantile(q))) for q in DEFAULT_QUANTILES}))
    inner = tuple(edge for edge in sorted(set(edges)) if low < edge <= high)
    bounds = (low, *inner, high)
    labels = [
        f"[{_number(bounds[index])}, {_number(bounds[index + 1])}"
        + ("]" if index == len(bounds) - 2 else ")")
        for index in range(len(bounds) - 1)
    ]
    positions = numpy.searchsorted(numpy.array(inner), column.to_numpy(dtype=float), side="right")
    row_groups = numpy.array([labels[position] for position in positions], dtype=str)
    row_groups[column.isna().to_numpy()] = "missing"
    groups = tuple(labels) + (("missing",) if column.isna().any() else ())
    return SensitiveAttribute(name, groups, row_groups, tuple(inner))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def intersection(attributes: tuple[SensitiveAttribute, ...]) -> SensitiveAttribute:
    """The intersection of several attributes: every combination of their groups (the empty
    ones included, so a group of size 0 is reported, not hidden)."""
    name = " × ".join(item.name for item in attributes)
    first = attributes[0]
    rows = numpy.char.add(f"{first.name}=", first.row_groups)
    groups: list[str] = [f"{first.name}={group}" for group in first.groups]
    for item in attributes[1:]:
        rows = numpy.char.add(numpy.char.add(rows, f" & {item.name}="), item.row_groups)
        groups = [f"{left} & {item.name}={right}" for left in groups for right in item.groups]
    return SensitiveAttribute(name, tuple(groups), rows)
