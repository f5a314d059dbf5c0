"""``opengrade inspect TARGET``: the evidence inventory of a release, each item with provenance."""

from __future__ import annotations

import argparse
import sys

from opengrade.cli.output import write_output


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``inspect`` command."""
    from opengrade.cli.release_options import add_release_arguments

    parser = commands.add_parser(
        "inspect",
        help="list the evidence read from a release",
        description="Read a release (directory, MOT YAML or Hub id) and list every piece of "
        "evidence found, grouped, each with the file, line or field it came from.",
    )
    add_release_arguments(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Inspect the target and print or write the inventory."""
    from opengrade.cli.exit_codes import EXIT_OK, EXIT_UNREADABLE
    from opengrade.errors import SourceError
    from opengrade.formats import inventory
    from opengrade.pipeline import inspect

    try:
        snapshot, evidence = inspect(
            args.target, revision=args.revision, release_id=args.release_id
        )
    except SourceError as error:
        print(f"opengrade: cannot read {args.target}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    render = inventory.render_json if args.format == "json" else inventory.render_text
    return write_output(render(snapshot, evidence), args.output) or EXIT_OK
