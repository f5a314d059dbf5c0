"""Report formats: each a :class:`Format` registered here by name (one line per format)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.formats.interface import Format


def report_formats(*, colour: bool = False) -> dict[str, Format]:
    """Every report format by its ``--format`` name."""
    from opengrade.formats.badge import BadgeFormat
    from opengrade.formats.html import HtmlFormat
    from opengrade.formats.markdown import MarkdownFormat
    from opengrade.formats.mot import MotFormat
    from opengrade.formats.report_json import JsonFormat
    from opengrade.formats.terminal import TerminalFormat

    formats: list[Format] = [
        TerminalFormat(colour=colour),
        JsonFormat(),
        MarkdownFormat(),
        HtmlFormat(),
        BadgeFormat(),
        MotFormat(),
    ]
    return {item.name: item for item in formats}


FORMAT_NAMES = ("text", "json", "markdown", "html", "badge", "mot")

__all__ = ["FORMAT_NAMES", "report_formats"]
