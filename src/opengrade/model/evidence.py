"""Evidence: one fact about a release, with where it came from and how sure we are of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

DetailValue = str | int | float | bool | None


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
    """The kinds of evidence. ``subject`` and ``value`` mean, per kind:

    - CARD: subject = card path; value = "front-matter" or "no-front-matter".
    - CARD_FIELD: subject = metadata field (``license``, ``pipeline_tag``...); value = its value
      as text (lists joined by ", ").
    - CARD_SECTION: subject = section category (``training-data``, ``evaluation``,
      ``limitations``, ``bias``, ``intended-use``, ``environmental-impact``, ``citation``...);
      value = the heading as written; details: ``chars``.
    - LICENSE_DECLARED: subject = Scope; value = the declaration as written (a tag, a name, a
      link, an SPDX expression, a sentence); details: ``via`` (``license``, ``license_name``,
      ``license_link``, ``prose``, ``gguf``, ``manifest``...).
    - LICENSE_FILE: subject = Scope; value = path; details: ``role`` (``license``, ``notice``,
      ``use-policy``, ``readme-section``).
    - LICENSE_IDENTIFIED: subject = Scope; value = license key; details: ``path``,
      ``confidence``.
    - ARTIFACT: subject = ArtifactKind; value = path; details: ``format``, ``dtype``,
      ``parameters``, ``pickle`` (bool), ``architecture``, ``model_type``.
    - LINK: subject = LinkKind; value = URL or identifier (``arxiv:2307.09288``).
    - DATASET: subject = dataset id or name; value = role (``training``, ``evaluation``,
      ``unknown``).
    - EVAL_RESULT: subject = task/dataset; value = metric=value.
    - CLAIM: subject = the phrase class (``open-source``, ``open-weights``, ``fully-open``...);
      value = the sentence; details: ``about_release`` (bool: the weights or the release are
      called open), ``target`` (``weights``, ``release`` or ``code``: what of the release is
      called open; absent when nothing of it is), ``rule`` (the rule that decided).
    - LINEAGE: subject = base model id or name; value = relation (``finetune``, ``adapter``,
      ``merge``, ``quantized``, ``unknown``).
    - GATING: subject = gating field; value = its text.
    - COMPONENT: subject = MOF component name; value = license as declared ("" when none).
    - PROBLEM: subject = Problem.code; value = the message.
    """

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


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact came from: a file and line span, a metadata field, or a URL."""

    path: str | None = None
    line: int | None = None
    end_line: int | None = None
    field: str | None = None
    url: str | None = None

    def __str__(self) -> str:
        if self.url and not self.path:
            return self.url
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.end_line is not None and self.end_line != self.line:
                where += f"-{self.end_line}"
        if self.field:
            where = f"{where} [{self.field}]" if where else f"[{self.field}]"
        return where or "(unknown)"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact about a release. See :class:`EvidenceKind` for what subject and value mean."""

    kind: EvidenceKind
    subject: str
    value: str
    provenance: Provenance
    status: Status = Status.DECLARED
    details: Mapping[str, DetailValue] = field(default_factory=dict, hash=False)
