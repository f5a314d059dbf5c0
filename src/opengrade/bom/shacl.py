"""Optional SHACL check of an SPDX 3.0.1 document against the official shapes (extra ``[shacl]``).

The document is parsed offline: its ``@context`` URL is replaced by the bundled context before
rdflib reads it, so nothing is fetched. Needs ``pyshacl`` (which brings ``rdflib``).
"""

from __future__ import annotations

import importlib.util
import json
import warnings
from functools import cache
from importlib import resources
from typing import Any

from opengrade.errors import ValidationError

SPDX_CONTEXT_URL = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"


def shacl_available() -> bool:
    """Whether pyshacl is installed."""
    return importlib.util.find_spec("pyshacl") is not None


def _bundled(name: str) -> str:
    return resources.files("opengrade.bom").joinpath("schemas", "spdx3", name).read_text("utf-8")


@cache
def _shapes() -> Any:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=_bundled("spdx-model.ttl"), format="turtle")
    return graph


def validate_spdx_shacl(*documents: dict[str, Any]) -> None:
    """Raise ValidationError naming the first failing focus node and path, unless every document
    conforms to the SPDX 3.0.1 SHACL shapes. Raises ImportError when pyshacl is missing.

    Several documents are checked in one pass (much faster than one by one); their blank nodes
    are renamed apart first so that no document can mask another's missing value.
    """
    import pyshacl
    import rdflib

    context = json.loads(_bundled("spdx-context.jsonld"))["@context"]
    data = rdflib.Graph()
    for index, document in enumerate(documents):
        if document.get("@context") != SPDX_CONTEXT_URL:
            raise ValidationError("not an SPDX 3.0.1 JSON-LD document", field="@context")
        text = json.dumps({**document, "@context": context}).replace('"_:', f'"_:d{index}-')
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            data.parse(data=text, format="json-ld")
    conforms, results, report = pyshacl.validate(
        data, shacl_graph=_shapes(), ont_graph=_shapes(), inference="none", advanced=True
    )
    if conforms:
        return
    namespace = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for result in sorted(results.subjects(rdflib.RDF.type, namespace.ValidationResult)):
        focus = results.value(result, namespace.focusNode)
        path = results.value(result, namespace.resultPath)
        message = results.value(result, namespace.resultMessage)
        raise ValidationError(
            f"the SPDX 3.0.1 document breaks a SHACL shape at {focus} {path}: {message}",
            field=f"{focus} {path}",
        )
    raise ValidationError(f"the SPDX 3.0.1 document breaks the SHACL shapes: {report[:500]}")
