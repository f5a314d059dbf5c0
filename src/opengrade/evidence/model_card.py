"""Model card evidence: the card itself, its front matter fields, gating, evaluation results,
declared licenses and datasets, and the body's sections by category."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from opengrade.evidence.card import Card, Heading, normalise_name, read_card
from opengrade.model import Evidence, Provenance, ReleaseSnapshot, Scope
from opengrade.model.evidence_payloads import (
    CardFact,
    CardField,
    CardSection,
    Dataset,
    DeclarationVia,
    DeclaredLicense,
    EvalResult,
    Gating,
    ProblemFact,
    SectionCategory,
)

CARD_FIELDS = (
    "license",
    "license_name",
    "license_link",
    "base_model",
    "base_model_relation",
    "datasets",
    "language",
    "pipeline_tag",
    "library_name",
    "tags",
    "metrics",
)
"""Front matter keys reported as CARD_FIELD evidence."""
LICENSE_KEYS = ("license", "license_name", "license_link")
LONG_LIST = 12
"""Lists longer than this are summarised (NLLB lists 200 languages)."""
MAX_VALUE = 2000

_SECTION_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (
            "training-data",
            r"(?<!evaluation )(?<!eval )(?:\btraining|\bpre-?training|\bfine-?tuning)"
            r" (?:data|corpus|dataset)|^data(?:sets?)?\b|\bdatasets and mix|训练数据",
        ),
        (
            "training-procedure",
            r"\b(?:pre-?|fine-?)?train(?:ing|s)?\b|\bfine-?tun(?:e|es|ing)\b|训练",
        ),
        (
            "evaluation",
            r"\bevaluat|\bbenchmark|\bresults?\b|\bperformance\b|\bmetrics?\b|评测|评估",
        ),
        ("limitations", r"\blimitations?\b|\bcaveats?\b|\brisks?\b|局限"),
        ("bias", r"\bbias(?:es|ed)?\b|\bfairness\b|\bethic"),
        (
            "intended-use",
            r"\bintended\b|^(?:direct |downstream )?uses?\b|\buse cases?\b|\bevaluated use\b",
        ),
        ("out-of-scope", r"\bout[- ]of[- ]scope\b|\bmisuse\b|\bmalicious\b"),
        (
            "environmental-impact",
            r"\benvironmental\b|\bcarbon\b|\bco2(?:eq|e)?\b|\bco₂|\bemissions?\b",
        ),
        ("citation", r"\bcitations?\b|\bcite\b|\bbibtex\b|引用"),
        ("license", r"licen[cs]e|协议|许可"),
        (
            "model-details",
            r"\bmodel (?:details|description|summary|overview|information|card"
            r"|architecture|type)|^introduction|^overview|^description|介绍",
        ),
        (
            "how-to-use",
            r"\bhow to (?:use|get started|run)|\busage\b|\bquick ?start|\bgetting started"
            r"|\bget started|\binference\b|^run\b|^use with",
        ),
        ("hardware", r"\bhardware\b|\bcompute infrastructure|\binfrastructure\b|speeds, sizes"),
    )
)
"""Heading words → section category, matched on whole words ("Constraints" is not training)."""

_WEAK_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "training-procedure",
        re.compile(
            r"\b(?:pre-?|fine-?|instruction[- ]?|post-?)?(?:trained|tuned)\b", re.IGNORECASE
        ),
    ),
)
"""Words that only hint at a category ("Base pretrained models" names models, not a
procedure): a sub-heading matching only these takes its parent's categories."""


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """Evidence read from the model card (nothing but a ``no-card`` problem when there is none)."""
    card = read_card(snapshot)
    if card is None:
        message = "the release has no model card (README.md, MODEL_CARD.md, model_card.md ...)"
        return [Evidence(ProblemFact("no-card", message), Provenance(field="files"))]
    path = card.file.path
    front = card.front_matter
    items = [
        Evidence(
            CardFact(
                path,
                front_matter=front.present,
                chars=len(card.file.text),
                lines=len(card.lines),
                truncated=card.file.truncated,
                fields=len(front.fields),
            ),
            Provenance(path=path, line=1),
        )
    ]
    for problem in front.problems:
        where = Provenance(path=path, line=problem.line)
        items.append(Evidence(ProblemFact(problem.code, problem.message), where))
    items += _fields(card)
    items += _licenses(card)
    items += _gating(card)
    evaluation, subjects = _eval_results(card)
    if evaluation:  # one provenance for all: thousands of results share the field
        where = _where(card, "model-index")
        items += [Evidence(result, where) for result in evaluation]
    # normalised once per distinct name: thousands of results share a few datasets
    types = {dataset_type for _, _, dataset_type in subjects}
    names = {str(name).split("/")[-1] for name in types}
    names |= {f"{task}/{dataset}".split("/", 1)[-1] for task, dataset, _ in subjects}
    evaluated = {normalise_name(name) for name in names}
    items += _datasets(card, evaluated)
    items += sections(card)
    return items


def as_text(value: object) -> str:
    """A front matter value as text: lists joined by ", ", mappings as ``key: value``."""
    if type(value) is str:  # the common cases first: most values are strings, then numbers
        return value.strip()
    kind = type(value)
    if kind is float or kind is int:
        return str(value)
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(text for text in (as_text(item) for item in value) if text)
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {as_text(item)}" for key, item in value.items())
    return str(value).strip()


def as_list(value: object) -> list[str]:
    """A string-or-list front matter value as a list of non-empty strings."""
    values = value if isinstance(value, list | tuple) else [value]
    return [text for text in (as_text(item) for item in values) if text]


def _where(card: Card, key: str) -> Provenance:
    return Provenance(path=card.file.path, line=card.front_matter.line(key), field=key)


def _fields(card: Card) -> Iterator[Evidence]:
    fields = card.front_matter.fields
    for key in CARD_FIELDS:
        if key not in fields:
            continue
        values = as_list(fields[key])
        text = ", ".join(values)
        if key == "language" and len(values) > LONG_LIST:
            text = ", ".join(values[:8]) + f", … ({len(values)} languages)"
        if text:
            yield Evidence(CardField(key, text[:MAX_VALUE], len(values)), _where(card, key))


def _licenses(card: Card) -> Iterator[Evidence]:
    for key in LICENSE_KEYS:
        for value in as_list(card.front_matter.fields.get(key)):
            declared = DeclaredLicense(Scope.RELEASE, value, DeclarationVia(key))
            yield Evidence(declared, _where(card, key))


def _gating(card: Card) -> Iterator[Evidence]:
    for key, value in card.front_matter.fields.items():
        if key.startswith("extra_gated_") or key == "gated":
            text = as_text(value)
            if text:
                yield Evidence(Gating(key, text[:MAX_VALUE]), _where(card, key))


def _eval_results(card: Card) -> tuple[list[EvalResult], set[tuple[str, str, str | None]]]:
    """Every metric of the ``model-index``, in order (a list: some cards hold thousands), and
    the (task, dataset, dataset type) of the results that gave one (once per result, not per
    metric)."""
    found: list[EvalResult] = []
    subjects: set[tuple[str, str, str | None]] = set()
    add = found.append
    index = card.front_matter.fields.get("model-index")
    if not isinstance(index, list):
        return found, subjects
    for entry in index:
        results = entry.get("results") if isinstance(entry, Mapping) else None
        for result in results if isinstance(results, list) else []:
            if not isinstance(result, Mapping):
                continue
            metrics = result.get("metrics")
            if not isinstance(metrics, list):
                continue
            task = _mapping(result.get("task"))
            dataset = _mapping(result.get("dataset"))
            task_name = as_text(task.get("name") or task.get("type")) or "unknown-task"
            dataset_name = as_text(dataset.get("name") or dataset.get("type")) or "unknown-dataset"
            dataset_type = as_text(dataset.get("type")) or None
            source = as_text(_mapping(result.get("source")).get("url")) or None
            for metric in metrics:
                if type(metric) is not dict:
                    metric = _mapping(metric)
                named = metric.get("type") or metric.get("name")
                # as_text, its common cases inline: thousands of metrics on some cards
                name = (named.strip() if type(named) is str else as_text(named)) or "metric"
                raw = metric.get("value")
                value = str(raw) if type(raw) is float else as_text(raw)
                verified = metric.get("verified") is True
                add(
                    EvalResult(task_name, dataset_name, name, value, dataset_type, verified, source)
                )
            if metrics:
                subjects.add((task_name, dataset_name, dataset_type))
    return found, subjects


def _mapping(value: object) -> Mapping[str, object]:
    if type(value) is dict:  # the common case, without the abstract class check
        return value
    return value if isinstance(value, Mapping) else _EMPTY


_EMPTY: Mapping[str, object] = MappingProxyType({})


def _datasets(card: Card, evaluated: set[str]) -> Iterator[Evidence]:
    names = as_list(card.front_matter.fields.get("datasets"))
    if not names:
        return
    training_text, evaluation_text = _section_texts(card)
    for name in names:
        key = normalise_name(name.split("/")[-1])
        in_evaluation = key in evaluated or (len(key) >= 4 and key in evaluation_text)
        role = "evaluation" if in_evaluation and key not in training_text else "training"
        yield Evidence(Dataset(name, role, via="datasets"), _where(card, "datasets"))


def _section_texts(card: Card) -> tuple[str, str]:
    """Normalised text of the training sections and of the evaluation sections."""
    training, evaluation = [], []
    for heading, categories in heading_categories(card):
        body = normalise_name(" ".join(card.lines[heading.line - 1 : heading.end_line]))
        if "training-data" in categories or "training-procedure" in categories:
            training.append(body)
        elif "evaluation" in categories:
            evaluation.append(body)
    return " ".join(training), " ".join(evaluation)


def categorise(title: str) -> list[str]:
    """Section categories a heading belongs to (``Bias, Risks, and Limitations`` has two)."""
    found = [category for category, rule in _SECTION_RULES if rule.search(title)]
    if "training-data" in found and "training-procedure" in found:
        found.remove("training-procedure")
    if "evaluation" in found and "intended-use" in found:
        found.remove("evaluation")
    return found


def heading_categories(card: Card) -> list[tuple[Heading, list[str]]]:
    """Every heading with its categories. A heading matching only weakly (``Base pretrained
    models``) inherits its nearest categorised parent's categories (``Benchmark scores``), and
    keeps its weak category only when no parent has one."""
    found: list[tuple[Heading, list[str]]] = []
    parents: list[tuple[Heading, list[str]]] = []
    for heading in card.headings:
        while parents and parents[-1][0].level >= heading.level:
            parents.pop()
        categories = categorise(heading.title)
        if not categories:
            weak = [category for category, rule in _WEAK_RULES if rule.search(heading.title)]
            inherited = next((cats for _, cats in reversed(parents) if cats), [])
            categories = list(inherited) if weak and inherited else weak
        found.append((heading, categories))
        parents.append((heading, categories))
    return found


def sections(card: Card) -> list[Evidence]:
    """CARD_SECTION evidence for every categorised heading of the card."""
    items = []
    for heading, categories in heading_categories(card):
        for category in categories:
            items.append(_section(card, heading, category))
    return items


def _section(card: Card, heading: Heading, category: str) -> Evidence:
    section = CardSection(SectionCategory(category), heading.title, heading.chars, heading.level)
    return Evidence(
        section, Provenance(path=card.file.path, line=heading.line, end_line=heading.end_line)
    )
