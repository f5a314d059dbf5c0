"""Ids a card names: datasets, base models, code repositories; Hub id recognition."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.sources.hub.links import (
    base_model_ids,
    dataset_ids,
    looks_like_hub_id,
)


def test_dataset_ids_from_metadata_then_links_without_duplicates() -> None:
    card_data = {"datasets": ["org/a", "bookcorpus", "not a dataset id!", 7]}
    text = "see https://huggingface.co/datasets/org/b and huggingface.co/datasets/org/a."
    assert dataset_ids(card_data, text) == ("org/a", "bookcorpus", "org/b")
    assert dataset_ids({"datasets": "org/single"}, None) == ("org/single",)
    assert dataset_ids(None, None) == ()
    assert len(dataset_ids({"datasets": [f"o/d{i}" for i in range(50)]}, None, limit=5)) == 5


def test_base_model_ids_accept_string_list_and_urls() -> None:
    assert base_model_ids({"base_model": "org/base"}) == ("org/base",)
    listed = {"base_model": ["org/a", "https://huggingface.co/org/b/", "org/a", "bad"]}
    assert base_model_ids(listed) == ("org/a", "org/b")
    assert base_model_ids({"base_model": None}) == ()


def test_looks_like_hub_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert looks_like_hub_id("mistralai/Mixtral-8x7B-v0.1")
    assert looks_like_hub_id("01-ai/Yi-6B")
    for bad in ("gpt2", "a/b/c", "../x", "/abs", "org/", "org/name.", ""):
        assert not looks_like_hub_id(bad), bad
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "name").mkdir()
    assert not looks_like_hub_id("org/name")  # an existing path is a path
