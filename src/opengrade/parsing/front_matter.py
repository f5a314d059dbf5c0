"""YAML front matter of a model card: split, parsed safely, and recovered key by key when broken.

The loader is PyYAML's SafeLoader with a budget: it counts every node it composes, charges an
alias the full size of what it points at, and limits nesting depth, so a "billion laughs" document
is refused (``yaml-bomb``) before anything expands, and only its plain ``key: value`` lines are
kept (no YAML parser runs again, so no alias expands). Broken YAML gives ``yaml-invalid`` with its
line, and each top-level key is then parsed on its own so that ``license: mit`` survives a typo
further down.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode

from opengrade.model import Problem
from opengrade.model.release import ProblemCode

logger = logging.getLogger(__name__)

MAX_NODES = 100_000
"""Nodes a front matter may expand to (aliases counted at their full size)."""
MAX_DEPTH = 64
"""Deepest nesting accepted."""
MAX_CHARS = 200_000
"""Longest front matter given to the YAML parser (real ones stay under 20 kB); a longer one
yields only its plain ``key: value`` lines."""

_ENCODER = json.JSONEncoder(ensure_ascii=False)
_DELIMITER = re.compile(r"^(?:---|\.\.\.)\s*$")  # \s: a CR left by CR CR LF endings
_STRUCTURE = "&*[{|>!%@`"
"""First characters of values that are not plain scalars (recovered only by a YAML parser)."""
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?$")


class YamlBombError(yaml.YAMLError):
    """The document would expand beyond the node budget or nest too deep."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses documents expanding beyond MAX_NODES or nesting beyond MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._expanded = 0
        self._depth = 0
        self._sizes: dict[str, int] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line if event.start_mark else 0
        anchor: str | None = getattr(event, "anchor", None)
        if isinstance(event, AliasEvent):
            self._charge(self._sizes.get(anchor or "", 1), line)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlBombError(f"front matter nests deeper than {MAX_DEPTH} levels", line)
        before = self._expanded
        self._charge(1, line)
        node = super().compose_node(parent, index)
        self._depth -= 1
        if anchor is not None:
            self._sizes[anchor] = self._expanded - before
        return node

    def _charge(self, amount: int, line: int) -> None:
        self._expanded += amount
        if self._expanded > MAX_NODES:
            raise YamlBombError(
                f"front matter expands to more than {MAX_NODES} nodes (aliases of aliases)", line
            )


def _timestamp_as_text(loader: yaml.SafeLoader, node: Node) -> object:
    """Keep dates as written: evidence values are text, not datetimes."""
    assert isinstance(node, ScalarNode)
    return loader.construct_scalar(node)


BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A card's front matter. ``fields`` holds parsed YAML values (the parser's edge);
    ``lines`` the 1-based line of each top-level key in the card file. ``json_texts``: each
    value's JSON text as the source wrote it from the values it gave (``metadata``), when it did.
    """

    present: bool
    fields: Mapping[str, object] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: tuple[Problem, ...] = ()
    json_texts: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def line(self, key: str) -> int | None:
        """The line where ``key`` is written, if known."""
        return self.lines.get(key)


def _split_lines(text: str) -> list[str]:
    return [line.removesuffix("\r") for line in text.split("\n")]


def parse_front_matter(
    text: str, path: str | None = None, *, metadata: Mapping[str, object] | None = None
) -> FrontMatter:
    """Split ``text`` into front matter and body, and parse the front matter. ``metadata``:
    its values already parsed, when the front matter is them written one ``"key": JSON`` line
    per key (see :class:`~opengrade.model.release.TextFile`); they are then not read again."""
    lines = _split_lines(text.removeprefix("\ufeff"))
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(present=False, body=text, body_line=1)
    closing = next((i for i in range(1, len(lines)) if _DELIMITER.match(lines[i])), None)
    if closing is None:
        problem = Problem(
            ProblemCode.YAML_INVALID, "front matter opened with --- is never closed", path, 1
        )
        return FrontMatter(present=False, body=text, body_line=1, problems=(problem,))
    yaml_lines = lines[1:closing]
    body = "\n".join(lines[closing + 1 :])
    body_line = closing + 2
    source = "\n".join(yaml_lines)
    given = _given(metadata, yaml_lines) if metadata is not None else None
    if given is not None:
        fields, json_texts = given
        key_lines = {key: number + 2 for number, key in enumerate(fields)}
        return FrontMatter(True, fields, key_lines, body, body_line, json_texts=json_texts)
    fast = _json_lines(source, first_line=2) if source.startswith('"') else None
    if fast is not None:  # JSON values: linear to read, no size limit needed
        return FrontMatter(True, fast[0], fast[1], body, body_line)
    if len(source) > MAX_CHARS:
        problem = Problem(
            ProblemCode.TOO_LARGE, f"front matter longer than {MAX_CHARS} chars", path, 2
        )
        fields, key_lines = _plain_keys(yaml_lines)
        return FrontMatter(True, fields, key_lines, body, body_line, (problem,))
    try:
        fields, key_lines = _load_mapping(source, first_line=2)
    except YamlBombError as error:
        # no YAML recovery: each block would get a fresh budget and the bomb would go off
        problem = Problem(ProblemCode.YAML_BOMB, f"refused: {error}", path, error.line + 2)
        fields, key_lines = _plain_keys(yaml_lines)
        return FrontMatter(True, fields, key_lines, body, body_line, (problem,))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        problems = [Problem(ProblemCode.YAML_INVALID, _describe(error), path, _error_line(error))]
    else:
        return FrontMatter(True, fields, key_lines, body, body_line)
    fields, key_lines, more = _recover(yaml_lines, path)
    return FrontMatter(True, fields, key_lines, body, body_line, tuple(problems + more))


def _json_lines(source: str, first_line: int) -> tuple[dict[str, object], dict[str, int]] | None:
    """The fast path for front matter written one ``"key": JSON`` per line (valid YAML: the
    metadata tier writes the Hub's ``cardData`` back so); None when the text is not so."""
    fields: dict[str, object] = {}
    key_lines: dict[str, int] = {}
    for number, line in enumerate(source.split("\n")):
        if not line.startswith('"'):
            return None
        try:
            pair = json.loads("{" + line + "}")
        except ValueError:
            return None
        if not isinstance(pair, dict) or len(pair) != 1:
            return None
        for key, value in pair.items():
            if key not in fields:
                fields[key], key_lines[key] = value, number + first_line
    return fields, key_lines


def _given(
    metadata: Mapping[str, object], yaml_lines: list[str]
) -> tuple[dict[str, object], dict[str, str]] | None:
    """The values a source wrote one ``"key": JSON`` line per key (what :func:`_json_lines`
    reads back from the text), with each value's JSON text; None when the lines do not fit."""
    if len(yaml_lines) != len(metadata):
        return None
    json_texts: dict[str, str] = {}
    for key, line in zip(metadata, yaml_lines, strict=True):
        if type(key) is not str:
            return None
        prefix = _ENCODER.encode(key) + ": "
        if not line.startswith(prefix):
            return None
        json_texts[key] = line[len(prefix) :]
    return dict(metadata), json_texts


def _load_mapping(source: str, first_line: int) -> tuple[dict[str, object], dict[str, int]]:
    """Parse one YAML document that must be a mapping; returns values and key lines."""
    loader = BoundedLoader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, MappingNode):
            raise yaml.YAMLError("front matter is not a mapping of keys to values")
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise yaml.YAMLError("front matter is not a mapping of keys to values")
    key_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        if isinstance(key_node, ScalarNode):
            key_lines.setdefault(str(key_node.value), key_node.start_mark.line + first_line)
    return {str(key): value for key, value in data.items()}, key_lines


def _recover(
    yaml_lines: list[str], path: str | None
) -> tuple[dict[str, object], dict[str, int], list[Problem]]:
    """Parse each top-level key's block on its own; fall back to ``key: value`` text."""
    fields: dict[str, object] = {}
    key_lines: dict[str, int] = {}
    skipped: list[str] = []
    for start, end in _top_level_blocks(yaml_lines):
        block = "\n".join(yaml_lines[start:end])
        try:
            values, block_lines = _load_mapping(block, first_line=start + 2)
        except (yaml.YAMLError, RecursionError, ValueError, TypeError):
            match = _TOP_KEY.match(yaml_lines[start])
            raw = (match.group("value") or "").strip() if match else ""
            value = _plain_value(raw) if raw and raw[0] not in _STRUCTURE else ""
            if match and value:
                fields.setdefault(match.group("key"), value)
                key_lines.setdefault(match.group("key"), start + 2)
            elif match:
                skipped.append(match.group("key"))
            continue
        for key, parsed in values.items():
            fields.setdefault(key, parsed)
            key_lines.setdefault(key, block_lines.get(key, start + 2))
    problems = []
    if skipped:
        message = "keys not recovered from broken front matter: " + ", ".join(skipped)
        problems.append(Problem(ProblemCode.YAML_INVALID, message, path, None))
    logger.debug("recovered %d front-matter keys", len(fields))
    return fields, key_lines, problems


def _plain_keys(yaml_lines: list[str]) -> tuple[dict[str, object], dict[str, int]]:
    """Top-level ``key: value`` lines with a plain scalar value, read without a YAML parser."""
    fields: dict[str, object] = {}
    key_lines: dict[str, int] = {}
    for index, line in enumerate(yaml_lines):
        match = _TOP_KEY.match(line)
        raw = (match.group("value") or "").strip() if match else ""
        if match and raw and raw[0] not in _STRUCTURE and match.group("key") not in fields:
            fields[match.group("key")] = _plain_value(raw)
            key_lines[match.group("key")] = index + 2
    return fields, key_lines


def _top_level_blocks(yaml_lines: list[str]) -> list[tuple[int, int]]:
    """Index ranges, one per top-level key with its indented or ``- item`` continuation lines."""
    starts = [i for i, line in enumerate(yaml_lines) if _TOP_KEY.match(line)]
    return [
        (start, (starts[n + 1] if n + 1 < len(starts) else len(yaml_lines)))
        for n, start in enumerate(starts)
    ]


def _plain_value(raw: str) -> str:
    """A scalar written on one line, without quotes or a trailing comment."""
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return value.split(" #", 1)[0].strip().strip("'\"")


def _error_line(error: BaseException) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return int(mark.line) + 2 if mark is not None else None


def _describe(error: BaseException) -> str:
    problem = getattr(error, "problem", None)
    text = str(problem) if problem else str(error).splitlines()[0] if str(error) else ""
    return f"front matter is not valid YAML: {text or type(error).__name__}"
