"""Jinja2, autoescaped everywhere; links pass :func:`safe_link` (http(s) only)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from opengrade.web.views import percent, split_id


def safe_link(value: object) -> str:
    """``value`` when it is an http(s) URL, else "" (no ``javascript:``, ``data:`` links)."""
    text = str(value or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return ""


def release_path(release_id: str) -> str:
    """The page of a release id (``_`` stands for a missing organisation)."""
    organisation, name = split_id(release_id)
    return f"/releases/{quote(organisation, safe='')}/{quote(name, safe='')}"


def with_query(current: dict[str, str], **changes: object) -> str:
    """A query string: the current parameters with ``changes`` (None or "" removes one)."""
    merged = dict(current)
    for name, value in changes.items():
        if value is None or value == "":
            merged.pop(name, None)
        else:
            merged[name] = str(value)
    return "?" + urlencode(sorted(merged.items())) if merged else "?"


_ENVIRONMENT = Environment(
    loader=PackageLoader("opengrade.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENVIRONMENT.filters["safe_link"] = safe_link
_ENVIRONMENT.filters["percent"] = percent
_ENVIRONMENT.filters["release_path"] = release_path
_ENVIRONMENT.globals["with_query"] = with_query


def render(template: str, **context: Any) -> str:
    """The page ``template`` rendered with ``context`` (every value escaped)."""
    return _ENVIRONMENT.get_template(template).render(**context)
