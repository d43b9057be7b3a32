"""Small steps shared by the account and email tests."""

from django.contrib.auth.models import User
from django.core.mail.backends.base import BaseEmailBackend

from personas.models import Player

SITE_URL = "https://charter.example.org"
Choice = Player.EmailNotifications


def wants_email(user: User, choice: str, *, email: str | None = None) -> User:
    """Give the user an address and their choice of notification emails."""
    user.email = f"{user.username}@example.org" if email is None else email
    user.save(update_fields=["email"])
    Player.objects.filter(user=user).update(email_notifications=choice)
    return user


class BrokenSMTPBackend(BaseEmailBackend):
    """A mail server that is down: every send raises, as smtplib would."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused")
