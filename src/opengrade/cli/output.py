"""Where command results go: stdout, or a file named with ``-o``."""

from __future__ import annotations

import sys
from pathlib import Path

from opengrade.cli.exit_codes import EXIT_OK, EXIT_USAGE


def write_output(text: str, destination: str | None) -> int:
    """Write ``text`` to ``destination`` (a path) or stdout; returns 0, or 2 when unwritable."""
    if destination is None or destination == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(destination).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"opengrade: cannot write {destination}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
