"""Links in a card's metadata and prose (markdown links, bare URLs, HTML hrefs, arXiv ids, DOIs),
each classified: paper, code, dataset, model, license, demo, report, logs or other."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from opengrade.evidence.card import Card, parse_card, prose_documents
from opengrade.evidence.model_card import as_text
from opengrade.model import Evidence, LinkKind, Provenance, ReleaseSnapshot
from opengrade.model.evidence_payloads import Link
from opengrade.parsing.code_hosts import CODE_HOSTS

_URL = re.compile(
    r"(?:https?|ftp)://[^\s<>\"'`\[\]{}|\\^]+|\bwww\.[a-z0-9-]+\.[^\s<>\"'`\[\]{}|]+", re.IGNORECASE
)
_MARKDOWN = re.compile(r"(!?)\[([^\]]{0,300})\]\(\s*<?([^()\s<>]+(?:\([^()\s]*\)[^()\s<>]*)*)>?")
_HREF = re.compile(
    r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["'][^>]*>(.{0,200}?)</a>""", re.IGNORECASE
)
_ENCODER = json.JSONEncoder(ensure_ascii=False)
_DANGLING_WWW = re.compile(r'www\.[a-z0-9-]+\."', re.IGNORECASE)
_ANY_LINK = re.compile(r"https?:|ftp:|www\.|arxiv|eprint|\b10\.\d{4}", re.IGNORECASE)
_ARXIV_ID = re.compile(r"\barxiv\s*[:/]?\s*(\d{4}\.\d{4,5})(?:v\d+)?\b", re.IGNORECASE)
_BIBTEX_EPRINT = re.compile(r"\beprint\s*=\s*[{\"](\d{4}\.\d{4,5})(?:v\d+)?[}\"]", re.IGNORECASE)
_DOI = re.compile(r"\b(?:doi:\s*)?(10\.\d{4,9}/[^\s\"'<>{}\[\]]+)", re.IGNORECASE)
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5}|[a-z-]+/\d{7})", re.I)
_REPORT_TEXT = re.compile(r"technical report|tech(?:nical)? report|white ?paper", re.IGNORECASE)
_PAPER_TEXT = re.compile(r"\bpaper\b", re.IGNORECASE)
_DEMO_TEXT = re.compile(r"\bdemo\b|playground|try it", re.IGNORECASE)
_LICENSE_PATH = re.compile(
    r"licen[cs]e|/terms\b|terms[-_]of[-_]use|acceptable[-_]use|use[-_]policy", re.IGNORECASE
)
_TRAILING = ".,;:!?'\"*_`>~"
_PAPER_HOSTS = {
    "aclanthology.org",
    "openreview.net",
    "proceedings.neurips.cc",
    "papers.nips.cc",
    "proceedings.mlr.press",
    "www.semanticscholar.org",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "jmlr.org",
    "www.aclweb.org",
    "transacl.org",
    "link.springer.com",
    "www.nature.com",
    "www.science.org",
}
_LICENSE_HOSTS = {
    "opensource.org",
    "creativecommons.org",
    "spdx.org",
    "choosealicense.com",
    "www.gnu.org",
    "www.licenses.ai",
}
_LOG_HOSTS = {"wandb.ai", "api.wandb.ai", "tensorboard.dev", "www.comet.com"}
_HUB_RESERVED = {
    "docs",
    "blog",
    "join",
    "login",
    "settings",
    "pricing",
    "learn",
    "organizations",
    "collections",
    "posts",
    "tasks",
    "models",
    "new",
    "spaces",
    "datasets",
    "papers",
}
_HUB_HOSTS = {"huggingface.co", "www.huggingface.co", "hf.co"}
_DATASET_HOSTS = {"www.kaggle.com", "kaggle.com", "zenodo.org", "data.mendeley.com"}
_MEDIA_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".mp4", ".webm")
_DOCUMENT_SUFFIXES = (".md", ".pdf", ".txt", ".rst", ".html", ".htm", ".markdown")
_REPORT_WORDS = re.compile(r"\b(?:report|paper|evals?|evaluations?|details)\b", re.IGNORECASE)
_SKIP_HOSTS = {"img.shields.io", "shields.io", "badge.fury.io"}


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """LINK evidence from the card's metadata and from every prose document, one per target."""
    items: list[Evidence] = []
    seen: set[str] = set()
    for document in prose_documents(snapshot):
        card = parse_card(document)
        for value, kind, where, url in _candidates(card):
            if value in seen:
                continue
            seen.add(value)
            link = Link(kind, value, url=url if url and url != value else None)
            items.append(Evidence(link, where))
    return items


def _candidates(card: Card) -> Iterator[tuple[str, LinkKind, Provenance, str | None]]:
    path = card.file.path
    for key, value in card.front_matter.fields.items():
        where = Provenance(path=path, line=card.front_matter.line(key), field=key)
        if key == "license_link" and isinstance(value, str) and value.strip():
            url = tidy(value.strip())
            yield url, LinkKind.LICENSE, where, None
            continue
        for url in _value_urls(value, card.front_matter.json_texts.get(key)):
            yield from _classified(tidy(url), "", where)
    fenced = False
    for number in range(card.front_matter.body_line, len(card.lines) + 1):
        line = card.lines[number - 1]
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if _ANY_LINK.search(line):
            yield from _line_links(line, Provenance(path=path, line=number), in_code=fenced)


def _value_urls(value: object, written: str | None = None) -> list[str]:
    """The URLs in a front matter value, as found in its text (:func:`as_text`).

    A nested value (a ``model-index`` with thousands of results) is searched in its JSON text
    instead, which the C encoder writes far faster: without escapes (no backslash) its strings
    appear as written between quotes, which no URL crosses, so it holds the same URLs up to the
    separator punctuation :func:`tidy` drops. A string ending in a bare ``https://`` or
    ``www.name.`` (which the separator after it completes in the text) is searched in the text.
    ``written``: the value's JSON text as its source wrote it (the metadata tier's front matter).
    """
    if isinstance(value, str) or not isinstance(value, list | dict):
        return _URL.findall(as_text(value))
    try:
        text = written or _ENCODER.encode(value)  # json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # a key or value JSON cannot hold, a cycle
        return _URL.findall(as_text(value))
    if "://" not in text and "www." not in text.lower():
        return []
    if "\\" in text or '://"' in text or ('."' in text and _DANGLING_WWW.search(text)):
        return _URL.findall(as_text(value))
    return _URL.findall(text)


def _line_links(
    line: str, where: Provenance, in_code: bool
) -> Iterator[tuple[str, LinkKind, Provenance, str | None]]:
    texts: dict[str, str] = {}
    for image, text, url in _MARKDOWN.findall(line):
        if not image:
            texts.setdefault(tidy(url), text)
    for url, text in _HREF.findall(line):
        texts.setdefault(tidy(url), re.sub(r"<[^>]*>", "", text))
    images = {tidy(url) for image, _, url in _MARKDOWN.findall(line) if image}
    for url in _URL.findall(_HREF.sub(" ", _MARKDOWN.sub(" ", line))):
        url = tidy(url)
        texts.setdefault(url, "")
    for url, text in texts.items():
        if (url in images and not text) or not url.lower().startswith(("http", "www.")):
            continue
        yield from _classified(url, text, where)
    for pattern in (_ARXIV_ID, _BIBTEX_EPRINT):
        for number in pattern.findall(line):
            yield f"arxiv:{number}", LinkKind.PAPER, where, None
    if not in_code:
        for doi in _DOI.findall(line):
            doi = tidy(doi)
            yield f"doi:{doi}", LinkKind.PAPER, where, None


def _classified(
    url: str, text: str, where: Provenance
) -> Iterator[tuple[str, LinkKind, Provenance, str | None]]:
    if not url:
        return
    if url.lower().startswith("www."):
        url = "https://" + url
    kind, identifier = classify(url, text)
    if kind is not None:
        yield identifier or url, kind, where, url


def classify(url: str, text: str = "") -> tuple[LinkKind | None, str | None]:
    """The kind of a URL (None for badges and images) and its normalised identifier if any
    (``arxiv:2307.09288``, ``doi:10.…``, ``hf:org/name``, ``hf-dataset:org/name``)."""
    parts = urlsplit(url)
    host = parts.netloc.lower().split("@")[-1].split(":")[0]
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if host in _SKIP_HOSTS or parts.path.lower().endswith(_MEDIA_SUFFIXES):
        return None, None
    arxiv = _ARXIV_URL.search(url)
    if arxiv:
        return LinkKind.PAPER, f"arxiv:{arxiv.group(1)}"
    if host in {"doi.org", "dx.doi.org"} and segments:
        return LinkKind.PAPER, "doi:" + "/".join(segments)
    if host in _HUB_HOSTS:
        return _hub(segments)
    if _LICENSE_PATH.search(parts.path) or host in _LICENSE_HOSTS:
        return LinkKind.LICENSE, None
    if host in _LOG_HOSTS:
        return LinkKind.LOGS, None
    if (host in _DATASET_HOSTS and "datasets" in segments[:1]) or host.startswith("zenodo"):
        return LinkKind.DATASET, None
    if host in CODE_HOSTS and len(segments) >= 2:
        return _code_host(segments, text), None
    if host in _PAPER_HOSTS:
        return LinkKind.PAPER, None
    if _REPORT_TEXT.search(text) or _REPORT_TEXT.search(parts.path.replace("-", " ")):
        return LinkKind.REPORT, None
    if parts.path.lower().endswith(".pdf"):
        return (LinkKind.PAPER if _PAPER_TEXT.search(text) else LinkKind.REPORT), None
    if _DEMO_TEXT.search(text) or host.endswith((".gradio.live", ".hf.space")):
        return LinkKind.DEMO, None
    return LinkKind.OTHER, None


def _code_host(segments: list[str], text: str) -> LinkKind:
    """A repository is code; a document file in it (``/blob/main/eval_details.md``) is not."""
    in_tree = any(segment in {"blob", "raw"} for segment in segments[2:4])
    if not in_tree or not segments[-1].lower().endswith(_DOCUMENT_SUFFIXES):
        return LinkKind.CODE
    about = f"{segments[-1]} {text}".replace("_", " ").replace("-", " ")
    return LinkKind.REPORT if _REPORT_WORDS.search(about) else LinkKind.OTHER


def _hub(segments: list[str]) -> tuple[LinkKind | None, str | None]:
    """Hugging Face Hub URLs: datasets, spaces (demos or license pages), papers, models."""
    if not segments:
        return LinkKind.OTHER, None
    head = segments[0]
    if head == "datasets" and len(segments) >= 2:
        name = "/".join(segments[1:3]) if len(segments) >= 3 else segments[1]
        return LinkKind.DATASET, f"hf-dataset:{name}"
    if head == "tensorboard" or any(s.endswith("-logs") for s in segments[:2]):
        return LinkKind.LOGS, None
    if head == "spaces" and len(segments) >= 3:
        is_license = _LICENSE_PATH.search(segments[2])
        return (LinkKind.LICENSE if is_license else LinkKind.DEMO), None
    if head == "papers" and len(segments) >= 2:
        return LinkKind.PAPER, f"arxiv:{segments[1]}"
    if head in _HUB_RESERVED or len(segments) < 2:
        return LinkKind.OTHER, None
    if len(segments) > 2 and _LICENSE_PATH.search(segments[-1]):
        return LinkKind.LICENSE, None
    return LinkKind.MODEL, f"hf:{segments[0]}/{segments[1]}"


def tidy(url: str) -> str:
    """A URL without the punctuation that ends the sentence around it; a closing parenthesis
    stays only when the URL opened one (``.../Foo_(bar)``)."""
    url = url.strip()
    while url and _dangling(url):
        url = url[:-1]
    return url


def _dangling(url: str) -> bool:
    last = url[-1]
    if last in _TRAILING:
        return True
    pairs = {")": "(", "]": "["}
    return last in pairs and url.count(pairs[last]) < url.count(last)
