"""Sources: where releases are read from (local directory, MOT YAML, Hub, git)."""

from __future__ import annotations

from opengrade.sources.interface import Source

__all__ = ["Source"]
