"""``opengrade license identify|show|list``: identify license texts, show a license's terms."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opengrade.model.license import LicenseIdentification, LicenseTerms


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``license`` command and its sub-commands."""
    parser = commands.add_parser(
        "license",
        help="identify license texts and show license terms",
        description="Identify the licenses in files, and show what each license allows.",
    )
    actions = parser.add_subparsers(
        dest="license_command", metavar="ACTION", parser_class=type(parser)
    )
    parser.set_defaults(handler=_missing_action(parser))

    identify = actions.add_parser(
        "identify",
        help="identify the licenses in files",
        description="Identify every license in each FILE, with its line span and confidence. "
        "A file that matches nothing well enough is 'unknown', with the closest candidates.",
    )
    identify.add_argument("files", nargs="+", metavar="FILE")
    identify.add_argument("--format", choices=("text", "json"), default="text")
    identify.add_argument(
        "--reference-dir",
        metavar="DIR",
        help="extra reference texts, one <key>.txt per license (default: $OPENGRADE_LICENSE_DIR)",
    )
    identify.set_defaults(handler=run_identify)

    show = actions.add_parser(
        "show",
        help="show a license's terms and their sources",
        description="Show the catalogue entry of KEY (an SPDX id, Hub tag or alias).",
    )
    show.add_argument("key", metavar="KEY")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=run_show)

    listing = actions.add_parser("list", help="list every license key in the catalogue")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(handler=run_list)


def _missing_action(parser: argparse.ArgumentParser) -> Any:
    def handler(args: argparse.Namespace) -> int:
        del args
        parser.print_help(sys.stderr)
        return 2

    return handler


def run_identify(args: argparse.Namespace) -> int:
    """Identify each file; exit 3 when a file cannot be read at all."""
    import json
    from pathlib import Path

    from opengrade.licenses.identify import identify_file

    reference_dir = Path(args.reference_dir) if args.reference_dir else None
    if reference_dir is not None and not reference_dir.is_dir():
        print(
            f"opengrade: --reference-dir {reference_dir} is not a directory; "
            "give a directory of <key>.txt files",
            file=sys.stderr,
        )
        return 2
    results = [identify_file(Path(name), reference_dir=reference_dir) for name in args.files]
    if args.format == "json":
        print(json.dumps([_identification_json(result) for result in results], indent=2))
    else:
        for result in results:
            print(_identification_text(result))
    unreadable = [r for r in results if r.problem and r.problem.startswith("unreadable")]
    for result in unreadable:
        print(
            f"opengrade: cannot read {result.path}; check the path and permissions", file=sys.stderr
        )
    return 3 if unreadable else 0


def _identification_json(result: LicenseIdentification) -> dict[str, Any]:
    return {
        "path": result.path,
        "matches": [
            {
                "key": match.key,
                "confidence": match.confidence,
                "start_line": match.start_line,
                "end_line": match.end_line,
                "method": match.method,
                "modified": match.modified,
                "inserted_words": match.inserted_words,
            }
            for match in result.matches
        ],
        "candidates": [{"key": c.key, "score": c.score} for c in result.candidates],
        "outside": [
            {
                "kind": str(item.kind),
                "key": item.key,
                "title": item.title,
                "publisher": item.publisher,
                "beside": item.beside,
                "start_line": item.start_line,
                "end_line": item.end_line,
                "words": item.words,
            }
            for item in result.outside
        ],
        "unexplained_words": result.unexplained_words,
        "problem": result.problem,
    }


def _identification_text(result: LicenseIdentification) -> str:
    from opengrade.model.license import OutsideKind

    lines = [f"{result.path}:"]
    for match in result.matches:
        modified = "  MODIFIED: not the original license" if match.modified else ""
        lines.append(
            f"  {match.key}  lines {match.start_line}-{match.end_line}  "
            f"confidence {match.confidence:.2f}  ({match.method}){modified}"
        )
    for item in result.outside:
        where = f"lines {item.start_line}-{item.end_line}"
        if item.key:
            by = f" by {item.publisher}" if item.publisher else ""
            lines.append(f"  unknown  {where}  appears to be: {item.title or 'untitled'}{by}")
        elif item.kind is OutsideKind.RESTRICTION:
            lines.append(f"  restriction beside {item.beside}  {where}  ({item.words} words)")
    if not result.matches:
        closest = ", ".join(f"{c.key} ({c.score:.2f})" for c in result.candidates[:3])
        lines.append("  unknown" + (f"  closest: {closest}" if closest else ""))
    if result.problem:
        lines.append(f"  note: {result.problem}")
    return "\n".join(lines)


def run_show(args: argparse.Namespace) -> int:
    """Print one license's terms; exit 2 for an unknown key."""
    import json

    from opengrade.licenses.catalog import terms

    found = terms(args.key)
    if found is None:
        print(
            f"opengrade: no license '{args.key}' in the catalogue; "
            "see 'opengrade license list' for the keys",
            file=sys.stderr,
        )
        return 2
    if args.format == "json":
        print(json.dumps(_terms_json(found), indent=2, sort_keys=True))
    else:
        print(_terms_text(found))
    return 0


def _terms_json(found: LicenseTerms) -> dict[str, Any]:
    return {
        "key": found.key,
        "name": found.name,
        "spdx_id": found.spdx_id,
        "category": str(found.category),
        "osi_approved": found.osi_approved,
        "fsf_libre": found.fsf_libre,
        "commercial_use": found.commercial_use,
        "use_restrictions": found.use_restrictions,
        "acceptable_use_policy": found.acceptable_use_policy,
        "user_threshold": found.user_threshold,
        "field_of_use": found.field_of_use,
        "attribution": found.attribution,
        "naming_requirement": found.naming_requirement,
        "share_alike": found.share_alike,
        "osd_conformant": found.osd_conformant,
        "osd_breaking_clause": found.osd_breaking_clause,
        "charges_for_use": found.charges_for_use,
        "mof_types": sorted(found.mof_types),
        "hub_tag": found.hub_tag,
        "aliases": list(found.aliases),
        "urls": list(found.urls),
        "notes": found.notes,
        "sources": dict(sorted(found.sources.items())),
    }


def _terms_text(found: LicenseTerms) -> str:
    data = _terms_json(found)
    sources = data.pop("sources")
    lines = [f"{found.key}: {found.name}"]
    for field, value in data.items():
        if field in {"key", "name"} or value in (None, [], ""):
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        source = sources.get(field)
        lines.append(f"  {field.replace('_', ' ')}: {shown}" + (f"  [{source}]" if source else ""))
    extra = {k: v for k, v in sources.items() if k not in data}
    for field, source in extra.items():
        lines.append(f"  source of {field.replace('_', ' ')}: {source}")
    return "\n".join(lines)


def run_list(args: argparse.Namespace) -> int:
    """Print every key with its name and category."""
    import json

    from opengrade.licenses.catalog import all_terms

    entries = all_terms()
    if args.format == "json":
        rows = [
            {"key": t.key, "name": t.name, "category": str(t.category), "spdx_id": t.spdx_id}
            for t in entries
        ]
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(t.key) for t in entries)
    for t in entries:
        print(f"{t.key:<{width}}  {t.category!s:<20}  {t.name}")
    return 0
