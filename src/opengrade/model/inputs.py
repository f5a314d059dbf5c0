"""What an assessment reads besides its target: linked code and base releases, the Hub
revision, the release id of a local copy, and whether the report must be reproducible."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LinkedInputs:
    """The inputs of :func:`opengrade.assess` besides the target (the CLI option in brackets).

    ``code_dirs``: checkouts of the release's code repositories (``--code``).
    ``base_dirs``: local copies of base models' releases, for inherited terms (``--base``).
    ``fetch_code``: clone the code repositories the card links as its own (``--fetch-code``).
    ``revision``: Hub branch, tag or commit; Hub ids only (``--revision``).
    ``release_id``: the ``org/name`` of a local copy whose folder does not say it (``--id``).
    ``reproducible``: no time stamp or location in the report (``--reproducible``).
    """

    code_dirs: tuple[Path, ...] = ()
    base_dirs: tuple[Path, ...] = ()
    fetch_code: bool = False
    revision: str | None = None
    release_id: str | None = None
    reproducible: bool = False
