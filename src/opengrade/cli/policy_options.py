"""Reading the ``--policy FILE`` a command was given: one message for a bad policy file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.policy.model import Policy


def read_policy_file(path: Path) -> Policy | None:
    """The policy at ``path``; None after printing what is wrong with it and how to fix it."""
    from opengrade.errors import PolicyError
    from opengrade.policy.load import load_policy

    try:
        return load_policy(path)
    except PolicyError as error:
        print(
            f"opengrade: bad policy {path}: {error}. Fix it (its schema is "
            "docs/policy.schema.json) and run again.",
            file=sys.stderr,
        )
        return None
