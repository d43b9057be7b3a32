"""Builders and fixtures for the contest tests.

Three circles play: alice (Rosa Luxemburg, Spartacists), bob (Bakunin,
Anarchists) and carol (William Morris, Utopian socialists); dora plays Karl
Liebknecht, a second Spartacist. charlie has no persona, mod moderates.
Contests are built in the phase a test needs; `move_to` shifts a contest's
deadlines so that it is in another phase now.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from contests import services
from contests.models import Contest, Entry, Phase, Vote
from personas.models import Player
from tests.conftest import make_persona, make_tendency, make_user

DAY = timedelta(days=1)


def make_contest(*, phase: Phase = Phase.ENTRIES, opened_by: User | None = None, **overrides):
    """A contest written straight to the database, in `phase` now."""
    fields = {"slug": f"theme-{Contest.objects.count() + 1}", "theme": "2100", "rules": "Tell it."}
    fields.update(overrides)
    if opened_by is None:
        opened_by = User.objects.filter(is_staff=True).first() or make_user("opener")
    contest = Contest(opened_by=opened_by, **fields)
    contest.rules_html = "<p>Tell it.</p>"
    _set_phase(contest, phase)
    contest.save()
    return contest


def _set_phase(contest: Contest, phase: Phase) -> None:
    now = timezone.now()
    entries, votes = {
        Phase.ENTRIES: (now + 2 * DAY, now + 4 * DAY),
        Phase.VOTING: (now - DAY, now + 2 * DAY),
        Phase.CLOSED: (now - 3 * DAY, now - DAY),
    }[phase]
    contest.entries_close_at, contest.votes_close_at = entries, votes


def move_to(contest: Contest, phase: Phase) -> Contest:
    """Move the contest's deadlines so that it is in `phase` now (as time would)."""
    _set_phase(contest, phase)
    contest.save(update_fields=["entries_close_at", "votes_close_at"])
    return contest


def make_entry(
    *,
    contest: Contest,
    author: User,
    title: str = "News from 2100",
    body: str = "The councils met at dawn, and *everyone* came.",
    submitted: bool = True,
) -> Entry:
    """An entry through the services (versioned like a real one), submitted unless asked not.

    The contest is opened for entries for the time it takes, then put back.
    """
    phase = contest.phase()
    if phase != Phase.ENTRIES:
        move_to(contest, Phase.ENTRIES)
    entry = services.entry_create(contest_id=contest.pk, user=author, title=title, body=body)
    if submitted:
        entry = services.entry_submit(
            entry_id=entry.pk, user=author, revision_number=entry.revision_number
        )
    if phase != Phase.ENTRIES:
        move_to(contest, phase)
        entry.contest = Contest.objects.get(pk=contest.pk)
    return entry


def make_vote(*, entry: Entry, voter: User, slot: int | None = None) -> Vote:
    """A vote written straight to the database (no rules checked), in the voter's persona."""
    taken = set(
        Vote.objects.filter(contest=entry.contest, voter=voter).values_list("slot", flat=True)
    )
    slot = slot or min({1, 2, 3} - taken)
    persona = Player.objects.get(user=voter).persona
    return Vote.objects.create(
        contest=entry.contest, entry=entry, voter=voter, persona=persona, slot=slot
    )


@pytest.fixture
def utopians(db):
    return make_tendency(name="Utopian socialists", slug="utopian-socialists", colour="#2e6b30")


@pytest.fixture
def carol(utopians) -> User:
    morris = make_persona(name="William Morris", slug="william-morris", tendency=utopians)
    return make_user("carol", persona=morris)


@pytest.fixture
def dora(tendency) -> User:
    """A second Spartacist: alice's circle."""
    liebknecht = make_persona(name="Karl Liebknecht", slug="karl-liebknecht", tendency=tendency)
    return make_user("dora", persona=liebknecht)


@pytest.fixture
def contest(mod) -> Contest:
    return make_contest(slug="2100", opened_by=mod)


@pytest.fixture
def voting(mod, alice, bob, carol) -> dict:
    """A contest in its voting phase with one submitted entry per circle."""
    contest = make_contest(slug="voting", opened_by=mod, phase=Phase.VOTING)
    entries = {
        name: make_entry(contest=contest, author=user, title=f"The road of {name}")
        for name, user in (("alice", alice), ("bob", bob), ("carol", carol))
    }
    contest.refresh_from_db()
    return {"contest": contest, **entries}


def suspend(user: User) -> None:
    Player.objects.filter(user=user).update(
        suspended_until=timezone.now() + 2 * DAY, suspension_reason="Flooding the contest"
    )
