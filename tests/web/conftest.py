"""A store filled by scanning real corpus releases, MOT YAMLs and a hostile release (graded
twice, so it has a history), and a real server on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from opengrade.cli import main

pytest.importorskip("starlette", reason="the dashboard needs pip install '.[web]'")

CORPUS_FOLDERS = (
    "meta-llama__Llama-3.1-8B",
    "mattshumer__Reflection-Llama-3.1-70B",
    "allenai__OLMo-7B",
    "mistralai__Mistral-7B-v0.1",
    "EleutherAI__pythia-6.9b",
)
MOT_FILES = ("Llama-3.1-8B.yml", "Amber.yml")
PAYLOAD = "<script>alert('card')</script><img src=x onerror=alert('img')>"
SVG_PAYLOAD = "<svg onload=alert('svg')><script>alert('svg2')</script></svg>"


def hostile_card(version: str, license_id: str) -> str:
    """A model card whose fields and text carry script payloads."""
    return (
        "---\n"
        f'license: "{license_id}"\n'
        f'license_name: "{SVG_PAYLOAD}"\n'
        f"license_link: \"javascript:alert('link')\"\n"
        f'base_model: "{PAYLOAD}"\n'
        "---\n"
        f"# {PAYLOAD}\n\n"
        f"Released under the {SVG_PAYLOAD} license, version {version}.\n"
        "[click](javascript:alert('md'))\n"
        '<a href="javascript:alert(\'a\')" onclick="alert(1)">x</a>\n'
        "Training data: <iframe src=javascript:alert('frame')></iframe>\n"
    )


def write_hostile(folder: Path, version: str, license_id: str = "other") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(hostile_card(version, license_id), encoding="utf-8")
    (folder / "LICENSE").write_text(
        f"{SVG_PAYLOAD}\nPermission is granted <b onmouseover=alert(1)>to use</b> {version}.\n",
        encoding="utf-8",
    )
    (folder / "config.json").write_text('{"model_type": "<script>alert(1)</script>"}')


@pytest.fixture(scope="session")
def filled_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The path of a store holding the scanned releases."""
    root = tmp_path_factory.mktemp("dashboard")
    store = str(root / "inventory.db")
    hostile = root / "hostile-org__evil-release"
    write_hostile(hostile, "1")
    targets = [str(corpus / "models" / name) for name in CORPUS_FOLDERS]
    targets += [str(corpus / "mot" / "models" / name) for name in MOT_FILES]
    assert main(["scan", *targets, str(hostile), "--store", store]) == 0
    write_hostile(hostile, "2 <script>alert('v2')</script>", "cc-by-nc-4.0")
    assert main(["scan", str(hostile), "--store", store]) == 0
    return store


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server_url(filled_store: str) -> Iterator[str]:
    """A real uvicorn server over the filled store, on a free loopback port."""
    import uvicorn

    from opengrade.store import open_store
    from opengrade.store.dashboard_queries import ensure_dashboard_indexes
    from opengrade.web.app import create_app
    from opengrade.web.context import Dashboard

    store = open_store(filled_store)
    ensure_dashboard_indexes(store)
    port = _free_port()
    app = create_app(Dashboard(store, None, "test-token"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    store.close()
