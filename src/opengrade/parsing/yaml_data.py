"""The package's own YAML data (rules, the license catalogue, word lists) read with PyYAML's
safe loader in C (LibYAML) when PyYAML was built with it: several times faster than the
pure-Python loader, and just as safe (no tags, no objects). Errors are ``yaml.YAMLError``."""

from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> object:
    """The plain data (mappings, lists, scalars) of a YAML document."""
    return yaml.load(text, Loader=SAFE_LOADER)
