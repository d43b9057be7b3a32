"""Removed means removed: for everyone but moderators, a removed clause is nowhere."""

import pytest

from charter.services import revisions
from tests.conftest import make_clause, make_comment, make_stance, make_voter, revise_clause


@pytest.fixture
def removed(charter, alice, bob):
    clause = make_clause(charter=charter, title="Vanished title", body="Vanished words.")
    revise_clause(clause, alice, "Vanished words, edited.", summary="vanished summary")
    make_comment(clause=clause, author=bob, body="A vanished comment.")
    for _ in range(3):
        make_stance(clause=clause, user=make_voter())
    revisions.clause_remove(clause_id=clause.pk, user=alice, reason="A duplicate of clause 1")
    return clause


def _leaks(text: str) -> list[str]:
    secrets = ["Vanished title", "Vanished words", "vanished summary", "A vanished comment"]
    return [secret for secret in secrets if secret in text]


@pytest.mark.parametrize(
    "path",
    [
        "/recent/",
        "/charters/virtual-charter/",
        "/charters/virtual-charter/as-of/",
        "/charters/virtual-charter/attribution/",
        "/charters/virtual-charter/minimum-program/",
        "/charters/virtual-charter/minimum-program.md",
        "/personas/rosa-luxemburg/",
        "/personas/mikhail-bakunin/",
    ],
)
def test_no_public_page_shows_a_removed_clause(client, removed, path):
    response = client.get(path)
    assert response.status_code == 200
    assert _leaks(response.content.decode()) == []


def _before_removal(clause) -> str:
    edit = clause.revision_metas.get(revision_number=2)
    return edit.revision.date_created.isoformat()


def test_moderators_still_find_it_in_recent_changes_and_as_of(client, removed, mod):
    as_of = "/charters/virtual-charter/as-of/"
    assert _leaks(client.get(as_of, {"at": _before_removal(removed)}).text) == []
    client.force_login(mod)
    assert "Vanished title" in client.get("/recent/").text
    assert "Vanished words" in client.get(as_of, {"at": _before_removal(removed)}).text


def test_the_tombstone_says_who_removed_it_when_and_why(client, removed):
    response = client.get(removed.get_absolute_url())
    assert response.status_code == 410
    assert "A duplicate of clause 1" in response.text
    assert "Rosa Luxemburg" in response.text and "alice" in response.text
    assert _leaks(response.text) == []
    assert response["Content-Security-Policy"]


def test_a_moderator_recovers_it_from_its_page(client, removed, mod):
    client.force_login(mod)
    page = client.get(removed.get_absolute_url())
    assert page.status_code == 200 and "Recover this clause" in page.text
    response = client.post(f"{removed.get_absolute_url()}recover/", {"reason": "Not a duplicate"})
    assert response.status_code == 302
    removed.refresh_from_db()
    assert not removed.is_removed
    client.logout()
    assert client.get(removed.get_absolute_url()).status_code == 200


def test_players_cannot_recover_and_a_reason_is_required(client, removed, alice, mod):
    client.force_login(alice)
    assert client.post(f"{removed.get_absolute_url()}recover/", {"reason": "x"}).status_code in (
        403,
        410,
    )
    client.force_login(mod)
    client.post(f"{removed.get_absolute_url()}recover/", {"reason": ""})
    removed.refresh_from_db()
    assert removed.is_removed


def test_removing_asks_for_a_reason_and_keeps_the_clause(alice_client, clause):
    url = f"{clause.get_absolute_url()}remove/"
    response = alice_client.post(url, {"summary": ""})
    assert response.status_code == 400
    assert "Say why the clause should go" in response.text
    clause.refresh_from_db()
    assert not clause.is_removed
    assert alice_client.post(url, {"summary": "Merged into clause 2"}).status_code == 302
    clause.refresh_from_db()
    assert clause.is_removed
