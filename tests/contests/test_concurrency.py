"""Votes under concurrency on PostgreSQL: no double vote, no fourth vote, whatever the timing.

Each thread has its own database connection and its own browser-like
client; they are released together by a barrier and post their votes at
once. The promises: a player's votes are at most three and never two for
one entry, every request is answered with success or a clear refusal (never
a 5xx), and different players voting at once do not stand in each other's way.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from contests.models import Phase, Vote
from tests.conftest import make_tendency, make_voter
from tests.contests.conftest import make_contest, make_entry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 10


@pytest.fixture
def world(settings, mod):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    settings.RATELIMIT_ENABLE = False
    home, away = make_tendency(name="Home circle"), make_tendency(name="Away circle")
    contest = make_contest(opened_by=mod, phase=Phase.VOTING)
    entries = [
        make_entry(contest=contest, author=make_voter(tendency=away), title=f"Road {n}")
        for n in range(5)
    ]
    return {"contest": contest, "entries": entries, "home": home}


def run_together(work) -> list[str]:
    """Run work(n) in THREADS threads released at once; returns the failures."""
    failures: list[str] = []
    start = threading.Barrier(THREADS)

    def run(n: int) -> None:
        try:
            start.wait()
            work(n)
        except Exception as error:  # reported below; a thread must not die silently
            failures.append(f"thread {n}: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return failures


def test_one_player_racing_ten_votes_gets_at_most_three_and_no_double(world):
    voter = make_voter(tendency=world["home"])
    entries = world["entries"]
    statuses: list[int] = []

    def vote(n: int) -> None:
        client = Client()
        client.force_login(voter)
        # Threads n and n + 5 vote for the same entry: doubles and fourths at once.
        response = client.post(f"{entries[n % len(entries)].get_absolute_url()}vote/")
        statuses.append(response.status_code)
        if response.status_code == 400:
            assert (
                "already voted for this entry" in response.text
                or "used your 3 votes" in response.text
            ), response.text

    failures = run_together(vote)
    assert not failures, failures
    assert set(statuses) <= {302, 400}, statuses  # never a 5xx, never a silent refusal
    votes = list(Vote.objects.filter(voter=voter).values_list("entry_id", "slot"))
    assert len(votes) == statuses.count(302) == 3
    assert len({entry for entry, _ in votes}) == 3
    assert sorted(slot for _, slot in votes) == [1, 2, 3]


def test_ten_players_voting_for_one_entry_at_once_are_all_counted(world):
    voters = [make_voter(tendency=world["home"]) for _ in range(THREADS)]
    target = world["entries"][0]
    statuses: list[int] = []

    def vote(n: int) -> None:
        client = Client()
        client.force_login(voters[n])
        statuses.append(client.post(f"{target.get_absolute_url()}vote/").status_code)

    failures = run_together(vote)
    assert not failures, failures
    assert statuses == [302] * THREADS
    assert Vote.objects.filter(entry=target).count() == THREADS


def test_the_same_vote_sent_ten_times_at_once_is_counted_once(world):
    from contests import services

    voter = make_voter(tendency=world["home"])
    target = world["entries"][0]
    outcomes: list[str] = []

    def vote(n: int) -> None:
        try:
            services.vote_cast(entry_id=target.pk, user=voter)
            outcomes.append("counted")
        except Exception as error:
            outcomes.append(getattr(error, "code", repr(error)))

    failures = run_together(vote)
    assert not failures, failures
    assert outcomes.count("counted") == 1
    assert set(outcomes) == {"counted", "double"}, outcomes
    assert Vote.objects.filter(voter=voter).count() == 1
