"""The HTML report escapes everything a release says: a card full of markup, event handlers and
``javascript:`` links yields only the report's own tags, with the hostile text shown as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from opengrade import LinkedInputs, assess
from opengrade.formats.html import HtmlFormat

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"
CARD = f"""---
license: "{HOSTILE}"
license_name: "<iframe src=javascript:alert(2)>"
base_model: "evil/<svg onload=alert(3)>"
datasets:
- "<b onmouseover=alert(4)>data</b>"
---
# {HOSTILE}

This model is fully open source {HOSTILE} and open weights.

- [paper](javascript:alert(5)) and <a href="javascript:alert(6)">code</a>
- Training code: https://github.com/evil/"><script>alert(7)</script>

## License

Released under the {HOSTILE} license.
"""
REPORT_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "b", "div", "br",
    "small", "ul", "li", "span", "code", "table", "thead", "tbody", "tr", "th", "td", "footer",
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(attrs)


def test_hostile_card_text_stays_text(tmp_path: Path) -> None:
    release = tmp_path / "release"
    release.mkdir()
    (release / "README.md").write_text(CARD, encoding="utf-8")
    (release / "LICENSE").write_text(HOSTILE + "\nAll rights reserved.\n", encoding="utf-8")
    report = assess(str(release), linked=LinkedInputs(release_id="evil/<script>x</script>"))
    page = HtmlFormat().render(report)
    parsed = _Tags()
    parsed.feed(page)
    assert parsed.tags <= REPORT_TAGS
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    assert not [value for _, value in parsed.attributes if value and "javascript" in value]
    assert "&lt;script&gt;" in page  # the hostile text is shown, escaped
    assert "<script" not in page.lower()
