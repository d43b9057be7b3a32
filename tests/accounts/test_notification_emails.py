"""Notification emails sent at once, after the transaction that created them commits."""

import logging

from django.core import mail

from charter.models import Notification, Watch
from charter.services import discussion
from tests.accounts.helpers import SITE_URL, Choice, wants_email
from tests.conftest import make_comment, revise_clause


def post_reply(bob_client, clause, parent, body="Answer to you") -> None:
    response = bob_client.post(
        f"{clause.get_absolute_url()}comments/", {"body": body, "parent": parent.pk}
    )
    assert response.status_code == 302, response.content


def test_a_reply_is_emailed_at_once_to_a_player_who_asked_for_it(
    client, alice, bob, clause, django_capture_on_commit_callbacks
):
    wants_email(alice, Choice.IMMEDIATELY)
    root = make_comment(clause=clause, author=alice, body="Borders divide us.")
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(client, clause, root, body="Then **abolish** them.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    reply = Notification.objects.get(user=alice)
    assert message.to == ["alice@example.org"]
    assert message.subject == "Mikhail Bakunin replied to you on “Solidarity across borders”"
    assert "Then abolish them." in message.body
    link = f"{SITE_URL}/charters/virtual-charter/clauses/{clause.pk}/comments/{reply.comment_id}/"
    assert link in message.body
    assert f"{SITE_URL}/accounts/settings/" in message.body  # how to stop
    assert message.extra_headers["List-Unsubscribe"] == f"<{SITE_URL}/accounts/settings/>"
    assert reply.emailed_at is not None


def test_nothing_is_emailed_before_the_transaction_commits(
    client, alice, bob, clause, django_capture_on_commit_callbacks
):
    wants_email(alice, Choice.IMMEDIATELY)
    root = make_comment(clause=clause, author=alice)
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_reply(client, clause, root)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_a_new_revision_is_emailed_with_a_link_to_what_changed(
    alice, bob, clause, django_capture_on_commit_callbacks
):
    wants_email(alice, Choice.IMMEDIATELY)
    Watch.objects.create(user=alice, clause=clause)
    with django_capture_on_commit_callbacks(execute=True):
        revise_clause(clause, bob, "Workers of all lands share one cause, and one table.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Mikhail Bakunin edited “Solidarity across borders” (revision 2)"
    assert f"{SITE_URL}/charters/virtual-charter/clauses/{clause.pk}/diff/?to=" in message.body


def test_players_who_chose_no_email_or_a_digest_or_gave_no_address_get_nothing_now(
    client, alice, bob, charlie, mod, clause, rosa, django_capture_on_commit_callbacks
):
    wants_email(alice, Choice.NONE)
    wants_email(charlie, Choice.DAILY)
    wants_email(mod, Choice.IMMEDIATELY, email="")
    for user in (alice, charlie, mod):
        Watch.objects.create(user=user, clause=clause)
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{clause.get_absolute_url()}comments/", {"body": "Hear me"})
    assert Notification.objects.filter(kind="comment").count() == 3
    assert mail.outbox == []
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()


def test_a_mail_server_that_is_down_never_fails_the_reply_and_is_logged(
    client, alice, bob, clause, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.accounts.helpers.BrokenSMTPBackend"
    wants_email(alice, Choice.IMMEDIATELY)
    root = make_comment(clause=clause, author=alice)
    client.force_login(bob)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        post_reply(client, clause, root, body="Still posted")

    assert clause.comments.filter(body="Still posted").exists()
    note = Notification.objects.get(user=alice)
    assert note.emailed_at is None  # not claimed as told
    assert f"Emailing notification {note.pk} failed" in caplog.text


def test_user_text_stays_plain_text_in_the_email(
    alice, bob, clause, django_capture_on_commit_callbacks
):
    clause.title = "Borders <b>&amp;</b>\r\nBcc: everyone@example.org"
    clause.save()
    wants_email(alice, Choice.IMMEDIATELY)
    Watch.objects.create(user=alice, clause=clause)
    with django_capture_on_commit_callbacks(execute=True):
        discussion.comment_post(
            clause_id=clause.pk, user=bob, body="<script>alert('x')</script> & <i>so</i>"
        )

    message = mail.outbox[0]
    # A line break in a title must not become a header of its own.
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Borders <b>&amp;</b> Bcc: everyone@example.org" in message.subject
    assert "<script>alert('x')</script> & <i>so</i>" in message.body
    assert "&lt;" not in message.body
    assert message.content_subtype == "plain"
    assert message.recipients() == ["alice@example.org"]
    assert not getattr(message, "alternatives", [])


def test_each_notification_gets_its_own_email(
    client, alice, bob, clause, rosa, django_capture_on_commit_callbacks
):
    wants_email(alice, Choice.IMMEDIATELY)
    Watch.objects.create(user=alice, clause=clause)
    with django_capture_on_commit_callbacks(execute=True):
        discussion.comment_post(clause_id=clause.pk, user=bob, body="First")
        discussion.comment_post(clause_id=clause.pk, user=bob, body="Second")
    assert [m.subject for m in mail.outbox] == [
        "Mikhail Bakunin commented on “Solidarity across borders”"
    ] * 2
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
