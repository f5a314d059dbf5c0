"""Relicensing relations as data (``data/relicensing.yaml``): under which terms a derivative keeps
the obligations its base's license says must bind derivatives, with the clause behind each.

A derivative under its base's own key keeps them; under a key the relation lists it keeps them
too (one RAIL license over another with the same use restrictions); under any other key it drops
them, and relicensing it against the base is a finding.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from opengrade.errors import LicenseError
from opengrade.parsing.yaml_data import load_yaml

DATA = Path(__file__).parent / "data" / "relicensing.yaml"


@dataclass(frozen=True, slots=True)
class Relation:
    """What a base license binds derivatives to, and the other keys that keep it (with why)."""

    base: str
    binds: str
    clause: str
    kept_by: Mapping[str, str]


@functools.cache
def load_relations(path: Path = DATA) -> Mapping[str, Relation]:
    """The packaged relations by base key (lowercase); LicenseError names a broken file."""
    try:
        document = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LicenseError(f"{path}: cannot read the relicensing relations: {error}") from error
    rows = document.get("relations") if isinstance(document, Mapping) else None
    if not isinstance(rows, list):
        raise LicenseError(f"{path}: relations: expected a list")
    relations = {}
    for index, row in enumerate(rows):
        where = f"{path}: relations[{index}]"
        if not isinstance(row, Mapping) or not all(
            isinstance(row.get(key), str) and row.get(key) for key in ("base", "binds", "clause")
        ):
            raise LicenseError(f"{where}: base, binds and clause are required strings")
        kept = row.get("kept_by") or {}
        if not isinstance(kept, Mapping) or not all(isinstance(v, str) for v in kept.values()):
            raise LicenseError(f"{where}.kept_by: expected a mapping of key to reason")
        base = str(row["base"]).lower()
        relations[base] = Relation(
            base,
            str(row["binds"]),
            str(row["clause"]),
            {str(k).lower(): v for k, v in kept.items()},
        )
    return relations


def keeps_obligations(base: str, derivative: str) -> bool:
    """Whether terms ``derivative`` keep what ``base`` binds its derivatives to."""
    base, derivative = base.lower(), derivative.lower()
    if base == derivative:
        return True
    relation = load_relations().get(base)
    return relation is not None and derivative in relation.kept_by


def relation_for(base: str) -> Relation | None:
    """The relation of a base key, if the data has one."""
    return load_relations().get(base.lower())
