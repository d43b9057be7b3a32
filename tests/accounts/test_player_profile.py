"""A player's profile: personas over time, edits, comments and stances."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charter.models import Comment, Stance
from personas.models import Player, Stint
from personas.services import player_play
from tests.conftest import (
    make_clause,
    make_comment,
    make_stance,
    make_user,
    revise_clause,
)


def profile(client, username: str = "alice", query: str = ""):
    return client.get(f"/players/{username}/{query}")


def test_the_profile_lists_the_personas_played_over_time(client, charlie, rosa, bakunin):
    player_play(user=charlie, persona=rosa)
    Stint.objects.filter(player__user=charlie).update(
        started_at=timezone.now() - timedelta(days=40)
    )
    player_play(user=charlie, persona=bakunin)

    response = profile(client, "charlie")
    assert response.status_code == 200
    spans = response.context["spans"]
    assert [(s.persona, s.current) for s in spans] == [(bakunin, True), (rosa, False)]
    assert spans[1].ended == spans[0].started
    text = response.text
    assert text.index("Mikhail Bakunin") < text.index("Rosa Luxemburg")
    assert 'Playing <a href="/personas/mikhail-bakunin/">Mikhail Bakunin</a> since' in text


def test_a_player_written_without_a_stint_still_shows_their_persona(client, alice, rosa):
    # The builders (like older data) set Player.persona directly.
    spans = profile(client).context["spans"]
    assert [(s.persona, s.current) for s in spans] == [(rosa, True)]


def test_a_player_who_never_played_says_so(client, charlie):
    text = profile(client, "charlie").text
    assert "Not playing a persona yet" in text
    assert "No persona played yet." in text
    assert "charlie has not edited, commented or taken a stance yet." in text


def test_the_profile_shows_edits_comments_and_stances_newest_first(client, alice, bob, clause):
    revise_clause(clause, alice, "Workers of all lands share one cause, always.", "Always")
    make_comment(clause=clause, author=alice, body="We must *organise*.")
    make_stance(clause=clause, user=alice, position="support", reason="It unites us.")
    make_comment(clause=clause, author=bob, body="Not alice's words")

    response = profile(client)
    text = response.text
    assert [entry.kind for entry in response.context["page"]] == ["stance", "comment", "edit"]
    assert "<q>Always</q>" in text
    assert "We must organise." in text
    assert "It unites us." in text
    assert "Not alice's words" not in text
    assert "what changed</a>" in text  # the edit's diff
    assert response.context["counts"] == {"edit": 1, "comment": 1, "stance": 1}


def test_the_tabs_show_one_kind_at_a_time(client, alice, clause):
    revise_clause(clause, alice, "A new text.")
    make_comment(clause=clause, author=alice)
    make_stance(clause=clause, user=alice)
    for show, kind in [("edits", "edit"), ("comments", "comment"), ("stances", "stance")]:
        response = profile(client, query=f"?show={show}")
        assert [entry.kind for entry in response.context["page"]] == [kind]
        assert f'href="?show={show}" aria-current="page"' in response.text
    assert len(profile(client, query="?show=junk").context["page"]) == 3


def test_an_earlier_stance_is_marked_as_on_an_earlier_text(client, alice, bob, clause):
    make_stance(clause=clause, user=alice, position="oppose")
    revise_clause(clause, bob, "A changed text.")
    assert "on an earlier text" in profile(client).text


def test_hidden_comments_show_only_to_moderators(client, alice, mod, clause):
    make_comment(clause=clause, author=alice, body="Visible words")
    make_comment(clause=clause, author=alice, body="Abusive words", status=Comment.Status.HIDDEN)
    text = profile(client).text
    assert "Visible words" in text and "Abusive words" not in text

    client.force_login(alice)
    assert "Abusive words" not in profile(client).text  # not even to their author

    client.force_login(mod)
    text = profile(client).text
    assert "Abusive words" in text and "hidden by a moderator" in text


def test_contributions_on_removed_clauses_are_left_out(client, alice, charter):
    gone = make_clause(charter=charter, title="Gone", is_removed=True)
    make_comment(clause=gone, author=alice, body="On a removed clause")
    assert "On a removed clause" not in profile(client).text


def test_the_record_is_paginated(client, alice, clause):
    for n in range(30):
        make_comment(clause=clause, author=alice, body=f"Point {n}")
    first = profile(client)
    assert len(first.context["page"]) == 25
    assert 'href="?page=2"' in first.text
    second = profile(client, query="?show=comments&page=2")
    assert len(second.context["page"]) == 5
    assert 'href="?show=comments&amp;page=1"' in second.text
    assert profile(client, query="?page=junk").status_code == 200


@pytest.mark.parametrize(
    "username", ["nobody", "bad%00name", "a" * 151, "semi;colon", "%F0%9F%98%80"]
)
def test_unknown_or_impossible_usernames_are_a_404(client, alice, username):
    assert client.get(f"/players/{username}/").status_code == 404


def test_usernames_with_django_allowed_punctuation_work(client, db):
    make_user("a.b@c+d-e_f")
    assert client.get("/players/a.b@c+d-e_f/").status_code == 200


def test_the_profile_is_read_only(alice_client):
    assert alice_client.post("/players/alice/").status_code == 405


def test_the_profile_costs_the_same_queries_with_a_long_record(
    client, alice, bob, mod, rosa, bakunin, charter, django_assert_max_num_queries
):
    def contribute(count: int) -> None:
        for n in range(count):
            clause = make_clause(charter=charter, title=f"Clause {n}")
            revise_clause(clause, alice, f"Text {n}, revised.")
            make_comment(clause=clause, author=alice, body=f"Comment {n}")
            make_comment(
                clause=clause, author=alice, body=f"Hidden {n}", status=Comment.Status.HIDDEN
            )
            make_stance(clause=clause, user=alice)
            player_play(user=alice, persona=bakunin if n % 2 else rosa)

    client.force_login(mod)  # a moderator's page holds the most
    contribute(2)
    # Session, user, player and moderator check; three counts, the page and
    # one fetch per kind (plus version ids); personas over time; the header
    # (unread notifications and, for a moderator, the open-flag count).
    with django_assert_max_num_queries(17):
        assert profile(client).status_code == 200
    contribute(20)
    with django_assert_max_num_queries(17):
        response = profile(client)
    assert len(response.context["page"]) == 25
    assert Stance.objects.filter(user=alice).count() == 22
    assert Player.objects.get(user=alice).stints.count() > 10
