"""``opengrade check TARGET... --policy FILE``: the CI gate. Grades each target, applies the
policy and its waivers, writes the result (text, json, sarif, junit, github, gitlab).

Exit codes: 0 every release passes, 1 a release violates a ``fail`` rule, 2 usage error or a
bad policy, 3 a target could not be read (the others are still checked and reported).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.model.report import Report
    from opengrade.policy.check import Grader
    from opengrade.policy.model import CodeUse, Policy, UnreadableTarget
    from opengrade.store import Store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` command."""
    from opengrade.policy.formats import CHECK_FORMAT_NAMES

    parser = commands.add_parser(
        "check",
        help="check releases against a policy (opengrade.toml); the CI gate",
        description="Grade each target and check it against a policy: allowed and denied "
        "licenses per scope, minimum MOF class, OSAID conformance, findings; waivers with an "
        "expiry date. Exit 0 pass, 1 violations, 2 usage or bad policy, 3 unreadable release.",
    )
    parser.add_argument(
        "targets",
        nargs="*",
        metavar="TARGET",
        help="directory, MOT YAML or Hub id; none with --store: every release in the store",
    )
    parser.add_argument(
        "--policy",
        metavar="FILE",
        type=Path,
        help="opengrade.toml, or a pyproject.toml with [tool.opengrade] (default: look for "
        "either in the working directory)",
    )
    parser.add_argument(
        "--store",
        metavar="URL",
        help="record each grade in this inventory store (a path, sqlite:///PATH or "
        "postgresql://...), and locate results at the model uses it recorded",
    )
    parser.add_argument(
        "--discover",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="find where code under DIR uses each model (static analysis, never run), to "
        "locate results at those lines (repeatable)",
    )
    parser.add_argument("--format", choices=CHECK_FORMAT_NAMES, default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=date.fromisoformat,
        help="judge waiver expiry as of this day (default: today, UTC)",
    )
    parser.set_defaults(handler=run)


def _policy(args: argparse.Namespace) -> Policy | int:
    from opengrade.cli.exit_codes import EXIT_USAGE
    from opengrade.cli.policy_options import read_policy_file
    from opengrade.policy.load import find_policy

    path = args.policy if args.policy is not None else find_policy(Path.cwd())
    if path is None:
        print(
            "opengrade: no policy found: pass --policy FILE, or add an opengrade.toml (or a "
            "[tool.opengrade] table in pyproject.toml) to the working directory. An example: "
            "docs/policy.example.toml.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    policy = read_policy_file(path)
    return EXIT_USAGE if policy is None else policy


def grader(store: Store | None) -> Grader:
    """How targets are graded: the one seam where the store plugs in. With a store, each
    target is graded and its report recorded there (re-grading the same content with the
    same tool version adds nothing); without, graded directly."""
    from opengrade.policy.check import grade_directly

    if store is None:
        return grade_directly

    def grade_and_record(target: str) -> Report:
        from opengrade.formats.report_json import JsonFormat
        from opengrade.scan.revision import content_revision

        report = grade_directly(target)
        store.add_report(JsonFormat().render(report), revision=content_revision(report.snapshot))
        return report

    return grade_and_record


def code_uses(store: Store | None, directories: list[Path]) -> tuple[CodeUse, ...]:
    """Where code uses each release: discovered now in ``--discover`` directories, and the
    uses the store recorded from earlier scans. Paths are relative to their code base root."""
    from opengrade.policy.model import CodeUse
    from opengrade.scan.discovery import discover

    found = [use for directory in directories for use in discover(directory)]
    if store is not None:
        found.extend(store.uses())
    uses = {
        CodeUse(use.model_id, str(Path(use.root) / use.path) if use.root else use.path, use.line)
        for use in found
    }
    return tuple(sorted(uses, key=lambda use: (use.release, use.path, use.line)))


def stored_reports(
    store: Store,
) -> tuple[list[tuple[str, Report]], dict[str, str], list[UnreadableTarget]]:
    """The latest stored grade of every release read back as a report (its target is its
    release id), the revision of each, and the stored reports that cannot be read back."""
    from opengrade.errors import ReportError
    from opengrade.formats.report_reader import load_report
    from opengrade.policy.model import UnreadableTarget

    reports: list[tuple[str, Report]] = []
    revisions: dict[str, str] = {}
    unreadable: list[UnreadableTarget] = []
    for grade in store.latest():
        try:
            reports.append((grade.release_id, load_report(store.report_text(grade))))
        except ReportError as error:
            unreadable.append(UnreadableTarget(grade.release_id, f"stored report: {error}"))
            continue
        revisions[grade.release_id] = grade.revision
    return reports, revisions, unreadable


def _open_store(url: str | None) -> Store | int | None:
    from opengrade.cli.exit_codes import EXIT_USAGE
    from opengrade.errors import StoreError
    from opengrade.store import open_store

    if url is None:
        return None
    try:
        return open_store(url)
    except StoreError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Check every target; write the result; exit by the worst outcome."""
    from opengrade.cli.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE
    from opengrade.cli.output import write_output
    from opengrade.errors import FormatError
    from opengrade.policy.check import check_reports, check_targets
    from opengrade.policy.formats import check_formats

    if not args.targets and args.store is None:
        print(
            "opengrade: name the releases to check (directories, MOT YAMLs, Hub ids), or pass "
            "--store URL to check every release in an inventory store.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    policy = _policy(args)
    if isinstance(policy, int):
        return policy
    for directory in args.discover:
        if not directory.is_dir():
            print(
                f"opengrade: --discover {directory} is not a directory; pass the root of the "
                "code base to search for model uses.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    store = _open_store(args.store)
    if isinstance(store, int):
        return store
    try:
        uses = code_uses(store, args.discover)
        if args.targets or store is None:
            result = check_targets(
                policy, args.targets, grade=grader(store), today=args.today, code_uses=uses
            )
        else:
            reports, revisions, unreadable = stored_reports(store)
            result = check_reports(
                policy,
                reports,
                today=args.today,
                code_uses=uses,
                unreadable=unreadable,
                revisions=revisions,
            )
    finally:
        if store is not None:
            store.close()
    for item in result.unreadable:
        print(f"opengrade: cannot read {item.target}: {item.reason}", file=sys.stderr)
    base = Path.cwd()
    try:
        text = check_formats()[args.format](result, base)
    except FormatError as error:
        print(f"opengrade: cannot write the {args.format} format: {error}", file=sys.stderr)
        return EXIT_USAGE
    status = write_output(text, args.output)
    if status:
        return status
    if args.format == "github" and (summary_file := os.environ.get("GITHUB_STEP_SUMMARY")):
        from opengrade.policy.formats.github import render_summary

        try:
            with Path(summary_file).open("a", encoding="utf-8") as summary:
                summary.write(render_summary(result, base))
        except OSError as error:
            print(f"opengrade: cannot write the step summary: {error}", file=sys.stderr)
    if result.unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if result.failed else EXIT_OK
