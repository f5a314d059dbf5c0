"""SPDX 3.0.1 rules that neither the JSON schema nor the SHACL shapes check.

- AI and Dataset profiles: every ``ai_AIPackage`` and ``dataset_DatasetPackage`` is the ``from``
  of exactly one ``hasDeclaredLicense`` and exactly one ``hasConcludedLicense`` relationship,
  each pointing at license information.
- Core: every reference (``from``, ``to``, ``rootElement``, ``element``, ``creationInfo``)
  names an element of the document or a known individual, and there is one ``SpdxDocument``
  with a root element.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

_PACKAGE_TYPES = ("ai_AIPackage", "dataset_DatasetPackage")
_LICENSE_RELATIONS = ("hasDeclaredLicense", "hasConcludedLicense")
_INDIVIDUALS = frozenset(
    {
        "expandedlicensing_NoAssertionLicense",
        "expandedlicensing_NoneLicense",
        "NoAssertionElement",
        "NoneElement",
    }
)
_LICENSE_TYPES = frozenset(
    {
        "simplelicensing_LicenseExpression",
        "expandedlicensing_ListedLicense",
        "expandedlicensing_CustomLicense",
        "expandedlicensing_ConjunctiveLicenseSet",
        "expandedlicensing_DisjunctiveLicenseSet",
        "expandedlicensing_OrLaterOperator",
        "expandedlicensing_WithAdditionOperator",
        "expandedlicensing_NoAssertionLicense",
        "expandedlicensing_NoneLicense",
    }
)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def conformance_errors(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, message) for each broken rule; empty when the document conforms."""
    graph = _as_list(document.get("@graph"))
    nodes = {
        str(node.get("spdxId") or node.get("@id")): (index, node)
        for index, node in enumerate(graph)
        if isinstance(node, dict) and (node.get("spdxId") or node.get("@id"))
    }
    errors: list[tuple[str, str]] = []
    errors.extend(_reference_errors(graph, nodes))
    errors.extend(_license_errors(graph, nodes))
    documents = [index for index, node in enumerate(graph) if node.get("type") == "SpdxDocument"]
    if len(documents) != 1:
        errors.append(("$['@graph']", f"expected one SpdxDocument, found {len(documents)}"))
    elif not _as_list(graph[documents[0]].get("rootElement")):
        errors.append((f"$['@graph'][{documents[0]}].rootElement", "the document has no root"))
    return errors


def _reference_errors(
    graph: list[Any], nodes: dict[str, tuple[int, dict[str, Any]]]
) -> list[tuple[str, str]]:
    errors = []
    for index, node in enumerate(graph):
        for key in ("from", "to", "rootElement", "element", "creationInfo", "subject"):
            for target in _as_list(node.get(key)):
                if isinstance(target, str) and target not in nodes and target not in _INDIVIDUALS:
                    errors.append((f"$['@graph'][{index}].{key}", f"{target!r} names no element"))
    return errors


def _license_errors(
    graph: list[Any], nodes: dict[str, tuple[int, dict[str, Any]]]
) -> list[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    errors = []
    for index, node in enumerate(graph):
        if (
            node.get("type") != "Relationship"
            or node.get("relationshipType") not in _LICENSE_RELATIONS
        ):
            continue
        counts[(str(node.get("from")), str(node["relationshipType"]))] += 1
        for target in _as_list(node.get("to")):
            kind = target if target in _INDIVIDUALS else nodes.get(target, (0, {}))[1].get("type")
            if kind not in _LICENSE_TYPES:
                errors.append(
                    (f"$['@graph'][{index}].to", f"{target!r} is not license information")
                )
    for identifier, (index, node) in nodes.items():
        if node.get("type") not in _PACKAGE_TYPES:
            continue
        for relation in _LICENSE_RELATIONS:
            found = counts[(identifier, relation)]
            if found != 1:
                errors.append(
                    (
                        f"$['@graph'][{index}]",
                        f"{node['type']} {identifier} has {found} {relation} "
                        "relationships; the profile requires exactly one",
                    )
                )
    return errors
