"""The contest's rules as sentences: each refusal says why, `can_` agrees with `why_cannot_`."""

import pytest
from django.contrib.auth.models import AnonymousUser

from charter.dates import when
from contests import permissions
from contests.models import Phase
from tests.contests.conftest import make_entry, move_to, suspend

pytestmark = pytest.mark.django_db


def test_only_moderators_open_contests(alice, mod):
    assert permissions.why_cannot_open_contest(alice) == "Only moderators can open a contest."
    assert permissions.why_cannot_open_contest(AnonymousUser())
    assert permissions.can_open_contest(mod)


def test_entering_needs_a_persona_an_account_in_good_standing_and_time(contest, alice, charlie):
    player = alice.player
    assert permissions.can_enter(alice, player, contest)
    why = permissions.why_cannot_enter(AnonymousUser(), None, contest)
    assert why == "Log in and pick a persona to write an entry." and why.kind == "login"
    why = permissions.why_cannot_enter(charlie, charlie.player, contest)
    assert why.kind == "persona"
    suspend(alice)
    alice.player.refresh_from_db()
    assert permissions.why_cannot_enter(alice, alice.player, contest).kind == "suspended"
    move_to(contest, Phase.VOTING)
    assert permissions.why_cannot_enter(alice, player, contest) == (
        f"Entries for this contest closed on {when(contest.entries_close_at)}."
    )


def test_only_the_author_changes_a_draft_and_only_until_it_is_submitted(contest, alice, bob):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    assert permissions.can_change_entry(alice, alice.player, entry)
    assert permissions.why_cannot_change_entry(bob, bob.player, entry) == (
        "Only its author can change an entry."
    )
    entry.status, entry.submitted_at = "submitted", contest.opened_at
    assert "final" in permissions.why_cannot_change_entry(alice, alice.player, entry)


def test_drafts_are_read_by_their_author_alone(contest, alice, bob):
    draft = make_entry(contest=contest, author=alice, submitted=False)
    assert permissions.can_read_entry(alice, draft)
    assert not permissions.can_read_entry(bob, draft)
    assert not permissions.can_read_entry(AnonymousUser(), draft)


def test_the_vote_rules_in_order(voting, alice, bob, dora):
    bobs = voting["bob"]
    assert permissions.can_vote(alice, alice.player, bobs, own_entry=voting["alice"])
    why = permissions.why_cannot_vote(dora, dora.player, voting["alice"], own_entry=None)
    assert why.startswith("This entry is from your own circle, the Spartacists")
    why = permissions.why_cannot_vote(bob, bob.player, bobs, own_entry=bobs)
    assert why == "You cannot vote for your own entry."
    why = permissions.why_cannot_vote(AnonymousUser(), None, bobs, own_entry=None)
    assert why.kind == "login"
    contest = move_to(voting["contest"], Phase.CLOSED)
    bobs.contest = contest
    assert permissions.why_cannot_vote(alice, alice.player, bobs, own_entry=None) == (
        f"Voting closed on {when(contest.votes_close_at)}."
    )


def test_comments_wait_for_submission(contest, alice, bob):
    draft = make_entry(contest=contest, author=alice, submitted=False)
    assert "still a draft" in permissions.why_cannot_comment_on_entry(bob, bob.player, draft)
    entry = make_entry(contest=contest, author=bob)
    assert permissions.why_cannot_comment_on_entry(alice, alice.player, entry) == ""
