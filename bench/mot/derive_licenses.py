"""Derive frameworks/data/mot_licenses.yaml from the Model Openness Tool's license lists.

Usage (from the repository root):
    PYTHONPATH=src .venv/bin/python bench/mot/derive_licenses.py [CORPUS]

Reads ``mot/licenses/licenses.json`` (SPDX list snapshot) and ``mot/licenses/mof-licenses.json``
(MOF type-appropriate licenses) and writes the facts MOT's evaluator uses: which ids are
OSI-approved, FSF-libre, on MOT's open-data list, and type-appropriate per content type.
MOT imports the SPDX list first and the MOF list second, so a MOF entry overrides the flags of
the SPDX entry with the same id; content types of repeated MOF entries are merged.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "src" / "opengrade" / "frameworks" / "data" / "mot_licenses.yaml"

# MOT's LicenseHandler::OPEN_DATA_LICENSES (lfai/model_openness_tool, web/modules/mof/src/
# LicenseHandler.php): ids MOT treats as open whatever their SPDX flags say. A list of facts.
OPEN_DATA = [
    "CC0-1.0", "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-2.5-AU", "CC-BY-3.0",
    "CC-BY-3.0-AT", "CC-BY-3.0-AU", "CC-BY-3.0-DE", "CC-BY-3.0-IGO", "CC-BY-3.0-NL",
    "CC-BY-3.0-US", "CC-BY-4.0", "CC-BY-SA-1.0", "CC-BY-SA-2.0", "CC-BY-SA-2.0-UK",
    "CC-BY-SA-2.1-JP", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-3.0-AT", "CC-BY-SA-4.0",
    "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "ODC-PDDL-1.0",
    "ODC-By-1.0", "ODbL-1.0", "GFDL-1.3", "OGL-Canada-2.0", "OGL-UK-2.0", "OGL-UK-3.0",
]  # fmt: skip


def derive(corpus: Path) -> dict[str, object]:
    """The facts table as a plain mapping, ready to dump."""
    spdx = json.loads((corpus / "mot/licenses/licenses.json").read_text(encoding="utf-8"))
    mof = json.loads((corpus / "mot/licenses/mof-licenses.json").read_text(encoding="utf-8"))
    flags: dict[str, tuple[bool, bool]] = {}
    types: dict[str, set[str]] = {}
    for entry in spdx["licenses"] + mof["licenses"]:
        key = entry["licenseId"]
        flags[key] = (bool(entry.get("isOsiApproved")), bool(entry.get("isFsfLibre")))
        content = entry.get("ContentType") or []
        for kind in [content] if isinstance(content, str) else content:
            types.setdefault(kind, set()).add(key)
    return {
        "source": {
            "repository": "https://github.com/lfai/model_openness_tool",
            "commit": "8b5d30e90a7c62d7d6ece48b91e69ff495920a4d",
            "files": ["web/modules/mof/licenses.json", "web/modules/mof/mof-licenses.json"],
            "spdx_list_version": spdx["licenseListVersion"],
            "spdx_release_date": spdx.get("releaseDate", ""),
            "mof_list_version": mof.get("licenseListVersion", ""),
            "note": "derived by bench/mot/derive_licenses.py; ids only, no license text",
        },
        "osi_approved": sorted(key for key, (osi, _) in flags.items() if osi),
        "fsf_libre": sorted(key for key, (_, fsf) in flags.items() if fsf),
        "open_data": sorted(OPEN_DATA),
        "type_appropriate": {kind: sorted(keys) for kind, keys in sorted(types.items())},
    }


def main() -> int:
    default = ROOT.parent / "shared" / "corpus"
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OPENGRADE_CORPUS", default))
    header = "# Facts derived from the Model Openness Tool's license lists; see source below.\n"
    text = yaml.safe_dump(derive(corpus), sort_keys=False, width=100)
    TARGET.write_text(header + text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
