"""The format seam: a Format renders a Report to text. Formats never compute a verdict."""

from __future__ import annotations

from abc import ABC, abstractmethod

from opengrade.model.report import Report


class Format(ABC):
    """Renders a report. ``name`` is what ``--format`` takes."""

    name: str

    @abstractmethod
    def render(self, report: Report) -> str:
        """The report as text (JSON, Markdown, HTML, SVG...)."""
