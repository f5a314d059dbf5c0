"""Run a checked model in a child process with memory, CPU-time and wall-clock limits.

The parent writes the feature columns to an ``.npz`` file, starts
``python -I -m opengrade.validation.child`` (isolated mode: no user site, no current folder on the
path; BLAS/OpenMP threads pinned to one), waits at most the wall-clock limit (then kills it), and
reads back plain arrays with ``allow_pickle=False``: nothing the child sends can run code here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy

from opengrade.validation.errors import InputUnreadable, ModelRefused, ModelRunFailed
from opengrade.validation.formats import ModelFile

_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True, slots=True)
class RunLimits:
    """The child's limits: address space (MiB), CPU seconds, wall-clock seconds."""

    memory_mib: int = 2048
    cpu_seconds: int = 120
    wall_seconds: float = 180.0


@dataclass(frozen=True, slots=True)
class ModelPlan:
    """What the child needs besides the model file: how to feed it and read it."""

    positive: str
    classes: tuple[str, ...]
    trusted: tuple[str, ...] = ()
    feature_order: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Predictions:
    """The model's answers, one per row: predicted labels (as text) and positive-class scores
    (None when the model gives no probabilities)."""

    labels: Any
    scores: Any


def run_model(
    model: ModelFile,
    plan: ModelPlan,
    features: dict[str, Any],
    limits: RunLimits,
    while_waiting: Callable[[], object] | None = None,
) -> Predictions:
    """Run ``model`` on ``features`` (column name -> array) in a limited child process;
    ``while_waiting`` is called in this process while the child runs (to overlap work)."""
    with tempfile.TemporaryDirectory(prefix="opengrade-validate-") as folder:
        work = Path(folder)
        numpy.savez(work / "features.npz", **features)
        request = {
            "format": model.format.value,
            "model": str(model.path),
            "folder": str(model.folder),
            "features": str(work / "features.npz"),
            "output": str(work / "output.npz"),
            "positive": plan.positive,
            "classes": list(plan.classes),
            "trusted": list(plan.trusted),
            "feature_order": list(plan.feature_order),
            "memory_bytes": limits.memory_mib * 1024 * 1024,
            "cpu_seconds": limits.cpu_seconds,
        }
        (work / "request.json").write_text(json.dumps(request), encoding="utf-8")
        status = _start(work / "request.json", limits, while_waiting)
        return _read(work / "output.npz", status)


def _start(
    request: Path, limits: RunLimits, while_waiting: Callable[[], object] | None
) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(dict.fromkeys(_THREAD_VARIABLES, "1"))
    command = [sys.executable, "-I", "-m", "opengrade.validation.child", str(request)]
    started = time.monotonic()
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=environment,
    ) as child:
        try:
            if while_waiting is not None:
                while_waiting()
            remaining = max(0.0, limits.wall_seconds - (time.monotonic() - started))
            stdout, stderr = child.communicate(timeout=remaining)
        except subprocess.TimeoutExpired as error:
            child.kill()
            child.communicate()
            raise ModelRunFailed(
                f"the model did not finish within the wall-clock limit of "
                f"{limits.wall_seconds:g} s and was stopped; raise --timeout if it needs longer"
            ) from error
    if child.returncode < 0:
        raise ModelRunFailed(_signal_message(-child.returncode, limits))
    lines = stdout.strip().splitlines()
    try:
        status: dict[str, str] = json.loads(lines[-1]) if lines else {}
    except ValueError:
        status = {}
    if status.get("status") == "refused":
        raise ModelRefused(status.get("message", "the model was refused"))
    if status.get("status") == "unreadable":
        raise InputUnreadable(status.get("message", "the model could not be read"))
    if status.get("status") == "memory":
        raise ModelRunFailed(
            f"the model exceeded the memory limit of {limits.memory_mib} MiB "
            f"({status.get('message', '')}); raise --memory-limit if the model needs more"
        )
    if status.get("status") != "ok":
        detail = status.get("message") or stderr.strip()[-500:] or "no message"
        raise ModelRunFailed(f"the model failed to run: {detail}")
    return status


def _signal_message(number: int, limits: RunLimits) -> str:
    name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else number
    if number in (signal.SIGXCPU, signal.SIGKILL):
        return (
            f"the model was stopped by {name}: it hit the CPU-time limit of "
            f"{limits.cpu_seconds} s or the memory limit of {limits.memory_mib} MiB; raise "
            "--cpu-limit or --memory-limit if it needs more"
        )
    return f"the model's process crashed ({name}); the model cannot be validated as it is"


def _read(path: Path, status: dict[str, str]) -> Predictions:
    with numpy.load(path, allow_pickle=False) as archive:
        labels = archive["labels"] if "labels" in archive.files else None
        scores = archive["scores"] if "scores" in archive.files else None
    return Predictions(labels=labels, scores=scores)
