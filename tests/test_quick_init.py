"""The quick ``__init__`` of the model's frozen dataclasses builds the same objects as the
dataclass's own: same fields, defaults, keyword-only fields, equality, hash, repr, pickling, and
still frozen; classes it cannot handle are refused when defined."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from opengrade.model.evidence import Evidence, Provenance
from opengrade.model.evidence_payloads import EvalResult
from opengrade.model.quick_init import quick_init


@dataclass(frozen=True, slots=True)
class _Plain:
    name: str
    value: int = 3
    note: str | None = None
    kind: str = field(default="x", kw_only=True)


@quick_init
@dataclass(frozen=True, slots=True)
class _Quick:
    name: str
    value: int = 3
    note: str | None = None
    kind: str = field(default="x", kw_only=True)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("a",), {}),
        (("a", 5), {}),
        (("a", 5, "n"), {"kind": "y"}),
        ((), {"name": "b", "note": "m"}),
    ],
)
def test_same_object_as_the_dataclass_init(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    plain, quick = _Plain(*args, **kwargs), _Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert dataclasses.astuple(plain) == dataclasses.astuple(quick)
    assert repr(plain).removeprefix("_Plain") == repr(quick).removeprefix("_Quick")


def test_the_same_arguments_are_refused() -> None:
    for cls in (_Plain, _Quick):
        with pytest.raises(TypeError):
            cls()  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            cls("a", 1, None, "y")  # type: ignore[misc]
        with pytest.raises(TypeError):
            cls("a", colour="red")  # type: ignore[call-arg]


def test_model_objects_stay_frozen_comparable_and_picklable() -> None:
    result = EvalResult("task", "data", "accuracy", "0.5", None, True, None)
    item = Evidence(result, Provenance(path="README.md", line=3, field="model-index"))
    again = Evidence(
        EvalResult("task", "data", "accuracy", "0.5", None, True, None),
        Provenance(path="README.md", line=3, field="model-index"),
    )
    assert item == again and hash(item) == hash(again)
    assert pickle.loads(pickle.dumps(item)) == item
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.provenance = Provenance()  # type: ignore[misc]
    assert str(item.provenance) == "README.md:3 [model-index]"


def test_classes_it_cannot_handle_are_refused() -> None:
    with pytest.raises(TypeError, match="not a frozen dataclass"):

        @quick_init
        @dataclass(slots=True)
        class _Mutable:
            name: str

    with pytest.raises(TypeError, match="not a plain field"):

        @quick_init
        @dataclass(frozen=True, slots=True)
        class _Factory:
            names: list[str] = field(default_factory=list)

    with pytest.raises(TypeError, match="__post_init__"):

        @quick_init
        @dataclass(frozen=True, slots=True)
        class _Checked:
            name: str

            def __post_init__(self) -> None:
                pass
