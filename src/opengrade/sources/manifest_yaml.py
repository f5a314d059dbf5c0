"""The YAML side of reading a MOT manifest: a bounded safe load, and errors that name the field.

The loader refuses documents with more than :data:`MAX_ALIASES` aliases (alias bombs); a value
that cannot be built (an unknown tag, an unhashable key, an impossible date, deep nesting) gives
a :class:`~opengrade.errors.ManifestError` naming the deepest field that fails.
"""

from __future__ import annotations

import yaml

from opengrade.errors import ManifestError

MAX_ALIASES = 50
MAX_FLOW_DEPTH = 64
"""Flow collections (``[[[...]]]``) nested deeper are refused before parsing: PyYAML takes
quadratic time on them (fuzzing: 50,000 brackets took 50 s)."""

Node = yaml.Node


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses documents with more than MAX_ALIASES aliases."""

    aliases_seen = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                raise ManifestError(
                    f"more than {MAX_ALIASES} YAML aliases: refusing a possible alias bomb",
                    field="(document)",
                )
        return super().compose_node(parent, index)


def _flow_depth(text: str) -> int:
    """The deepest nesting of ``[``/``{`` in ``text`` (quotes not considered: an over-estimate
    only for text with many unbalanced brackets in strings)."""
    depth = deepest = 0
    for character in text:
        if character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "]}" and depth:
            depth -= 1
    return deepest


def compose_document(text: str, origin: str) -> Node | None:
    """The single YAML document in ``text`` as a node tree; a ManifestError when unreadable."""
    if _flow_depth(text) > MAX_FLOW_DEPTH:
        raise ManifestError(
            f"{origin}: brackets nested too deeply (over {MAX_FLOW_DEPTH} levels): not a MOT YAML",
            field="(document)",
        )
    try:
        loader = _BoundedLoader(text)  # reading checks the characters: a control character fails
    except yaml.YAMLError as error:
        raise ManifestError(f"{origin}: not YAML text: {error}", field="(file)") from error
    try:
        node: Node | None = loader.get_single_node()
        return node
    except ManifestError as error:
        raise ManifestError(f"{origin}: {error}", field=error.field) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ManifestError(f"{origin}: invalid YAML{where}: {error.problem}") from error
    except yaml.YAMLError as error:
        raise ManifestError(f"{origin}: invalid YAML: {error}") from error
    except RecursionError as error:
        raise ManifestError(f"{origin}: YAML nested too deeply to be a MOT YAML") from error
    finally:
        loader.dispose()


_CONSTRUCT_ERRORS = (yaml.YAMLError, ValueError, TypeError, RecursionError)
"""What building Python values from composed YAML raises: unknown tags (``!!python/...``),
unhashable keys (``? [a, b]``), impossible timestamps (``!!timestamp 2020-13-45``), deep nesting."""


def construct_data(node: Node, origin: str) -> object:
    """The plain data of ``node``; a ManifestError naming the field that cannot be built."""
    try:
        return _construct_node(node)
    except _CONSTRUCT_ERRORS as error:
        field, culprit = _failing_field(node, "", 0)
        if isinstance(error, yaml.MarkedYAMLError) and error.problem:
            reason = error.problem
        elif isinstance(error, RecursionError):
            reason = "nested too deeply"
        else:
            reason = str(error) or type(error).__name__
        where = f" (line {line_of(culprit)})" if culprit is not None else ""
        raise field_error(
            origin, field or "(document)", f"cannot read this value{where}: {reason}"
        ) from None


def _construct_node(node: Node) -> object:
    loader = _BoundedLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _builds(node: Node) -> bool:
    try:
        _construct_node(node)
    except _CONSTRUCT_ERRORS:
        return False
    return True


def _failing_field(node: Node, path: str, depth: int) -> tuple[str, Node]:
    """The dotted path of the deepest node under ``node`` that cannot be built, and that node."""
    children: list[tuple[str, Node]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or not _builds(key_node):
                return path, key_node
            key = str(key_node.value)
            children.append((f"{path}.{key}" if path else key, value_node))
    elif isinstance(node, yaml.SequenceNode):
        children = [(f"{path}[{index}]", item) for index, item in enumerate(node.value)]
    if depth < 20:
        for child_path, child in children:
            if not _builds(child):
                return _failing_field(child, child_path, depth + 1)
    return path, node


def field_error(origin: str, field: str, problem: str) -> ManifestError:
    """A ManifestError saying what is wrong with ``field``."""
    return ManifestError(f"{origin}: {field}: {problem}", field=field)


def child(node: Node | None, key: str) -> Node | None:
    """The value node at ``key`` of a mapping node, else None."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: Node = value_node
                return found
    return None


def line_of(node: Node | None) -> int | None:
    """The 1-based line ``node`` starts on."""
    return node.start_mark.line + 1 if node is not None else None
