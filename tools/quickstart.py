"""Print one of the README's two Quickstart commands (``install`` or ``test``).

CI runs the ``test`` command verbatim, so the README cannot drift from what CI does.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def quickstart_commands(text: str) -> list[str]:
    """The shell blocks of the ``## Quickstart`` section, in order."""
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def main() -> int:
    """Print the requested command; exit 2 on a bad argument."""
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    commands = quickstart_commands(README.read_text(encoding="utf-8"))
    if which not in ("install", "test") or len(commands) != 2:
        print("usage: quickstart.py install|test (README must have two Quickstart commands)")
        return 2
    print(commands[0 if which == "install" else 1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
