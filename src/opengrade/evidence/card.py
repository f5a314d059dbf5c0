"""The model card of a snapshot, read once: front matter, headings with their spans, sentences.

Every extractor that reads prose goes through :func:`read_card` (cached per text), so a card is
split and parsed once per inspection whatever the number of extractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

from opengrade.model import ReleaseSnapshot, TextFile
from opengrade.parsing.files import card_candidates
from opengrade.parsing.front_matter import FrontMatter, parse_front_matter

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]{0,300}>(.{0,300}?)</h\1\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,400}>")
_IMAGE = re.compile(r"!\[([^\]]{0,300})\]\([^)]{0,2000}\)")
_LINK = re.compile(
    r"\[([^\]]{0,300})\]\((?:[^()\s]|\([^()\s]{0,300}\)){0,2000}(?:\s+\"[^\"]{0,300}\")?\)"
)
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|`+)")
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_BLOCK_START = re.compile(
    r"^\s*(?:[-*+]\s|\d{1,3}[.)]\s|\||>|<(?:p|div|br|li|h\d|details|summary)\b)"
)
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[*_\"”')\]]*\s+(?=[\"“(\[*_<`]*[A-Z0-9\u4e00-\u9fff])|(?<=[。！？])(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Heading:
    """A markdown or HTML heading and the span of its section (1-based, inclusive)."""

    level: int
    title: str
    line: int
    end_line: int
    chars: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of prose: plain text (markup removed), the markdown as written, its line."""

    text: str
    raw: str
    line: int


@dataclass(frozen=True, slots=True)
class Card:
    """A parsed model card."""

    file: TextFile
    front_matter: FrontMatter
    lines: tuple[str, ...]
    headings: tuple[Heading, ...]
    sentences: tuple[Sentence, ...]


def find_card(snapshot: ReleaseSnapshot) -> TextFile | None:
    """The card among the read texts, by the one rule sources also use
    (:func:`opengrade.parsing.files.card_candidates`): root README.md, else MODEL_CARD.md,
    model_card.md, model-card.md, else README_*.md and other root READMEs (GITHUB_README.md)."""
    documents = prose_documents(snapshot)
    return documents[0] if documents else None


def prose_documents(snapshot: ReleaseSnapshot) -> list[TextFile]:
    """The card first, then the other root markdown documents that describe the model
    (a GitHub README, a separate MODEL_CARD.md), in card preference order; never license or
    notice texts."""
    global _last_documents
    last, documents = _last_documents
    if last is not snapshot.texts:  # the extractors ask one snapshot's texts in turn
        texts = {text.path: text for text in snapshot.texts}
        documents = tuple(texts[path] for path in card_candidates(texts))
        if type(snapshot.texts) is tuple:
            _last_documents = (snapshot.texts, documents)
    return list(documents)


_last_documents: tuple[tuple[TextFile, ...] | None, tuple[TextFile, ...]] = (None, ())
"""The texts last asked about and their prose documents (holding the tuple keeps its identity
from being reused; tuples cannot change)."""


def read_card(snapshot: ReleaseSnapshot) -> Card | None:
    """The snapshot's card, parsed (or None when the release has none)."""
    card = find_card(snapshot)
    return parse_card(card) if card else None


@lru_cache(maxsize=64)
def parse_card(file: TextFile) -> Card:
    """Parse a markdown document: front matter, headings and sentences with line numbers."""
    front_matter = parse_front_matter(file.text, file.path, metadata=file.metadata)
    lines = tuple(line.removesuffix("\r") for line in file.text.split("\n"))
    first = front_matter.body_line - 1
    headings, paragraphs = _scan(lines, first)
    sentences = tuple(s for start, block in paragraphs for s in _split_sentences(block, start))
    return Card(file, front_matter, lines, tuple(headings), sentences)


def _scan(lines: tuple[str, ...], first: int) -> tuple[list[Heading], list[tuple[int, str]]]:
    """Headings (outside code fences) and prose paragraphs as (1-based line, text)."""
    found: list[tuple[int, str, int]] = []
    paragraphs: list[tuple[int, str]] = []
    block: list[str] = []
    block_start = 0
    fenced = False
    for index in range(first, len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            fenced = not fenced
            line = ""
        heading = None if fenced else _heading(line)
        ends_block = fenced or heading or not line.strip() or _BLOCK_START.match(line)
        if ends_block and block:
            paragraphs.append((block_start, "\n".join(block)))
            block = []
        if heading:
            found.append((heading[0], heading[1], index + 1))
            paragraphs.append((index + 1, heading[1]))
            continue
        if fenced or not line.strip():
            continue
        if not block:
            block_start = index + 1
        block.append(line)
    if block:
        paragraphs.append((block_start, "\n".join(block)))
    return _spans(found, lines), paragraphs


def _heading(line: str) -> tuple[int, str] | None:
    match = _ATX.match(line)
    if match:
        title = clean(match.group(2))
        return (len(match.group(1)), title) if title else None
    match = _HTML_HEADING.search(line)
    if match and line.lstrip().lower().startswith(("<h", "<div", "<p", "<center")):
        title = clean(match.group(2))
        return (int(match.group(1)), title) if title else None
    return None


def _spans(found: list[tuple[int, str, int]], lines: tuple[str, ...]) -> list[Heading]:
    """Each heading's section ends before the next heading of the same or a higher level."""
    ends = [len(lines)] * len(found)
    open_headings: list[int] = []
    for position, (level, _, line) in enumerate(found):
        while open_headings and found[open_headings[-1]][0] >= level:
            ends[open_headings.pop()] = line - 1
        open_headings.append(position)
    offsets = [0]
    for text in lines:
        offsets.append(offsets[-1] + len(text) + 1)
    headings = []
    for (level, title, line), end in zip(found, ends, strict=True):
        while end > line and not lines[end - 1].strip():
            end -= 1
        headings.append(Heading(level, title, line, end, offsets[end] - offsets[line]))
    return headings


def _split_sentences(block: str, start: int) -> list[Sentence]:
    sentences = []
    offset = 0
    line = start
    for piece in _SENTENCE_END.split(block):
        position = max(block.find(piece, offset), offset)
        line += block.count("\n", offset, position)
        text = clean(piece)
        if text:
            sentences.append(Sentence(text, piece.strip(), line))
        line += piece.count("\n")
        offset = position + len(piece)
    return sentences


def clean(markdown: str) -> str:
    """Plain text of a markdown or HTML fragment: link text kept, markup and URLs dropped."""
    text = _IMAGE.sub(r"\1", markdown)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("&nbsp;", " ").replace("&amp;", "&")
    return _SPACES.sub(" ", text).strip(" -*+>|#\t")


def normalise_name(name: str) -> str:
    """Lowercase letters and digits only; ``+`` reads "plus" (``Command R+`` ~ ``commandrplus``)."""
    return _NOT_ALNUM.sub("", name.lower().replace("+", "plus"))


def release_names(snapshot: ReleaseSnapshot, card: Card | None) -> tuple[str, ...]:
    """Names the release goes by, normalised: its id's last part, the card's first title and
    its ``model-index`` names."""
    _, model = _id_parts(snapshot.id)
    names = [model] if model else []
    usable = normalise_name(re.split(r"[-_ .]", model or "")[0]) not in {"", "model", "models"}
    if card:
        titles = [h.title for h in card.headings[:3] if h.level == 1]
        names += [] if usable else titles[:1]
        index = card.front_matter.fields.get("model-index")
        if isinstance(index, list):
            names += [str(e["name"]) for e in index if isinstance(e, dict) and e.get("name")]
        name = card.front_matter.fields.get("model_name")
        if isinstance(name, str):
            names.append(name)
    normalised = [normalise_name(name) for name in names]
    return tuple(dict.fromkeys(name for name in normalised if len(name) >= 2))


def release_owner(snapshot: ReleaseSnapshot) -> str | None:
    """The organisation part of the id (``tiiuae`` in ``tiiuae/falcon-40b``), normalised."""
    owner, _ = _id_parts(snapshot.id)
    return normalise_name(owner) if owner else None


def _id_parts(identifier: str) -> tuple[str | None, str | None]:
    """(owner, model) from ``org/name``, ``org__name`` (a corpus folder) or a path."""
    parts = identifier.strip("/").split("/")
    plain = len(parts) == 2 and "\\" not in identifier and parts[0] and parts[1] not in ("", ".")
    if plain and not identifier.startswith((".", "/", "~")) and "__" not in parts[1]:
        return parts[0], parts[1]  # the common Hub id, without building a path
    name = PurePosixPath(identifier.replace("\\", "/").rstrip("/")).name
    if "__" in name:
        owner, model = name.split("__", 1)
        return owner, model
    if len(parts) == 2 and not identifier.startswith((".", "/", "~")):
        return parts[0], parts[1]
    return None, name or None
