"""Suspended players can read but not write, see why and until when, and it ends by itself."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from charter.dates import when
from charter.models import Clause, Comment, Flag, RevisionMeta, Stance
from charter.selectors.revisions import latest_version
from charter.services import players
from charter.services.revisions import clause_revise
from personas.models import Player
from tests.conftest import make_clause, make_comment

REASON = "Spamming the hall"


@pytest.fixture
def suspended(alice, mod):
    players.player_suspend(
        user_id=alice.pk,
        moderator=mod,
        until=timezone.now() + timedelta(days=3),
        reason=REASON,
    )
    return alice


@pytest.fixture
def world(clause, alice, bob):
    """Alice's own comment, bob's comment, and a second clause so moves are possible."""
    second = make_clause(charter=clause.charter, title="Second", body="Second clause.")
    seed = latest_version(clause)
    clause_revise(
        clause_id=clause.pk,
        user=bob,
        title=clause.title,
        body="Workers of all lands share one cause, says bob.",
        summary="",
        base_version_id=seed.pk,
    )
    clause.refresh_from_db()
    return {
        "clause": clause,
        "second": second,
        "own": make_comment(clause=clause, author=alice, body="My own words"),
        "other": make_comment(clause=clause, author=bob, body="Bob's words"),
        "seed": seed,
        "latest": latest_version(clause),
    }


def snapshot(clause: Clause) -> tuple:
    clause.refresh_from_db()
    return (
        clause.title,
        clause.body,
        clause.position,
        clause.is_removed,
        RevisionMeta.objects.count(),
        Clause.objects.count(),
        Comment.objects.count(),
        list(Comment.objects.values_list("body", flat=True).order_by("pk")),
        Stance.objects.count(),
        Flag.objects.count(),
    )


def write_requests(world) -> dict[str, tuple[str, dict]]:
    clause, slug = world["clause"], world["clause"].charter.slug
    args = [slug, clause.pk]
    return {
        "edit": (
            reverse("charter:edit", args=args),
            {
                "title": "Hijacked",
                "body": "Vandalised",
                "summary": "",
                "base_version": world["latest"].pk,
            },
        ),
        "new clause": (
            reverse("charter:clause_new", args=[slug]),
            {"title": "New", "body": "A new clause", "summary": ""},
        ),
        "move": (reverse("charter:move", args=args), {"direction": "down"}),
        "remove": (reverse("charter:remove", args=args), {"summary": "gone"}),
        "revert": (reverse("charter:revert", args=[*args, world["seed"].pk]), {}),
        "comment": (reverse("charter:comment_create", args=args), {"body": "Hello", "side": ""}),
        "comment edit": (
            reverse("charter:comment_edit", args=[*args, world["own"].pk]),
            {"body": "Changed words", "side": ""},
        ),
        "stance": (
            reverse("charter:stance", args=args),
            {"position": "support", "reason": "", "revision": clause.revision_number},
        ),
        "flag clause": (reverse("charter:flag_clause", args=args), {"reason": "spam"}),
        "flag comment": (
            reverse("charter:flag_comment", args=[*args, world["other"].pk]),
            {"reason": "spam"},
        ),
    }


ACTIONS = [
    "edit",
    "new clause",
    "move",
    "remove",
    "revert",
    "comment",
    "comment edit",
    "stance",
    "flag clause",
    "flag comment",
]


@pytest.mark.parametrize("action", ACTIONS)
def test_a_suspended_player_is_refused_everywhere_they_could_write(
    client, suspended, world, action
):
    client.force_login(suspended)
    url, data = write_requests(world)[action]
    before = snapshot(world["clause"])
    response = client.post(url, data)
    if response.status_code == 302:
        told = " ".join(str(m) for m in get_messages(response.wsgi_request))
    else:
        assert response.status_code == 403, response.status_code
        page = response.content.decode()
        # The site-wide notice says it once; the refusal only points at it.
        assert page.count("suspended until") == 1, page
        told = page
    assert "Your account is suspended" in told
    assert snapshot(world["clause"]) == before


@pytest.mark.parametrize("action", ACTIONS)
def test_the_same_requests_succeed_once_the_suspension_has_ended(client, suspended, world, action):
    Player.objects.filter(user=suspended).update(
        suspended_until=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(suspended)
    url, data = write_requests(world)[action]
    before = snapshot(world["clause"])
    response = client.post(url, data)
    assert response.status_code == 302, (action, response.status_code)
    if action != "remove":
        assert snapshot(world["clause"]) != before, action


def test_a_suspended_player_can_still_read(client, suspended, clause):
    client.force_login(suspended)
    for url in [
        "/",
        clause.charter.get_absolute_url(),
        clause.get_absolute_url(),
        reverse("charter:history", args=[clause.charter.slug, clause.pk]),
        "/personas/",
    ]:
        assert client.get(url).status_code == 200, url


def test_a_suspended_player_sees_why_and_until_when_on_every_page(client, suspended, clause):
    client.force_login(suspended)
    until = Player.objects.get(user=suspended).suspended_until
    for url in ["/", clause.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert "Your account is suspended until" in page
        assert until.strftime("%-d %B %Y, %H:%M") in page
        assert REASON in page
        assert "You can still read everything" in page


def test_a_clause_page_says_it_once_and_points_at_it_where_forms_are_withheld(
    client, suspended, clause
):
    Player.objects.filter(user=suspended).update(suspension_reason="Spamming the hall.")
    until = Player.objects.get(user=suspended).suspended_until
    client.force_login(suspended)
    page = client.get(clause.get_absolute_url()).content.decode()
    assert page.count("Your account is suspended until") == 1
    assert page.count(when(until)) == 1
    assert "“Spamming the hall.”" in page and "”." not in page
    # Editing, the stance form and the comment form are withheld: a short pointer each.
    assert page.count('class="notice notice-pointer"') == 3
    assert page.count('href="#suspension-notice"') == 3
    assert 'id="suspension-notice"' in page


def test_the_edit_form_is_not_offered_to_a_suspended_player(client, suspended, clause):
    client.force_login(suspended)
    response = client.get(reverse("charter:edit", args=[clause.charter.slug, clause.pk]))
    assert response.status_code == 403
    assert 'name="body"' not in response.content.decode()


def test_other_players_see_no_suspension_notice(client, suspended, bob, clause):
    client.force_login(bob)
    assert "suspended" not in client.get(clause.get_absolute_url()).content.decode()


def test_a_suspension_ends_by_itself(client, suspended, clause):
    Player.objects.filter(user=suspended).update(
        suspended_until=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(suspended)
    page = client.get(clause.get_absolute_url()).content.decode()
    assert "Your account is suspended" not in page
    response = client.post(
        reverse("charter:comment_create", args=[clause.charter.slug, clause.pk]),
        {"body": "Back again", "side": ""},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(author=suspended, body="Back again").exists()
