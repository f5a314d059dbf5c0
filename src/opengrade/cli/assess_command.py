"""``opengrade assess TARGET``: grade a release on MOF and OSAID, with findings and gaps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.model.report import Report

SEVERITIES = ("high", "medium", "low")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``assess`` command."""
    from opengrade.cli.bom_command import add_bom_options
    from opengrade.cli.release_options import add_linked_arguments, add_release_arguments
    from opengrade.formats import FORMAT_NAMES

    parser = commands.add_parser(
        "assess",
        help="grade a release on MOF and OSAID 1.0, flag open-washing",
        description="Grade a release (directory, MOT YAML or Hub id): MOF class and progress, "
        "OSAID 1.0 verdict, EU AI Act open-source exemption pre-check (guidance), open-washing "
        "findings and the gap to the next MOF class, each with its evidence.",
    )
    add_release_arguments(parser)
    parser.add_argument("--format", choices=FORMAT_NAMES, default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_linked_arguments(parser)
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        metavar="SEVERITY",
        help="exit 1 when a finding at or above SEVERITY (high, medium, low) is present",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="unknowns fail: exit 1 when the OSAID verdict is 'unverified' (evidence only "
        "declared), with or without --fail-on",
    )
    parser.add_argument(
        "--reproducible", action="store_true", help="no time stamp: same input, same bytes"
    )
    parser.add_argument(
        "--bom", metavar="FILE", type=Path, help="also write an AI bill of materials to FILE"
    )
    add_bom_options(parser, required=True)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Assess the target, render the report, apply the ``--fail-on`` policy."""
    from opengrade.cli.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
    from opengrade.cli.output import write_output
    from opengrade.cli.release_options import assess_from_arguments
    from opengrade.errors import FormatError
    from opengrade.formats import report_formats

    report = assess_from_arguments(args)
    if isinstance(report, int):
        return report
    colour = args.output is None and sys.stdout.isatty()
    try:
        text = report_formats(colour=colour)[args.format].render(report)
    except FormatError as error:
        print(f"opengrade: cannot write the {args.format} format: {error}", file=sys.stderr)
        return EXIT_USAGE
    status = write_output(text, args.output)
    if status:
        return status
    if args.bom is not None:
        from opengrade.cli.bom_command import write_report_bom

        status = write_report_bom(report, args, args.bom)
        if status:
            return status
    if _fails(report, args.fail_on, strict=args.strict):
        return EXIT_FINDINGS
    return EXIT_OK


def _fails(report: Report, threshold: str | None, *, strict: bool) -> bool:
    """True when a finding is at or above ``threshold``, or (strict) the verdict is unknown."""
    if threshold is not None:
        limit = SEVERITIES.index(threshold)
        if any(SEVERITIES.index(str(item.severity)) <= limit for item in report.findings):
            return True
    return strict and str(report.osaid.verdict) == "unverified"
