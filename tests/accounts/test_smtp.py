"""The digest through a real SMTP server on loopback, as production sends it."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from charter.models import Notification
from charter.services import discussion
from charter.services.emails import notification_digests_send
from tests.accounts.helpers import Choice, wants_email
from tests.conftest import make_comment


class Inbox(Message):
    """Keeps every message the server accepts."""

    def __init__(self) -> None:
        super().__init__()
        self.messages = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Invisible International <noreply@charter.example.org>"
    yield inbox
    controller.stop()


def test_the_digest_arrives_through_a_real_smtp_server(smtp_server, alice, bob, clause):
    wants_email(alice, Choice.DAILY)
    root = make_comment(clause=clause, author=alice, body="Borders divide us.")
    discussion.comment_post(
        clause_id=clause.pk, user=bob, body="Then we cross them — ensemble.", parent_id=root.pk
    )
    assert notification_digests_send().sent == 1

    [message] = smtp_server.messages
    assert message["To"] == "alice@example.org"
    assert message["From"] == "Invisible International <noreply@charter.example.org>"
    assert message["Subject"] == (
        "Your daily digest: 1 notification from the Invisible International"
    )
    assert message["List-Unsubscribe"] == "<https://charter.example.org/accounts/settings/>"
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    assert "Then we cross them — ensemble." in body
    assert Notification.objects.get(user=alice).emailed_at is not None
