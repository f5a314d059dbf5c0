"""The dashboard in a real browser (Playwright driving Debian's Chromium; no browser download):
pages render with real data, filters, a release, its history diff, compare, a BOM download
that validates, keyboard navigation and accessible names, and a hostile release that runs no
script. Screenshots of each page go to ``tests/web/screenshots/`` (gitignored)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("OPENGRADE_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).parent / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _require_browser() -> None:
    missing = []
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install '.[browser]')")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if missing:
        if os.environ.get("CI"):
            pytest.fail("CI needs " + " and ".join(missing))
        pytest.skip("needs " + " and ".join(missing))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with every dialog, console error and page error recorded."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}
        )
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shoot(self, name: str) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    item = Watched(browser)
    yield item
    item.context.close()


def test_portfolio_shows_counts_and_charts(watched: Watched, server_url: str) -> None:
    page = watched.page
    page.goto(server_url + "/")
    assert page.locator("p.lead strong").first.inner_text() == "8"
    charts = page.get_by_role("img")
    labels = [charts.nth(i).get_attribute("aria-label") or "" for i in range(charts.count())]
    assert any(label.startswith("MOF class") for label in labels)
    assert any("non-commercial" in label or "community-restricted" in label for label in labels)
    assert page.get_by_role("link", name="hostile-org/evil-release").count() >= 1
    watched.shoot("portfolio")
    assert watched.dialogs == [] and watched.errors == []


def test_filter_the_table_by_license_then_open_a_release(watched: Watched, server_url: str) -> None:
    page = watched.page
    page.goto(server_url + "/releases")
    watched.shoot("releases")
    page.get_by_label("Weights license key").fill("llama3.1")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/releases?*license=llama3.1*")
    rows = page.locator("table.releases tbody tr")
    names = sorted(rows.nth(i).locator("th").inner_text() for i in range(rows.count()))
    assert any("meta-llama/Llama-3.1-8B" in name for name in names)
    assert any("Reflection-Llama-3.1-70B" in name for name in names)
    assert not any("OLMo" in name for name in names)
    page.get_by_role("link", name="mattshumer/Reflection-Llama-3.1-70B").click()
    assert page.get_by_role("heading", name="Conclusion").is_visible()
    assert "llama3.1" in page.locator("section.conclusion").inner_text()
    watched.shoot("release")
    assert watched.errors == []


def test_history_diff_and_compare(watched: Watched, server_url: str) -> None:
    page = watched.page
    page.goto(server_url + "/releases/hostile-org/evil-release")
    timeline = page.locator("ol.timeline > li")
    assert timeline.count() == 2
    timeline.first.get_by_role("link").first.click()
    page.wait_for_url("**/diff?*")
    table = page.locator("table").first
    assert "weights" in table.inner_text().lower()
    watched.shoot("diff")
    page.goto(server_url + "/compare")
    page.get_by_label("First release (ORGANISATION/NAME)").fill("allenai/OLMo-7B")
    page.get_by_label("Second release").fill("meta-llama/Llama-3.1-8B")
    page.get_by_role("button", name="Compare").click()
    side = page.locator("table.compare").inner_text()
    assert "Apache-2.0" in side and "llama3.1" in side
    watched.shoot("compare")
    page.goto(server_url + "/changes")
    assert page.get_by_role("link", name="hostile-org/evil-release").count() >= 1
    watched.shoot("changes")
    page.goto(server_url + "/policy")
    watched.shoot("policy")
    assert watched.errors == []


def test_download_a_bom_and_validate_it(watched: Watched, server_url: str, tmp_path: Path) -> None:
    from opengrade.bom.validate import validate_cyclonedx, validate_spdx

    page = watched.page
    page.goto(server_url + "/releases/allenai/OLMo-7B")
    for label, check in (("CycloneDX BOM", validate_cyclonedx), ("SPDX BOM", validate_spdx)):
        with page.expect_download() as waiting:
            page.get_by_role("link", name=label).click()
        path = tmp_path / waiting.value.suggested_filename
        waiting.value.save_as(path)
        document = json.loads(path.read_text(encoding="utf-8"))
        check(document)
        assert "OLMo-7B" in path.read_text(encoding="utf-8")


def test_keyboard_and_accessible_names(watched: Watched, server_url: str) -> None:
    page = watched.page
    page.goto(server_url + "/releases")
    for name in (
        "Text in the release id",
        "Organisation",
        "Weights license key",
        "License category",
        "MOF class",
        "OSAID verdict",
        "EU pre-check",
        "Finding code",
    ):
        assert page.get_by_label(name).count() == 1, name
    headers = page.locator("table.releases thead th")
    assert all(headers.nth(i).inner_text().strip() for i in range(headers.count()))
    assert page.get_by_role("table", name="Releases, latest grade of each").count() == 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.get_by_label("Organisation").focus()
    page.keyboard.type("allenai")
    page.keyboard.press("Enter")
    page.wait_for_url("**org=allenai*")
    assert page.locator("table.releases tbody tr").count() == 1
    link = page.get_by_role("link", name="allenai/OLMo-7B")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/releases/allenai/OLMo-7B*")


def test_hostile_release_runs_no_script(watched: Watched, server_url: str) -> None:
    page = watched.page
    for path in (
        "/releases/hostile-org/evil-release",
        "/releases?q=evil",
        "/",
        "/changes",
        "/compare?a=hostile-org/evil-release&b=allenai/OLMo-7B",
        "/badge/hostile-org/evil-release.svg",
    ):
        page.goto(server_url + path)
        page.wait_for_load_state("load")
        assert page.locator("script").count() == 0, path
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], path
        handlers = page.eval_on_selector_all(
            "*",
            "els => els.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length",
        )
        assert handlers == 0, path
    page.goto(server_url + "/releases/hostile-org/evil-release")
    assert "<script>" in page.locator("main").inner_text()
    watched.shoot("hostile")
    assert watched.dialogs == []
    assert watched.errors == []
