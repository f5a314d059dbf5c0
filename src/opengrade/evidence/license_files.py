"""License evidence collected as written: license, notice and use-policy files, license sections
of the card, and license statements in its prose. Which license a text is comes later.

A license-like file below the root (``third_party/tok/LICENSE``) covers only its folder, usually
vendored code: it gets role ``nested`` (its own role kept as ``file_role``), scope ``code`` and the
folder in ``folder``. It must not decide the release's license; treat it like a notice.

A sentence that splits licenses ("the code is ... under Apache-2.0, while the model weights ...
comply with the Model License") yields one statement per clause, each with its own scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from opengrade.evidence.card import Card, Sentence, read_card
from opengrade.evidence.model_card import categorise
from opengrade.evidence.prose_restrictions import restrictions
from opengrade.model import Evidence, Provenance, ReleaseSnapshot, Scope, Status
from opengrade.model.evidence_payloads import (
    DeclarationVia,
    DeclaredLicense,
    LicenseFile,
    LicenseFileRole,
)

_FILE_NAME = re.compile(
    r"^(?:licen[cs]e|copying|notice|use[_-]?policy|acceptable[_-]?use[_-]?policy"
    r"|model[_-]?licen[cs]e|code[_-]?repo[_-]?licen[cs]e)(?:[._-].*)?$"
    r"|^.*licen[cs]e[_-]agreement.*$",
    re.IGNORECASE,
)
_NOT_TEXT = {".py", ".json", ".yaml", ".yml", ".js", ".ts", ".sh", ".ipynb", ".toml", ".cfg"}
_NOT_TEXT |= {".png", ".jpg", ".jpeg", ".gif", ".svg", ".bin", ".safetensors", ".gguf"}
_WEIGHTS_NAME = re.compile(r"model|weight", re.IGNORECASE)
_CODE_NAME = re.compile(r"code", re.IGNORECASE)
_WEIGHTS_TEXT = re.compile(r"\b(?:model|weights?) licen[cs]e\b", re.IGNORECASE)
_CODE_TEXT = re.compile(r"\b(?:code|software) licen[cs]e\b", re.IGNORECASE)
_HEAD_CHARS = 600

_DECLARATION = re.compile(
    r"\b(?:released|licen[cs]ed|distributed|made available|available|provided|published"
    r"|open[- ]?sourced|shared|offered)\s+under\s+[\w\[(\"“]"
    r"|\b(?:subject to|governed by|comply with|complies with|adhere to|adheres to|abide by)\b"
    r"[^.]{0,120}?(?:\b|(?<=_))(?:licen[cs]e|terms)",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^licen[cs]es?\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
_LICENSE_WORD = re.compile(
    r"licen[cs]e|apache|\bmit\b|\bbsd\b|\bgpl|cc[- ]by|creative commons|rail|\bterms\b",
    re.IGNORECASE,
)
_ABOUT_OTHERS = re.compile(
    r"\boriginally licen|\bderivative works?\b"
    r"|\b(?:these|this) (?:licen[cs]e )?(?:terms|agreement)\b",
    re.IGNORECASE,
)
_SUBJECT_WORDS = 12
"""Words before the verb that name what a declaration is about."""
_CLAUSE = re.compile(r";|,?\s+while\s+|,?\s+whereas\s+", re.IGNORECASE)
_CODE_WORDS = re.compile(r"\bcode\b|\bsoftware\b|\bscripts?\b", re.IGNORECASE)
_WEIGHTS_WORDS = re.compile(r"\bweights?\b|\bmodels?\b|\bcheckpoints?\b", re.IGNORECASE)
_DATA_WORDS = re.compile(r"\bdata(?:sets?)?\b|\bcorpus\b|\brecords\b", re.IGNORECASE)
MAX_SENTENCE = 400


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """LICENSE_FILE evidence for license-like files and card sections; LICENSE_DECLARED for
    license statements and restrictions in the card's prose."""
    items = list(_files(snapshot))
    card = read_card(snapshot)
    if card is not None:
        items += _sections(card)
        items += _prose(card)
        items += restrictions(card)
    return items


def is_license_file(path: str) -> bool:
    """Whether a file name says it holds license terms, a notice or a use policy."""
    parts = PurePosixPath(path).parts
    if any(part.startswith(".") for part in parts[:-1]):
        return False
    name = PurePosixPath(path)
    return bool(_FILE_NAME.match(name.name)) and name.suffix.lower() not in _NOT_TEXT


def file_role(path: str) -> LicenseFileRole:
    """``notice``, ``use-policy`` or ``license``, from the file name."""
    name = PurePosixPath(path).name.lower()
    if name.startswith("notice"):
        return LicenseFileRole.NOTICE
    if "use_policy" in name or "use-policy" in name or "usepolicy" in name:
        return LicenseFileRole.USE_POLICY
    return LicenseFileRole.LICENSE


def file_scope(path: str, text: str | None) -> Scope:
    """What a license file covers: its name first (LICENSE-MODEL, LICENSE-CODE), then what its
    first lines call it ("model license", "code license"), else the whole release."""
    stem = PurePosixPath(path).name.lower().replace("agreement", "")
    if _CODE_NAME.search(stem):
        return Scope.CODE
    if _WEIGHTS_NAME.search(stem):
        return Scope.WEIGHTS
    head = (text or "")[:_HEAD_CHARS]
    weights, code = bool(_WEIGHTS_TEXT.search(head)), bool(_CODE_TEXT.search(head))
    if weights != code:
        return Scope.WEIGHTS if weights else Scope.CODE
    return Scope.RELEASE


def _files(snapshot: ReleaseSnapshot) -> Iterator[Evidence]:
    present = {f.path: f.present for f in snapshot.files}
    texts = {t.path: t for t in snapshot.texts}
    for path in sorted(set(present) | set(texts)):
        if not is_license_file(path):
            continue
        text = texts.get(path)
        seen = present.get(path, True)
        scope = file_scope(path, text.text if text else None)
        folder = PurePosixPath(path).parent.as_posix()
        read = text is not None
        if folder != ".":
            found = LicenseFile(
                Scope.CODE,
                path,
                LicenseFileRole.NESTED,
                file_role=file_role(path),
                folder=folder,
                read=read,
                present=seen,
            )
        else:
            found = LicenseFile(scope, path, file_role(path), read=read, present=seen)
        yield Evidence(found, Provenance(path=path), Status.VERIFIED if seen else Status.DECLARED)


def _sections(card: Card) -> Iterator[Evidence]:
    """The card's license sections; a card without any heading is read whole as one section
    (a card whose body is the license text itself: identified like a section, or nothing)."""
    if not card.headings:
        first, last = card.front_matter.body_line, len(card.lines)
        body = "\n".join(card.lines[first - 1 :])
        if body.strip():
            whole = LicenseFile(
                Scope.RELEASE,
                card.file.path,
                LicenseFileRole.README_SECTION,
                heading="",
                chars=len(body),
            )
            where = Provenance(path=card.file.path, line=first, end_line=last)
            yield Evidence(whole, where, Status.VERIFIED)
        return
    for heading in card.headings:
        if "license" not in categorise(heading.title):
            continue
        section = LicenseFile(
            Scope.RELEASE,
            card.file.path,
            LicenseFileRole.README_SECTION,
            heading=heading.title,
            chars=heading.chars,
        )
        where = Provenance(path=card.file.path, line=heading.line, end_line=heading.end_line)
        yield Evidence(section, where, Status.VERIFIED)


def _prose(card: Card) -> Iterator[Evidence]:
    seen: set[tuple[str, Scope]] = set()
    for sentence in card.sentences:
        if _nested(card, sentence):
            continue
        for text, scope in _declarations(sentence):
            if (text, scope) in seen:
                continue
            seen.add((text, scope))
            yield Evidence(
                DeclaredLicense(scope, text[:MAX_SENTENCE], DeclarationVia.PROSE),
                Provenance(path=card.file.path, line=sentence.line),
            )


def _nested(card: Card, sentence: Sentence) -> bool:
    """A nested list item (its license is about the parent item, often a sibling model)."""
    line = card.lines[sentence.line - 1] if sentence.line <= len(card.lines) else ""
    return line.startswith(("  ", "\t")) and line.lstrip()[:2] in {"* ", "- ", "+ "}


def _declarations(sentence: Sentence) -> Iterator[tuple[str, Scope]]:
    """License statements in one sentence: a ``License: X`` label or a clause such as
    "the weights are released under ...", each with the scope its words give."""
    text = sentence.text
    label = _LABEL.match(text)
    if label and not _DECLARATION.search(text):
        yield text, Scope.RELEASE
        return
    if not _DECLARATION.search(text) or _ABOUT_OTHERS.search(text):
        return
    clauses = [c for c in _CLAUSE.split(text) if _DECLARATION.search(c)]
    if not any(_LICENSE_WORD.search(c) for c in clauses):
        return
    for clause in clauses:
        match = _DECLARATION.search(clause)
        before = clause[: match.start()] if match else clause
        scope = _scope_of(" ".join(before.split()[-_SUBJECT_WORDS:]) or clause)
        # a sentence that splits code and weights licenses: each clause is its own statement
        yield (text if len(clauses) == 1 else clause.strip(" ,;")), scope


def _scope_of(clause: str) -> Scope:
    """The scope named by the words of a clause's subject (code and weights: the release)."""
    code = bool(_CODE_WORDS.search(clause))
    weights = bool(_WEIGHTS_WORDS.search(clause))
    data = bool(_DATA_WORDS.search(clause))
    if code and not weights and not data:
        return Scope.CODE
    if weights and not code and not data:
        return Scope.WEIGHTS
    if data and not code and not weights:
        return Scope.DATA
    return Scope.RELEASE
