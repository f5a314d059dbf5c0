"""Parsing that sources and evidence both read, below both: a card's front matter (bounded
YAML) and what a release file is from its path (cards, licences, weight formats)."""
