"""SPDX 3.0.1 JSON-LD for a model release, with the AI and Dataset profiles (spdx-python-model).

The model is an ``ai_AIPackage`` (the document's root), its weight, config and tokenizer files are
``software_File`` elements with their SHA-256 (``contains``), datasets are
``dataset_DatasetPackage`` elements (``trainedOn`` / ``testedOn``; ``other`` when the role is not
stated), base models are ``ai_AIPackage`` elements (``descendantOf``). Every package has exactly
one ``hasDeclaredLicense`` and one ``hasConcludedLicense`` relationship, to a license expression
or to ``NoAssertionLicense`` when nothing is known. The assessment is recorded as review
annotations. Fields the evidence does not support are omitted.
"""

from __future__ import annotations

import os
from typing import Any

from spdx_python_model import v3_0_1 as spdx

from opengrade.bom.assessment import assessment_pairs
from opengrade.bom.context import BomInput
from opengrade.bom.facts import LicenseFact, ReleaseFacts, read_facts
from opengrade.bom.license_ids import expression_term, license_expression
from opengrade.bom.spdx_values import created, document_uuid, file_comment, section_texts

_NO_ASSERTION = "https://spdx.org/rdf/3.0.1/terms/ExpandedLicensing/NoAssertionLicense"
_LINK_TYPES = {
    "paper": "documentation",
    "report": "documentation",
    "code": "vcs",
    "license": "license",
    "demo": "altWebPage",
    "logs": "buildMeta",
}
_DATASET_ROLES = {"training": "trainedOn", "evaluation": "testedOn", "testing": "testedOn"}
_TRAINING_SECTIONS = {"training-data", "training", "training-procedure"}
_USE_SECTIONS = {"intended-use", "uses", "direct-use", "downstream-use"}
_LIMITATION_SECTIONS = {"limitations", "bias", "risks", "bias-risks-limitations"}


class _Graph:
    """The elements being built, with deterministic ids under one document namespace."""

    def __init__(self, namespace: str, creation: Any) -> None:
        self.namespace = namespace
        self.creation = creation
        self.objects: list[Any] = [creation]
        self._relationships = 0

    def identifier(self, local: str) -> str:
        """The element id of ``local`` in this document's namespace."""
        return f"{self.namespace}#{local}"

    def add(self, item: Any) -> Any:
        """Add an element; returns it."""
        self.objects.append(item)
        return item

    def relate(
        self, source: Any, kind: str, targets: list[Any], comment: str | None = None
    ) -> None:
        """Add a ``kind`` relationship from ``source`` to ``targets``."""
        self._relationships += 1
        relationship = spdx.Relationship(
            spdxId=self.identifier(f"relationship-{self._relationships}"),
            creationInfo=self.creation,
            from_=source,
            to=targets,
            relationshipType=getattr(spdx.RelationshipType, kind),
        )
        if comment:
            relationship.comment = comment
        self.add(relationship)


def build_spdx(bom_input: BomInput, *, reproducible: bool = False) -> dict[str, Any]:
    """The SPDX 3.0.1 JSON-LD document (a JSON-ready dict).

    ``reproducible`` derives the document namespace from the content and records the creation
    time as ``$SOURCE_DATE_EPOCH`` (or the injected timestamp; else the Unix epoch, noted in the
    creation comment), so the same input gives the same bytes.
    """
    facts = read_facts(bom_input)
    namespace = f"urn:uuid:{document_uuid(bom_input, facts, reproducible)}"
    creation = spdx.CreationInfo(specVersion="3.0.1", created=created(bom_input, reproducible))
    if reproducible and bom_input.timestamp is None and "SOURCE_DATE_EPOCH" not in os.environ:
        creation.comment = "Reproducible mode: the creation time is not recorded (Unix epoch)."
    graph = _Graph(namespace, creation)
    agent = graph.add(
        spdx.SoftwareAgent(
            spdxId=graph.identifier("opengrade"), name="opengrade", creationInfo=creation
        )
    )
    tool = graph.add(
        spdx.Tool(
            spdxId=graph.identifier("opengrade-tool"),
            name=f"opengrade {bom_input.tool_version}",
            creationInfo=creation,
        )
    )
    creation.createdBy = [agent]
    creation.createdUsing = [tool]
    model = graph.add(_model_package(graph, facts))
    _licenses(graph, model, facts.declared, facts.concluded)
    _files(graph, model, facts)
    _datasets(graph, model, facts)
    _base_models(graph, model, facts)
    _assessment(graph, model, bom_input)
    elements = [item for item in graph.objects if item is not creation]
    document = spdx.SpdxDocument(
        spdxId=graph.identifier("document"),
        name=f"AI bill of materials for {facts.name}",
        creationInfo=creation,
        rootElement=[model],
        element=elements,
        profileConformance=[
            spdx.ProfileIdentifierType.core,
            spdx.ProfileIdentifierType.software,
            spdx.ProfileIdentifierType.ai,
            spdx.ProfileIdentifierType.dataset,
        ],
    )
    graph.add(document)
    data: dict[str, Any] = spdx.JSONLDSerializer().serialize_data(
        spdx.SHACLObjectSet(graph.objects), force_at_graph=True
    )
    return data


def _model_package(graph: _Graph, facts: ReleaseFacts) -> Any:
    package = spdx.ai_AIPackage(
        spdxId=graph.identifier("model"),
        name=facts.name,
        creationInfo=graph.creation,
        software_primaryPurpose=spdx.software_SoftwarePurpose.model,
    )
    if facts.version:
        package.software_packageVersion = facts.version
    if facts.card_url:
        package.software_downloadLocation = facts.card_url
    kinds = [value for value in (facts.architecture_family, facts.architecture) if value]
    if kinds:
        package.ai_typeOfModel = sorted(set(kinds))
    if facts.metrics:
        package.ai_metric = [
            spdx.DictionaryEntry(key=f"{item.metric} ({item.subject})", value=item.value)
            for item in facts.metrics
        ]
    training = section_texts(facts.sections, _TRAINING_SECTIONS)
    if training:
        package.ai_informationAboutTraining = training
    application = section_texts(facts.sections, _USE_SECTIONS)
    if application:
        package.ai_informationAboutApplication = application
    limitation = section_texts(facts.sections, _LIMITATION_SECTIONS)
    if limitation:
        package.ai_limitation = limitation
    dataset_urls = {dataset.url for dataset in facts.datasets if dataset.url}
    references = [
        _reference(_LINK_TYPES.get(kind, "other"), url, kind)
        for kind, url in facts.links
        if url not in dataset_urls
    ]
    references += [  # cited by the training-data sections: never the model's own code
        _reference("other", url, f"data source ({kind})")
        for kind, url in facts.data_sources
        if url not in dataset_urls
    ]
    if references:
        package.externalRef = references
    return package


def _reference(kind: str, url: str, comment: str) -> Any:
    return spdx.ExternalRef(
        externalRefType=getattr(spdx.ExternalRefType, kind), locator=[url], comment=comment
    )


def _license_target(graph: _Graph, facts: tuple[LicenseFact, ...], local: str) -> Any:
    """A license expression element for ``facts``, or NoAssertionLicense when there are none."""
    if not facts:
        return _NO_ASSERTION
    expression = spdx.simplelicensing_LicenseExpression(
        spdxId=graph.identifier(local),
        creationInfo=graph.creation,
        simplelicensing_licenseExpression=license_expression(fact.key for fact in facts),
    )
    custom = [
        spdx.DictionaryEntry(key=expression_term(fact.key), value=fact.url)
        for fact in facts
        if fact.spdx_id is None and fact.url
    ]
    if custom:
        expression.simplelicensing_customIdToUri = custom
    return graph.add(expression)


def _licenses(
    graph: _Graph,
    package: Any,
    declared: tuple[LicenseFact, ...],
    concluded: tuple[LicenseFact, ...],
) -> None:
    """Exactly one declared and one concluded license relationship for ``package``."""
    local = package.spdxId.rsplit("#", 1)[-1]
    graph.relate(
        package, "hasDeclaredLicense", [_license_target(graph, declared, f"{local}-declared")]
    )
    comment = None
    if {expression_term(f.key) for f in declared} != {expression_term(f.key) for f in concluded}:
        comment = (
            "The concluded license differs from the declared one; see the opengrade assessment."
        )
    target = _license_target(graph, concluded, f"{local}-concluded")
    graph.relate(package, "hasConcludedLicense", [target], comment)


def _files(graph: _Graph, model: Any, facts: ReleaseFacts) -> None:
    files = []
    for index, fact in enumerate(facts.files):
        item = spdx.software_File(
            spdxId=graph.identifier(f"file-{index + 1}"),
            name=fact.path,
            creationInfo=graph.creation,
        )
        if fact.sha256:
            item.verifiedUsing = [
                spdx.Hash(algorithm=spdx.HashAlgorithm.sha256, hashValue=fact.sha256)
            ]
        comment = file_comment(fact)
        if comment:
            item.comment = comment
        files.append(graph.add(item))
    if files:
        graph.relate(model, "contains", files)


def _datasets(graph: _Graph, model: Any, facts: ReleaseFacts) -> None:
    by_relation: dict[str, list[Any]] = {}
    for index, dataset in enumerate(facts.datasets):
        package = graph.add(
            spdx.dataset_DatasetPackage(
                spdxId=graph.identifier(f"dataset-{index + 1}"),
                name=dataset.name,
                creationInfo=graph.creation,
                software_primaryPurpose=spdx.software_SoftwarePurpose.data,
                dataset_datasetType=[spdx.dataset_DatasetType.noAssertion],
            )
        )
        if dataset.url:
            package.software_downloadLocation = dataset.url
        if dataset.links:
            package.externalRef = [
                _reference(_LINK_TYPES.get(kind, "other"), url, kind) for kind, url in dataset.links
            ]
        _licenses(graph, package, (), ())
        for role in dataset.roles:
            by_relation.setdefault(_DATASET_ROLES.get(role, "other"), []).append(package)
    for relation in sorted(by_relation):
        comment = (
            "A dataset the release names; its role is not stated." if relation == "other" else None
        )
        graph.relate(model, relation, by_relation[relation], comment)


def _base_models(graph: _Graph, model: Any, facts: ReleaseFacts) -> None:
    bases = []
    for index, base in enumerate(facts.base_models):
        package = graph.add(
            spdx.ai_AIPackage(
                spdxId=graph.identifier(f"base-model-{index + 1}"),
                name=base.name,
                creationInfo=graph.creation,
                software_primaryPurpose=spdx.software_SoftwarePurpose.model,
            )
        )
        if base.relation != "unknown":
            package.comment = f"Relation of the release to this base model: {base.relation}."
        _licenses(graph, package, (), ())
        bases.append(package)
    if bases:
        graph.relate(model, "descendantOf", bases)


def _assessment(graph: _Graph, model: Any, bom_input: BomInput) -> None:
    statements = [f"{name}={value}" for name, value in assessment_pairs(bom_input)]
    for index, statement in enumerate(statements):
        graph.add(
            spdx.Annotation(
                spdxId=graph.identifier(f"assessment-{index + 1}"),
                creationInfo=graph.creation,
                annotationType=spdx.AnnotationType.review,
                subject=model,
                statement=statement,
            )
        )
