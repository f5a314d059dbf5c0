"""The bill-of-materials formats and versions opengrade writes (closed sets)."""

from __future__ import annotations

from enum import StrEnum


class BomFormat(StrEnum):
    """The BOM standards: CycloneDX, or SPDX 3.0.1 (JSON-LD)."""

    CYCLONEDX = "cyclonedx"
    SPDX = "spdx"


class CycloneDxVersion(StrEnum):
    """The CycloneDX specification versions opengrade writes and validates against."""

    V1_6 = "1.6"
    V1_7 = "1.7"
