"""The code hosts whose ``owner/name`` paths are repositories: one list for every reader (the
link classifier, the clone step, the own-repository test, the BOM's dataset names)."""

from __future__ import annotations

import re

CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "git.sr.ht"})

CODE_HOST_PATTERN = "|".join(re.escape(host) for host in sorted(CODE_HOSTS))
"""The hosts as a regular-expression alternation (no group)."""
