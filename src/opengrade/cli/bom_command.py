"""``opengrade bom TARGET``: an AI bill of materials (CycloneDX 1.6/1.7 or SPDX 3.0.1),
validated against the official schema before anything is written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.model.report import Report


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``bom`` command."""
    from opengrade.cli.release_options import add_linked_arguments, add_release_arguments

    parser = commands.add_parser(
        "bom",
        help="write an AI bill of materials (CycloneDX or SPDX 3)",
        description="Write an AI bill of materials for a release: CycloneDX 1.6 (or 1.7) or "
        "SPDX 3.0.1 with the AI and Dataset profiles, with SHA-256 of its files, lineage, "
        "licenses declared and concluded, and the openness assessment. The document is "
        "validated against the official schema first; nothing is written when it fails.",
    )
    add_release_arguments(parser)
    add_bom_options(parser, required=False)
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_linked_arguments(parser)
    parser.add_argument(
        "--reproducible", action="store_true", help="no time stamp or random id: same bytes"
    )
    parser.set_defaults(handler=run)


def add_bom_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """``--format`` (or ``--bom-format``) and ``--spec-version``, shared with ``assess --bom``."""
    name = "--format" if not required else "--bom-format"
    from opengrade.model.bom import BomFormat, CycloneDxVersion

    parser.add_argument(
        name,
        dest="bom_format",
        choices=[str(item) for item in BomFormat],
        default=str(BomFormat.CYCLONEDX),
    )
    parser.add_argument(
        "--spec-version",
        choices=[str(item) for item in CycloneDxVersion],
        default=str(CycloneDxVersion.V1_6),
        help="CycloneDX version",
    )


def run(args: argparse.Namespace) -> int:
    """Assess the target, hash its files, build, validate and write the BOM."""
    from opengrade.cli.release_options import assess_from_arguments

    report = assess_from_arguments(args)
    if isinstance(report, int):
        return report
    return write_report_bom(report, args, Path(args.output) if args.output else None)


def write_report_bom(report: Report, args: argparse.Namespace, output: Path | None) -> int:
    """Build the BOM for ``report`` and write it to ``output`` (stdout when None)."""
    from opengrade.bom import build_cyclonedx, build_spdx
    from opengrade.bom.from_report import bom_input
    from opengrade.bom.validate import serialize, validate_bom, write_bom
    from opengrade.cli.exit_codes import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE
    from opengrade.errors import FormatError

    try:
        hashes = _hashes(report)
    except OSError as error:
        print(
            f"opengrade: cannot read {error.filename or 'a release file'} to hash it: "
            f"{error.strerror or error}",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    source = bom_input(report, hashes)
    reproducible = bool(args.reproducible)
    if args.bom_format == "spdx":
        document = build_spdx(source, reproducible=reproducible)
    else:
        document = build_cyclonedx(
            source, spec_version=args.spec_version, reproducible=reproducible
        )
    try:
        if output is None:
            validate_bom(document, args.bom_format)
            sys.stdout.write(serialize(document))
        else:
            write_bom(document, output, args.bom_format)
    except FormatError as error:
        field = getattr(error, "field", None)
        where = f" (field {field})" if field else ""
        print(f"opengrade: BOM not written{where}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"opengrade: cannot write {output}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _hashes(report: Report) -> dict[str, str]:
    """SHA-256 of the release's files, through the on-disk cache (so a second run reads
    nothing) when the cache folder is writable, with a progress bar for large releases."""
    import sqlite3

    from opengrade.bom import HashCache, release_hashes
    from opengrade.bom.context import hashable_files
    from opengrade.bom.hashing import hashing_events
    from opengrade.cli.progress import hashing_progress

    snapshot = report.snapshot
    total = sum(path.stat().st_size for path in hashable_files(snapshot).values())
    with hashing_progress(total) as bar:
        observer = hashing_events(bar, snapshot.id) if bar else None
        try:
            cache = HashCache()
        except (OSError, sqlite3.Error):
            return release_hashes(snapshot, observer=observer)  # no cache: hash everything
        with cache:
            return release_hashes(snapshot, cache=cache, observer=observer)
