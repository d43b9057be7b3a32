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


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """The edit from `old` to `new` as (op, text) runs at word granularity."""
    if old == new:
        return [("equal", old)] if old else []
    chars_a, chars_b, table = _encode(tokenize(old), tokenize(new))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT_SECONDS
    diffs = dmp.diff_main(chars_a, chars_b, checklines=False)
    dmp.diff_cleanupSemantic(diffs)
    runs: list[tuple[Op, str]] = []
    for op, chars in diffs:
        text = "".join(table[ord(c) - _FIRST_CODEPOINT] for c in chars)
        if runs and runs[-1][0] == _OPS[op]:
            runs[-1] = (runs[-1][0], runs[-1][1] + text)
        else:
            runs.append((_OPS[op], text))
    return runs


def count_words(text: str) -> int:
    return sum(1 for token in tokenize(text) if token[0].isalnum() or token[0] == "_")


def word_change_counts(old: str, new: str) -> tuple[int, int]:
    """(words added, words removed) between two texts."""
    added = removed = 0
    for op, text in word_diff(old, new):
        if op == "insert":
            added += count_words(text)
        elif op == "delete":
            removed += count_words(text)
    return added, removed


@dataclass(frozen=True)
class MergeResult:
    text: str
    clean: bool


def merge_texts(base: str, mine: str, theirs: str) -> MergeResult:
    """Three-way merge of two edits of `base`, line by line (as paragraphs are lines).

    Clean when the edits touch different lines or make the same change;
    otherwise `clean` is False and `text` is meaningless.
    """
    if mine == theirs:
        return MergeResult(mine, True)
    if mine == base:
        return MergeResult(theirs, True)
    if theirs == base:
        return MergeResult(mine, True)
    merger = Merge3(_lines(base), _lines(mine), _lines(theirs))
    merged: list[str] = []
    for group in merger.merge_groups():
        kind = group[0]
        if kind == "conflict":
            return MergeResult("", False)
        merged.extend(group[1])
    text = "".join(merged)
    if not (mine.endswith("\n") or theirs.endswith("\n")):
        text = text.removesuffix("\n")
    return MergeResult(text, True)


def _lines(text: str) -> list[str]:
    # A final line without a newline would glue onto an insertion after it.
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines
