"""The options every command that reads a release shares, and reading it with clear errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.model import ReleaseSnapshot
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
    """The report for the parsed arguments, or the exit code after a clear message."""
    from opengrade.cli import EXIT_UNREADABLE, EXIT_USAGE
    from opengrade.errors import SourceError
    from opengrade.pipeline import (
        assess_snapshot,
        fetch_linked_code,
        read,
        read_base,
        read_code,
        with_hub_bases,
    )
    from opengrade.sources.resolve import is_hub_id

    if args.revision and not is_hub_id(args.target):
        print(
            f"opengrade: --revision applies to Hub ids only; {args.target} is a local path. "
            "Check out the revision you want and pass its directory.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        snapshot = read(args.target, revision=args.revision, release_id=args.release_id)
        snapshot, hub_bases = with_hub_bases(snapshot)
    except SourceError as error:
        print(f"opengrade: cannot read {args.target}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    linked = []
    for option, directory, reader in (
        *(("--code", path, read_code) for path in args.code),
        *(("--base", path, read_base) for path in args.base),
    ):
        try:
            linked.append((option, reader(directory)))
        except SourceError as error:
            print(
                f"opengrade: {option} {directory} is not a readable release: {error}",
                file=sys.stderr,
            )
            return EXIT_USAGE
    fetched: list[ReleaseSnapshot] = []
    if args.fetch_code:
        snapshot, fetched = fetch_linked_code(snapshot)
    return assess_snapshot(
        snapshot,
        code=[*fetched, *(item for option, item in linked if option == "--code")],
        bases=[*hub_bases, *(item for option, item in linked if option == "--base")],
        reproducible=args.reproducible,
    )
