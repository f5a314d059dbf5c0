"""``opengrade inventory`` (the latest grade of each release, filterable) and ``opengrade
export`` (the auditor export), read from the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.policy.model import Policy
    from opengrade.store import InventoryFilter, Store
    from opengrade.store.records import AuditPolicyColumns, Grade


PAGE_SIZE = 1000
"""Releases listed by default: a page a person reads; ``--limit 0`` lists every release."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``inventory`` and ``export`` commands."""
    from opengrade.cli.store_options import add_store_argument

    inventory = commands.add_parser(
        "inventory",
        help="list the latest grade of every release in the store",
        description="List the latest grade of each release in the store, filtered.",
    )
    add_store_argument(inventory)
    inventory.add_argument("--format", choices=("text", "json", "csv"), default="text")
    _add_filters(inventory)
    inventory.add_argument(
        "--limit",
        type=int,
        default=PAGE_SIZE,
        metavar="N",
        help=f"at most N releases (default {PAGE_SIZE}; 0 lists them all)",
    )
    inventory.add_argument("--offset", type=int, default=0, metavar="N", help="skip N releases")
    inventory.add_argument(
        "--uses", action="store_true", help="list where code uses models (from scan --discover)"
    )
    inventory.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    inventory.set_defaults(handler=run_inventory)

    export = commands.add_parser(
        "export",
        help="the auditor export: releases, revisions, licenses, verdicts, policy columns",
        description="Export each release's latest grade for an audit (CSV or JSON).",
    )
    add_store_argument(export)
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    _add_filters(export)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    export.add_argument(
        "--policy",
        type=Path,
        metavar="FILE",
        help="fill the policy columns (result, waiver, approver, reason, expiry) from FILE",
    )
    export.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=date.fromisoformat,
        help="judge waiver expiry as of this day (default: today, UTC)",
    )
    export.set_defaults(handler=run_export)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--release", metavar="TEXT", help="release ids containing TEXT")
    parser.add_argument("--source", choices=("local", "hub", "mot", "git"))
    parser.add_argument("--mof-class", choices=("I", "II", "III", "none"))
    parser.add_argument("--osaid", choices=("conformant", "not-conformant", "unverified"))
    parser.add_argument("--eu", choices=("indicated", "not-eligible", "unknown"))
    parser.add_argument("--open-weights", choices=("true", "false", "unknown"))
    parser.add_argument("--weights-license", metavar="KEY", help="weights license containing KEY")
    parser.add_argument("--finding", metavar="CODE", help="releases with this finding")


def _filters(args: argparse.Namespace) -> InventoryFilter:
    from opengrade.store import InventoryFilter

    return InventoryFilter(
        release_id_contains=args.release,
        source=args.source,
        mof_class=args.mof_class,
        osaid_verdict=args.osaid,
        eu_status=args.eu,
        open_weights=args.open_weights,
        finding_code=args.finding,
        weights_license=args.weights_license,
    )


def run_inventory(args: argparse.Namespace) -> int:
    from opengrade.cli.exit_codes import EXIT_OK, EXIT_USAGE
    from opengrade.cli.output import write_output
    from opengrade.cli.store_options import open_cli_store
    from opengrade.errors import StoreError
    from opengrade.formats import portfolio
    from opengrade.store import Page

    store = open_cli_store(args)
    if store is None:
        return EXIT_USAGE
    try:
        with store:
            if args.uses:
                uses = store.uses()
                text = "".join(f"{u.model_id}\t{u.root}/{u.path}:{u.line}\t{u.how}\n" for u in uses)
                return write_output(text or "No model use recorded.\n", args.output) or EXIT_OK
            limit = args.limit or None
            grades = store.latest(_filters(args), Page(limit, args.offset))
            if limit is not None and len(grades) == limit:
                _say_more(store.count(_filters(args)), args.offset, limit)
    except StoreError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return EXIT_USAGE
    render = {
        "json": portfolio.inventory_json,
        "csv": portfolio.inventory_csv,
        "text": portfolio.inventory_text,
    }[args.format]
    return write_output(render(grades), args.output) or EXIT_OK


def _say_more(total: int, offset: int, limit: int) -> None:
    """On stderr: the page shown is not the whole inventory, and how to see the rest."""
    if offset + limit < total:
        print(
            f"opengrade: showing releases {offset + 1}-{offset + limit} of {total}; "
            f"--offset {offset + limit} for the next page, --limit 0 for all "
            "(or 'opengrade export' for the auditor export)",
            file=sys.stderr,
        )


def run_export(args: argparse.Namespace) -> int:
    from opengrade.cli.exit_codes import EXIT_OK, EXIT_USAGE
    from opengrade.cli.output import write_output
    from opengrade.cli.store_options import open_cli_store
    from opengrade.errors import StoreError
    from opengrade.formats import portfolio

    policy = None
    if args.policy is not None:
        from opengrade.cli.policy_options import read_policy_file

        policy = read_policy_file(args.policy)
        if policy is None:
            return EXIT_USAGE
    store = open_cli_store(args)
    if store is None:
        return EXIT_USAGE
    try:
        with store:
            rows = store.audit_rows(_filters(args), _audit_hook(store, policy, args.today))
    except StoreError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return EXIT_USAGE
    render = portfolio.audit_json if args.format == "json" else portfolio.audit_csv
    return write_output(render(rows), args.output) or EXIT_OK


def _audit_hook(
    store: Store, policy: Policy | None, today: date | None
) -> Callable[[Grade], AuditPolicyColumns] | None:
    """The policy columns of the export, from each grade's stored report (None: no policy)."""
    if policy is None:
        return None
    from opengrade import load_report
    from opengrade.policy.audit import audit_columns

    day = today or datetime.now(UTC).date()
    return audit_columns(policy, lambda grade: load_report(store.report_text(grade)), today=day)
