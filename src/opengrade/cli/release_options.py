"""The options every command that reads a release shares, and reading it with clear errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.model.report import Report


def add_release_arguments(parser: argparse.ArgumentParser) -> None:
    """TARGET, ``--revision`` and ``--id``."""
    parser.add_argument("target", help="release directory, MOT YAML file, or Hub id (org/name)")
    parser.add_argument("--revision", help="Hub branch, tag or commit (Hub ids only)")
    parser.add_argument(
        "--id",
        dest="release_id",
        metavar="ORG/NAME",
        help="the release's Hub id, for a local copy whose folder name is not org__name",
    )


def add_linked_arguments(parser: argparse.ArgumentParser) -> None:
    """``--code DIR`` and ``--base DIR`` (both repeatable)."""
    parser.add_argument(
        "--code",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="a checkout of the release's code repository (repeatable)",
    )
    parser.add_argument(
        "--base",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="a local copy of a base model's release, to read inherited terms (repeatable)",
    )
    parser.add_argument(
        "--fetch-code",
        action="store_true",
        help="clone (shallow, read only) the code repositories the card links as its own; "
        "needs network and git",
    )


def assess_from_arguments(args: argparse.Namespace) -> Report | int:
    """The report for the parsed arguments (through :func:`opengrade.assess`), or the exit
    code after a clear message."""
    from opengrade import assess
    from opengrade.cli.exit_codes import EXIT_UNREADABLE, EXIT_USAGE
    from opengrade.errors import InputError, SourceError
    from opengrade.model.inputs import LinkedInputs

    linked = LinkedInputs(
        code_dirs=tuple(args.code),
        base_dirs=tuple(args.base),
        fetch_code=bool(args.fetch_code),
        revision=args.revision,
        release_id=args.release_id,
        reproducible=bool(args.reproducible),
    )
    try:
        return assess(args.target, linked=linked)
    except InputError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SourceError as error:
        print(f"opengrade: cannot read {args.target}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
