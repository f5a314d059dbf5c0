"""``opengrade stats [--store URL] [--format text|json|csv|parquet] [--by FIELD] [-o FILE]``:
counts and shares over the inventory's latest grades."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stats`` command."""
    from opengrade.cli.store_options import add_store_argument
    from opengrade.stats.compute import BY_FIELDS

    parser = commands.add_parser(
        "stats",
        help="counts and shares over the inventory (open weights, licenses, MOF, OSAID...)",
        description="Statistics over the latest grade of every release in the store: weights "
        "open / not open / unknown, licenses and their categories, MOF classes, OSAID "
        "verdicts, open-washing findings, relicensing against a base, top base models and "
        "what their derivatives declare. --format parquet writes the summary columns to -o.",
    )
    add_store_argument(parser)
    parser.add_argument("--format", choices=("text", "json", "csv", "parquet"), default="text")
    parser.add_argument("--by", choices=BY_FIELDS, help="break the weights' openness down")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (parquet: needed)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compute and print (or write) the statistics."""
    from opengrade.cli.exit_codes import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE
    from opengrade.cli.store_options import open_cli_store
    from opengrade.errors import OpengradeError
    from opengrade.stats.compute import compute_stats
    from opengrade.stats.render import render_csv, render_json, render_text

    if args.format == "parquet" and not args.output:
        print("opengrade: --format parquet writes a file: add -o FILE.parquet", file=sys.stderr)
        return EXIT_USAGE
    store = open_cli_store(args)
    if store is None:
        return EXIT_USAGE
    try:
        with store:
            if args.format == "parquet":
                from opengrade.stats.parquet import write_parquet

                rows = write_parquet(store, Path(args.output))
                print(f"wrote {rows} releases' summary columns to {args.output}", file=sys.stderr)
                return EXIT_OK
            stats = compute_stats(store, by=args.by)
    except OpengradeError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as error:
        print(f"opengrade: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    render = {"json": render_json, "csv": render_csv}.get(args.format, render_text)
    text = render(stats)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"opengrade: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return EXIT_UNREADABLE
    else:
        sys.stdout.write(text)
    return EXIT_OK
