"""Reads for the contest pages, each a fixed number of queries however many entries and votes.

Results rank entries by how many distinct circles voted for them, then by
votes: in the spirit of the guiding rule, what unites across tendencies wins.
They are read only once voting has closed (the views ask
`Contest.results_are_public`); before that a player sees their own votes alone.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q
from django.utils import timezone
from reversion.models import Version

from charter.models import Comment
from contests.models import Contest, Entry, Vote
from personas.models import Tendency


def contests_by_state() -> tuple[list[Contest], list[Contest]]:
    """Current contests (voting still open) and past ones, with entry counts: one query."""
    contests = Contest.objects.annotate(
        entry_count=Count("entries", filter=Q(entries__status=Entry.Status.SUBMITTED))
    )
    now = timezone.now()
    current, past = [], []
    for contest in contests:
        (current if contest.votes_close_at > now else past).append(contest)
    # Current ones by their next deadline; past ones newest first (the model's order).
    current.sort(key=lambda c: (c.entries_close_at, c.pk))
    return current, past


def submitted_entries(contest: Contest) -> list[Entry]:
    """The contest's submitted entries, first submitted first, with persona, circle and
    the number of visible comments: one query."""
    return list(
        contest.entries.submitted()
        .select_related("persona__tendency", "author")
        .annotate(
            comment_count=Count("comments", filter=Q(comments__status=Comment.Status.VISIBLE))
        )
        .order_by("submitted_at", "pk")
    )


def own_entry(contest: Contest, user: AbstractBaseUser | AnonymousUser) -> Entry | None:
    """The reader's own entry in the contest, draft or submitted."""
    if not user.is_authenticated:
        return None
    return (
        Entry.objects.select_related("persona__tendency")
        .filter(contest=contest, author_id=user.pk)
        .first()
    )


def own_votes(contest: Contest, user: AbstractBaseUser | AnonymousUser) -> dict[int, Vote]:
    """The reader's own votes in the contest by entry id: all a player sees before the results."""
    if not user.is_authenticated:
        return {}
    return {
        vote.entry_id: vote
        for vote in Vote.objects.filter(contest=contest, voter_id=user.pk).select_related("entry")
    }


def entry_drafts(entry: Entry) -> list[Version]:
    """Every saved draft of the entry, newest first, with who saved it and when."""
    return list(
        Version.objects.get_for_object(entry)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass
class Standing:
    """One entry's place in the results."""

    entry: Entry
    votes: int = 0
    # The circles whose members voted for it, in the hall's order.
    circles: list[Tendency] = field(default_factory=list)
    rank: int = 0

    @property
    def circle_count(self) -> int:
        return len(self.circles)


@dataclass
class CircleVotes:
    """What one circle's members voted for: who moved whom."""

    circle: Tendency
    votes: list[Vote] = field(default_factory=list)


@dataclass
class Results:
    standings: list[Standing]
    by_circle: list[CircleVotes]

    @property
    def total_votes(self) -> int:
        return sum(standing.votes for standing in self.standings)

    @property
    def winners(self) -> list[Standing]:
        return [s for s in self.standings if s.rank == 1 and s.votes]


def rank(standings: list[Standing]) -> list[Standing]:
    """Order by distinct circles, then votes; equal pairs share a rank (1, 1, 3…).

    Among equals the earlier submission is listed first, for a stable page;
    it does not win the tie.
    """
    ordered = sorted(
        standings,
        key=lambda s: (-s.circle_count, -s.votes, s.entry.submitted_at, s.entry.pk),
    )
    previous = None
    for place, standing in enumerate(ordered, start=1):
        score = (standing.circle_count, standing.votes)
        standing.rank = previous[1] if previous and previous[0] == score else place
        previous = (score, standing.rank)
    return ordered


def results(contest: Contest, entries: list[Entry]) -> Results:
    """The ranking and who moved whom, from every vote of the contest in one query."""
    votes = list(
        Vote.objects.filter(contest=contest)
        .select_related("persona__tendency", "voter")
        .order_by("persona__tendency__position", "persona__tendency__name", "persona__name", "pk")
    )
    standings = {entry.pk: Standing(entry=entry) for entry in entries}
    by_circle: dict[int, CircleVotes] = {}
    for vote in votes:
        standing = standings.get(vote.entry_id)
        if standing is None:
            continue
        vote.entry = standing.entry
        circle = vote.persona.tendency
        standing.votes += 1
        if circle not in standing.circles:
            standing.circles.append(circle)
        by_circle.setdefault(circle.pk, CircleVotes(circle=circle)).votes.append(vote)
    return Results(standings=rank(list(standings.values())), by_circle=list(by_circle.values()))
