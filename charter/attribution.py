"""Who wrote which words: shares per persona and tendency from stored attribution."""

from collections import Counter
from dataclasses import dataclass

from charter.diffing import attributed_runs, count_words
from personas.models import Persona


@dataclass
class Share:
    persona: Persona | None
    words: int
    percent: float
    offset: float = 0.0  # where its bar segment starts, in percent


def shares(pieces: list[tuple[object, str]], personas: dict[int, Persona]) -> list[Share]:
    """Word shares per persona, largest first; None stands for seed text."""
    words: Counter = Counter()
    for author, text in pieces:
        words[author] += count_words(text)
    total = sum(words.values()) or 1
    result = []
    offset = 0.0
    for author, count in words.most_common():
        if not count:
            continue
        percent = 100 * count / total
        result.append(Share(personas.get(author), count, percent, offset))
        offset += percent
    return result


def pieces_for(text: str, runs: list) -> list[tuple[object, str]]:
    return attributed_runs(text, runs)
