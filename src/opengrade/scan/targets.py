"""What to scan: targets from the command line and from a list file (one per line, ``#``
comments), paths made absolute so a release keeps one name in the store wherever the scan runs."""

from __future__ import annotations

from pathlib import Path

from opengrade.errors import OpengradeError


class TargetListError(OpengradeError):
    """A ``--from`` file that cannot be read."""


def read_target_list(path: Path) -> list[str]:
    """The targets in ``path``: one per line; blank lines and ``#`` comments ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        raise TargetListError(
            f"cannot read the target list {path} ({reason}); pass a text file with one "
            "target (folder, MOT YAML or org/name) per line"
        ) from None
    targets = []
    for line in text.splitlines():
        target = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if target:
            targets.append(target)
    return targets


def normalise(target: str, *, base: Path | None = None) -> str:
    """An existing path made absolute (relative to ``base``, a list file's folder); anything
    else (a Hub id, a missing path) unchanged: the scan records why it cannot be read."""
    path = Path(target).expanduser()
    if not path.is_absolute() and base is not None and (base / path).exists():
        path = base / path
    if path.exists():
        return str(path.resolve())
    return target
