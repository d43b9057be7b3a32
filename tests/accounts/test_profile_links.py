"""Wherever a player's name appears, it leads to their profile."""

from tests.conftest import make_comment, make_stance, revise_clause

ALICE = '<a href="/players/alice/">alice</a>'


def test_a_comment_links_the_player_behind_the_persona(client, alice, clause):
    make_comment(clause=clause, author=alice)
    assert f"played by {ALICE}" in client.get(clause.get_absolute_url()).text


def test_a_stance_reason_links_its_player(client, alice, clause):
    make_stance(clause=clause, user=alice, reason="It unites us.")
    assert f"({ALICE})" in client.get(clause.get_absolute_url()).text


def test_history_recent_changes_and_the_last_change_link_the_editor(client, alice, clause):
    revise_clause(clause, alice, "Workers of all lands share one cause, always.")
    for url in [f"{clause.get_absolute_url()}history/", "/recent/", clause.get_absolute_url()]:
        assert f"({ALICE})" in client.get(url).text, url


def test_the_persona_page_links_its_players_and_their_contributions(client, alice, rosa, clause):
    make_comment(clause=clause, author=alice)
    revise_clause(clause, alice, "A new text.")
    text = client.get(rosa.get_absolute_url()).text
    assert f"<li>{ALICE}</li>" in text
    assert f"a comment by {ALICE}" in text
    assert f"edited by {ALICE}" in text


def test_seed_revisions_name_no_player(client, clause):
    text = client.get(f"{clause.get_absolute_url()}history/").text
    assert "/players/" not in text.split("<main", 1)[1]
