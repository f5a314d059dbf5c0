"""Fetch a code repository the card links, with a shallow ``git clone`` (``--fetch-code``).

Only fetching: no hooks (an empty template and ``core.hooksPath`` off), no submodules, no LFS
objects, no credentials prompt, symlinks checked out as plain files, bounded time. What was
fetched is then read like any directory (``read_code_dir``), never run.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from opengrade.errors import SourceError
from opengrade.parsing.code_hosts import CODE_HOST_PATTERN

_REPOSITORY = re.compile(
    rf"^https?://(?:www\.)?({CODE_HOST_PATTERN})/([\w.-]+)/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$",
    re.IGNORECASE,
)
# Pages of a code host that look like owner/name but are not repositories.
_NOT_OWNERS = frozenset({"orgs", "sponsors", "topics", "features", "settings", "about"})
CLONE_TIMEOUT_SECONDS = 120.0


class CloneError(SourceError):
    """A linked repository could not be fetched (no git, unreachable, too slow, refused)."""


def clone_url(link: str) -> str | None:
    """The https clone URL of a repository link (``…/blob/main/x.py`` → the repository)."""
    match = _REPOSITORY.match(link.strip())
    if match is None:
        return None
    host, owner, name = match.groups()
    if owner.lower() in _NOT_OWNERS:
        return None
    return f"https://{host.lower()}/{owner}/{name.rstrip('.')}.git"


def shallow_clone(url: str, into: Path, *, timeout: float = CLONE_TIMEOUT_SECONDS) -> Path:
    """Clone the default branch of ``url`` at depth 1 into ``into``; returns ``into``."""
    command = [
        "git",
        "-c", "core.hooksPath=/dev/null",
        "-c", "core.symlinks=false",
        "-c", "protocol.allow=never",
        "-c", "protocol.https.allow=always",
        "-c", "protocol.file.allow=always",
        "clone", "--depth", "1", "--single-branch", "--no-tags", "--quiet",
        "--template=", "--no-recurse-submodules",
        url, str(into),
    ]  # fmt: skip
    environment = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_LFS_SKIP_SMUDGE": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=environment, check=False
        )
    except FileNotFoundError as error:
        raise CloneError("git is not installed; pass a checkout with --code DIR") from error
    except subprocess.TimeoutExpired as error:
        raise CloneError(f"cloning {url} took longer than {timeout:.0f} s") from error
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise CloneError(f"cannot clone {url}: {reason}")
    return into
