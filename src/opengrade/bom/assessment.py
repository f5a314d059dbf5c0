"""The openness assessment as ``opengrade:`` name/value pairs, the same in both BOM formats.

CycloneDX writes each pair as a component property, SPDX as a review annotation
(``name=value``). A release that was not graded (``mof_class`` None) records no MOF pairs.
"""

from __future__ import annotations

from opengrade.bom.context import BomInput

PREFIX = "opengrade:"
MOF_CLASSES = ("I", "II", "III")


def assessment_pairs(bom_input: BomInput) -> tuple[tuple[str, str], ...]:
    """(name, value) pairs: MOF class and progress, OSAID verdict, EU AI Act exemption status,
    then one pair per open-washing finding, in a stable order."""
    pairs: list[tuple[str, str]] = []
    if bom_input.mof_class is not None:
        pairs.append((PREFIX + "mof-class", bom_input.mof_class))
    for mof_class in MOF_CLASSES:
        percent = bom_input.mof_progress.get(mof_class)
        if percent is not None:
            pairs.append((f"{PREFIX}mof-progress-{mof_class}", str(int(percent))))
    if bom_input.osaid_verdict:
        pairs.append((PREFIX + "osaid-verdict", bom_input.osaid_verdict))
    if bom_input.eu_ai_act_exemption:
        pairs.append((PREFIX + "eu-ai-act-exemption", bom_input.eu_ai_act_exemption))
    for code, severity, message in sorted(set(bom_input.findings)):
        pairs.append((f"{PREFIX}finding:{code}", f"{severity}: {message}"))
    return tuple(pairs)
