"""The typed payload of each kind of evidence (see :mod:`evidence_record` for the record view:
the report's subject, value and details)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from opengrade.model.evidence_kinds import (
    ArtifactKind,
    ClaimTarget,
    DeclarationVia,
    EvidenceKind,
    LicenseFileRole,
    LinkKind,
    Scope,
    SectionCategory,
)
from opengrade.model.evidence_record import DetailValue, Payload
from opengrade.model.quick_init import quick_init

__all__ = [
    "CODE_ARTIFACTS",
    "DESCRIBED",
    "PAYLOAD_TYPES",
    "ArtifactFact",
    "CardFact",
    "CardField",
    "CardSection",
    "Claim",
    "ClaimTarget",
    "Component",
    "Dataset",
    "DeclarationVia",
    "DeclaredLicense",
    "DetailValue",
    "EvalResult",
    "EvidencePayload",
    "Gating",
    "IdentifiedLicense",
    "LicenseFile",
    "LicenseFileRole",
    "Lineage",
    "Link",
    "Payload",
    "ProblemFact",
    "SectionCategory",
]


CODE_ARTIFACTS = frozenset(
    {
        ArtifactKind.ARCHITECTURE_CODE,
        ArtifactKind.TRAINING_CODE,
        ArtifactKind.EVALUATION_CODE,
        ArtifactKind.PREPROCESSING_CODE,
        ArtifactKind.INFERENCE_CODE,
        ArtifactKind.CODE,
    }
)
"""The artifact kinds of code files."""


@quick_init
@dataclass(frozen=True, slots=True)
class CardFact(Payload):
    """The model card: its path, whether it has front matter, and its size."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.CARD
    path: str
    front_matter: bool
    chars: int
    lines: int
    truncated: bool
    fields: int

    def value_text(self) -> str:
        return "front-matter" if self.front_matter else "no-front-matter"

    @classmethod
    def text_fields(cls, subject: str, value: str) -> dict[str, object]:
        return {"path": subject, "front_matter": value == "front-matter"}


@quick_init
@dataclass(frozen=True, slots=True)
class CardField(Payload):
    """A card metadata field (``license``, ``pipeline_tag``...) and its value as text."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.CARD_FIELD
    field: str
    text: str
    count: int


@quick_init
@dataclass(frozen=True, slots=True)
class CardSection(Payload):
    """A section of the card by category, with its heading as written and its size."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.CARD_SECTION
    category: SectionCategory
    heading: str
    chars: int
    level: int


@quick_init
@dataclass(frozen=True, slots=True)
class DeclaredLicense(Payload):
    """A license as declared (tag, name, link, expression or sentence) for a scope."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.LICENSE_DECLARED
    scope: Scope
    text: str
    via: DeclarationVia
    mot_scope: str | None = None
    url: str | None = None
    restriction: str | None = None
    words: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class LicenseFile(Payload):
    """A license file (or license section of the card) and the scope it covers."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.LICENSE_FILE
    scope: Scope
    path: str
    role: LicenseFileRole
    file_role: LicenseFileRole | None = None
    folder: str | None = None
    heading: str | None = None
    chars: int | None = None
    read: bool | None = None
    present: bool | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class IdentifiedLicense(Payload):
    """A license identified from a text (the provenance is the text's span)."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.LICENSE_IDENTIFIED
    scope: Scope
    key: str
    confidence: float
    method: str
    modified: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class ArtifactFact(Payload):
    """A file as an artifact of the release, with what its name, header or JSON told."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.ARTIFACT
    kind: ArtifactKind
    path: str
    size: int | None = None
    present: bool | None = None
    lfs_pointer: bool = False
    intermediate: bool = False
    format: str | None = None
    pickle: bool | None = None
    header_error: str | None = None
    dtype: str | None = None
    dtypes: str | None = None
    parameters: int | None = None
    tensors: int | None = None
    architecture: str | None = None
    model_type: str | None = None
    custom_code: bool = False
    components: str | None = None
    license: str | None = None
    language: str | None = None
    sharded: bool = False
    shards: int | None = None
    shards_listed: int | None = None
    total_size: int | None = None
    note: str | None = None

    def _kept(self) -> frozenset[str]:
        if self.intermediate:
            return frozenset()
        kept = {"size", "present"}
        if self.kind in CODE_ARTIFACTS:
            kept.add("language")
        if self.sharded:
            kept.add("total_size")
        return frozenset(kept)


@quick_init
@dataclass(frozen=True, slots=True)
class Link(Payload):
    """A link (URL or identifier such as ``arxiv:2307.09288``) and what it points at."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.LINK
    kind: LinkKind
    target: str
    url: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Dataset(Payload):
    """A dataset named by the card (role training/evaluation) or described by the source."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.DATASET
    name: str
    role: str
    via: str | None = None
    license: str | None = None
    has_card: bool | None = None
    gated: bool | None = None
    problem: str | None = None

    def _kept(self) -> frozenset[str]:
        if self.role == DESCRIBED:
            return frozenset({"license", "has_card", "gated", "problem"})
        return frozenset()


DESCRIBED = "described"
"""The role of a dataset the source described (its page was read)."""


@quick_init
@dataclass(frozen=True, slots=True)
class EvalResult(Payload):
    """One evaluation result of the card's model-index: task, dataset, metric and value."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.EVAL_RESULT
    task: str
    dataset: str
    metric: str
    value: str
    dataset_type: str | None
    verified: bool
    source: str | None

    def subject_text(self) -> str:
        return f"{self.task}/{self.dataset}"

    def value_text(self) -> str:
        return f"{self.metric}={self.value}"

    def detail_values(self) -> dict[str, DetailValue]:
        return {
            "dataset_type": self.dataset_type,
            "verified": self.verified,
            "source": self.source,
        }

    @classmethod
    def text_fields(cls, subject: str, value: str) -> dict[str, object]:
        task, _, dataset = subject.partition("/")
        metric, _, number = value.rpartition("=")  # a metric may say "pass@1 (thresh=0.5)"
        return {"task": task, "dataset": dataset, "metric": metric, "value": number}


@quick_init
@dataclass(frozen=True, slots=True)
class Claim(Payload):
    """An openness claim: its phrase class (``open-source``...), the sentence, whether it calls
    the weights or the release open (``about_release``), what of the release it calls open
    (``target``; None when nothing of it), and the rule that decided."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.CLAIM
    phrase_class: str
    sentence: str
    about_release: bool
    rule: str | None = None
    target: ClaimTarget | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Lineage(Payload):
    """A base model and the release's relation to it (finetune, adapter, merge...)."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.LINEAGE
    base: str
    relation: str
    via: str
    phrase: str | None = None
    organization: str | None = None

    def _kept(self) -> frozenset[str]:
        return frozenset({"organization"}) if self.via == "gguf" else frozenset()


@quick_init
@dataclass(frozen=True, slots=True)
class Gating(Payload):
    """A gating field of the card and its text."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.GATING
    field: str
    text: str


@quick_init
@dataclass(frozen=True, slots=True)
class Component(Payload):
    """A MOF component a manifest declares, with its license as declared ("" when none)."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.COMPONENT
    name: str
    license: str
    license_path: str | None
    component_path: str | None


@quick_init
@dataclass(frozen=True, slots=True)
class ProblemFact(Payload):
    """Something that could not be read or made sense of: a stable code and a message."""

    KIND: ClassVar[EvidenceKind] = EvidenceKind.PROBLEM
    code: str
    message: str


EvidencePayload = (
    CardFact
    | CardField
    | CardSection
    | DeclaredLicense
    | LicenseFile
    | IdentifiedLicense
    | ArtifactFact
    | Link
    | Dataset
    | EvalResult
    | Claim
    | Lineage
    | Gating
    | Component
    | ProblemFact
)

PAYLOAD_TYPES: Mapping[EvidenceKind, type[EvidencePayload]] = {
    kind.KIND: kind
    for kind in (
        CardFact,
        CardField,
        CardSection,
        DeclaredLicense,
        LicenseFile,
        IdentifiedLicense,
        ArtifactFact,
        Link,
        Dataset,
        EvalResult,
        Claim,
        Lineage,
        Gating,
        Component,
        ProblemFact,
    )
}
"""The payload type of each evidence kind."""
