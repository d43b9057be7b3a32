"""Players flag comments and clauses for the moderators."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charter.models import Clause, Flag
from charter.services import flags, moderation
from personas.models import Player
from tests.conftest import make_clause, make_comment


@pytest.fixture
def comment(clause, bob):
    return make_comment(clause=clause, author=bob, body="You are all *fools*.")


def comment_url(clause: Clause, comment) -> str:
    return reverse("charter:flag_comment", args=[clause.charter.slug, clause.pk, comment.pk])


def clause_url(clause: Clause) -> str:
    return reverse("charter:flag_clause", args=[clause.charter.slug, clause.pk])


def test_a_player_flags_a_comment_and_it_stays_visible(alice_client, alice, clause, comment):
    response = alice_client.post(
        comment_url(clause, comment), {"reason": "abuse", "details": "Insults everyone"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{clause.get_absolute_url()}#comment-{comment.pk}"
    flag = Flag.objects.get()
    assert (flag.reporter, flag.comment, flag.clause) == (alice, comment, None)
    assert (flag.reason, flag.details, flag.status) == ("abuse", "Insults everyone", "open")
    page = alice_client.get(response["Location"])
    assert "the moderators will look at this comment" in page.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_a_player_flags_a_clause(alice_client, alice, clause):
    response = alice_client.post(clause_url(clause), {"reason": "vandalism", "details": ""})
    assert response.status_code == 302
    assert response["Location"] == clause.get_absolute_url()
    flag = Flag.objects.get()
    assert (flag.clause, flag.comment, flag.reason) == (clause, None, "vandalism")


def test_a_second_flag_on_the_same_comment_gets_a_clear_message(alice_client, clause, comment):
    alice_client.post(comment_url(clause, comment), {"reason": "abuse"})
    response = alice_client.post(comment_url(clause, comment), {"reason": "spam"}, follow=True)
    assert response.status_code == 200
    assert "You have already flagged this comment" in response.content.decode()
    assert Flag.objects.count() == 1


def test_a_second_flag_on_the_same_clause_gets_a_clear_message(alice_client, clause):
    alice_client.post(clause_url(clause), {"reason": "spam"})
    response = alice_client.post(clause_url(clause), {"reason": "spam"}, follow=True)
    assert "You have already flagged this clause" in response.content.decode()
    assert Flag.objects.count() == 1


def test_two_players_may_flag_the_same_comment(alice, charlie, clause, comment, client, rosa):
    Player.objects.filter(user=charlie).update(persona=rosa)
    flags.flag_create(user=alice, comment_id=comment.pk, reason="abuse")
    client.force_login(charlie)
    response = client.post(comment_url(clause, comment), {"reason": "abuse"})
    assert response.status_code == 302
    assert Flag.objects.filter(comment=comment).count() == 2


def test_anonymous_visitors_are_sent_to_log_in(client, clause, comment):
    response = client.post(comment_url(clause, comment), {"reason": "abuse"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Flag.objects.exists()


def test_reading_a_flag_url_writes_nothing(alice_client, clause, comment):
    # A comment's flag form is read on demand (a page, or a fragment for htmx).
    page = alice_client.get(comment_url(clause, comment))
    assert page.status_code == 200 and f'id="id_flag_comment{comment.pk}_reason"' in page.text
    fragment = alice_client.get(comment_url(clause, comment), HTTP_HX_REQUEST="true")
    assert "<form" in fragment.text and "<html" not in fragment.text
    assert alice_client.get(clause_url(clause)).status_code == 405
    assert alice_client.put(comment_url(clause, comment)).status_code == 405
    assert not Flag.objects.exists()


def test_the_flag_form_is_refused_to_its_own_author_and_to_visitors(client, bob, clause, comment):
    client.force_login(bob)
    assert client.get(comment_url(clause, comment), HTTP_HX_REQUEST="true").status_code == 403
    client.logout()
    assert client.get(comment_url(clause, comment)).status_code == 302  # to log in


def test_players_cannot_flag_their_own_comment(client, bob, clause, comment):
    client.force_login(bob)
    response = client.post(comment_url(clause, comment), {"reason": "spam"})
    assert response.status_code == 400
    assert "You cannot flag your own comment." in response.content.decode()
    assert not Flag.objects.exists()


def test_an_unknown_reason_is_refused_and_the_note_is_kept(alice_client, clause, comment):
    response = alice_client.post(
        comment_url(clause, comment), {"reason": "boring", "details": "My careful note"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "is not one of the listed reasons" in body
    assert "My careful note" in body
    assert not Flag.objects.exists()


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\x7f"])
def test_control_characters_in_the_note_are_refused_clearly(alice_client, clause, comment, bad):
    response = alice_client.post(
        comment_url(clause, comment), {"reason": "spam", "details": f"Look{bad} here"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "control characters" in body
    assert "here" in body
    assert not Flag.objects.exists()


def test_an_oversize_note_is_refused_and_kept(alice_client, clause, comment):
    note = "word " * 101 + "end"
    response = alice_client.post(comment_url(clause, comment), {"reason": "spam", "details": note})
    assert response.status_code == 400
    body = response.content.decode()
    assert "at most 500 characters" in body
    assert "word word" in body and "end" in body
    assert not Flag.objects.exists()


def test_unknown_or_foreign_ids_are_not_found(alice_client, clause, comment, charter):
    other = make_clause(charter=charter, title="Elsewhere")
    slug = clause.charter.slug
    urls = [
        reverse("charter:flag_comment", args=[slug, clause.pk, 999_999]),
        reverse("charter:flag_comment", args=[slug, other.pk, comment.pk]),
        reverse("charter:flag_clause", args=[slug, 999_999]),
        reverse("charter:flag_clause", args=["no-such-charter", clause.pk]),
    ]
    for url in urls:
        assert alice_client.post(url, {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_a_hidden_comment_cannot_be_flagged_again(alice_client, mod, clause, comment):
    moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="abuse")
    response = alice_client.post(comment_url(clause, comment), {"reason": "spam"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "already hidden" in body
    assert "fools" not in body
    assert not Flag.objects.exists()


def test_a_removed_clause_cannot_be_flagged(alice_client, clause):
    Clause.objects.filter(pk=clause.pk).update(is_removed=True)
    assert alice_client.post(clause_url(clause), {"reason": "spam"}).status_code == 410


def test_a_suspended_player_cannot_flag_and_is_told_why(alice_client, alice, clause, comment):
    until = timezone.now() + timedelta(days=2)
    Player.objects.filter(user=alice).update(suspended_until=until, suspension_reason="Brigading")
    response = alice_client.post(comment_url(clause, comment), {"reason": "spam"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your account is suspended until" in body and "Brigading" in body
    assert not Flag.objects.exists()


def test_a_player_without_a_persona_is_asked_to_pick_one(client, charlie, clause, comment):
    client.force_login(charlie)
    response = client.post(comment_url(clause, comment), {"reason": "spam"})
    assert response.status_code == 403
    assert "Pick a persona" in response.content.decode()
    assert not Flag.objects.exists()


def test_the_clause_page_offers_the_flag_form_to_players_only(client, alice_client, clause):
    page = alice_client.get(clause.get_absolute_url()).content.decode()
    assert "Flag this clause for the moderators" in page
    assert f'action="{clause_url(clause)}"' in page
    client.logout()
    anonymous = client.get(clause.get_absolute_url()).content.decode()
    assert "Flag this clause" not in anonymous


def test_a_suspended_player_sees_no_flag_form(alice_client, alice, clause):
    until = timezone.now() + timedelta(days=2)
    Player.objects.filter(user=alice).update(suspended_until=until)
    page = alice_client.get(clause.get_absolute_url()).content.decode()
    assert "Flag this clause" not in page


def test_each_comment_by_someone_else_offers_to_flag_it(alice_client, alice, clause, comment):
    own = make_comment(clause=clause, author=alice, body="My own view")
    page = alice_client.get(clause.get_absolute_url()).content.decode()
    assert f'href="{comment_url(clause, comment)}"' in page
    assert f'href="{comment_url(clause, own)}"' not in page


def test_a_hidden_comment_offers_no_flag_form(alice_client, mod, clause, comment):
    moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="abuse")
    page = alice_client.get(clause.get_absolute_url()).content.decode()
    assert f'href="{comment_url(clause, comment)}"' not in page
    assert "Hidden by a moderator" in page
