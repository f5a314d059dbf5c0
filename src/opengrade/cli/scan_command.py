"""``opengrade scan TARGET... [--from FILE] [--discover DIR]``: grade many releases into the
store, in parallel, with progress on stderr and an end summary on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.scan.engine import ScanEvent, ScanResult
    from opengrade.store.records import ModelUse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``scan`` command."""
    from opengrade.cli.store_options import add_store_argument

    parser = commands.add_parser(
        "scan",
        help="grade many releases into the inventory store",
        description="Grade release folders, MOT YAMLs and Hub ids into the store. Content "
        "already stored by this opengrade version is skipped, so an interrupted scan resumes; "
        "a target that fails is recorded with its error and the scan goes on.",
    )
    parser.add_argument("targets", nargs="*", metavar="TARGET")
    parser.add_argument(
        "--from", dest="from_file", metavar="FILE", help="read targets from FILE, one per line"
    )
    parser.add_argument(
        "--discover",
        metavar="DIR",
        action="append",
        default=[],
        help="find the models a code base uses (static analysis, never run) and scan them",
    )
    add_store_argument(parser)
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    from opengrade.cli.hub_scan_command import add_hub_arguments

    add_hub_arguments(parser)
    parser.set_defaults(handler=run, jobs=None)  # None: 1, or the machine's CPUs for --hub


def run(args: argparse.Namespace) -> int:
    """Collect targets, scan them, print the summary. Exit 3 when a target failed."""
    from opengrade.cli.exit_codes import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE
    from opengrade.cli.store_options import open_cli_store
    from opengrade.scan.engine import scan
    from opengrade.scan.targets import TargetListError, normalise, read_target_list

    if args.hub:
        from opengrade.cli.hub_scan_command import run_hub

        return run_hub(args)
    args.jobs = 1 if args.jobs is None else args.jobs
    targets = [normalise(item) for item in args.targets]
    if args.from_file:
        try:
            listed = read_target_list(Path(args.from_file))
        except TargetListError as error:
            print(f"opengrade: {error}", file=sys.stderr)
            return EXIT_USAGE
        base = Path(args.from_file).resolve().parent
        targets += [normalise(item, base=base) for item in listed]
    if args.jobs < 1:
        print("opengrade: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    uses: list[ModelUse] = []
    for folder in args.discover:
        if not Path(folder).is_dir():
            print(f"opengrade: --discover {folder} is not a directory", file=sys.stderr)
            return EXIT_USAGE
        from opengrade.scan.discovery import discover

        uses += discover(Path(folder))
    targets = list(dict.fromkeys(targets + [use.model_id for use in uses]))
    if not targets:
        print(
            "opengrade: nothing to scan: pass TARGETs, --from FILE or --discover DIR",
            file=sys.stderr,
        )
        return EXIT_USAGE
    store = open_cli_store(args)
    if store is None:
        return EXIT_USAGE
    with store, _progress(len(targets)) as observer:
        store.add_uses(uses)
        result = scan(targets, store, jobs=args.jobs, observer=observer)
    print(_summary_json(result, uses) if args.format == "json" else _summary_text(result, uses))
    return EXIT_UNREADABLE if result.failed else EXIT_OK


@contextmanager
def _progress(total: int) -> Iterator[Callable[[ScanEvent], None]]:
    """A progress bar on a terminal; elsewhere (CI logs) a line every 25 targets. Failures are
    always printed as they happen."""
    if not sys.stderr.isatty():
        yield _log_line
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    columns = ("scanning", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("scanning", total=total)

        def observe(event: ScanEvent) -> None:
            progress.update(task, completed=event.done)
            if event.outcome.status == "failed":
                progress.console.print(
                    f"failed {event.outcome.target}: {event.outcome.error}",
                    markup=False,
                    highlight=False,
                )

        yield observe


def _log_line(event: ScanEvent) -> None:
    outcome = event.outcome
    if outcome.status == "failed":
        print(
            f"[{event.done}/{event.total}] failed {outcome.target}: {outcome.error}",
            file=sys.stderr,
        )
    elif event.done == event.total or event.done % 25 == 0:
        print(f"[{event.done}/{event.total}] scanned", file=sys.stderr)


def _summary_text(result: ScanResult, uses: list[ModelUse]) -> str:
    rate = result.total / result.seconds if result.seconds else 0.0
    lines = [
        f"scanned {result.total} targets in {result.seconds:.1f} s ({rate:.1f}/s): "
        f"{result.added} graded and stored, {result.unchanged} already stored, "
        f"{result.failed} failed"
    ]
    for use in uses:
        lines.append(f"  uses {use.model_id} at {use.path}:{use.line} ({use.how})")
    for outcome in result.outcomes:
        if outcome.status == "failed":
            lines.append(f"  failed {outcome.target}: {outcome.error}")
    return "\n".join(lines)


def _summary_json(result: ScanResult, uses: list[ModelUse]) -> str:
    body = {
        "schema_version": "1",
        "total": result.total,
        "added": result.added,
        "unchanged": result.unchanged,
        "failed": result.failed,
        "seconds": round(result.seconds, 3),
        "targets": [
            {
                "target": item.target,
                "status": str(item.status),
                "release_key": item.release_key or None,
                "revision": item.revision or None,
                "error": item.error or None,
            }
            for item in result.outcomes
        ],
        "uses": [
            {"model": u.model_id, "root": u.root, "path": u.path, "line": u.line, "how": u.how}
            for u in uses
        ],
    }
    return json.dumps(body, indent=2)
