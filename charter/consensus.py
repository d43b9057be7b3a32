"""The minimum-program rule, kept free of Django so it is easy to test and to explain.

A clause belongs to the minimum program when at least MIN_TENDENCIES
tendencies have members who support or oppose its current text, and in none
of those tendencies does opposition reach support. It is deliberately not a
majority vote: one circle that opposes as a whole keeps a clause out, however
many others support it.

Abstaining is a voice that never blocks: a circle whose members only abstain
is shown as abstaining, and counts neither towards the circles needed nor
against the clause.

Callers pass only the stances that count (current, taken on the current text);
staleness is decided where the revision numbers are known.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

SUPPORT = "support"
OPPOSE = "oppose"
ABSTAIN = "abstain"
POSITIONS = (SUPPORT, OPPOSE, ABSTAIN)
MIN_TENDENCIES = 3

K = TypeVar("K", bound=Hashable)
T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Tally:
    """Stances of one tendency on one clause."""

    support: int = 0
    oppose: int = 0
    abstain: int = 0

    @property
    def total(self) -> int:
        return self.support + self.oppose + self.abstain

    @property
    def voiced(self) -> bool:
        """Someone in the circle supports or opposes: abstentions alone are not a verdict."""
        return self.support + self.oppose > 0

    @property
    def supports(self) -> bool:
        return self.support > self.oppose

    @property
    def blocks(self) -> bool:
        """Opposition reaches support in a circle that voiced."""
        return self.voiced and not self.supports

    @property
    def abstains(self) -> bool:
        """Only abstentions: shown, never counted for or against."""
        return self.total > 0 and not self.voiced

    def add(self, position: str, n: int = 1) -> "Tally":
        if position not in POSITIONS:
            raise ValueError(f"unknown position {position!r}")
        counts = {SUPPORT: self.support, OPPOSE: self.oppose, ABSTAIN: self.abstain}
        counts[position] += n
        return Tally(**counts)


@dataclass(frozen=True)
class Verdict(Generic[K, T]):
    """What the rule says about one clause.

    Derived values are cached: templates ask for them many times, and the
    tallies never change after construction.
    """

    clause: K
    tallies: Mapping[T, Tally] = field(default_factory=dict)

    @cached_property
    def voiced(self) -> int:
        """Number of tendencies whose members support or oppose the text."""
        return sum(1 for tally in self.tallies.values() if tally.voiced)

    @cached_property
    def breadth(self) -> int:
        """Number of tendencies in which support outnumbers opposition."""
        return sum(1 for tally in self.tallies.values() if tally.supports)

    @cached_property
    def blocking(self) -> list[tuple[T, Tally]]:
        """Tendencies that keep the clause out, with their tallies: whom to persuade."""
        return [(tendency, tally) for tendency, tally in self.tallies.items() if tally.blocks]

    @cached_property
    def supporters(self) -> list[T]:
        return [tendency for tendency, tally in self.tallies.items() if tally.supports]

    @cached_property
    def abstaining(self) -> list[T]:
        """Tendencies that only abstained: they neither carry nor block."""
        return [tendency for tendency, tally in self.tallies.items() if tally.abstains]

    @cached_property
    def missing(self) -> int:
        """How many more tendencies must voice before the clause can qualify."""
        return max(0, MIN_TENDENCIES - self.voiced)

    @cached_property
    def adopted(self) -> bool:
        return self.voiced >= MIN_TENDENCIES and not self.blocking

    @cached_property
    def contested(self) -> bool:
        return bool(self.blocking)

    @cached_property
    def status(self) -> str:
        """One word for templates: adopted, contested, pending (too few voices) or silent."""
        if self.adopted:
            return "adopted"
        if self.contested:
            return "contested"
        return "pending" if self.voiced or self.abstaining else "silent"


@dataclass(frozen=True)
class Program(Generic[K, T]):
    """The rule applied to a whole charter."""

    adopted: list[Verdict[K, T]]
    contested: list[Verdict[K, T]]
    pending: list[Verdict[K, T]]
    verdicts: dict[K, Verdict[K, T]]


def program_from_tallies(clauses: Mapping[K, Mapping[T, Tally]]) -> Program[K, T]:
    """Apply the rule to clauses given in charter order, already counted per tendency."""
    verdicts = {key: Verdict(clause=key, tallies=dict(tallies)) for key, tallies in clauses.items()}
    order = {key: index for index, key in enumerate(verdicts)}
    adopted = sorted(
        (v for v in verdicts.values() if v.adopted),
        # Broadest support first; the charter's own order breaks ties.
        key=lambda v: (-v.breadth, order[v.clause]),
    )
    contested = [v for v in verdicts.values() if v.contested]
    pending = [v for v in verdicts.values() if not v.adopted and not v.contested]
    return Program(adopted=adopted, contested=contested, pending=pending, verdicts=verdicts)
