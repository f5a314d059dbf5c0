"""``opengrade history ID``, ``opengrade diff ID [--from REV] [--to REV]`` and ``opengrade
changes [--since DATE]``: what the store remembers about releases over time."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.store import Store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``history``, ``diff`` and ``changes`` commands."""
    from opengrade.cli.store_options import add_store_argument

    history = commands.add_parser(
        "history",
        help="every stored grade of a release",
        description="List every stored grade of a release (a store key, a release id or a path).",
    )
    history.add_argument("release", metavar="ID")
    add_store_argument(history)
    history.add_argument("--format", choices=("text", "json"), default="text")
    history.set_defaults(handler=run_history)

    diff = commands.add_parser(
        "diff",
        help="what changed between two grades of a release",
        description="Compare two grades of a release (default: the last two): concluded "
        "licenses and openness per scope, MOF, OSAID, EU AI Act, findings added and resolved.",
    )
    diff.add_argument("release", metavar="ID")
    diff.add_argument("--from", dest="from_revision", metavar="REV")
    diff.add_argument("--to", dest="to_revision", metavar="REV")
    add_store_argument(diff)
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.set_defaults(handler=run_diff)

    changes = commands.add_parser(
        "changes",
        help="what changed across the inventory (upstream terms changed...)",
        description="Every release whose grade changed, since DATE (YYYY-MM-DD or ISO time).",
    )
    changes.add_argument("--since", metavar="DATE")
    add_store_argument(changes)
    changes.add_argument("--format", choices=("text", "json"), default="text")
    changes.set_defaults(handler=run_changes)


def run_history(args: argparse.Namespace) -> int:
    from opengrade.formats import portfolio

    def work(store: Store) -> str:
        grades = store.history(args.release)
        if args.format == "json":
            return portfolio.history_json(grades)
        return portfolio.history_text(grades)

    return _with_store(args, work)


def run_diff(args: argparse.Namespace) -> int:
    from opengrade.formats import portfolio

    def work(store: Store) -> str:
        diff = store.diff(args.release, args.from_revision, args.to_revision)
        if args.format == "json":
            return portfolio.diff_json([diff])
        return portfolio.diff_text([diff])

    return _with_store(args, work)


def run_changes(args: argparse.Namespace) -> int:
    from opengrade.cli.exit_codes import EXIT_USAGE
    from opengrade.formats import portfolio

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            print(
                f"opengrade: --since {args.since!r} is not a date; use YYYY-MM-DD or an ISO time",
                file=sys.stderr,
            )
            return EXIT_USAGE
        since = since if since.tzinfo else since.replace(tzinfo=UTC)

    def work(store: Store) -> str:
        diffs = store.changes(since)
        if args.format == "json":
            return portfolio.diff_json(diffs, kind="changes")
        return portfolio.diff_text(diffs, empty="No release changed.")

    return _with_store(args, work)


def _with_store(args: argparse.Namespace, work: Callable[[Store], str]) -> int:
    """Open the store, render ``work(store)`` to stdout; store errors are exit 2."""
    from opengrade.cli.exit_codes import EXIT_OK, EXIT_USAGE
    from opengrade.cli.store_options import open_cli_store
    from opengrade.errors import StoreError

    store = open_cli_store(args)
    if store is None:
        return EXIT_USAGE
    try:
        with store:
            text = work(store)
    except StoreError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_OK
