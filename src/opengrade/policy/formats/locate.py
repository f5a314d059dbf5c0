"""Where a policy result points in the checked repository: the code line where discovery found
the model when known, else the first evidence file present in a local release, else its model
card, else
the policy file itself (a Hub release has no file in the repository). Paths are POSIX and
relative to ``base`` (the repository root, normally the working directory)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from opengrade.policy.model import CheckRun, Outcome, ReleaseCheck, RuleResult

LOCAL_SOURCES = frozenset({"local", "git"})


@dataclass(frozen=True, slots=True)
class Location:
    """A file in the repository (relative POSIX path) and a 1-based line (None: the file)."""

    path: str
    line: int | None = None
    end_line: int | None = None


def relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when inside it, else absolute; POSIX either way. A path
    that is already relative (and does not climb out with ``..``) is taken as relative to
    ``base``."""
    if not path.is_absolute() and ".." not in path.parts:
        return path.as_posix()
    resolved = path.resolve()
    try:
        return resolved.relative_to(base.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def shown(target: str, base: Path) -> str:
    """A target as shown: relative to ``base`` when it is a path on disk, else as given."""
    path = Path(target)
    return relative(path, base) if path.exists() else target


def _in_release(check: ReleaseCheck, path: str, base: Path) -> str:
    if check.source == "mot":
        return relative(Path(check.location), base)
    return relative(Path(check.location) / path, base)


def _on_disk(check: ReleaseCheck, path: str) -> bool:
    """Whether an evidence file is in the release as read (not only listed upstream)."""
    return check.source == "mot" or (Path(check.location) / path).is_file()


def locate(run: CheckRun, check: ReleaseCheck, result: RuleResult, base: Path) -> Location:
    """The primary location of ``result``."""
    if check.code_uses:
        first = check.code_uses[0]
        return Location(relative(Path(first.path), base), first.line)
    if check.source in LOCAL_SOURCES or check.source == "mot":
        for item in result.evidence:
            if item.path and not item.url and _on_disk(check, item.path):
                return Location(_in_release(check, item.path, base), item.line, item.end_line)
        if check.manifest or check.source == "mot":
            return Location(_in_release(check, check.manifest, base))
        return Location(relative(Path(check.location), base))
    return Location(relative(Path(run.policy.path), base))


def reported(check: ReleaseCheck) -> tuple[RuleResult, ...]:
    """The results worth reporting: every one that did not pass."""
    return tuple(result for result in check.results if result.outcome is not Outcome.PASS)


def title(check: ReleaseCheck, result: RuleResult) -> str:
    """A one-line title: ``release: rule (subject)``."""
    subject = f" ({result.subject})" if result.subject and result.rule == "findings" else ""
    return f"{check.release}: {result.rule}{subject}"


def evidence_text(result: RuleResult) -> str:
    """The evidence as a comma-separated list, or "no evidence"."""
    return ", ".join(str(item) for item in result.evidence) or "no evidence"
