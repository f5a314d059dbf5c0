"""Shared wording for human-readable formats: headlines and labels, never verdicts."""

from __future__ import annotations

from opengrade.model.assessment import MOF_CLASS_ORDER, MofClass
from opengrade.model.licensing import (
    INHERITED_VIA,
    SUBORDINATE_VIAS,
    ConcludedLicense,
    LicenseUse,
)
from opengrade.model.report import Report

CLASS_NAMES = {
    MofClass.III: "Class III — Open Model",
    MofClass.II: "Class II — Open Tooling",
    MofClass.I: "Class I — Open Science",
}


def mof_headline(report: Report) -> str:
    """``Class II — Open Tooling`` or ``no MOF class (Class III: 33%)``."""
    mof = report.mof
    if mof.class_ is not None:
        return CLASS_NAMES[mof.class_]
    return f"no MOF class (Class III: {mof.progress[MofClass.III]}% of its components open)"


def progress_line(report: Report) -> str:
    """``III 100% · II 45% · I 20%``."""
    progress = report.mof.progress
    return " · ".join(f"{c} {progress[c]}%" for c in MOF_CLASS_ORDER)


def release_title(report: Report) -> str:
    """The release's id and where it was read from."""
    snapshot = report.snapshot
    revision = f" @ {snapshot.revision}" if snapshot.revision else ""
    return f"{snapshot.id}{revision} ({snapshot.source})"


def license_source(use: LicenseUse) -> str:
    """``identified``, ``declared``, or with what kind of text it is (``identified (notice)``,
    ``declared (inherited)``): notices and inherited terms read differently from a license."""
    if use.via in SUBORDINATE_VIAS or use.via == INHERITED_VIA:
        return f"{use.source} ({use.via})"
    return str(use.source)


_OPEN_WORDS = {True: "open", False: "not open", None: "openness unknown"}


def concluded_line(item: ConcludedLicense) -> str:
    """``Weights: llama3.1 — not open (LICENSE:1-48)``: the licenses concluded for a scope,
    whether they are open, and where the first of them was read."""
    keys = " AND ".join(item.keys) if item.keys else "no license known"
    where = f" ({item.evidence[0]})" if item.evidence else ""
    return f"{str(item.scope).capitalize()}: {keys} — {_OPEN_WORDS[item.open]}{where}"


def concluded_lines(report: Report) -> list[str]:
    """One :func:`concluded_line` per scope the report concludes, the weights first; then, for
    a grade read from a listing alone (a ``metadata-only`` read problem), what it did not read."""
    lines = [concluded_line(item) for item in report.concluded]
    lines += [
        problem.message[:1].upper() + problem.message[1:]
        for problem in report.snapshot.problems
        if problem.code == "metadata-only"
    ]
    return lines
