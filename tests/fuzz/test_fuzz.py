"""Fuzzing in CI with a small fixed budget: no exception escapes the parsers of untrusted input
(card and front matter, safetensors and GGUF headers, license identification, MOT YAML, prose
restrictions). The long run is ``bench/fuzz/run_fuzz.py``."""

from __future__ import annotations

import pytest
from fuzz_targets import TARGETS, Target
from hypothesis import HealthCheck, given, settings

BUDGET = 40
"""Examples per target in CI (derandomised: the same inputs every run)."""


@pytest.mark.parametrize("target", TARGETS, ids=[target.name for target in TARGETS])
def test_no_exception_escapes(target: Target) -> None:
    @settings(
        max_examples=BUDGET,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(target.strategy)
    def run(value: object) -> None:
        target.check(value)

    run()


FOUND = [
    # A control character makes PyYAML's reader fail while the loader is built, before any
    # parsing: it escaped as yaml.reader.ReaderError instead of a ManifestError.
    ("mot-yaml", b"\x01"),
    ("mot-yaml", b"release:\n  name: a\x07b\n"),
]


@pytest.mark.parametrize(("name", "value"), FOUND)
def test_inputs_fuzzing_found_stay_fixed(name: str, value: object) -> None:
    target = next(target for target in TARGETS if target.name == name)
    target.check(value)
