"""The BOM tests' helpers live in the shared test support (:mod:`support.bom_inputs`)."""

from support.bom_inputs import declared_license_keys, release_evidence, snapshot_from_directory

__all__ = ["declared_license_keys", "release_evidence", "snapshot_from_directory"]
