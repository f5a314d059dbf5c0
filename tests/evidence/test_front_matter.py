"""Front matter: split, parsed safely, recovered key by key when broken."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from opengrade.parsing.front_matter import MAX_DEPTH, parse_front_matter


def read(corpus: Path, folder: str, name: str = "README.md") -> str:
    return (corpus / "models" / folder / name).read_text(encoding="utf-8")


def test_card_without_front_matter_is_all_body() -> None:
    text = "<!-- a comment first -->\n# Title\n\nlicense: not metadata\n"
    front = parse_front_matter(text)
    assert not front.present
    assert front.fields == {}
    assert front.body == text
    assert front.body_line == 1


def test_real_cards_without_front_matter(corpus: Path) -> None:
    for folder in ("deepseek-ai__DeepSeek-V3", "microsoft__phi-2", "tiiuae__falcon-180B-chat"):
        front = parse_front_matter(read(corpus, folder))
        assert not front.present, folder
        assert front.problems == ()


def test_keys_carry_their_line_and_the_body_starts_after_the_closing_line() -> None:
    text = "---\nlicense: mit\ntags:\n- a\n- b\n---\n# Model\n"
    front = parse_front_matter(text)
    assert front.fields == {"license": "mit", "tags": ["a", "b"]}
    assert front.lines == {"license": 2, "tags": 3}
    assert front.body_line == 7
    assert front.body.startswith("# Model")


def test_crlf_cards_parse_with_the_same_lines() -> None:
    front = parse_front_matter("---\r\nlicense: mit\r\nlanguage: en\r\n---\r\nbody\r\n")
    assert front.fields == {"license": "mit", "language": "en"}
    assert front.line("language") == 3
    assert front.body_line == 5


def test_folded_scalar_on_the_next_line() -> None:
    text = "---\nlicense: other\nlicense_link: >-\n  https://example.org/terms/\n  v1.pdf\n---\n"
    front = parse_front_matter(text)
    assert front.fields["license_link"] == "https://example.org/terms/ v1.pdf"
    assert front.line("license_link") == 3


def test_nemotron_folded_license_link(corpus: Path) -> None:
    front = parse_front_matter(read(corpus, "nvidia__Nemotron-4-340B-Instruct"))
    link = front.fields["license_link"]
    assert isinstance(link, str)
    assert link.startswith("https://") and link.endswith(".pdf") and "\n" not in link
    assert front.line("license_link") == 4


def test_quoted_license_after_a_long_language_list(corpus: Path) -> None:
    front = parse_front_matter(read(corpus, "facebook__nllb-200-distilled-600M"))
    assert front.fields["license"] == "cc-by-nc-4.0"
    assert front.line("license") == 205
    language = front.fields["language"]
    assert isinstance(language, list) and len(language) > 150


def test_dates_stay_text() -> None:
    front = parse_front_matter("---\nreleased: 2024-05-30\n---\n")
    assert front.fields["released"] == "2024-05-30"


def test_broken_yaml_is_a_problem_with_its_line_and_other_keys_survive() -> None:
    text = (
        "---\nlicense: mit\ntags:\n- one\n- two\nwidget: [unclosed\n"
        "pipeline_tag: text-generation\n---\n# Body\n"
    )
    front = parse_front_matter(text, "README.md")
    codes = [problem.code for problem in front.problems]
    assert codes[0] == "yaml-invalid"
    assert front.problems[0].path == "README.md"
    assert front.problems[0].line is not None and 6 <= front.problems[0].line <= 8
    assert front.fields["license"] == "mit"
    assert front.fields["tags"] == ["one", "two"]
    assert front.fields["pipeline_tag"] == "text-generation"
    assert "widget" not in front.fields
    assert front.line("pipeline_tag") == 7
    assert front.body.startswith("# Body")


def test_tab_indented_yaml_still_yields_plain_keys() -> None:
    front = parse_front_matter("---\nlicense: 'apache-2.0'\nbase_model:\n\t- x/y\n---\n")
    assert front.problems and front.problems[0].code == "yaml-invalid"
    assert front.fields["license"] == "apache-2.0"


def test_yaml_bomb_is_refused_and_plain_keys_survive() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for number in range(1, 9):
        previous, name = chr(ord("a") + number - 1), chr(ord("a") + number)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    text = "---\nlicense: apache-2.0\n" + "\n".join(levels) + "\n---\nbody\n"
    front = parse_front_matter(text, "README.md")
    assert front.problems[0].code == "yaml-bomb"
    assert front.problems[0].line is not None
    assert front.fields["license"] == "apache-2.0"
    assert all(not isinstance(value, list) or len(value) <= 10 for value in front.fields.values())


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH * 3
    text = "---\nlicense: mit\nx: " + "[" * depth + "]" * depth + "\n---\n"
    front = parse_front_matter(text)
    assert front.problems[0].code == "yaml-bomb"
    assert front.fields["license"] == "mit"


def test_a_few_harmless_aliases_are_fine() -> None:
    front = parse_front_matter("---\nbase: &b org/model\nbase_model: *b\n---\n")
    assert front.problems == ()
    assert front.fields["base_model"] == "org/model"


def test_unclosed_front_matter_is_a_problem_and_the_text_is_body() -> None:
    text = "---\nlicense: mit\n# Title\n"
    front = parse_front_matter(text)
    assert not front.present
    assert front.problems[0].code == "yaml-invalid"
    assert front.body == text


def test_front_matter_that_is_not_a_mapping() -> None:
    front = parse_front_matter("---\n- just\n- a list\n---\nbody\n")
    assert front.present
    assert front.problems[0].code == "yaml-invalid"
    assert front.fields == {}


def test_empty_front_matter() -> None:
    front = parse_front_matter("---\n---\n# Title\n")
    assert front.present and front.fields == {} and front.problems == ()
    assert front.body_line == 3


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_without_raising(body: str) -> None:
    front = parse_front_matter("---\n" + body + "\n---\nrest\n")
    assert all(problem.code in {"yaml-invalid", "yaml-bomb"} for problem in front.problems)
    assert all(isinstance(key, str) for key in front.fields)


def _moderate_bomb(number: int) -> str:
    """One top-level key whose value expands to 10,000 nodes: under the budget on its own."""
    anchor = f"k{number}x"
    lines = [f"key{number}:", f"  l0: &{anchor}0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 4):
        refs = ", ".join([f"*{anchor}{level - 1}"] * 10)
        lines.append(f"  l{level}: &{anchor}{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_many_moderate_bombs_are_not_recovered_block_by_block() -> None:
    """420 keys of 10k nodes each: the whole is a bomb, and no key is re-parsed with a fresh
    budget (which would let every block expand), only plain ``key: value`` lines are kept."""
    yaml_text = "license: mit\n" + "".join(_moderate_bomb(n) for n in range(420))
    text = f"---\n{yaml_text}pipeline_tag: text-generation\n---\n# Body\n"
    front = parse_front_matter(text, "README.md")
    assert [problem.code for problem in front.problems] == ["yaml-bomb"]
    assert front.fields == {"license": "mit", "pipeline_tag": "text-generation"}
    assert front.line("pipeline_tag") == 2 + yaml_text.count("\n")
