"""``--format mot``: a Model Openness Tool YAML (accepted by MOT's schema) to submit to MOT."""

from __future__ import annotations

from opengrade.formats.interface import Format
from opengrade.formats.mot_yaml import to_mot_yaml
from opengrade.model.assessment import ComponentObservation, ComponentStatus
from opengrade.model.report import Report

_PRESENT = {ComponentStatus.OPEN, ComponentStatus.NOT_OPEN, ComponentStatus.UNLICENSED}


class MotFormat(Format):
    """A MOT manifest: the input manifest as read, or the components opengrade saw present."""

    name = "mot"

    def render(self, report: Report) -> str:
        snapshot = report.snapshot
        if snapshot.manifest is not None:
            return to_mot_yaml(snapshot.manifest, report.mof)
        observed = [
            ComponentObservation(
                name=item.name,
                present=True,
                license=item.license,
                license_open=None,
                type_appropriate=None,
                how=item.how,
                evidence=item.evidence,
            )
            for item in report.mof.components
            if item.status in _PRESENT
        ]
        organisation, _, name = snapshot.id.rpartition("/")
        return to_mot_yaml(observed, report.mof, name=name or snapshot.id, producer=organisation)
