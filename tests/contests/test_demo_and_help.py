"""The demo opens the contest "2100" with two original stories, once; the help page explains it."""

from io import StringIO

import pytest
from django.core.management import call_command

from contests.models import Contest, Entry, Phase

pytestmark = pytest.mark.django_db


def test_seed_demo_opens_the_demo_contest_with_two_stories_and_is_idempotent(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Opened the Path to Utopia contest “2100” with two stories." in out.getvalue()
    contest = Contest.objects.get(slug="2100")
    assert contest.phase() == Phase.ENTRIES
    entries = Entry.objects.filter(contest=contest).select_related("persona__tendency", "author")
    assert {(e.author.username, e.persona.name) for e in entries} == {
        ("frank", "William Morris"),
        ("erin", "Anton Pannekoek"),
    }
    assert all(e.is_submitted for e in entries)
    assert len({e.persona.tendency_id for e in entries}) == 2
    assert all(e.body.count("\n\n") >= 2 for e in entries)  # a few paragraphs each

    again = StringIO()
    call_command("seed_demo", stdout=again)
    assert "Opened the Path to Utopia contest" not in again.getvalue()
    assert Contest.objects.count() == 1 and Entry.objects.count() == 2
    assert client.get("/contests/2100/").status_code == 200


def test_without_demo_players_there_is_no_demo_contest(db):
    call_command("seed_demo", "--no-players", verbosity=0)
    assert not Contest.objects.exists()


def test_the_help_page_explains_the_contest(client, db):
    page = client.get("/help/").text
    assert 'id="contests"' in page and 'href="#contests"' in page
    assert "how many <em>different circles</em> voted for them" in page
