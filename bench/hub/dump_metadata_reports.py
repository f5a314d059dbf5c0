"""Write every metadata-tier report the benchmark grades (one per real card's listing entry) to a
directory, rendered to the compact JSON the store keeps, so two checkouts can be compared byte for
byte (a speed-up must not change a report).

    python bench/hub/dump_metadata_reports.py /tmp/before
    PYTHONPATH=../main/src python bench/hub/dump_metadata_reports.py /tmp/before   # main's code
    cmp -s ... / diff -r /tmp/before /tmp/after

Reports are graded with ``reproducible=True`` (no generation time), as ``scan --hub
--reproducible`` stores them; the file name is the repository id with ``/`` as ``__``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_metadata import entries

from opengrade.formats.report_json import report_to_dict
from opengrade.model.inputs import LinkedInputs
from opengrade.pipeline import assess
from opengrade.sources.hub.metadata import ListingEntrySource


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0
    for entry in entries():
        source = ListingEntrySource(entry, endpoint="http://hub.invalid")
        report = assess(source, linked=LinkedInputs(reproducible=True))
        text = json.dumps(report_to_dict(report), ensure_ascii=False, separators=(",", ":"))
        name = entry.repo_id.replace("/", "__") + ".json"
        (args.out / name).write_text(text, encoding="utf-8")
        count += 1
    print(f"{count} reports written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
