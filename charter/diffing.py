"""Word diffs, word counts and three-way merges of plain text.

No Django imports: these functions are pure, easy to test and to benchmark.
"""

import re
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch
from merge3 import Merge3

Op = Literal["equal", "insert", "delete"]

# Words, runs of whitespace and single punctuation marks: a diff at this grain
# reads like a proof-reader's marks rather than a character soup.
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_OPS: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}
# Private-use plane: token ids never collide with surrogates.
_FIRST_CODEPOINT = 0xF0000
DIFF_TIMEOUT_SECONDS = 2.0


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _encode(tokens_a: list[str], tokens_b: list[str]) -> tuple[str, str, list[str]]:
    """Map each distinct token to one character so the diff runs per token."""
    index: dict[str, int] = {}
    table: list[str] = []

    def encode(tokens: list[str]) -> str:
        chars = []
        for token in tokens:
            code = index.get(token)
            if code is None:
                code = index[token] = len(table)
                table.append(token)
            chars.append(chr(_FIRST_CODEPOINT + code))
        return "".join(chars)

    return encode(tokens_a), encode(tokens_b), table


def token_diff(old: list[str], new: list[str]) -> list[tuple[Op, int]]:
    """The edit from token list `old` to `new` as (op, number of tokens) runs."""
    if old == new:
        return [("equal", len(old))] if old else []
    chars_a, chars_b, _ = _encode(old, new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT_SECONDS
    diffs = dmp.diff_main(chars_a, chars_b, checklines=False)
    dmp.diff_cleanupSemantic(diffs)
    runs: list[tuple[Op, int]] = []
    for op, chars in diffs:
        if runs and runs[-1][0] == _OPS[op]:
            runs[-1] = (runs[-1][0], runs[-1][1] + len(chars))
        else:
            runs.append((_OPS[op], len(chars)))
    return runs


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """The edit from `old` to `new` as (op, text) runs at word granularity."""
    if old == new:
        return [("equal", old)] if old else []
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    runs: list[tuple[Op, str]] = []
    i = j = 0
    for op, count in token_diff(old_tokens, new_tokens):
        if op == "insert":
            text = "".join(new_tokens[j : j + count])
            j += count
        elif op == "delete":
            text = "".join(old_tokens[i : i + count])
            i += count
        else:
            text = "".join(old_tokens[i : i + count])
            i += count
            j += count
        runs.append((op, text))
    return runs


def count_words(text: str) -> int:
    return sum(1 for token in tokenize(text) if _is_word(token))


def word_change_counts(old: str, new: str) -> tuple[int, int]:
    """(words added, words removed) between two texts."""
    change = analyse_change(old, new, [], None)
    return change.words_added, change.words_removed


@dataclass(frozen=True)
class MergeResult:
    text: str
    clean: bool


def merge_texts(base: str, mine: str, theirs: str) -> MergeResult:
    """Three-way merge of two edits of `base`.

    Tried line by line (paragraphs are lines), then, if two edits touched the
    same paragraph, sentence by sentence. Clean when the edits touch different
    sentences or make the same change; otherwise `clean` is False and `text`
    is meaningless.
    """
    if mine == theirs:
        return MergeResult(mine, True)
    if mine == base:
        return MergeResult(theirs, True)
    if theirs == base:
        return MergeResult(mine, True)
    merged = _merge(_lines(base), _lines(mine), _lines(theirs))
    if merged is not None:
        if not (mine.endswith("\n") or theirs.endswith("\n")):
            merged = merged.removesuffix("\n")
        return MergeResult(merged, True)
    merged = _merge(sentences(base), sentences(mine), sentences(theirs))
    if merged is not None:
        return MergeResult(merged, True)
    return MergeResult("", False)


def _merge(base: list[str], mine: list[str], theirs: list[str]) -> str | None:
    pieces: list[str] = []
    for group in Merge3(base, mine, theirs).merge_groups():
        if group[0] == "conflict":
            resolved = _resolve_side_by_side(*group[1:])
            if resolved is None:
                return None
            pieces.extend(resolved)
        else:
            pieces.extend(group[1])
    return "".join(pieces)


def _resolve_side_by_side(base: list[str], mine: list[str], theirs: list[str]) -> list[str] | None:
    """A diff3 conflict that is only neighbouring edits: take each piece from whoever changed it.

    diff3 reports two sides' edits of adjacent pieces (say, the first and the
    second sentence of a paragraph) as one conflict. When both sides kept the
    number of pieces and no piece was changed by both, the edits are disjoint
    after all; anything else stays a conflict for a person to resolve.
    """
    if not (len(base) == len(mine) == len(theirs)):
        return None
    merged = []
    for old, a, b in zip(base, mine, theirs, strict=True):
        if a == b or b == old:
            merged.append(a)
        elif a == old:
            merged.append(b)
        else:
            return None
    return merged


# A sentence with its closing marks and trailing spaces, a lone run of marks,
# or a newline: every character falls in exactly one piece, so joining the
# pieces gives back the text.
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*[ \t]*|[.!?]+[ \t]*|\n")


def sentences(text: str) -> list[str]:
    return _SENTENCE.findall(text)


def _lines(text: str) -> list[str]:
    # A final line without a newline would glue onto an insertion after it.
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


# Attribution: who wrote each token of a text, stored run-length encoded as
# [[author, token count], ...] and carried from revision to revision.
Runs = list[list]


def expand_runs(runs: Runs, length: int) -> list:
    authors = [author for author, count in runs for _ in range(count)]
    # Texts saved before attribution existed, or edited outside the service,
    # fall back to "unknown" rather than misattributing words.
    return authors if len(authors) == length else [None] * length


def compress_runs(authors: list) -> Runs:
    runs: Runs = []
    for author in authors:
        if runs and runs[-1][0] == author:
            runs[-1][1] += 1
        else:
            runs.append([author, 1])
    return runs


@dataclass(frozen=True)
class Change:
    words_added: int
    words_removed: int
    attribution: Runs


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def analyse_change(old: str, new: str, old_runs: Runs, author) -> Change:
    """Word counts of an edit and the attribution of the new text, from one diff.

    Kept tokens keep their author; inserted tokens are credited to `author`.
    """
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    old_authors = expand_runs(old_runs, len(old_tokens))
    authors: list = []
    added = removed = 0
    i = j = 0
    for op, count in token_diff(old_tokens, new_tokens):
        if op == "equal":
            authors.extend(old_authors[i : i + count])
            i += count
            j += count
        elif op == "delete":
            removed += sum(1 for t in old_tokens[i : i + count] if _is_word(t))
            i += count
        else:
            added += sum(1 for t in new_tokens[j : j + count] if _is_word(t))
            authors.extend([author] * count)
            j += count
    return Change(added, removed, compress_runs(authors))


def attributed_runs(text: str, runs: Runs) -> list[tuple[object, str]]:
    """Split `text` into (author, text) runs following the stored attribution."""
    tokens = tokenize(text)
    authors = expand_runs(runs, len(tokens))
    pieces: list[tuple[object, str]] = []
    for author, token in zip(authors, tokens, strict=True):
        if pieces and pieces[-1][0] == author:
            pieces[-1] = (author, pieces[-1][1] + token)
        else:
            pieces.append((author, token))
    return pieces
