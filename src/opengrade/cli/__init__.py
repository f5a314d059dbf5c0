"""The command line: thin, ``main(argv) -> int``. Each command lives in its own module here.

Exit codes: 0 done (nothing at or above ``--fail-on``), 1 findings at or above ``--fail-on``,
2 usage error, 3 the release could not be read, 4 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from opengrade import __version__
from opengrade.cli.exit_codes import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
)

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit code 2 and a hint, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nTry '{self.prog} --help'.\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every command registered."""
    from opengrade.cli import (
        assess_command,
        bom_command,
        check_command,
        history_command,
        inspect_command,
        inventory_command,
        license_command,
        scan_command,
        serve_command,
        stats_command,
        validate_command,
    )

    parser: argparse.ArgumentParser = _Parser(
        prog="opengrade",
        description="Grade how open an AI model release really is (MOF, OSAID), from evidence.",
    )
    parser.add_argument("--version", action="version", version=f"opengrade {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (
        assess_command,
        bom_command,
        inspect_command,
        license_command,
        validate_command,
    ):
        command.register(commands)
    for command in (scan_command, inventory_command, history_command):
        command.register(commands)
    check_command.register(commands)
    serve_command.register(commands)
    stats_command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list in (["--version"], ["-V"]):
        print(f"opengrade {__version__}")
        return EXIT_OK
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as stop:
        return int(stop.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        result: int = args.handler(args)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as Unix tools do.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("opengrade: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug must not read as "findings" (1) to a CI gate
        import logging

        logging.getLogger(__name__).debug("internal error", exc_info=True)
        print(
            f"opengrade: internal error ({type(error).__name__}: {error}). This is a bug; "
            "please report it with the command you ran.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return result


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises nothing."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
