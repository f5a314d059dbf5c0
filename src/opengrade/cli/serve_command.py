"""``opengrade serve``: the dashboard over the store (needs ``pip install 'opengrade[web]'``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from opengrade.cli.exit_codes import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from opengrade.cli.store_options import add_store_argument

    parser = commands.add_parser(
        "serve",
        help="the inventory in a browser, and a JSON API",
        description="Serve the dashboard over the store (read-only; writing through the API "
        "needs the bearer token in $OPENGRADE_TOKEN).",
    )
    add_store_argument(parser)
    parser.add_argument("--policy", metavar="FILE", type=Path, help="a policy to show")
    parser.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        from opengrade.web.context import Dashboard
        from opengrade.web.server import serve
    except ImportError as error:
        print(
            f"opengrade: the dashboard needs its extra ({error.name} is missing): "
            "pip install 'opengrade[web]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from opengrade.cli.store_options import open_cli_store
    from opengrade.store.dashboard_queries import ensure_dashboard_indexes

    board = None
    store = open_cli_store(args)
    if store is None:
        return EXIT_UNREADABLE
    if args.policy is not None:
        from opengrade.cli.policy_options import read_policy_file
        from opengrade.formats.report_reader import load_report
        from opengrade.web.policy_board import PolicyBoard

        policy = read_policy_file(args.policy)
        if policy is None:
            return EXIT_USAGE
        board = PolicyBoard(policy, lambda grade: load_report(store.report_text(grade)))
    ensure_dashboard_indexes(store)
    token = os.environ.get("OPENGRADE_TOKEN") or None
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"opengrade: serving on {args.host}: reachable from other machines", file=sys.stderr)
    print(
        f"opengrade: dashboard at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr
    )
    serve(Dashboard(store, board, token), args.host, args.port)
    store.close()
    return EXIT_OK
