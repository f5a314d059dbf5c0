"""The statistics as text (a readable summary), JSON (the whole structure) or CSV (one row per
counted value: ``section,value,count,share``)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from opengrade.stats.compute import Count, InventoryStats

SECTIONS = (
    ("weights", "weights"),
    ("license", "licenses"),
    ("license category", "categories"),
    ("MOF class", "mof_classes"),
    ("OSAID", "osaid"),
    ("finding", "findings"),
)


def _lines(title: str, counts: tuple[Count, ...], limit: int = 12) -> list[str]:
    lines = [title]
    for item in counts[:limit]:
        lines.append(f"  {item.value:<48} {item.count:>9,}  {item.share:6.1%}")
    if len(counts) > limit:
        lines.append(f"  ... and {len(counts) - limit} more (--format json or csv for all)")
    return [*lines, ""]


def render_text(stats: InventoryStats) -> str:
    lines = [f"{stats.total:,} releases (the latest grade of each)", ""]
    lines += _lines("weights", stats.weights)
    lines += _lines("weights license (concluded)", stats.licenses)
    lines += _lines("license category", stats.categories)
    lines += _lines("MOF class", stats.mof_classes)
    lines += _lines("OSAID 1.0 verdict", stats.osaid)
    lines += _lines("open-washing findings (releases with each code)", stats.findings)
    lines += [f"relicensed against a base: {stats.relicensed:,} releases", ""]
    if stats.families:
        lines.append("top base models: derivatives, the base's license, what derivatives declare")
        for family in stats.families:
            declared = ", ".join(f"{item.value} {item.count}" for item in family.declared[:4])
            lines.append(
                f"  {family.base} ({family.derivatives}; {family.base_license}): {declared}"
            )
        lines.append("")
    if stats.breakdown:
        lines.append(f"weights by {stats.breakdown[0].field}: open / not open / unknown")
        for row in stats.breakdown[:40]:
            lines.append(f"  {row.value:<48} {row.open:>7,} {row.not_open:>9,} {row.unknown:>9,}")
    return "\n".join(lines).rstrip() + "\n"


def render_json(stats: InventoryStats) -> str:
    body = {"schema_version": "1", **dataclasses.asdict(stats)}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def render_csv(stats: InventoryStats) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "value", "count", "share"])
    for section, name in SECTIONS:
        for item in getattr(stats, name):
            writer.writerow([section, item.value, item.count, f"{item.share:.6f}"])
    writer.writerow(["relicensed against a base", "", stats.relicensed, ""])
    for family in stats.families:
        for item in family.declared:
            writer.writerow([f"derivatives of {family.base}", item.value, item.count, ""])
    for row in stats.breakdown:
        for label, count in (("open", row.open), ("not open", row.not_open)):
            writer.writerow([f"weights by {row.field}: {row.value}", label, count, ""])
        writer.writerow([f"weights by {row.field}: {row.value}", "unknown", row.unknown, ""])
    return out.getvalue()
