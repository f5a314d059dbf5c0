"""The Model Openness Framework as data: its 17 components and 3 classes (``data/mof.yaml``).

Facts (ids, names, content types, classes, required flags) carry over from the Model Openness
Tool's settings; the file records the repository and commit they were taken from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from opengrade.errors import FrameworkError
from opengrade.frameworks.release_facts import read_document
from opengrade.model.assessment import MOF_CLASS_ORDER, ContentType, MofClass

CLASS_ORDER = MOF_CLASS_ORDER  # lowest bar first
MOF_NAME = "Model Openness Framework"


@dataclass(frozen=True, slots=True)
class MofComponent:
    """One of the 17 MOF components."""

    id: int
    name: str
    content_type: ContentType
    mof_class: MofClass
    required: bool
    weight: int
    description: str
    stands_in_for: str | None = None


@dataclass(frozen=True, slots=True)
class MofFramework:
    """The MOF definition loaded from ``data/mof.yaml``.

    ``source`` is ``repository@commit`` (short); ``source_file`` the file in that repository;
    ``class_labels`` pairs each class with its name (Open Model, ...), lowest class first.
    """

    version: str
    date: str
    source: str
    components: tuple[MofComponent, ...]
    source_file: str = ""
    class_labels: tuple[tuple[MofClass, str], ...] = ()
    _by_name: dict[str, MofComponent] = field(init=False, repr=False, compare=False)
    _required: dict[MofClass, tuple[MofComponent, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Index the components once (every release's grade asks for them)."""
        by_name: dict[str, MofComponent] = {}
        for item in self.components:
            by_name.setdefault(item.name, item)
        required = {
            mof_class: tuple(c for c in self.components if c.mof_class == mof_class and c.required)
            for mof_class in MofClass
        }
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_required", required)

    def component(self, name: str) -> MofComponent | None:
        """The component called ``name`` exactly, if MOF has one."""
        return self._by_name.get(name)

    def required(self, mof_class: MofClass) -> tuple[MofComponent, ...]:
        """Required components of exactly ``mof_class``."""
        found = self._required.get(mof_class)
        if found is None:
            return tuple(c for c in self.components if c.mof_class == mof_class and c.required)
        return found


@cache
def load_mof() -> MofFramework:
    """The MOF framework shipped with opengrade."""
    data: Any = read_document("mof.yaml")  # checked field by field below
    try:
        components = tuple(
            MofComponent(
                id=int(item["id"]),
                name=str(item["name"]),
                content_type=ContentType(item["content_type"]),
                mof_class=MofClass(item["class"]),
                required=bool(item["required"]),
                weight=int(item["weight"]),
                description=str(item["description"]),
                stands_in_for=item.get("research_paper_for"),
            )
            for item in data["components"]
        )
        source = data["source"]
        origin = f"{source['repository']}@{source['commit'][:7]}"
        labels = tuple(
            (MofClass(item["id"]), str(item["label"])) for item in data.get("classes") or ()
        )
        return MofFramework(
            str(data["version"]),
            str(data["date"]),
            origin,
            components,
            source_file=str(source.get("file", "")),
            class_labels=labels,
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise FrameworkError(f"mof.yaml is broken: {error!r}") from error
