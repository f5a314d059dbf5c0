"""Extra reference texts: official license texts kept OUTSIDE the repository, fingerprinted only.

Usage: python tools/reference_texts.py DIR --mirrors MIRRORS

``tools/reference_texts.tsv`` lists each text's key, the publisher's repository, the path and
commit of the file, its sha256, and whether it is fingerprinted (``indexed``). This script
writes ``DIR/<key>.txt`` from local git mirrors of those repositories
(``MIRRORS/<owner>+<name>/repo`` or ``MIRRORS/<owner>/<name>``: ``git show <commit>:<path>``),
and checks every digest. ``build_license_index.py --extra
DIR`` then indexes them beside the corpus texts. The texts never enter the repository: only
their fingerprints (in the index) and their origin (here and in the catalogue's ``text:``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent / "reference_texts.tsv"


@dataclass(frozen=True, slots=True)
class ReferenceOrigin:
    """Where one extra reference text comes from."""

    key: str
    repository: str
    path: str
    commit: str
    sha256: str
    indexed: bool = True

    @property
    def citation(self) -> str:
        """The catalogue's ``text:`` source: ``owner/name:path@commit``."""
        return f"{self.repository}:{self.path}@{self.commit}"


def origins(manifest: Path = MANIFEST) -> list[ReferenceOrigin]:
    """Every row of the manifest."""
    with manifest.open(encoding="utf-8") as handle:
        return [
            ReferenceOrigin(
                row["key"],
                row["repo"],
                row["path"],
                row["commit"],
                row["sha256"],
                row.get("indexed", "yes") == "yes",
            )
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def verified_texts(directory: Path, manifest: Path = MANIFEST) -> dict[str, str]:
    """``key -> text`` for every indexed manifest text present in ``directory`` with the listed
    digest. A text marked ``indexed: no`` (its facts were read, but a fingerprint would make
    close siblings look like it) is checked and left out.

    A missing file is skipped with a warning; a file whose digest differs stops the build (a
    different text would be fingerprinted under the key).
    """
    texts: dict[str, str] = {}
    for origin in origins(manifest):
        path = directory / f"{origin.key}.txt"
        if not path.is_file():
            print(f"warning: {path} missing; run tools/reference_texts.py", file=sys.stderr)
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != origin.sha256:
            raise SystemExit(
                f"error: {path} has sha256 {digest}, the manifest says {origin.sha256} "
                f"({origin.citation}); fetch it again with tools/reference_texts.py"
            )
        if origin.indexed:
            texts[origin.key] = data.decode("utf-8", errors="replace")
    return texts


def _git_directory(mirrors: Path, repository: str) -> Path | None:
    owner, name = repository.split("/", 1)
    for candidate in (mirrors / f"{owner}+{name}" / "repo", mirrors / owner / name):
        if candidate.exists():
            return candidate
    return None


def fetch(directory: Path, mirrors: Path, manifest: Path = MANIFEST) -> int:
    """Write every manifest text into ``directory`` from the git mirrors; 1 if any failed."""
    directory.mkdir(parents=True, exist_ok=True)
    failed = 0
    for origin in origins(manifest):
        git = _git_directory(mirrors, origin.repository)
        if git is None:
            print(f"missing mirror for {origin.repository}", file=sys.stderr)
            failed += 1
            continue
        shown = subprocess.run(
            ["git", "-C", str(git), "show", f"{origin.commit}:{origin.path}"],
            capture_output=True,
            check=False,
        )
        if shown.returncode != 0 or hashlib.sha256(shown.stdout).hexdigest() != origin.sha256:
            print(f"cannot read {origin.citation} with its digest", file=sys.stderr)
            failed += 1
            continue
        (directory / f"{origin.key}.txt").write_bytes(shown.stdout)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Fetch the texts listed in the manifest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="where to write <key>.txt (not the repo)")
    parser.add_argument("--mirrors", type=Path, required=True, help="local git mirrors")
    args = parser.parse_args(argv)
    return fetch(args.directory, args.mirrors)


if __name__ == "__main__":
    raise SystemExit(main())
