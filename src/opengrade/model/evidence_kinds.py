"""The closed sets of evidence: the envelope's status, scope and kind, and the closed sets of
the payloads' fields (artifact and link kinds, declaration via, section category, license file
role, claim target)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """``declared``: somebody says so (a tag, a sentence, a link not read).
    ``verified``: we saw it (a file that exists, a text we identified, a header we parsed)."""

    DECLARED = "declared"
    VERIFIED = "verified"


class Scope(StrEnum):
    """What part of a release a license or statement covers."""

    RELEASE = "release"
    WEIGHTS = "weights"
    CODE = "code"
    DATA = "data"
    DOCS = "docs"


class EvidenceKind(StrEnum):
    """The kinds of evidence; each has its typed payload in :mod:`evidence_payloads`."""

    CARD = "card"
    CARD_FIELD = "card-field"
    CARD_SECTION = "card-section"
    LICENSE_DECLARED = "license-declared"
    LICENSE_FILE = "license-file"
    LICENSE_IDENTIFIED = "license-identified"
    ARTIFACT = "artifact"
    LINK = "link"
    DATASET = "dataset"
    EVAL_RESULT = "eval-result"
    CLAIM = "claim"
    LINEAGE = "lineage"
    GATING = "gating"
    COMPONENT = "component"
    PROBLEM = "problem"


class ArtifactKind(StrEnum):
    """What a file is as an artifact of the release."""

    WEIGHTS = "weights"
    CONFIG = "config"
    TOKENIZER = "tokenizer"
    ARCHITECTURE_CODE = "architecture-code"
    TRAINING_CODE = "training-code"
    EVALUATION_CODE = "evaluation-code"
    PREPROCESSING_CODE = "preprocessing-code"
    INFERENCE_CODE = "inference-code"
    CODE = "code"
    NOTEBOOK = "notebook"
    PAPER = "paper"
    DATA = "data"
    SAMPLE_OUTPUTS = "sample-outputs"


class LinkKind(StrEnum):
    """What a link points at."""

    PAPER = "paper"
    CODE = "code"
    DATASET = "dataset"
    MODEL = "model"
    LICENSE = "license"
    DEMO = "demo"
    REPORT = "report"
    LOGS = "logs"
    OTHER = "other"


class DeclarationVia(StrEnum):
    """How a license was declared: a card metadata field, a sentence, a file header, a manifest."""

    LICENSE = "license"
    LICENSE_NAME = "license_name"
    LICENSE_LINK = "license_link"
    PROSE = "prose"
    GGUF = "gguf"
    MANIFEST = "manifest"
    RESTRICTION = "prose-restriction"


class SectionCategory(StrEnum):
    """What a section of the card is about, from its heading."""

    TRAINING_DATA = "training-data"
    TRAINING_PROCEDURE = "training-procedure"
    EVALUATION = "evaluation"
    LIMITATIONS = "limitations"
    BIAS = "bias"
    INTENDED_USE = "intended-use"
    OUT_OF_SCOPE = "out-of-scope"
    ENVIRONMENTAL_IMPACT = "environmental-impact"
    CITATION = "citation"
    LICENSE = "license"
    MODEL_DETAILS = "model-details"
    HOW_TO_USE = "how-to-use"
    HARDWARE = "hardware"


class LicenseFileRole(StrEnum):
    """What a license file is: the license, a notice, a use policy, a folder's own license, or a
    license section of the card."""

    LICENSE = "license"
    NOTICE = "notice"
    USE_POLICY = "use-policy"
    NESTED = "nested"
    README_SECTION = "readme-section"


class ClaimTarget(StrEnum):
    """What an openness claim about the release says is open."""

    WEIGHTS = "weights"
    RELEASE = "release"
    CODE = "code"
