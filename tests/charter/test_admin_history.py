"""Clause history, revert, recovery and rollback from the admin, through our services."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision

from charter.models import Clause, ModerationAction, RevisionMeta
from charter.services import revisions
from personas.models import Player
from tests.conftest import assert_single_revision, make_clause, revise_clause


@pytest.fixture
def mod_client(client, mod):
    client.force_login(mod)
    return client


def edit(clause: Clause, user, body: str) -> RevisionMeta:
    clause.refresh_from_db()
    return revise_clause(clause, user, body, "an edit").meta


def version_id(meta: RevisionMeta) -> int:
    return meta.revision.version_set.get().pk


def test_the_history_lists_every_revision_with_our_numbers(mod_client, alice, clause):
    edit(clause, alice, "Workers of all lands share one cause and one hall.")
    page = mod_client.get(reverse("admin:charter_clause_history", args=[clause.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "alice as Rosa Luxemburg" in body
    assert "+3" in body and "an edit" in body
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    assert reverse("admin:charter_clause_revision", args=[clause.pk, version_id(seed)]) in body


def test_the_revision_page_shows_the_old_text_and_the_change(mod_client, alice, clause):
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    edit(clause, alice, "Workers of all lands share nothing.")
    url = reverse("admin:charter_clause_revision", args=[clause.pk, version_id(seed)])
    body = mod_client.get(url).content.decode()
    assert "Workers of all lands share one cause." in body
    assert "<ins>one cause</ins>" in body and "<del>nothing</del>" in body
    assert 'name="reason"' in body
    assert Revision.objects.count() == 2


def test_reverting_from_the_admin_goes_through_our_revision_service(mod_client, mod, alice, clause):
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    edit(clause, alice, "Vandalised text.")
    url = reverse("admin:charter_clause_revision", args=[clause.pk, version_id(seed)])
    response = mod_client.post(url, {"reason": "Undo vandalism"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:charter_clause_history", args=[clause.pk])
    clause.refresh_from_db()
    assert clause.body == "Workers of all lands share one cause."
    meta = assert_single_revision(clause, user=mod, comment="Undo vandalism")
    assert (meta.revision_number, meta.kind, meta.persona) == (3, "restore", mod.player.persona)
    assert clause.revision_number == 3
    assert not Revision.objects.filter(meta__isnull=True).exists()
    assert ModerationAction.objects.get().action == "revert_clause"


def test_a_revert_without_a_reason_or_to_the_current_text_changes_nothing(
    mod_client, alice, clause
):
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    url = reverse("admin:charter_clause_revision", args=[clause.pk, version_id(seed)])
    response = mod_client.post(url, {"reason": ""})
    assert response.status_code == 200
    response = mod_client.post(url, {"reason": "why not"})
    assert response.status_code == 200
    assert "already the current text" in response.content.decode()
    assert RevisionMeta.objects.filter(clause=clause).count() == 1


def test_unknown_or_foreign_revisions_are_not_found(mod_client, clause, charter):
    other = make_clause(charter=charter, title="Other")
    foreign = RevisionMeta.objects.get(clause=other, revision_number=1)
    for args in [(clause.pk, 999_999), (clause.pk, version_id(foreign))]:
        url = reverse("admin:charter_clause_revision", args=args)
        assert mod_client.get(url).status_code == 404


def test_players_cannot_revert_from_the_admin(alice_client, alice, clause):
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    edit(clause, alice, "Mine now.")
    url = reverse("admin:charter_clause_revision", args=[clause.pk, version_id(seed)])
    response = alice_client.post(url, {"reason": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    clause.refresh_from_db()
    assert clause.body == "Mine now."


def test_the_clause_change_page_is_read_only_and_shows_the_text(mod_client, clause):
    url = reverse("admin:charter_clause_change", args=[clause.pk])
    body = mod_client.get(url).content.decode()
    assert "Workers of all lands share one cause." in body
    assert 'name="_save"' not in body
    assert mod_client.post(url, {"title": "Hijacked", "body": "x"}).status_code == 403
    clause.refresh_from_db()
    assert clause.title == "Solidarity across borders"
    assert RevisionMeta.objects.filter(clause=clause).count() == 1


# Recovering removed clauses.


@pytest.fixture
def removed(clause, alice):
    revisions.clause_remove(clause_id=clause.pk, user=alice, reason="Duplicate")
    clause.refresh_from_db()
    return clause


def test_the_recover_list_shows_removed_clauses_and_who_removed_them(mod_client, removed):
    page = mod_client.get(reverse("admin:charter_clause_recoverlist"))
    body = page.content.decode()
    assert page.status_code == 200
    assert removed.title in body and "alice" in body and "Duplicate" in body
    changelist = mod_client.get("/admin/charter/clause/").content.decode()
    assert reverse("admin:charter_clause_recoverlist") in changelist


def test_a_moderator_recovers_a_removed_clause(mod_client, mod, removed):
    url = reverse("admin:charter_clause_moderate", args=["recover"])
    assert removed.title in mod_client.get(url, {"ids": removed.pk}).content.decode()
    mod_client.post(url, {"ids": str(removed.pk), "reason": "Not a duplicate"})
    removed.refresh_from_db()
    assert not removed.is_removed
    meta = assert_single_revision(removed, user=mod, comment="Not a duplicate")
    assert (meta.kind, meta.revision_number) == ("recover", 3)


def test_a_removed_clause_is_recovered_with_an_older_text_from_its_history(
    mod_client, mod, alice, clause
):
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    edit(clause, alice, "Spam.")
    revisions.clause_remove(clause_id=clause.pk, user=alice, reason="bye")
    url = reverse("admin:charter_clause_revision", args=[clause.pk, version_id(seed)])
    assert "Recover with this text" in mod_client.get(url).content.decode()
    mod_client.post(url, {"reason": "Bring back the original"})
    clause.refresh_from_db()
    assert (clause.is_removed, clause.body) == (False, "Workers of all lands share one cause.")
    assert RevisionMeta.objects.filter(clause=clause).latest("revision_number").kind == "recover"


def test_the_reversion_recover_url_recovers_through_our_service(mod_client, mod, removed):
    meta = RevisionMeta.objects.get(clause=removed, kind="remove")
    url = reverse("admin:charter_clause_recover", args=[version_id(meta)])
    assert mod_client.post(url, {"reason": "Back"}).status_code == 302
    removed.refresh_from_db()
    assert not removed.is_removed
    assert_single_revision(removed, user=mod, comment="Back")


def test_recovering_a_live_clause_is_reported(mod_client, clause):
    url = reverse("admin:charter_clause_moderate", args=["recover"])
    response = mod_client.post(url, {"ids": str(clause.pk), "reason": "x"})
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("is not removed" in m for m in messages)


# Rolling back a player's edits.


def test_a_moderator_rolls_back_a_players_edits_from_the_player_list(
    mod_client, mod, alice, bob, charter
):
    one = make_clause(charter=charter, title="One", body="First text.")
    two = make_clause(charter=charter, title="Two", body="Second text.")
    since = timezone.now() - timedelta(minutes=1)
    edit(one, bob, "First text, vandalised.")
    edit(two, bob, "Second text, vandalised.")
    edit(two, alice, "Second text, vandalised, then improved.")
    player = Player.objects.get(user=bob)
    response = mod_client.post(
        "/admin/personas/player/", {"action": "moderate_rollback", "_selected_action": [player.pk]}
    )
    confirm = mod_client.get(response["Location"]).content.decode()
    assert "Roll back edits" in confirm and 'name="since"' in confirm
    url = reverse("admin:personas_player_moderate", args=["rollback"])
    response = mod_client.post(
        url,
        {
            "ids": str(player.pk),
            "reason": "Vandal spree",
            "since": since.strftime("%Y-%m-%d %H:%M"),
        },
    )
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Undid bob's edits on 1 clause(s): “One”." in messages
    assert any(m.startswith("Skipped “Two”: alice edited it afterwards") for m in messages)
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.body == "First text."
    assert two.body == "Second text, vandalised, then improved."
    assert_single_revision(one, user=mod, comment="Vandal spree")


def test_a_rollback_needs_a_moment_in_the_past(mod_client, bob):
    player = Player.objects.get(user=bob)
    url = reverse("admin:personas_player_moderate", args=["rollback"])
    later = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = mod_client.post(url, {"ids": str(player.pk), "reason": "x", "since": later})
    assert response.status_code == 200
    assert "Pick a moment in the past." in response.content.decode()
    assert not ModerationAction.objects.exists()
