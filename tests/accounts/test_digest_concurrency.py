"""Digest runs at the same moment (two cron hosts, or a slow run overlapping the next).

Row locks with SKIP LOCKED decide who sends what, so these need PostgreSQL.
"""

import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections

from charter.models import Notification
from charter.services.emails import notification_digests_send
from tests.accounts.helpers import Choice, wants_email
from tests.conftest import make_charter, make_clause, make_comment, make_persona, make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class GatedBackend(EmailBackend):
    """Holds the first send (inside its run's transaction) until the test lets it go."""

    inside = threading.Event()
    release = threading.Event()
    first = threading.Lock()

    def send_messages(self, messages):
        if GatedBackend.first.acquire(blocking=False):
            GatedBackend.inside.set()
            assert GatedBackend.release.wait(timeout=20)
        return super().send_messages(messages)


def _news(readers: int, items: int = 3) -> list:
    clause = make_clause(charter=make_charter())
    speaker = make_user("speaker", persona=make_persona())
    comments = [
        make_comment(clause=clause, author=speaker, body=f"Point {n}") for n in range(items)
    ]
    users = [wants_email(make_user(f"reader{n}"), Choice.DAILY) for n in range(readers)]
    Notification.objects.bulk_create(
        Notification(user=user, kind="comment", clause=clause, comment=comment)
        for user in users
        for comment in comments
    )
    return users


def _in_thread(target, results: list, errors: list) -> threading.Thread:
    def run() -> None:
        try:
            results.append(target())
        except Exception as error:  # reported by the test; a thread must not die silently
            errors.append(repr(error))
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_run_that_starts_while_another_is_sending_skips_its_rows(settings):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    settings.EMAIL_BACKEND = "tests.accounts.test_digest_concurrency.GatedBackend"
    _news(readers=1)
    results, errors = [], []
    slow = _in_thread(notification_digests_send, results, errors)
    assert GatedBackend.inside.wait(timeout=20), errors

    # The first run holds the reader's rows, mid-send: the second neither
    # waits for them nor sends them again.
    second = notification_digests_send()
    GatedBackend.release.set()
    slow.join(timeout=30)

    assert not errors
    assert (second.sent, second.failed) == (0, 0)
    assert [(r.sent, r.failed) for r in results] == [(1, 0)]
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_simultaneous_runs_send_each_reader_exactly_one_digest(settings):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    readers = _news(readers=8)
    runs = 4
    start = threading.Barrier(runs)
    results, errors = [], []

    def run():
        start.wait(timeout=20)
        return notification_digests_send()

    threads = [_in_thread(run, results, errors) for _ in range(runs)]
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    assert sum(r.sent for r in results) == len(readers)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in readers)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
