"""The record view of an evidence payload: what a report shows as its ``subject``, ``value``
and ``details``, and the payload read back from them.

A payload's first two fields are the record's subject and value; its other fields are the
details. A detail with a default is left out of the record while it holds the default (the
record keeps the keys each extractor has always written); ``_kept`` names the defaults a kind
still writes.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, dataclass, fields
from enum import StrEnum
from typing import ClassVar, Self

from opengrade.model.evidence_kinds import EvidenceKind

DetailValue = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Payload:
    """The base of every payload: the record view (subject, value, details) and its inverse."""

    KIND: ClassVar[EvidenceKind]

    def subject_text(self) -> str:
        """The record's ``subject``."""
        return str(getattr(self, _fields(type(self))[0].name))

    def value_text(self) -> str:
        """The record's ``value``."""
        return str(getattr(self, _fields(type(self))[1].name))

    def detail_values(self) -> dict[str, DetailValue]:
        """The record's ``details``: every field after the first two, defaults left out."""
        kept = self._kept()
        found: dict[str, DetailValue] = {}
        for item in _fields(type(self))[2:]:
            value = getattr(self, item.name)
            if item.default is MISSING or value != item.default or item.name in kept:
                found[item.name] = value
        return found

    def _kept(self) -> frozenset[str]:
        return frozenset()

    @classmethod
    def text_fields(cls, subject: str, value: str) -> dict[str, object]:
        """The fields a record's subject and value give (by default the first two)."""
        first, second = fields(cls)[:2]
        return {first.name: subject, second.name: value}

    @classmethod
    def from_record(cls, subject: str, value: str, details: Mapping[str, object]) -> Self:
        """The payload of a record (its subject, value and details), e.g. read from a report."""
        hints = _enum_fields(cls)
        values = {**cls.text_fields(subject, value), **details}
        known = {item.name for item in fields(cls)}
        arguments = {
            name: hints[name](str(item)) if name in hints and item is not None else item
            for name, item in values.items()
            if name in known
        }
        make: Callable[..., Self] = cls
        return make(**arguments)


_FIELDS: dict[type, tuple[Field[object], ...]] = {}


def _fields(cls: type) -> tuple[Field[object], ...]:
    """``dataclasses.fields`` of payload type ``cls``, worked out once per type (the record
    view is read for every item of every release)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = fields(cls)
    return found


_ENUM_FIELDS: dict[type, dict[str, type[StrEnum]]] = {}


def _enum_fields(cls: type) -> dict[str, type[StrEnum]]:
    """The fields of payload type ``cls`` typed with a StrEnum (or an optional one)."""
    if cls not in _ENUM_FIELDS:
        found: dict[str, type[StrEnum]] = {}
        for name, hint in typing.get_type_hints(cls).items():
            for candidate in typing.get_args(hint) or (hint,):
                if isinstance(candidate, type) and issubclass(candidate, StrEnum):
                    found[name] = candidate
        _ENUM_FIELDS[cls] = found
    return _ENUM_FIELDS[cls]
