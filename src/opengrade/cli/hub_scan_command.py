"""``opengrade scan --hub``: the Hub-scale options of ``scan`` and their run (the listing, the
depth, the engine, the request budget); the summary on stdout, progress on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.scan.hub_scan import HubScanProgress, HubScanResult


def add_hub_arguments(parser: argparse.ArgumentParser) -> None:
    """Register ``--hub`` and the options that go with it on the ``scan`` parser."""
    hub = parser.add_argument_group("Hub scale (--hub)")
    hub.add_argument(
        "--hub",
        action="store_true",
        help="scan the Hub's listing (HF_ENDPOINT, else huggingface.co) instead of TARGETs",
    )
    hub.add_argument("--author", metavar="ORG", help="only this organisation's or user's models")
    hub.add_argument("--search", metavar="TEXT", help="only models whose id contains TEXT")
    hub.add_argument(
        "--filter",
        metavar="TAG",
        action="append",
        default=[],
        help="only models with this tag (repeatable: all must match), e.g. license:mit",
    )
    hub.add_argument("--sort", metavar="FIELD", help="downloads, likes, createdAt, lastModified")
    hub.add_argument("--limit", type=int, metavar="N", help="at most N models")
    hub.add_argument(
        "--depth",
        choices=("metadata", "auto", "files"),
        default="metadata",
        help="metadata: grade the listing alone, no request per model (default); files: read "
        "each model's files; auto: files only where the metadata leaves the terms in doubt",
    )
    hub.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: a process pool sized to the machine (--jobs); ray: Ray tasks",
    )
    hub.add_argument("--ray-address", metavar="ADDRESS", help="an existing Ray cluster")
    hub.add_argument(
        "--max-requests-per-5min",
        type=int,
        metavar="N",
        help="request budget (the Hub allows 500 anonymous, 1,000 free, 2,500 PRO)",
    )
    hub.add_argument(
        "--reproducible",
        action="store_true",
        help="reports without time stamps (identical for identical input)",
    )


def run_hub(args: argparse.Namespace) -> int:
    """Scan the Hub into the store; exit 3 when the listing stopped or a model failed."""
    from opengrade.cli.exit_codes import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE
    from opengrade.cli.store_options import open_cli_store
    from opengrade.errors import OpengradeError
    from opengrade.scan.engines import open_engine
    from opengrade.scan.hub_scan import scan_hub
    from opengrade.scan.hub_worker import Depth
    from opengrade.sources.hub.budget import RequestBudget
    from opengrade.sources.hub.lister import ListingQuery

    if args.targets or args.from_file or args.discover:
        print(
            "opengrade: --hub lists its own models; drop TARGETs, --from and --discover, "
            "or run them in a separate scan",
            file=sys.stderr,
        )
        return EXIT_USAGE
    for name in ("limit", "max_requests_per_5min", "jobs"):
        value = getattr(args, name)
        if value is not None and value < 1:
            option = "--" + name.replace("_", "-")
            print(f"opengrade: {option} must be at least 1", file=sys.stderr)
            return EXIT_USAGE
    query = ListingQuery(
        author=args.author,
        search=args.search,
        filters=tuple(args.filter),
        sort=args.sort,
        limit=args.limit,
    )
    store = open_cli_store(args)
    if store is None:
        return EXIT_USAGE
    try:
        with (
            store,
            open_engine(args.engine, jobs=args.jobs, ray_address=args.ray_address) as engine,
        ):
            result = scan_hub(
                query,
                store,
                engine,
                depth=Depth(args.depth),
                budget=RequestBudget(args.max_requests_per_5min),
                reproducible=args.reproducible,
                observer=_progress,
            )
    except OpengradeError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(_json(result) if args.format == "json" else _text(result))
    if result.stopped:
        print(f"opengrade: {result.stopped}", file=sys.stderr)
    return EXIT_UNREADABLE if result.stopped or result.failed else EXIT_OK


def _progress(event: HubScanProgress) -> None:
    print(
        f"[hub] listed {event.listed}, graded {event.graded}, already stored "
        f"{event.unchanged}, failed {event.failed}",
        file=sys.stderr,
    )


def _text(result: HubScanResult) -> str:
    rate = result.listed / result.seconds if result.seconds else 0.0
    lines = [
        f"listed {result.listed} Hub models in {result.seconds:.1f} s ({rate:.1f}/s) at the "
        f"{result.depth} depth: {result.added} graded and stored, {result.unchanged} already "
        f"stored, {result.failed} failed, {result.unusable} unusable listing entries",
        f"requests: {result.listing_requests} listing ({result.pages} pages), "
        f"{result.rate_limited} rate-limited (HTTP 429); waited {result.waited_seconds:.1f} s "
        "for the rate limit"
        + (
            f" ({result.workers_waited_seconds:.1f} s of it reading files, summed over workers)"
            if result.workers_waited_seconds
            else ""
        ),
    ]
    if result.depth == "metadata":
        lines.append(
            "metadata-only grades: card metadata, file names, gating and tags; the card body, "
            "license texts, configs and weights headers were not read (--depth auto|files)"
        )
    lines += [f"  failed {item.target}: {item.error}" for item in result.failures]
    return "\n".join(lines)


def _json(result: HubScanResult) -> str:
    body = {
        "schema_version": "1",
        "depth": str(result.depth),
        "listed": result.listed,
        "added": result.added,
        "unchanged": result.unchanged,
        "failed": result.failed,
        "unusable": result.unusable,
        "requests": {
            "listing": result.listing_requests,
            "pages": result.pages,
            "rate_limited": result.rate_limited,
        },
        "waited_seconds": round(result.waited_seconds, 3),
        "workers_waited_seconds": round(result.workers_waited_seconds, 3),
        "seconds": round(result.seconds, 3),
        "stopped": result.stopped,
        "failures": [{"model": item.target, "error": item.error} for item in result.failures],
    }
    return json.dumps(body, indent=2)
