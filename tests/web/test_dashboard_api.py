"""The dashboard's HTTP surface without a browser: the JSON API over the scanned store, writing
refused without the token (nothing changes), crafted addresses answered with a 4xx page,
security headers, and the policy page with a real policy and an expiring waiver."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("httpx", reason="the API tests need pip install '.[browser]'")

from starlette.testclient import TestClient

from opengrade.formats.report_reader import load_report
from opengrade.policy.load import load_policy
from opengrade.policy.terms import terms_fingerprint
from opengrade.store import Store, open_store
from opengrade.web.app import create_app
from opengrade.web.context import Dashboard
from opengrade.web.policy_board import PolicyBoard
from support.corpus import REPO_ROOT

TOKEN = "s3cret-token"


@pytest.fixture
def store(filled_store: str) -> Iterator[Store]:
    opened = open_store(filled_store)
    yield opened
    opened.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    app = create_app(Dashboard(store, None, TOKEN))
    return TestClient(app, raise_server_exceptions=False)


def test_license_filter_returns_the_llama_3_1_releases(client: TestClient) -> None:
    answer = client.get("/api/releases", params={"license": "llama3.1"})
    assert answer.status_code == 200
    body = answer.json()
    ids = sorted(item["release"] for item in body["releases"])
    assert "meta-llama/Llama-3.1-8B" in ids
    assert "mattshumer/Reflection-Llama-3.1-70B" in ids
    assert all("llama3.1" in item["weights_license"].lower() for item in body["releases"])
    assert body["total"] == len(ids)
    everything = client.get("/api/releases").json()
    others = [
        item["release"]
        for item in everything["releases"]
        if "llama3.1" in (item["weights_license"] or "").lower()
    ]
    assert sorted(others) == ids


def test_category_filter_and_portfolio_agree(client: TestClient) -> None:
    portfolio = client.get("/api/portfolio").json()
    assert sum(portfolio["weights_license_category"].values()) == portfolio["releases"]
    for category, count in portfolio["weights_license_category"].items():
        listed = client.get("/api/releases", params={"category": category}).json()
        assert listed["total"] == count, category


def test_writing_without_a_token_is_refused_and_changes_nothing(
    client: TestClient, store: Store
) -> None:
    before = store.count()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        graded = client.post("/api/grade", json={"id": "org/name"}, headers=headers)
        uploaded = client.post("/api/reports", content=b"framework: {}\n", headers=headers)
        assert graded.status_code == 401 and uploaded.status_code == 401
    assert store.count() == before


def test_a_cross_site_write_is_refused_even_with_the_token(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Origin": "https://evil.example"}
    answer = client.post("/api/grade", json={"id": "org/name"}, headers=headers)
    assert answer.status_code == 403


def test_an_uploaded_mot_yaml_is_graded_and_stored_with_the_token(
    filled_store: str, corpus: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(filled_store, copy)
    store = open_store(str(copy))
    before = store.count()
    client = TestClient(create_app(Dashboard(store, None, TOKEN)), raise_server_exceptions=False)
    body = (corpus / "mot" / "models" / "Aquila-7B.yml").read_bytes()
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/yaml"}
    answer = client.post("/api/reports", content=body, headers=headers)
    assert answer.status_code in (200, 201), answer.text
    assert answer.json()["key"].startswith("mot:")
    assert store.count() == before + 1
    store.close()


@pytest.mark.parametrize(
    "address",
    [
        "/releases/..%2f..%2fetc/passwd",
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/releases?page=-1",
        "/releases?sort=drop%20table",
        "/releases?class=IV",
        "/releases?q=" + "x" * 5000,
        "/releases/nobody/nothing",
        "/releases/a/b/diff?from=abc",
        "/releases/allenai/OLMo-7B/diff?to=999999",
        "/releases/allenai/OLMo-7B/download/exe",
        "/badge/allenai/OLMo-7B.png",
        "/compare?a=nobody/x&b=allenai/OLMo-7B",
        "/api/releases?license=%3Cscript%3E",
        "/api/releases/%3Cscript%3E/x",
    ],
)
def test_crafted_addresses_get_a_4xx_page_without_a_trace(client: TestClient, address: str) -> None:
    answer = client.get(address)
    assert 400 <= answer.status_code < 500, (address, answer.status_code)
    assert "Traceback" not in answer.text and 'File "' not in answer.text


def test_every_page_carries_the_security_headers(client: TestClient) -> None:
    for address in ("/", "/releases", "/releases/allenai/OLMo-7B", "/api/releases", "/nope"):
        headers = client.get(address).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_openapi_lists_every_api_route(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for path in ("/api/releases", "/api/portfolio", "/api/grade", "/api/reports"):
        assert path in document["paths"]


def test_policy_page_shows_violations_and_an_expiring_waiver(store: Store, tmp_path: Path) -> None:
    llama = next(g for g in store.latest() if g.release_id == "meta-llama/Llama-3.1-8B")
    fingerprint = terms_fingerprint(load_report(store.report_text(llama)))
    today = date(2026, 6, 1)
    example = (REPO_ROOT / "docs" / "policy.example.toml").read_text(encoding="utf-8")
    waiver = (
        "\n[[waivers]]\n"
        'release = "meta-llama/Llama-3.1-8B"\n'
        'rule = "licenses.weights"\n'
        'reason = "evaluation only"\n'
        'approver = "legal@example.org"\n'
        f"expires = {(today + timedelta(days=10)).isoformat()}\n"
        f'terms = "{fingerprint}"\n'
    )
    path = tmp_path / "opengrade.toml"
    path.write_text(example + waiver, encoding="utf-8")
    board = PolicyBoard(
        load_policy(path), lambda grade: load_report(store.report_text(grade)), today
    )
    client = TestClient(create_app(Dashboard(store, board)), raise_server_exceptions=False)
    page = client.get("/policy").text
    assert "Waivers expiring within 30 days" in page
    assert "legal@example.org" in page
    assert "mattshumer/Reflection-Llama-3.1-70B" in page  # not waived: violates licenses.weights
    table = client.get("/releases").text
    assert '<th scope="col">Policy</th>' in table
    assert client.get("/").status_code == 200


def test_serve_refuses_an_unreadable_policy_with_a_hint(
    filled_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from opengrade.cli import main

    broken = tmp_path / "opengrade.toml"
    broken.write_text("version = 1\n[licenses.weights]\ndeny_categories = 3\n", encoding="utf-8")
    assert main(["serve", "--store", filled_store, "--policy", str(broken)]) == 2
    assert "opengrade.toml" in capsys.readouterr().err
