"""Artifact evidence: weights (by format, with header facts), shard indexes, configs, tokenizers,
code by role, notebooks, papers, data, and the snapshot's read problems.

Status is ``verified`` for a file present in the snapshot and ``declared`` for a file known only
from an upstream listing or a git-LFS pointer (the pointer names the weights; we did not see them).
A safetensors or GGUF file whose header was not parsed (empty, truncated, corrupt) is ``declared``
too, with ``header_error`` giving the problem code: its name alone does not show weights. On
the Hub a listed file stays ``verified`` (the Hub lists it as published, with its size and LFS
hash); a header it could not parse is still recorded in ``header_error``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import PurePosixPath

from opengrade.model import (
    ArtifactKind,
    Evidence,
    FileKind,
    Provenance,
    ReleaseFile,
    ReleaseSnapshot,
    Scope,
    SourceKind,
    Status,
    WeightHeader,
)
from opengrade.model.evidence_payloads import (
    ArtifactFact,
    DeclarationVia,
    DeclaredLicense,
    Lineage,
    ProblemFact,
)
from opengrade.parsing.files import PICKLE_FORMATS, weight_format

CODE_ROLES = (
    (re.compile(r"^(modeling|modelling|configuration)_"), ArtifactKind.ARCHITECTURE_CODE),
    # tokenization_<model>.py is the tokenizer class that runs with the model, not data prep
    (re.compile(r"^tokenization_"), ArtifactKind.INFERENCE_CODE),
    (re.compile(r"^(train|finetune|fine_tune|pretrain)"), ArtifactKind.TRAINING_CODE),
    (re.compile(r"^(eval|benchmark)"), ArtifactKind.EVALUATION_CODE),
    (re.compile(r"^(preprocess|data_prep|tokeniz)"), ArtifactKind.PREPROCESSING_CODE),
    (re.compile(r"^(inference|generate|predict|run_|app\.py$)"), ArtifactKind.INFERENCE_CODE),
)
"""File-name prefix → the role of a code file; anything else is plain ``code``."""

HEADER_FORMATS = frozenset({"safetensors", "gguf"})
"""Formats whose header the sources parse; a present file without a parsed header is declared."""
TOKENIZER_FORMATS = {".json": "json", ".model": "sentencepiece", ".tiktoken": "tiktoken"}
_GGUF_LINEAGE = re.compile(r"^general\.base_model\.(\d+)\.(repo_url|name|organization)$")


def code_role(path: str) -> ArtifactKind:
    """The role of a code file from its name (``modeling_llama.py`` → architecture code)."""
    name = PurePosixPath(path).name.lower()
    for pattern, kind in CODE_ROLES:
        if pattern.search(name):
            return kind
    return ArtifactKind.CODE


def _status(item: ReleaseFile) -> Status:
    return Status.VERIFIED if item.present and not item.lfs_pointer else Status.DECLARED


def _facts(kind: ArtifactKind, item: ReleaseFile) -> ArtifactFact:
    """The facts every file artifact has: its kind, path, size and presence."""
    return ArtifactFact(
        kind, item.path, size=item.size, present=item.present, lfs_pointer=item.lfs_pointer
    )


def _artifact(
    facts: ArtifactFact,
    item: ReleaseFile,
    *,
    field: str | None = None,
    status: Status | None = None,
) -> Evidence:
    provenance = Provenance(path=item.path, field=field)
    return Evidence(facts, provenance, status or _status(item))


def _problem(code: str, message: str, path: str | None, line: int | None = None) -> Evidence:
    provenance = Provenance(path=path, line=line)
    return Evidence(ProblemFact(code, message), provenance, Status.VERIFIED)


def _weights(
    item: ReleaseFile, header: WeightHeader | None, problem_code: str | None, *, hosted: bool
) -> Iterator[Evidence]:
    found = weight_format(item.path) or "unknown"
    facts = replace(
        _facts(ArtifactKind.WEIGHTS, item), format=found, pickle=found in PICKLE_FORMATS
    )
    status = None
    if header is None and found in HEADER_FORMATS and _status(item) is Status.VERIFIED:
        # a header we can read was not parsed (empty, truncated, corrupt, not fetched):
        # the file exists but we cannot vouch that it holds the weights
        status = None if hosted else Status.DECLARED
        facts = replace(facts, header_error=problem_code or "header-unread")
    if header is not None:
        facts = replace(
            facts,
            dtype=header.dtypes[0] if header.dtypes else None,
            dtypes=", ".join(header.dtypes) or None,
            parameters=header.parameters,
            tensors=header.tensor_count,
            architecture=header.metadata.get("general.architecture") or None,
            license=header.metadata.get("general.license") or None,
        )
    yield _artifact(facts, item, status=status)
    if header is not None:
        yield from _header_declarations(header)


def _header_declarations(header: WeightHeader) -> Iterator[Evidence]:
    """What a GGUF header declares: the weights' license and base models."""
    license_text = header.metadata.get("general.license")
    if license_text:
        yield Evidence(
            DeclaredLicense(Scope.WEIGHTS, license_text, DeclarationVia.GGUF),
            Provenance(path=header.path, field="general.license"),
        )
    bases: dict[str, dict[str, str]] = {}
    for key, value in header.metadata.items():
        match = _GGUF_LINEAGE.match(key)
        if match:
            bases.setdefault(match.group(1), {})[match.group(2)] = value
    for index, base in sorted(bases.items()):
        name = base.get("repo_url") or base.get("name")
        if not name:
            continue
        field = f"general.base_model.{index}.{'repo_url' if 'repo_url' in base else 'name'}"
        yield Evidence(
            Lineage(name, "unknown", "gguf", organization=base.get("organization")),
            Provenance(path=header.path, field=field),
        )


def _load_json(snapshot: ReleaseSnapshot, path: str) -> tuple[object, Evidence | None]:
    """The parsed JSON of a read text, or a PROBLEM evidence when it is not valid JSON."""
    text = snapshot.text(path)
    if text is None:
        return None, None
    try:
        return json.loads(text.text), None
    except json.JSONDecodeError as error:
        cut = " (the file was truncated at the size bound)" if text.truncated else ""
        message = f"not valid JSON: {error.msg} at line {error.lineno}{cut}"
        return None, _problem("json-invalid", message, path, error.lineno)
    except RecursionError:
        return None, _problem("json-invalid", "JSON nested too deeply to read", path)


def _shard_index(
    snapshot: ReleaseSnapshot, item: ReleaseFile, by_path: Mapping[str, ReleaseFile]
) -> Iterator[Evidence]:
    """A sharded weights set from its ``*.index.json``: shards, tensors, declared total size."""
    document, problem = _load_json(snapshot, item.path)
    if problem is not None:
        yield problem
    if not isinstance(document, dict):
        if problem is None and document is not None:
            yield _problem("json-invalid", "shard index is not a JSON object", item.path)
        return
    weight_map = document.get("weight_map")
    if not isinstance(weight_map, dict):
        yield _artifact(
            replace(_facts(ArtifactKind.CONFIG, item), note="index without a weight_map"), item
        )
        return
    directory = PurePosixPath(item.path).parent
    shards = sorted({(directory / str(shard)).as_posix() for shard in weight_map.values()})
    listed = [by_path.get(shard) for shard in shards]
    metadata = document.get("metadata")
    total = metadata.get("total_size") if isinstance(metadata, dict) else None
    seen = all(shard is not None and _status(shard) is Status.VERIFIED for shard in listed)
    shard_format = weight_format(item.path.removesuffix(".index.json")) or "unknown"
    facts = replace(
        _facts(ArtifactKind.WEIGHTS, item),
        format=shard_format,
        pickle=shard_format in PICKLE_FORMATS,
        sharded=True,
        shards=len(shards),
        shards_listed=sum(shard is not None for shard in listed),
        tensors=len(weight_map),
        total_size=int(total) if isinstance(total, int | float) and total >= 0 else None,
    )
    status = Status.VERIFIED if seen and shards else Status.DECLARED
    yield _artifact(facts, item, field="weight_map", status=status)


def _config(snapshot: ReleaseSnapshot, item: ReleaseFile) -> Iterator[Evidence]:
    """A configuration file; for JSON with ``architectures``/``model_type``, those values."""
    facts = _facts(ArtifactKind.CONFIG, item)
    field = None
    if item.path.lower().endswith(".json"):
        document, problem = _load_json(snapshot, item.path)
        if problem is not None:
            yield problem
        if isinstance(document, dict):
            architectures = document.get("architectures")
            if isinstance(architectures, list) and architectures:
                architecture = ", ".join(str(name) for name in architectures)
                facts = replace(facts, architecture=architecture)
                field = "architectures"
            class_name, model_type = document.get("_class_name"), document.get("model_type")
            if facts.architecture is None and isinstance(class_name, str):
                facts = replace(facts, architecture=class_name)
                field = "_class_name"
            if isinstance(model_type, str):
                facts = replace(facts, model_type=model_type)
                field = field or "model_type"
            timm_name = document.get("architecture")
            if facts.architecture is None and isinstance(timm_name, str):
                facts = replace(facts, architecture=timm_name)
                field = field or "architecture"
            if document.get("auto_map"):
                facts = replace(facts, custom_code=True)
            if _components(document):
                facts = replace(facts, components=_components(document))
    yield _artifact(facts, item, field=field)


def _components(document: Mapping[str, object]) -> str:
    """A diffusers model_index.json's components as ``module.Class`` (``diffusers.UNet2DCon...``,
    ``stable_diffusion.StableDiffusionSafetyChecker``), joined by ", "."""
    if not isinstance(document.get("_class_name"), str):
        return ""
    return ", ".join(
        f"{value[0]}.{value[1]}"
        for key, value in sorted(document.items())
        if not key.startswith("_")
        and isinstance(value, list)
        and len(value) == 2
        and all(isinstance(part, str) for part in value)
    )


def _simple(item: ReleaseFile) -> Evidence | None:
    """Tokenizers, code, notebooks, papers and data: the file itself is the evidence."""
    suffix = PurePosixPath(item.path).suffix.lower()
    if item.kind is FileKind.TOKENIZER:
        tokenizer = TOKENIZER_FORMATS.get(suffix, "text")
        return _artifact(replace(_facts(ArtifactKind.TOKENIZER, item), format=tokenizer), item)
    if item.kind is FileKind.CODE:
        language = suffix.lstrip(".") or None
        return _artifact(replace(_facts(code_role(item.path), item), language=language), item)
    if item.kind is FileKind.NOTEBOOK:
        return _artifact(_facts(ArtifactKind.NOTEBOOK, item), item)
    if item.kind is FileKind.PAPER:
        return _artifact(replace(_facts(ArtifactKind.PAPER, item), format="pdf"), item)
    if item.kind is FileKind.DATA:
        logs = PurePosixPath(item.path).name.startswith("events.out.tfevents")
        format_name = "tensorboard-events" if logs else suffix.lstrip(".") or "unknown"
        return _artifact(replace(_facts(ArtifactKind.DATA, item), format=format_name), item)
    return None


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """Every artifact of ``snapshot`` as evidence, then its read problems."""
    headers = {header.path: header for header in snapshot.headers}
    by_path = {item.path: item for item in snapshot.files}
    found: list[Evidence] = []
    header_problems: dict[str, str] = {}
    for problem in snapshot.problems:
        if problem.path is not None:
            header_problems.setdefault(problem.path, problem.code)
    for item in snapshot.files:
        if item.kind is FileKind.WEIGHTS:
            problem_code = header_problems.get(item.path)
            hosted = snapshot.source is SourceKind.HUB
            found.extend(_weights(item, headers.get(item.path), problem_code, hosted=hosted))
        elif item.kind is FileKind.CONFIG and item.path.lower().endswith(".index.json"):
            found.extend(_shard_index(snapshot, item, by_path))
        elif item.kind is FileKind.CONFIG:
            found.extend(_config(snapshot, item))
        else:
            simple = _simple(item)
            if simple is not None:
                found.append(simple)
    for problem in snapshot.problems:
        found.append(_problem(problem.code, problem.message, problem.path, problem.line))
    return found
