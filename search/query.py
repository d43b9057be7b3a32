"""Reading a search query the way PostgreSQL's `websearch_to_tsquery` does.

Words must all occur, "quoted words" must occur together, -word must not
occur, and `or` between terms offers alternatives. PostgreSQL parses the
query itself; this parser validates queries on every database (a query with
nothing to look for is refused before it runs) and drives the simpler
matcher and the Python highlighter on SQLite. No Django imports.
"""

import re
from dataclasses import dataclass

# A term: an optional minus, then a quoted phrase (the closing quote may be
# missing: the phrase runs to the end) or a run of anything but space and quotes.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    negated: bool = False

    def pattern(self, *, whole_words: bool = False) -> str:
        """A regex finding the term where a word starts, case left to the caller.

        Without stemming, a word matched at its start stands in for its
        forms: "organis" finds "organise" and "organisation". `whole_words`
        extends the match to the end of the word, for highlighting.
        """
        tail = r"\w*" if whole_words else ""
        return r"\b" + r"\W+".join(re.escape(word) for word in self.words) + tail


@dataclass(frozen=True)
class ParsedQuery:
    # Alternatives (joined by "or"), each a list of terms that must all hold.
    groups: tuple[tuple[Term, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def positive_terms(self) -> list[Term]:
        return [term for group in self.groups for term in group if not term.negated]

    @property
    def every_group_looks_for_something(self) -> bool:
        return all(any(not term.negated for term in group) for group in self.groups)


def parse(query: str) -> ParsedQuery:
    groups: list[tuple[Term, ...]] = []
    current: list[Term] = []
    for match in _TOKEN.finditer(query):
        phrase_minus, phrase, word_minus, bare = match.groups()
        text = phrase if phrase is not None else bare
        words = tuple(word.lower() for word in _WORD.findall(text or ""))
        if not words:
            continue
        if bare is not None and not word_minus and words == ("or",):
            # Like websearch_to_tsquery: "or" between two terms offers an
            # alternative; anywhere else it is ignored.
            if current:
                groups.append(tuple(current))
                current = []
            continue
        current.append(Term(words=words, negated=bool(phrase_minus or word_minus)))
    if current:
        groups.append(tuple(current))
    return ParsedQuery(groups=tuple(groups))
