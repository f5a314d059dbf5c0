"""The closed sets of the evidence envelope: status, scope and kind, and the kinds of artifact
and link."""

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
