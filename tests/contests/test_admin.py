"""Contests in the moderation panel: moderators open them; drafts and votes stay private."""

import pytest

from contests.models import Contest
from tests.contests.conftest import make_entry

pytestmark = pytest.mark.django_db


def test_a_moderator_opens_a_contest_in_the_admin(client, mod):
    client.force_login(mod)
    page = client.get("/admin/contests/contest/add/")
    assert page.status_code == 200
    response = client.post(
        "/admin/contests/contest/add/",
        {
            "theme": "2100",
            "rules": "Tell *it*.",
            "entries_close_at_0": "2099-01-01",
            "entries_close_at_1": "12:00:00",
            "votes_close_at_0": "2099-02-01",
            "votes_close_at_1": "12:00:00",
        },
    )
    assert response.status_code == 302, response.text
    contest = Contest.objects.get()
    assert contest.slug == "2100" and contest.opened_by == mod
    assert "<em>it</em>" in contest.rules_html
    assert client.get(f"/admin/contests/contest/{contest.pk}/change/").status_code == 200


def test_the_admin_form_refuses_deadlines_out_of_order(client, mod):
    client.force_login(mod)
    response = client.post(
        "/admin/contests/contest/add/",
        {
            "theme": "2100",
            "rules": "Rules",
            "entries_close_at_0": "2099-02-01",
            "entries_close_at_1": "12:00:00",
            "votes_close_at_0": "2099-01-01",
            "votes_close_at_1": "12:00:00",
        },
    )
    assert response.status_code == 200
    assert "voting deadline must come after" in response.text
    assert not Contest.objects.exists()


def test_players_do_not_reach_the_contest_admin(client, alice):
    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    assert client.get("/admin/contests/contest/add/").status_code == 403


def test_the_admin_lists_submitted_entries_but_no_drafts(client, contest, mod, alice, bob):
    make_entry(contest=contest, author=alice, title="Public road")
    make_entry(contest=contest, author=bob, title="Private draft", submitted=False)
    client.force_login(mod)
    text = client.get("/admin/contests/entry/").text
    assert "Public road" in text and "Private draft" not in text
