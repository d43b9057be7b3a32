"""Moderators see the open-flag count in the site's header and on the admin index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charter.models import Flag
from tests.conftest import make_comment


@pytest.fixture
def flags(clause, alice, bob):
    comment = make_comment(clause=clause, author=bob)
    Flag.objects.create(reporter=alice, comment=comment, reason=Flag.Reason.SPAM)
    Flag.objects.create(reporter=alice, clause=clause, reason=Flag.Reason.SPAM)
    Flag.objects.create(
        reporter=bob, clause=clause, reason=Flag.Reason.SPAM, status=Flag.Status.DISMISSED
    )


def flag_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).text
    return page, [q["sql"] for q in queries.captured_queries if '"charter_flag"' in q["sql"]]


def test_a_moderator_sees_the_open_flag_count_in_the_header_for_one_query(client, mod, flags):
    client.force_login(mod)
    page, queries = flag_queries(client, "/recent/")
    assert (
        '<a class="moderation-link" href="/admin/">Moderation <span class="unread">2'
        '<span class="visually-hidden"> open flags</span></span></a>' in page
    )
    assert len(queries) == 1


@pytest.mark.parametrize("who", ["visitor", "alice"])
def test_players_and_visitors_get_no_link_and_no_query(client, alice, flags, who):
    if who == "alice":
        client.force_login(alice)
    page, queries = flag_queries(client, "/recent/")
    assert "moderation-link" not in page
    assert queries == []


def test_the_admin_index_shows_the_open_flag_count_with_a_link_to_the_queue(client, mod, flags):
    client.force_login(mod)
    page = client.get("/admin/").text
    assert (
        '<a href="/admin/charter/flag/?status__exact=open"><strong>2 open flags</strong></a>'
        in (page)
    )


def test_the_admin_index_says_when_the_queue_is_empty(client, mod, db):
    client.force_login(mod)
    assert "No open flags: the queue is empty." in client.get("/admin/").text


def test_the_clause_list_keeps_locked_removed_and_open_flags_columns(client, mod, clause):
    client.force_login(mod)
    page = client.get("/admin/charter/clause/").text
    for column in ["title", "charter_slug", "locked", "removed", "open_flags"]:
        assert f'class="sortable column-{column}' in page or f"column-{column}" in page, column
