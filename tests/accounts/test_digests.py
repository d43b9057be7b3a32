"""The daily digest: `manage.py send_notification_digests`, run by cron."""

import io
import logging

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from charter.models import Comment, Notification, Watch
from charter.services import discussion, notifications
from charter.services.emails import DIGEST_LISTED, notification_digests_send
from tests.accounts.helpers import SITE_URL, Choice, wants_email
from tests.conftest import make_comment, make_user


def digest() -> str:
    out = io.StringIO()
    call_command("send_notification_digests", stdout=out)
    return out.getvalue()


@pytest.fixture
def news(alice, bob, clause):
    """Three notifications for alice (two comments and a reply), one for bob."""
    wants_email(alice, Choice.DAILY)
    Watch.objects.create(user=alice, clause=clause)
    Watch.objects.create(user=bob, clause=clause)
    root = make_comment(clause=clause, author=alice, body="Borders divide us.")
    discussion.comment_post(clause_id=clause.pk, user=bob, body="A *first* thought")
    discussion.comment_post(clause_id=clause.pk, user=bob, body="A second thought")
    discussion.comment_post(clause_id=clause.pk, user=bob, body="Yes!", parent_id=root.pk)
    return Notification.objects.filter(user=alice)


def test_a_digest_player_gets_one_email_listing_their_news(news, alice, clause):
    assert "Sent 1 digest." in digest()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "Your daily digest: 3 notifications from the Invisible International"
    body = message.body
    assert body.index("A first thought") < body.index("A second thought") < body.index("Yes!")
    assert "Mikhail Bakunin replied to you on “Solidarity across borders”" in body
    for note in news:
        comment_url = f"/charters/virtual-charter/clauses/{clause.pk}/comments/{note.comment_id}/"
        assert SITE_URL + comment_url in body
    assert f"{SITE_URL}/accounts/settings/" in body
    assert f"{SITE_URL}/notifications/" in body
    assert not news.filter(emailed_at__isnull=True).exists()


def test_running_the_digest_twice_sends_nothing_twice(news, alice, bob, clause):
    digest()
    assert "Sent 0 digests." in digest()
    assert len(mail.outbox) == 1

    discussion.comment_post(clause_id=clause.pk, user=bob, body="Something new")
    digest()
    assert len(mail.outbox) == 2
    assert "Something new" in mail.outbox[1].body
    assert "A first thought" not in mail.outbox[1].body
    assert mail.outbox[1].subject.startswith("Your daily digest: 1 notification ")


def test_the_digest_leaves_out_what_was_read_on_the_site_and_hidden_comments(news, alice):
    notifications.notifications_mark_read(user=alice, notification_ids=[news.earliest("pk").pk])
    Comment.objects.filter(body="Yes!").update(status=Comment.Status.HIDDEN)
    digest()
    body = mail.outbox[0].body
    assert "A first thought" not in body
    assert "A second thought" in body
    assert "replied to you" in body and "Yes!" not in body


def test_only_digest_players_with_an_address_get_a_digest(news, alice, bob, charlie, clause):
    wants_email(bob, Choice.IMMEDIATELY)
    wants_email(charlie, Choice.DAILY, email="")
    Watch.objects.create(user=charlie, clause=clause)
    discussion.comment_post(clause_id=clause.pk, user=alice, body="For bob and charlie")
    digest()
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_a_long_absence_makes_a_readable_digest(alice, bob, clause):
    wants_email(alice, Choice.DAILY)
    now = timezone.now()
    comments = [make_comment(clause=clause, author=bob, body=f"Point {n}") for n in range(60)]
    Notification.objects.bulk_create(
        Notification(user=alice, kind="comment", clause=clause, comment=c, created_at=now)
        for c in comments
    )
    digest()
    body = mail.outbox[0].body
    assert body.count(f"{SITE_URL}/charters/") == DIGEST_LISTED
    assert f"…and {60 - DIGEST_LISTED} more." in body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_failed_digest_is_kept_for_the_next_run_and_fails_the_command(
    news, alice, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.accounts.helpers.BrokenSMTPBackend"
    with caplog.at_level(logging.ERROR), pytest.raises(CommandError, match="1 digest could not"):
        digest()
    assert "Sending the notification digest of user" in caplog.text
    assert news.filter(emailed_at__isnull=True).count() == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    digest()
    assert len(mail.outbox) == 1
    assert news.filter(emailed_at__isnull=True).count() == 0


def test_a_digest_run_costs_a_few_queries_per_player_however_much_news(
    clause, bob, django_assert_max_num_queries
):
    def news(readers: int, items: int, start: int) -> None:
        users = [wants_email(make_user(f"reader{start + n}"), Choice.DAILY) for n in range(readers)]
        comments = [
            make_comment(clause=clause, author=bob, body=f"Point {n}") for n in range(items)
        ]
        Notification.objects.bulk_create(
            Notification(user=user, kind="comment", clause=clause, comment=comment)
            for user in users
            for comment in comments
        )

    # One query finds who is due; then per player a savepoint, the claim,
    # the version ids of revisions, the stamp and the savepoint's release.
    news(readers=2, items=3, start=0)
    with django_assert_max_num_queries(1 + 2 * 5):
        assert notification_digests_send().sent == 2
    news(readers=2, items=40, start=10)
    with django_assert_max_num_queries(1 + 2 * 5):
        assert notification_digests_send().sent == 2
