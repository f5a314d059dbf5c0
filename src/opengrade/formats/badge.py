"""``--format badge``: an SVG badge with the MOF class (or the lack of one) and OSAID verdict."""

from __future__ import annotations

from html import escape

from opengrade.formats.interface import Format
from opengrade.model.assessment import MofClass
from opengrade.model.report import Report

_COLOURS = {MofClass.I: "#2e7d32", MofClass.II: "#558b2f", MofClass.III: "#9e9d24", None: "#9e9e9e"}
_CHAR_WIDTH = 6.5


class BadgeFormat(Format):
    """A flat two-part badge: ``MOF | Class II · OSAID not-conformant``."""

    name = "badge"

    def render(self, report: Report) -> str:
        label = "MOF"
        klass = report.mof.class_
        value = f"Class {klass}" if klass else "no class"
        value += f" · OSAID {report.osaid.verdict}"
        if any(problem.code == "metadata-only" for problem in report.snapshot.problems):
            value += " · metadata only"
        left = int(len(label) * _CHAR_WIDTH + 12)
        right = int(len(value) * _CHAR_WIDTH + 12)
        colour = _COLOURS[klass]
        text = escape(f"{label}: {value}")
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + right}" height="20" '
            f'role="img" aria-label="{text}"><title>{text}</title>'
            f'<rect width="{left}" height="20" fill="#555"/>'
            f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
            '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
            f'<text x="6" y="14">{escape(label)}</text>'
            f'<text x="{left + 6}" y="14">{escape(value)}</text></g></svg>\n'
        )
