"""The framework tests' helpers live in the shared test support (support.framework_inputs)."""

from support.framework_inputs import (
    Inputs,
    declared,
    directory_inputs,
    evidence_item,
    release_inputs,
    seen_file,
)

__all__ = ["Inputs", "declared", "directory_inputs", "evidence_item", "release_inputs", "seen_file"]
