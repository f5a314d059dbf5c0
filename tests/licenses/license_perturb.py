"""Edits a real license file goes through: re-wrapping, Markdown, case, headers, truncation."""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Callable


def rewrap(text: str, width: int = 60) -> str:
    """Re-flow every paragraph to ``width`` columns."""
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width) for p in paragraphs if p.strip())


def markdown(text: str) -> str:
    """Turn the first line into a heading, short lines into bold and list items into bullets."""
    lines = text.splitlines()
    out = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        if number == 0 and stripped:
            out.append(f"# {stripped}")
        elif stripped and len(stripped) < 50 and not stripped.endswith("."):
            out.append(f"**{stripped}**")
        elif re.match(r"^\(?[a-z0-9]{1,3}[.)]\s", stripped):
            out.append(f"- {stripped}")
        else:
            out.append(line)
    return "\n".join(out)


def change_case(text: str) -> str:
    """Upper-case every other paragraph."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(p.upper() if i % 2 else p for i, p in enumerate(paragraphs))


def copyright_header(text: str) -> str:
    """Put a copyright line and a blank line above the text."""
    return "Copyright (c) 2031 Example Holder Ltd. All rights reserved.\n\n" + text


def fill_placeholders(text: str) -> str:
    """Fill the bracketed placeholders of an appendix, as a project would."""
    text = re.sub(r"\[yyyy\]|<year>|\{yyyy\}", "2031", text)
    return re.sub(
        r"\[name of copyright owner\]|<copyright holders?>|\[fullname\]",
        "Example Holder Ltd.",
        text,
    )


def truncate_tail(text: str, keep: float = 0.75) -> str:
    """Keep the first ``keep`` share of the characters, cut at a word boundary."""
    cut = text.rfind(" ", 0, int(len(text) * keep))
    return text[: cut if cut > 0 else int(len(text) * keep)]


def jitter_spaces(text: str, seed: int) -> str:
    """Double some spaces and turn some into line breaks."""
    chooser = random.Random(seed)
    return "".join(
        chooser.choice(["  ", "\n", " "]) if char == " " and chooser.random() < 0.1 else char
        for char in text
    )


EDITS: dict[str, Callable[[str], str]] = {
    "rewrapped": rewrap,
    "markdown": markdown,
    "case": change_case,
    "copyright-header": copyright_header,
    "appendix-filled": fill_placeholders,
    "truncated-tail": truncate_tail,
    "spacing": lambda text: jitter_spaces(text, seed=7),
}
"""The edits repositories make to license texts, by name (tests and the calibration bench)."""


# Text repositories put around an intact license (written for these tests): none of it
# changes the license, and none of it restricts use.
PREAMBLE = (
    "Weights and code of the Tidewater demo model\n\n"
    "This repository holds the model weights and the scripts used to train them.\n"
    "The files are released under the terms below.\n\n---\n\n"
)
DISCLAIMER = (
    "\n\n---\n\nDisclaimer: the model is provided for demonstration. Its outputs may be "
    "inaccurate and should be reviewed before anyone relies on them.\n"
)
SCOPE_NOTE = (
    "\n\nScope: the terms above cover the source code in this repository. The model weights "
    "are distributed with their own license file, in the weights folder.\n"
)
HTML_TAIL = (
    "\n<html><head><style>.card{display:flex;margin:0 auto;width:64px}.row{color:rgb(60,64,67)}"
    '</style></head><body><div class="card"><h1>403 ERROR</h1></div><script>var q=function(a)'
    "{return a.b||a.c};window.addEventListener('load',q)</script></body></html>\n"
)


def gibberish(seed: int, words: int = 60) -> str:
    """Letters in word-like groups, as binary junk decoded as text looks."""
    chooser = random.Random(seed)
    letters = "qxzjvkwy"
    return " ".join(
        "".join(chooser.choice(letters) for _ in range(chooser.randint(2, 7))) for _ in range(words)
    )


AROUND: dict[str, Callable[[str], str]] = {
    "preamble": lambda text: PREAMBLE + text,
    "disclaimer-after": lambda text: text.rstrip() + DISCLAIMER,
    "scope-note-after": lambda text: text.rstrip() + SCOPE_NOTE,
    "html-after": lambda text: text.rstrip() + "\n" + HTML_TAIL,
    "junk-after": lambda text: text.rstrip() + "\n\n" + gibberish(11) + "\n",
}
"""An intact license with text around it, by name (tests and the calibration bench)."""
