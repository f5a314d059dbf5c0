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
    from opengrade.policy.check import Grader
    from opengrade.policy.model import CodeUse, Policy


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
        "targets", nargs="+", metavar="TARGET", help="directory, MOT YAML or Hub id"
    )
    parser.add_argument(
        "--policy",
        metavar="FILE",
        type=Path,
        help="opengrade.toml, or a pyproject.toml with [tool.opengrade] (default: look for "
        "either in the working directory)",
    )
    parser.add_argument("--store", metavar="URL", help="read and record grades in this store")
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
    from opengrade.cli import EXIT_USAGE
    from opengrade.errors import PolicyError
    from opengrade.policy.load import find_policy, load_policy

    path = args.policy if args.policy is not None else find_policy(Path.cwd())
    if path is None:
        print(
            "opengrade: no policy found: pass --policy FILE, or add an opengrade.toml (or a "
            "[tool.opengrade] table in pyproject.toml) to the working directory. An example: "
            "docs/policy.example.toml.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        return load_policy(path)
    except PolicyError as error:
        print(
            f"opengrade: bad policy {path}: {error}. Fix it (its schema is "
            "docs/policy.schema.json) and run again.",
            file=sys.stderr,
        )
        return EXIT_USAGE


def grader(store: str | None) -> Grader:
    """How targets are graded: the one seam where the store plugs in. Without a store module
    in this build, targets are graded directly (and the store is not written)."""
    from opengrade.policy.check import grade_directly

    if store is not None:
        print(
            f"opengrade: the store ({store}) is not available in this build; grading the "
            "targets directly.",
            file=sys.stderr,
        )
    return grade_directly


def code_uses(store: str | None) -> tuple[CodeUse, ...]:
    """Where code uses each release (from the store's discovery records); none without one."""
    return ()


def run(args: argparse.Namespace) -> int:
    """Check every target; write the result; exit by the worst outcome."""
    from opengrade.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE
    from opengrade.cli.output import write_output
    from opengrade.errors import FormatError
    from opengrade.policy.check import check_targets
    from opengrade.policy.formats import check_formats

    policy = _policy(args)
    if isinstance(policy, int):
        return policy
    result = check_targets(
        policy,
        args.targets,
        grade=grader(args.store),
        today=args.today,
        code_uses=code_uses(args.store),
    )
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
