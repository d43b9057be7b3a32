"""Watches and notifications: who hears of a new revision or comment.

Both the revision and the discussion services tell watchers through this
module; it depends on neither of them.
"""

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from charter import permissions
from charter.models import Clause, Comment, Notification, RevisionMeta, Watch
from charter.services.emails import notification_emails_schedule
from personas.selectors import player_of

logger = logging.getLogger(__name__)


def watch(*, user: AbstractBaseUser, clause: Clause) -> Watch:
    """Make sure the user watches the clause (writers watch what they wrote on)."""
    watching, _ = Watch.objects.get_or_create(user=user, clause=clause)
    return watching


def clause_watch(*, clause: Clause, user: AbstractBaseUser, watching: bool) -> bool:
    """Start or stop watching a clause; returns whether the user now watches it."""
    why = permissions.why_cannot_watch(user, player_of(user))
    if why:
        raise PermissionDenied(why)
    with transaction.atomic():
        if watching:
            watch(user=user, clause=clause)
        else:
            Watch.objects.filter(user=user, clause=clause).delete()
    return watching


def watch_toggle(*, clause: Clause, user: AbstractBaseUser) -> bool:
    """Flip the user's watch on a clause; returns whether the user now watches it."""
    watching = Watch.objects.filter(user=user, clause=clause).exists()
    return clause_watch(clause=clause, user=user, watching=not watching)


def comment_notify(*, comment: Comment, parent: Comment | None) -> list[Notification]:
    """Tell the author replied to and the clause's watchers of a new comment."""
    replied_to = parent.author_id if parent is not None else None
    watchers = set(
        Watch.objects.filter(clause_id=comment.clause_id).values_list("user_id", flat=True)
    )
    rows = []
    if replied_to is not None and replied_to != comment.author_id:
        rows.append(Notification(user_id=replied_to, kind=Notification.Kind.REPLY))
    for user_id in sorted(watchers - {comment.author_id, replied_to}):
        rows.append(Notification(user_id=user_id, kind=Notification.Kind.COMMENT))
    for row in rows:
        row.clause_id = comment.clause_id
        row.comment = comment
        row.actor_persona_id = comment.persona_id
        row.created_at = comment.created_at
    return notification_emails_schedule(notifications=Notification.objects.bulk_create(rows))


def revision_notify(*, meta_pk: int) -> list[Notification]:
    """After a clause revision: the editor watches the clause; other watchers hear of it."""
    meta = (
        RevisionMeta.objects.select_related("revision", "clause")
        .defer("attribution")
        .filter(pk=meta_pk, clause__isnull=False)
        .first()
    )
    if meta is None:
        return []
    editor_id = meta.revision.user_id
    with transaction.atomic():
        if editor_id is not None:
            Watch.objects.get_or_create(user_id=editor_id, clause_id=meta.clause_id)
        # Idempotent: a hook that runs twice for one revision tells nobody twice.
        told = Notification.objects.filter(revision_meta=meta).values("user_id")
        watchers = (
            Watch.objects.filter(clause_id=meta.clause_id)
            .exclude(user_id=editor_id)
            .exclude(user_id__in=told)
            .values_list("user_id", flat=True)
        )
        rows = [
            Notification(
                user_id=user_id,
                kind=Notification.Kind.REVISION,
                clause_id=meta.clause_id,
                revision_meta=meta,
                actor_persona_id=meta.persona_id,
                created_at=meta.revision.date_created,
            )
            for user_id in watchers
        ]
        return notification_emails_schedule(notifications=Notification.objects.bulk_create(rows))


def after_revision(meta_pk: int) -> None:
    """Run after a clause revision commits."""
    try:
        revision_notify(meta_pk=meta_pk)
    except Exception:
        # The edit is already committed; a failed notification must not turn
        # the editor's successful save into an error page.
        logger.exception("Notifying watchers of revision meta %s failed", meta_pk)


def notifications_mark_read(
    *, user: AbstractBaseUser, notification_ids: list[int] | None = None
) -> int:
    """Mark the user's unread notifications (all, or the given ones) read; returns how many."""
    unread = Notification.objects.unread().filter(user=user)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    with transaction.atomic():
        return unread.update(read_at=timezone.now())
