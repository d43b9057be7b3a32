"""Highlighted snippets as (text, marked) segments, never as markup.

Matches are found by the database's own rules: on PostgreSQL ts_headline
(HighlightAll, so stemmed forms are marked) wraps them in two sentinel
characters, and reads a third in place of "<"; the index cannot contain any
of them, because search.text removes every control character before a row is
written. `split_marked` turns that output into segments. On SQLite
`mark_all` finds the matches with the simpler matcher's patterns. Either
way `excerpt` cuts the same window of words around the first match, so
snippets look alike on both databases. Templates print each segment
autoescaped, wrapping marked ones in <mark>: user text can never become
markup on the results page. No Django imports.
"""

import re
from dataclasses import dataclass

START = "\x02"
STOP = "\x03"
# Stands in for "<" in text given to ts_headline, which would otherwise drop
# what looks like markup (see search.models._untagged).
LT = "\x04"
SNIPPET_WORDS = 30
# Words of context shown before the first match.
LEAD_WORDS = 8
ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool = False


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].marked == segment.marked:
            merged[-1] = Segment(merged[-1].text + segment.text, segment.marked)
        else:
            merged.append(segment)
    return merged


def split_marked(text: str) -> list[Segment]:
    """Segments of text whose matches are wrapped in START … STOP."""
    segments: list[Segment] = []
    marked = False
    for part in re.split(f"([{START}{STOP}])", (text or "").replace(LT, "<")):
        if part == START:
            marked = True
        elif part == STOP:
            marked = False
        else:
            segments.append(Segment(part, marked))
    return _merge(segments)


def mark_all(text: str, patterns: list[str]) -> list[Segment]:
    """All of `text`, every match of the regexes `patterns` (case-insensitive) marked."""
    if not patterns:
        return _merge([Segment(text or "")])
    finder = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    segments: list[Segment] = []
    position = 0
    for match in finder.finditer(text or ""):
        if match.end() > match.start():
            segments.append(Segment(text[position : match.start()]))
            segments.append(Segment(match.group(), marked=True))
            position = match.end()
    segments.append(Segment((text or "")[position:]))
    return _merge(segments)


def _spans(segments: list[Segment]) -> tuple[str, list[tuple[int, int, bool]]]:
    spans, position = [], 0
    for segment in segments:
        spans.append((position, position + len(segment.text), segment.marked))
        position += len(segment.text)
    return "".join(segment.text for segment in segments), spans


def excerpt(segments: list[Segment], *, words: int = SNIPPET_WORDS) -> list[Segment]:
    """About `words` words around the first marked segment, in one line, cuts shown by …"""
    text, spans = _spans(segments)
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return []
    first_mark = next((start for start, _, marked in spans if marked), None)
    first = 0
    if first_mark is not None:
        first = next(i for i, token in enumerate(tokens) if token.end() > first_mark)
        first = max(0, first - LEAD_WORDS)
    last = min(len(tokens), first + words)
    # Near the end, show a full window rather than a few words.
    first = max(0, min(first, last - words))
    begin, end = tokens[first].start(), tokens[last - 1].end()
    window = [
        Segment(_SPACE.sub(" ", text[max(start, begin) : min(stop, end)]), marked)
        for start, stop, marked in spans
        if start < end and stop > begin
    ]
    if first > 0:
        window.insert(0, Segment(ELLIPSIS + " "))
    if last < len(tokens):
        window.append(Segment(" " + ELLIPSIS))
    return _merge(window)
