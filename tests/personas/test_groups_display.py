"""Contributions show the group they were made for.

As "Rosa Luxemburg, for the Spartacus group: alice", wherever the persona is
shown with the player: comments, revisions, stances, records and minutes.
"""

import re

import pytest
from django.test import Client

from charter.services import discussion, stances
from personas import groups
from tests.conftest import make_group, revise_clause

WHO = re.compile(r"\s+")


def _text(html: str) -> str:
    """The page's words, without tags, on one line."""
    return WHO.sub(" ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed: stamps are replaced on commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def spartacus(alice, bob):
    return make_group(alice, bob)


def test_a_comment_shows_the_persona_the_group_and_the_player(client, spartacus, alice, clause):
    discussion.comment_post(clause_id=clause.pk, user=alice, body="For the group.")
    page = client.get(clause.get_absolute_url()).text
    assert "Rosa Luxemburg Spartacists for the Spartacus group: alice" in _text(page)
    assert f'href="{spartacus.get_absolute_url()}"' in page


def test_a_comment_outside_groups_is_played_by_its_author(client, charlie, rosa, clause):
    from personas.services import player_play

    player_play(user=charlie, persona=rosa)
    discussion.comment_post(clause_id=clause.pk, user=charlie, body="Alone.")
    assert "played by charlie" in _text(client.get(clause.get_absolute_url()).text)


def test_cached_comment_markup_keeps_the_group_it_was_said_for(
    spartacus, alice, bob, clause, committed
):
    """A comment's markup is cached per comment; the group in it is the one recorded."""
    with committed():
        said = discussion.comment_post(clause_id=clause.pk, user=bob, body="Said for them.")
    reader = Client()
    reader.force_login(alice)
    assert "for the Spartacus group: bob" in _text(reader.get(clause.get_absolute_url()).text)
    with committed():
        groups.group_leave(group_id=spartacus.pk, user=bob)
        later = discussion.comment_post(clause_id=clause.pk, user=bob, body="Said for myself.")
    page = reader.get(clause.get_absolute_url()).text
    first = page[page.index(f'id="comment-{said.comment.pk}"') :][:1500]
    second = page[page.index(f'id="comment-{later.comment.pk}"') :][:1500]
    assert "for the Spartacus group: bob" in _text(first)
    assert "played by bob" in _text(second)


def test_history_recent_changes_and_the_last_change_show_the_group(client, spartacus, bob, clause):
    revise_clause(clause, bob, "Words for the group.", "For them")
    expected = "Rosa Luxemburg, for the Spartacus group: bob"
    for url in (f"{clause.get_absolute_url()}history/", "/recent/", clause.get_absolute_url()):
        assert expected in _text(client.get(url).text), url


def test_the_stance_panel_shows_the_group_s_stance_with_who_set_it_and_why(
    client, spartacus, alice, bob, clause
):
    stances.stance_take(clause_id=clause.pk, user=alice, position="support", reason="Yes.")
    stances.stance_take(clause_id=clause.pk, user=bob, position="oppose", reason="Too vague.")
    page = _text(client.get(clause.get_absolute_url()).text)
    assert "Rosa Luxemburg, for the Spartacus group: bob opposes Too vague." in page
    assert "Yes." not in page  # the earlier stance is history, not a voice
    assert "0 support · 1 oppose" in page


def test_members_see_the_group_s_stance_as_theirs_and_change_it_for_the_group(
    client, spartacus, alice, bob, clause
):
    stances.stance_take(clause_id=clause.pk, user=bob, position="oppose", reason="Too vague.")
    client.force_login(alice)
    page = _text(client.get(clause.get_absolute_url()).text)
    assert "As Rosa Luxemburg, the Spartacus group opposes this clause" in page
    assert "set by bob on revision 1" in page
    assert "Change the group’s stance as Rosa Luxemburg, for the Spartacus group" in page
    response = client.post(
        f"{clause.get_absolute_url()}stance/",
        {"position": "support", "reason": "We agreed.", "revision_number": "1"},
        follow=True,
    )
    page = _text(response.text)
    assert "Stance recorded for the Spartacus group, as Rosa Luxemburg" in page
    assert "Rosa Luxemburg, for the Spartacus group: alice supports We agreed." in page
    assert "Too vague." not in page


def test_the_group_page_shows_the_stance_history_to_members_only(
    client, spartacus, alice, bob, charlie, clause
):
    stances.stance_take(clause_id=clause.pk, user=alice, position="support", reason="First.")
    stances.stance_take(clause_id=clause.pk, user=bob, position="oppose", reason="Second.")
    client.force_login(charlie)
    outsider = _text(client.get(spartacus.get_absolute_url()).text)
    assert "Second." in outsider and "First." not in outsider
    client.force_login(alice)
    member = _text(client.get(spartacus.get_absolute_url()).text)
    assert "Second." in member and "First." in member
    assert "1 earlier stance of the group on this clause" in member


def test_the_minutes_name_the_group_s_dissent(client, spartacus, bob, clause):
    from tests.conftest import make_tendency, make_voter

    for _ in range(2):
        voter = make_voter(tendency=make_tendency())
        stances.stance_take(clause_id=clause.pk, user=voter, position="support", reason="")
    stances.stance_take(clause_id=clause.pk, user=bob, position="oppose", reason="Too vague.")
    minutes = client.get(f"{clause.charter.get_absolute_url()}minimum-program.md").text
    assert "Rosa Luxemburg, for the Spartacus group (Spartacists) opposes" in minutes


def test_records_on_profiles_and_persona_pages_show_the_group(client, spartacus, bob, clause):
    discussion.comment_post(clause_id=clause.pk, user=bob, body="For them.")
    stances.stance_take(clause_id=clause.pk, user=bob, position="support", reason="")
    profile = _text(client.get("/players/bob/").text)
    assert "as Rosa Luxemburg, for the Spartacus group" in profile
    persona = _text(client.get(spartacus.persona.get_absolute_url()).text)
    assert "by bob for the Spartacus group" in persona
    group_page = _text(client.get(spartacus.get_absolute_url()).text)
    assert "For them." in group_page


def test_a_visitors_cached_clause_page_shows_a_member_s_new_stance_at_once(
    spartacus, alice, bob, clause, committed
):
    visitor = Client()
    visitor.get(clause.get_absolute_url())
    with committed():
        stances.stance_take(clause_id=clause.pk, user=bob, position="oppose", reason="Hmm.")
    assert "for the Spartacus group: bob opposes" in _text(
        visitor.get(clause.get_absolute_url()).text
    )
    with committed():
        groups.group_hand_over(group_id=spartacus.pk, user=alice, username="bob")
        groups.group_leave(group_id=spartacus.pk, user=alice)
        groups.group_leave(group_id=spartacus.pk, user=bob)  # dissolved: the stance goes
    assert "bob opposes" not in _text(visitor.get(clause.get_absolute_url()).text)


def test_feeds_name_the_group_beside_the_persona(client, spartacus, bob, clause):
    discussion.comment_post(clause_id=clause.pk, user=bob, body="For them.")
    revise_clause(clause, bob, "Words for the group.", "For them")
    author = "Rosa Luxemburg, for the Spartacus group (bob)"
    assert author in client.get(f"/feeds/clauses/{clause.pk}/comments/").text
    assert author in client.get("/feeds/recent/").text
