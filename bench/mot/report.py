"""The 273-listing difference report: opengrade (normalised license strings) versus MOT (raw).

Usage (from the repository root):
    PYTHONPATH=src .venv/bin/python bench/mot/report.py [CORPUS]

For every listing in ``mot/models/`` it grades twice with MOT's own algorithm and license lists:
once on the license strings as written (what MOT itself computes) and once after normalising
each string to a license id (``Apache 2.0`` -> ``Apache-2.0``). It writes
``bench/mot/differences.md`` with every listing whose class differs, and why. Normalisation
uses ``opengrade.licenses.declarations.resolve_mot_license`` when that module exists, else the
small alias table below (bench only).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from opengrade.frameworks.mof import grade, observations_from_manifest
from opengrade.model.assessment import ComponentStatus, ContentType, MofClass, MofResult
from opengrade.model.release import Manifest
from opengrade.sources.manifest import ManifestSource

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# Spellings seen in MOT listings that no mechanical rule maps to an id (bench fallback only).
ALIASES = {
    "bsd-3": "BSD-3-Clause",
    "bsd": "BSD-3-Clause",
    "creative commons attribution non commercial 4.0": "CC-BY-NC-4.0",
    "creative commons attribution non commercial share alike 4.0": "CC-BY-NC-SA-4.0",
    "llama 2 community license": "llama2",
    "llama 3 community license": "llama3",
    "meta llama 3 community license agreement": "llama3",
    "llama 3 community license agreement": "llama3",
    "llama 3.1 community license": "llama3.1",
    "llama 3.1 community license agreement": "llama3.1",
    "llama 3.2 community license": "llama3.2",
    "gemma terms of use": "gemma",
    "bigscience-bloom-rail-1.0": "bigscience-bloom-rail-1.0",
}


def _fallback_normaliser(corpus: Path) -> Callable[[str], str]:
    """Exact SPDX id, then case-insensitive id or SPDX name, then the HF tag table, then aliases."""
    spdx = json.loads((corpus / "mot/licenses/licenses.json").read_text(encoding="utf-8"))
    by_lower = {entry["licenseId"].lower(): entry["licenseId"] for entry in spdx["licenses"]}
    by_lower |= {entry["name"].lower(): entry["licenseId"] for entry in spdx["licenses"]}
    for line in (corpus / "hf_license_tags.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        tag, _, spdx_id = [*line.split("\t"), "", ""][:3]
        by_lower.setdefault(tag.lower(), spdx_id or tag)

    def normalise(raw: str) -> str:
        text = " ".join(raw.split())
        candidates = [text, re.sub(r"\s+licen[sc]e$", "", text, flags=re.IGNORECASE)]
        candidates += [item.replace(" ", "-") for item in candidates]
        candidates += [re.sub(r"-(\d)$", r"-\1.0", item) for item in candidates]
        for candidate in candidates:
            found = by_lower.get(candidate.lower()) or ALIASES.get(candidate.lower())
            if found:
                return found
        return raw

    return normalise


def _normaliser(corpus: Path) -> tuple[Callable[[str], str], str]:
    try:
        module = importlib.import_module("opengrade.licenses.declarations")
        resolve = module.resolve_mot_license
    except (ImportError, AttributeError):
        return _fallback_normaliser(corpus), "bench alias table (licenses helper not importable)"

    def normalise(raw: str) -> str:
        keys = tuple(getattr(resolve(raw), "keys", ()) or ())
        return str(keys[0]) if len(keys) == 1 else raw

    return normalise, "opengrade.licenses.declarations.resolve_mot_license"


def _catalogue() -> Callable[[str, ContentType], bool | None] | None:
    """opengrade's own openness facts, when the licenses helper provides them.

    Like MOT, a license counts when it is open for any content type; a license that is open
    but not for the component's type is MOT's "conditional" pass, a warning, not a failure.
    (Judging Apache-2.0 weights by open-*data* criteria alone would fail them.)
    """
    try:
        module = importlib.import_module("opengrade.licenses.catalog")
        is_open_for: Callable[[str, str], bool | None] = module.is_open_for
    except (ImportError, AttributeError):
        return None

    def judge(key: str, content_type: ContentType) -> bool | None:
        verdicts = {is_open_for(key, str(kind)) for kind in ContentType}
        if True in verdicts:
            return True
        return None if None in verdicts else False

    return judge


def _mot_double_count(result: MofResult) -> bool:
    """MOT's array_search quirk: the report open but first among open class III components
    (MOT's order 9, 10, 12, 13, 14, 11) and the paper open: MOT counts both."""
    status = {c.name: c.status for c in result.components}
    before = ["Model architecture", "Model parameters (Final)", "Evaluation results"]
    before += ["Model card", "Data card"]
    return (
        status["Technical report"] is ComponentStatus.OPEN
        and status["Research paper"] is ComponentStatus.OPEN
        and all(status[name] is not ComponentStatus.OPEN for name in before)
    )


def _raw_strings(manifest: Manifest) -> set[str]:
    names = {c.license for c in manifest.components if c.license}
    return names | {item.name for item in manifest.licenses if item.name}


def _label(result: MofResult) -> str:
    return result.class_.value if result.class_ else "none"


def _progress(result: MofResult) -> str:
    return "/".join(str(result.progress[key]) for key in (MofClass.III, MofClass.II, MofClass.I))


def _reason(raw: MofResult, ours: MofResult) -> str:
    changes = []
    for before, after in zip(raw.components, ours.components, strict=True):
        if before.status != after.status:
            changes.append(
                f"{after.name}: `{before.license}` → `{after.license}` "
                f"({before.status} → {after.status})"
            )
    return "; ".join(changes) or "no component changed"


def _table(rows: list[tuple[str, str, MofResult, MofResult]]) -> list[str]:
    return [
        f"| {file_name} | {name} | {_label(raw)} ({_progress(raw)}) "
        f"| {_label(ours)} ({_progress(ours)}) | {_reason(raw, ours)} |"
        for file_name, name, raw, ours in rows
    ]


def main() -> int:
    default = ROOT.parent / "shared" / "corpus"
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OPENGRADE_CORPUS", default))
    normalise, how = _normaliser(corpus)
    judge = _catalogue()
    judged_by = (
        "opengrade.licenses.catalog.is_open_for (open for any content type, as MOT does)"
        if judge
        else "MOT's license lists"
    )
    paths = sorted((corpus / "mot/models").glob("*.yml"))
    started = time.perf_counter()
    rows, progress_rows, quirks = [], [], []
    mapped, moves = Counter[tuple[str, str]](), Counter[tuple[str, str]]()
    for path in paths:
        manifest = ManifestSource(path).read().manifest
        assert manifest is not None
        table = {raw: normalise(raw) for raw in _raw_strings(manifest)}
        mapped.update((raw, key) for raw, key in table.items() if raw != key)
        raw_result = grade(observations_from_manifest(manifest))
        our_result = grade(observations_from_manifest(manifest, normalise=table, judge=judge))
        row = (path.name, manifest.name, raw_result, our_result)
        if raw_result.class_ != our_result.class_:
            moves[(_label(raw_result), _label(our_result))] += 1
            rows.append(row)
        elif raw_result.progress != our_result.progress:
            progress_rows.append(row)
        if _mot_double_count(raw_result):
            quirks.append(path.name)
    elapsed = time.perf_counter() - started
    lines = [
        "# MOT listings whose MOF class changes when license strings are normalised",
        "",
        f"Generated by `bench/mot/report.py` from {len(paths)} listings of the MOT corpus",
        "(lfai/model_openness_tool @ 8b5d30e). Both columns use MOT's own algorithm and",
        "license lists; *MOT* judges each license string as written, *opengrade* first",
        f"normalises it to a license id (normaliser: {how})",
        f"and judges the id with {judged_by}.",
        f"Progress is III/II/I in whole percents. Graded twice each in {elapsed:.2f} s.",
        "",
        f"**{len(rows)} of {len(paths)} listings change class.** Moves: "
        + (", ".join(f"{a} → {b}: {n}" for (a, b), n in sorted(moves.items())) or "none"),
        "",
        "| file | release | MOT class (progress) | opengrade class (progress) | reason |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += _table(rows)
    lines += [
        "",
        f"## Same class, different progress ({len(progress_rows)} listings)",
        "",
        "| file | release | MOT class (progress) | opengrade class (progress) | reason |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += _table(progress_rows)
    lines += ["", "## Normalisations applied (raw string → id: listings)", ""]
    lines += [f"- `{raw}` → `{key}`: {count}" for (raw, key), count in mapped.most_common()]
    lines += [
        "",
        "## Known divergence not shown above",
        "",
        "MOT looks up the technical report with PHP's `array_search` and treats a hit at",
        "position 0 as a miss. When the technical report is the only open class III component",
        "and a research paper is also open, MOT counts both (one more class III point than",
        "intended); opengrade counts the paper only when the report does not count. Listings",
        "where MOT would show one more class III point than computed here: "
        + (", ".join(quirks) or "none")
        + ".",
        "",
    ]
    (HERE / "differences.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(rows)} of {len(paths)} listings change class; wrote {HERE / 'differences.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
