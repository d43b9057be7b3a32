"""Results: entries ranked by distinct circles, then votes; who moved whom, circle by circle."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from contests import selectors
from contests.models import Phase
from contests.selectors import Standing, rank
from tests.conftest import make_tendency, make_voter
from tests.contests.conftest import make_contest, make_entry, make_vote


def standing(name: str, votes: int, circles: int, minute: int) -> Standing:
    entry = SimpleNamespace(
        title=name, pk=minute, submitted_at=timezone.now() + timedelta(minutes=minute)
    )
    return Standing(entry=entry, votes=votes, circles=[object() for _ in range(circles)])


def test_breadth_across_circles_beats_a_larger_vote_from_fewer():
    ranked = rank(
        [
            standing("Four votes, one circle", votes=4, circles=1, minute=1),
            standing("Two votes, two circles", votes=2, circles=2, minute=2),
            standing("Three votes, two circles", votes=3, circles=2, minute=3),
        ]
    )
    assert [(s.entry.title, s.rank) for s in ranked] == [
        ("Three votes, two circles", 1),
        ("Two votes, two circles", 2),
        ("Four votes, one circle", 3),
    ]


def test_equal_circles_and_votes_share_a_rank_and_the_next_rank_is_skipped():
    ranked = rank(
        [
            standing("Later", votes=2, circles=2, minute=5),
            standing("Earlier", votes=2, circles=2, minute=1),
            standing("Nothing", votes=0, circles=0, minute=0),
        ]
    )
    assert [(s.entry.title, s.rank) for s in ranked] == [
        ("Earlier", 1),
        ("Later", 1),
        ("Nothing", 3),
    ]


@pytest.mark.django_db
def test_a_hand_counted_contest():
    """Four circles, four entries, eleven votes, counted by hand.

    | entry (circle)        | votes from                                  | votes | circles |
    | A  Utopian            | Spartacist s1, s2, s3; Anarchist a1         | 4     | 2       |
    | B  Anarchist          | Spartacist s1; Utopian u1; Council c1       | 3     | 3       |
    | C  Spartacist         | Anarchist a1, a2; Council c1                | 3     | 2       |
    | D  Council communist  | Anarchist a2                                | 1     | 1       |

    B moved the most circles and wins with fewer votes than A; A (4 votes)
    and C (3 votes) both moved two circles, so A is second; D is last.
    """
    spartacists, anarchists, utopians, councils = (
        make_tendency(name=name, position=n)
        for n, name in enumerate(["Spartacists", "Anarchists", "Utopians", "Councils"])
    )
    contest = make_contest(phase=Phase.ENTRIES)
    author = {
        circle: make_voter(tendency=circle)
        for circle in (spartacists, anarchists, utopians, councils)
    }
    entry_a = make_entry(contest=contest, author=author[utopians], title="A")
    entry_b = make_entry(contest=contest, author=author[anarchists], title="B")
    entry_c = make_entry(contest=contest, author=author[spartacists], title="C")
    entry_d = make_entry(contest=contest, author=author[councils], title="D")
    s1, s2, s3 = (make_voter(tendency=spartacists) for _ in range(3))
    a1, a2 = (make_voter(tendency=anarchists) for _ in range(2))
    u1, c1 = make_voter(tendency=utopians), make_voter(tendency=councils)
    ballots = {
        entry_a: [s1, s2, s3, a1],
        entry_b: [s1, u1, c1],
        entry_c: [a1, a2, c1],
        entry_d: [a2],
    }
    for entry, voters in ballots.items():
        for voter in voters:
            make_vote(entry=entry, voter=voter)

    contest.refresh_from_db()
    results = selectors.results(contest, selectors.submitted_entries(contest))

    table = [
        (s.entry.title, s.rank, s.votes, [c.name for c in s.circles]) for s in results.standings
    ]
    assert table == [
        ("B", 1, 3, ["Spartacists", "Utopians", "Councils"]),
        ("A", 2, 4, ["Spartacists", "Anarchists"]),
        ("C", 3, 3, ["Anarchists", "Councils"]),
        ("D", 4, 1, ["Anarchists"]),
    ]
    assert [w.entry.title for w in results.winners] == ["B"]
    assert results.total_votes == 11
    moved = {
        group.circle.name: sorted(vote.entry.title for vote in group.votes)
        for group in results.by_circle
    }
    assert moved == {
        "Spartacists": ["A", "A", "A", "B"],
        "Anarchists": ["A", "C", "C", "D"],
        "Utopians": ["B"],
        "Councils": ["B", "C"],
    }
    assert [group.circle.name for group in results.by_circle] == [
        "Spartacists",
        "Anarchists",
        "Utopians",
        "Councils",
    ]
