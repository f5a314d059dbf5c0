"""Wording a text has that its matched license does not: inserted runs and unexplained lines.

Inside a match span, a word is explained when a shingle of the reference covers it (a shingle's
hash covers the last four words of its five-word window); the other words are *inserted*
(added or changed wording). Outside every span, the words of lines that are not copyright lines
(already dropped by normalisation), blank lines or short titles are *unexplained*.

A match is *modified* when one inserted run holds ``INSERTED_LIMIT`` or more Latin-script
words (an added sentence or clause, :func:`changes_terms`), or when wording the reference lacks
(an inserted run, or unexplained text next to the span) restricts use (:func:`restricts`):
"non-commercial", "research", "solely", "shall not", "monthly active users" and the like.
Substituted names (a company in BSD's third clause, "Meta Llama 3" for "Llama 3") stay below
the limit, a request outside the MIT text ("we only ask that you use it responsibly")
restricts nothing, and unexplained text that one indexed license mostly has (the rest of a
cut-off acceptable-use policy, :func:`recognised`) is not a change, nor is a short run that
restates the duty to obey export law (:func:`restates_export_law`: another revision of a
license's export clause, which binds by law whatever the license says). A run mostly of CJK
characters (a translation beside an English text) is judged by its restricting words only:
no restriction vocabulary is kept for Chinese."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import sub

from opengrade.licenses.normalize import Words

INSERTED_LIMIT = 30
EXPORT_CLAUSE_LIMIT = 60
RECOGNISED_SHARE = 0.8
TITLE_WORDS = 10
_COVERED = 4  # words a shingle's hash covers, after the first of its window
_RESTRICTING = re.compile(
    r"\b(?:non commercial|commercial(?:ly)?|prohibit\w*|restrict\w*"
    r"|(?:for|non commercial|academic|scientific) research|research (?:only|purposes?|use)"
    r"|(?:solely|exclusively) (?:for|by|to|with|on)|(?:academic|evaluation) (?:use|purposes?)"
    r"|forbid\w*|revenue|monthly active|active users|military|weapons?"
    r"|(?:personal|internal) use|non profit|nonprofit|revoc\w*|revok\w*"
    r"|(?:shall|may|must|agree|will|do|does|can) not|not (?:be )?(?:use|used|permitted|allowed)"
    r"|only (?:for|non|with|by|in)|(?:purposes?|use|uses) only|written (?:permission|consent)"
    r"|separate (?:commercial )?licen[sc]e|without (?:the )?(?:prior )?(?:written )?permission)\b"
)
_EXPORT_LAW = re.compile(r"\b(?:export\w*|embargo\w*|sanctions?|trade laws?)\b")
# What an export clause says anyway: a ban ("prohibited"), "restrictions on destinations".
_EXPORT_WORDING = re.compile(
    r"^(?:prohibit\w*|restrict\w*|(?:shall|may|must|agree|will|do|does|can) not)$"
)
_SENTENCE_END = (".", ";", ":", ",")
_ADDRESS_PARTS = frozenset({"www", "com", "org", "net", "php", "html", "htm", "ttps", "ttp"})
_TITLE_WORDS = frozenset({"license", "licence", "agreement", "terms", "policy"})
_MARKUP = " \t#*_=-|>`~"


@dataclass(frozen=True, slots=True)
class Run:
    """Words ``first``..``last`` (inclusive word positions) a match does not explain."""

    first: int
    last: int

    @property
    def size(self) -> int:
        """How many words the run holds."""
        return self.last - self.first + 1


def inserted_runs(
    member: Callable[[int], bool], groups_at: Sequence[int], start: int, end: int
) -> list[Run]:
    """Word runs in ``start``..``end`` that no shingle of the reference covers.

    ``member`` tells whether a shingle group holds the reference and ``groups_at`` is the group
    of every shingle position of the text (-1 for a shingle no reference has).
    """
    last_shingle = min(end - _COVERED, len(groups_at) - 1)
    if last_shingle < start:
        return [Run(start, end)] if end >= start else []
    window = range(start, last_shingle + 1)
    hits = list(compress(window, map(member, groups_at[start : last_shingle + 1])))
    if not hits:
        return [Run(start, end)]
    runs = []
    if hits[0] > start:
        runs.append(Run(start + 1, hits[0]))
    gaps = list(map(sub, hits[1:], hits[:-1]))
    for number in compress(range(1, len(hits)), map(_COVERED.__lt__, gaps)):
        runs.append(Run(hits[number - 1] + _COVERED + 1, hits[number]))
    if end > hits[-1] + _COVERED:
        runs.append(Run(hits[-1] + _COVERED + 1, end))
    return runs


def trim_edges(
    start: int, end: int, runs: Sequence[Run], opens: Callable[[int, int], bool]
) -> tuple[int, int, list[Run]]:
    """A span without a long run at either edge that only a few reference words follow.

    A span bridges a long run when a few shared phrases come after it (a cut-off policy after
    its license): that run and what follows are text outside the license, not inside it.
    At the head the few phrases stay (and the run is inside) when they are the reference's
    own opening words (``opens(first, last)``): its grant, rewritten after them.
    """
    kept = list(runs)
    while kept and kept[-1].size >= INSERTED_LIMIT and end - kept[-1].last < kept[-1].size / 2:
        end = kept.pop().first - 1
    while (
        kept
        and kept[0].size >= INSERTED_LIMIT
        and kept[0].first - start < kept[0].size / 2
        and not opens(start, kept[0].first)
    ):
        start = kept.pop(0).last + 1
    return start, end, kept


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive words outside every span (``run``) and its lines that are not titles."""

    run: Run
    lines: tuple[Run, ...]

    @property
    def size(self) -> int:
        """The unexplained words: those on lines that are not titles."""
        return sum(line.size for line in self.lines)


def unexplained_blocks(
    words: Words, lines: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[Block]:
    """The stretches of words outside every span, each with its lines that are not titles."""
    blocks: list[Block] = []
    position = 0
    for first, last in [*sorted(spans), (len(words.words), len(words.words))]:
        if first > position:
            blocks.append(
                Block(Run(position, first - 1), _line_runs(words, lines, position, first - 1))
            )
        position = max(position, last + 1)
    return blocks


def _line_runs(words: Words, lines: Sequence[str], first: int, last: int) -> tuple[Run, ...]:
    runs = []
    position = first
    while position <= last:
        line = words.line_of(position)
        line_end = min(last, words.ends[line - 1] - 1)
        text = lines[line - 1] if line - 1 < len(lines) else ""
        if not _is_title(text, words.words[position : line_end + 1]):
            runs.append(Run(position, line_end))
        position = line_end + 1
    return tuple(runs)


def _is_title(text: str, line_words: Sequence[str]) -> bool:
    """A short line without sentence punctuation that restricts nothing ("MIT License")."""
    stripped = text.strip().strip(_MARKUP)
    return (
        len(line_words) <= TITLE_WORDS
        and not stripped.endswith(_SENTENCE_END)
        and (not restricts(line_words) or not _TITLE_WORDS.isdisjoint(line_words))
    )


def changes_terms(words: Sequence[str]) -> bool:
    """Whether words a reference lacks, found inside its span, change its terms.

    Only words of two letters or more count towards the size (numbers, list markers and the
    pieces of a re-wrapped web address do not), and a run mostly of CJK characters (a
    translation) is judged by its restricting words alone.
    """
    latin = [word for word in words if word.isascii()]
    if restates_export_law(latin):
        return False
    if restricts(latin):
        return True
    if len(latin) < len(words) / 2:
        return False
    wording = [word for word in latin if word.isalpha() and len(word) > 1]
    return len([word for word in wording if word not in _ADDRESS_PARTS]) >= INSERTED_LIMIT


def restates_export_law(words: Sequence[str]) -> bool:
    """Whether a run is a short statement of export law ("accessing the Software from an
    embargoed country as prohibited by the U.S. government"; "comply with all export laws ...
    restrictions on destinations, end users, and end use"): one revision of a license's export
    clause worded otherwise. It restricts only what the law does: any other restricting word
    (a purpose, a field, a user count) still makes it a change."""
    joined = " ".join(words)
    if len(words) > EXPORT_CLAUSE_LIMIT or _EXPORT_LAW.search(joined) is None:
        return False
    return all(_EXPORT_WORDING.match(found.group(0)) for found in _RESTRICTING.finditer(joined))


def recognised(
    run: Run, groups_at: Sequence[int], members: Sequence[Callable[[int], bool]]
) -> bool:
    """Whether one of the given references has most of a run (the rest of a cut-off policy).

    ``members`` tell, for each reference the text resembles, whether a group holds it.
    """
    for member in members:
        unknown = inserted_runs(member, groups_at, max(0, run.first - _COVERED), run.last)
        inside = sum(max(0, min(u.last, run.last) - max(u.first, run.first) + 1) for u in unknown)
        if inside <= (1 - RECOGNISED_SHARE) * run.size:
            return True
    return False


def restricts(words: Sequence[str]) -> bool:
    """Whether normalised words restrict use (a field, a purpose, a user count, a ban)."""
    return _RESTRICTING.search(" ".join(words)) is not None


def describe(key: str, runs: Sequence[Run], words: Words) -> str:
    """A problem note: "modified MIT: 23 words not in the reference (lines 5-6)"."""
    count = sum(run.size for run in runs)
    first = words.line_of(min(run.first for run in runs))
    last = words.line_of(max(run.last for run in runs))
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    plural = "word" if count == 1 else "words"
    return f"modified {key}: {count} {plural} not in the reference ({where})"
