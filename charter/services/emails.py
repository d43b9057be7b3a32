"""Notification emails: one per notification at once, or a daily digest.

Each player chooses in their settings (`Player.email_notifications`).
`Notification.emailed_at` records what an email has told. Both paths claim
their rows with SELECT … FOR UPDATE SKIP LOCKED and stamp them in the same
transaction as the send, so two digest runs (or a digest and an immediate
send) never email one notification twice; a failed send rolls its claim
back and leaves the rows for the next digest run. Bodies are plain text, so
user text (titles, comments, persona names) cannot become markup.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from charter.models import Notification
from charter.selectors.revisions import attach_version_ids
from config.after_response import after_commit_and_response
from personas.models import Player

logger = logging.getLogger(__name__)

Choice = Player.EmailNotifications
# A digest lists this many notifications and counts the rest, so a player
# back from a long absence gets a readable email rather than a ledger.
DIGEST_LISTED = 50
SUBJECT_MAX = 180


@dataclass
class DigestReport:
    sent: int = 0
    failed: int = 0


def absolute(path: str) -> str:
    """An absolute link for an email: there is no request to take the host from."""
    return settings.SITE_URL + path


def notification_emails_schedule(*, notifications: list[Notification]) -> list[Notification]:
    """Once the current transaction commits (and the response is sent), email these
    to users who chose "immediately"."""
    ids = [note.pk for note in notifications if note.pk is not None]
    if ids:
        # notification_emails_send never raises: the request that caused the
        # notifications has succeeded whatever happens while emailing.
        after_commit_and_response(partial(notification_emails_send, notification_ids=ids))
    return notifications


def notification_emails_send(*, notification_ids: list[int]) -> int:
    """Email each of these notifications, one email each, to users who chose "immediately".

    Never raises: SMTP trouble is logged, and the rows stay unstamped.
    Returns how many emails went out.
    """
    try:
        with transaction.atomic():
            notes = _claim(
                Notification.objects.filter(
                    pk__in=notification_ids, user__player__email_notifications=Choice.IMMEDIATELY
                )
            )
            if not notes:
                return 0
            _attach_links(notes)
            sent = _send_each(
                [(note.pk, _notification_message(note)) for note in notes],
                on_error=lambda pk: logger.exception("Emailing notification %s failed", pk),
            )
            Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
        return len(sent)
    except Exception:
        logger.exception("Emailing notifications %s failed", notification_ids)
        return 0


def notification_digests_send(*, now: datetime | None = None) -> DigestReport:
    """Send every daily-digest user one email listing their notifications not yet emailed."""
    now = now or timezone.now()
    pending = Notification.objects.filter(
        user_id=OuterRef("user_id"), read_at__isnull=True, emailed_at__isnull=True
    )
    user_ids = list(
        _reachable(Player.objects.filter(email_notifications=Choice.DAILY), prefix="user__")
        .filter(Exists(pending))
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    report = DigestReport()
    if not user_ids:
        return report
    # One SMTP session for the whole run; opening it fails loudly (cron mails that).
    with get_connection() as connection:
        for user_id in user_ids:
            try:
                if notification_digest_send(user_id=user_id, connection=connection, now=now):
                    report.sent += 1
            except Exception:
                report.failed += 1
                logger.exception("Sending the notification digest of user %s failed", user_id)
    return report


def notification_digest_send(
    *, user_id: int, connection: BaseEmailBackend | None = None, now: datetime | None = None
) -> int:
    """Email one digest user their unread notifications not yet emailed; returns how many.

    Raises if the send fails; the claim is then rolled back for the next run.
    """
    with transaction.atomic():
        # One run per reader at a time: SKIP LOCKED takes row locks one by
        # one, so two runs claiming a reader's notifications directly could
        # split them and send two half digests. The player row is the gate.
        gate = (
            Player.objects.select_for_update(skip_locked=True)
            .filter(user_id=user_id, email_notifications=Choice.DAILY)
            .values_list("pk", flat=True)
        )
        if not list(gate):
            return 0
        notes = _claim(Notification.objects.filter(user_id=user_id, read_at__isnull=True))
        if not notes:
            return 0
        _attach_links(notes[:DIGEST_LISTED])
        message = _digest_message(notes[0].user, notes)
        (connection or get_connection()).send_messages([message])
        Notification.objects.filter(pk__in=[note.pk for note in notes]).update(
            emailed_at=now or timezone.now()
        )
    return len(notes)


def _reachable(queryset: QuerySet, *, prefix: str) -> QuerySet:
    """Rows whose user can receive email: active, with an address."""
    return queryset.filter(**{f"{prefix}is_active": True}).exclude(**{f"{prefix}email": ""})


def _claim(queryset: QuerySet[Notification]) -> list[Notification]:
    """Lock and load the not-yet-emailed rows; rows another run holds are skipped, not waited on."""
    return list(
        _reachable(queryset.filter(emailed_at__isnull=True), prefix="user__")
        .select_for_update(skip_locked=True, of=("self",))
        .select_related(
            "user__player",
            "clause__charter",
            "comment",
            "revision_meta",
            "actor_persona__tendency",
        )
        .order_by("created_at", "pk")
    )


def _attach_links(notes: list[Notification]) -> None:
    """Give each notification `link`, in the active language: its comment, or the
    word diff of its revision."""
    metas = [
        note.revision_meta
        for note in notes
        if note.revision_meta is not None and not hasattr(note.revision_meta, "version_id")
    ]
    attach_version_ids(metas)
    for note in notes:
        clause = note.clause
        if note.comment_id is not None:
            path = reverse(
                "charter:comment", args=[clause.charter.slug, clause.pk, note.comment_id]
            )
        elif note.revision_meta is not None and note.revision_meta.version_id:
            path = f"{clause.get_absolute_url()}diff/?to={note.revision_meta.version_id}"
        else:
            path = clause.get_absolute_url()
        note.link = absolute(path)


def _common_context() -> dict:
    return {
        "site_url": settings.SITE_URL,
        "settings_url": absolute(reverse("account_settings")),
        "notifications_url": absolute(reverse("notifications")),
    }


def _headers() -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{absolute(reverse('account_settings'))}>",
        "Auto-Submitted": "auto-generated",
    }


def _subject(text: str) -> str:
    # Titles are user text: a line break would be a header injection (Django
    # refuses it), so every run of whitespace becomes one space.
    subject = " ".join(text.split())
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def _language_of(user: AbstractBaseUser) -> str:
    """The language a person's emails are written in (their choice in settings)."""
    try:
        return user.player.language
    except ObjectDoesNotExist:
        return settings.LANGUAGE_CODE


def _notification_message(note: Notification) -> EmailMessage:
    with translation.override(_language_of(note.user)):
        return _notification_message_in_language(note)


def _notification_message_in_language(note: Notification) -> EmailMessage:
    _attach_links([note])  # the pages in the reader's language
    context = {**_common_context(), "note": note, "user": note.user}
    return EmailMessage(
        subject=_subject(render_to_string("charter/emails/notification_subject.txt", context)),
        body=render_to_string("charter/emails/notification.txt", context),
        to=[note.user.email],
        headers=_headers(),
    )


def _digest_message(user: AbstractBaseUser, notes: list[Notification]) -> EmailMessage:
    with translation.override(_language_of(user)):
        return _digest_message_in_language(user, notes)


def _digest_message_in_language(user: AbstractBaseUser, notes: list[Notification]) -> EmailMessage:
    _attach_links(notes[:DIGEST_LISTED])  # the pages in the reader's language
    context = {
        **_common_context(),
        "user": user,
        "notes": notes[:DIGEST_LISTED],
        "count": len(notes),
        "more": max(0, len(notes) - DIGEST_LISTED),
    }
    return EmailMessage(
        subject=_subject(render_to_string("charter/emails/digest_subject.txt", context)),
        body=render_to_string("charter/emails/digest.txt", context),
        to=[user.email],
        headers=_headers(),
    )


def _send_each(
    messages: list[tuple[int, EmailMessage]], *, on_error: Callable[[int], None]
) -> list[int]:
    """Send each message on one connection; returns the keys of those that went."""
    sent = []
    try:
        connection = get_connection()
        connection.open()
    except Exception:
        logger.exception("Could not connect to the mail server")
        return sent
    try:
        for key, message in messages:
            try:
                connection.send_messages([message])
                sent.append(key)
            except Exception:
                on_error(key)
    finally:
        connection.close()
    return sent


__all__ = [
    "DIGEST_LISTED",
    "DigestReport",
    "absolute",
    "notification_digest_send",
    "notification_digests_send",
    "notification_emails_schedule",
    "notification_emails_send",
]
