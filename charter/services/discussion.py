"""Discussion: comments and replies, their edits, watching and notifications.

Threads are stored as materialised paths (zero-padded ids), so one ordered
query yields a whole thread in reading order. Posting, editing and watching
lock the poster's Player row: double submits and floods are judged one at a
time per player, never raced past.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from charter import permissions
from charter.models import (
    COMMENT_BODY_MAX,
    Clause,
    Comment,
    Notification,
    RevisionMeta,
    Watch,
)
from charter.services.revisions import latest_version
from personas.models import Player
from search.indexing import index_comment

# Each path segment is a 10-digit id and a slash; the column holds 255
# characters, so a path has room for 23 segments (depths 0 to 22).
PATH_SEGMENT = 11
MAX_PATH_DEPTH = 255 // PATH_SEGMENT - 1
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=10)
FLOOD_WINDOW = timedelta(minutes=1)
FLOOD_LIMIT = 10
# Everything below space except tab and newline, and DEL: none of it is
# text a person meant to type, and PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class PostResult:
    comment: Comment
    created: bool


def comment_body_clean(body: str) -> str:
    """The body as it will be stored, or a ValidationError saying what is wrong."""
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL_CHARACTERS.search(body):
        raise ValidationError(
            "Your text contains invisible control characters (such as NUL) that cannot be "
            "stored. Remove them and post again.",
            code="control",
        )
    body = body.strip()
    if not body:
        raise ValidationError("Write something before posting: the comment is empty.", "empty")
    if len(body) > COMMENT_BODY_MAX:
        raise ValidationError(
            f"Comments are limited to {COMMENT_BODY_MAX:,} characters; this one has "
            f"{len(body):,}. Shorten it or split it into replies.",
            code="too_long",
        )
    return body


def comment_path(*, parent: Comment | None, pk: int) -> tuple[str, int]:
    """The materialised path and depth of comment `pk` placed under `parent`."""
    segment = f"{pk:010d}/"
    if parent is None:
        return segment, 0
    if parent.depth >= MAX_PATH_DEPTH:
        # The column is full: file the reply beside its parent. It still sorts
        # after the parent's subtree, and its `parent` still names whom it answers.
        return parent.path[:-PATH_SEGMENT] + segment, parent.depth
    return parent.path + segment, parent.depth + 1


def why_cannot_comment(user: AbstractBaseUser, player: Player | None, clause: Clause) -> str:
    """A sentence explaining why the user may not comment here; empty when they may."""
    if clause.is_removed:
        return "This clause has been removed; its discussion is closed."
    return permissions.why_cannot_write(
        user, player, to="join the debate", before="joining the debate"
    )


def _locked_player(user: AbstractBaseUser) -> Player | None:
    if not user.is_authenticated:
        return None
    return (
        Player.objects.select_for_update(of=("self",))
        .select_related("persona")
        .filter(user=user)
        .first()
    )


def _reply_parent(clause: Clause, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id).select_related("author").first()
    if parent is None or parent.clause_id != clause.pk:
        raise ValidationError(
            "The comment you are replying to is not part of this discussion.", code="parent"
        )
    if parent.is_hidden:
        raise ValidationError(
            "A moderator hid the comment you are replying to; it takes no replies.",
            code="parent_hidden",
        )
    return parent


def _clean_side(side: str) -> str:
    if side not in Comment.Side.values:
        raise ValidationError("Choose for, against, neutral or no side.", code="side")
    return side


def comment_post(
    *,
    clause_id: int,
    user: AbstractBaseUser,
    body: str,
    parent_id: int | None = None,
    side: str = "",
) -> PostResult:
    """Post a comment (or a reply to `parent_id`) as the user's current persona."""
    body = comment_body_clean(body)
    side = _clean_side(side)
    with transaction.atomic():
        player = _locked_player(user)
        clause = Clause.objects.select_related("charter").get(pk=clause_id)
        if not permissions.can_comment(user, player, clause):
            raise PermissionDenied(why_cannot_comment(user, player, clause) or "Not allowed.")
        parent = _reply_parent(clause, parent_id)
        now = timezone.now()
        recent = Comment.objects.filter(author=user, created_at__gte=now - FLOOD_WINDOW)
        duplicate = (
            recent.filter(clause=clause, body=body, created_at__gte=now - DOUBLE_SUBMIT_WINDOW)
            .order_by("-created_at")
            .first()
        )
        if duplicate is not None:
            return PostResult(comment=duplicate, created=False)
        if recent.count() >= FLOOD_LIMIT:
            raise ValidationError(
                f"You have posted {FLOOD_LIMIT} comments in the last minute. Take a breath "
                "and post this one in a moment; your text is kept below.",
                code="flood",
            )
        version = latest_version(clause)
        comment = Comment(
            clause=clause,
            parent=parent,
            author=user,
            persona=player.persona,
            body=body,
            side=side,
            answers_version=version,
            answers_number=clause.revision_number,
            created_at=now,
        )
        comment.save()
        # The path embeds the new id, known only after the insert.
        comment.path, comment.depth = comment_path(parent=parent, pk=comment.pk)
        comment.save(update_fields=["path", "depth"])
        index_comment(comment)
        _watch(user=user, clause=clause)
        _notify_comment(comment=comment, parent=parent)
    return PostResult(comment=comment, created=True)


def _notify_comment(*, comment: Comment, parent: Comment | None) -> None:
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
    Notification.objects.bulk_create(rows)


def _record_comment_revision(
    *,
    comment: Comment,
    user: AbstractBaseUser | None,
    summary: str,
    number: int,
    date: datetime | None = None,
) -> None:
    with reversion.create_revision(atomic=False):
        reversion.add_to_revision(comment)
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(summary)
        if date is not None:
            reversion.set_date_created(date)
        # clause stays NULL: comment revisions must never take a clause's
        # revision numbers (unique per clause) nor show in its history.
        reversion.add_meta(
            RevisionMeta, persona=comment.persona, kind=RevisionMeta.Kind.COMMENT, number=number
        )


def comment_edit(*, comment_id: int, user: AbstractBaseUser, body: str, side: str) -> Comment:
    """Replace the text of the user's own comment, keeping every earlier text."""
    body = comment_body_clean(body)
    side = _clean_side(side)
    with transaction.atomic():
        player = _locked_player(user)
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("clause__charter", "persona", "author")
            .get(pk=comment_id)
        )
        if not permissions.can_edit_comment(user, player, comment):
            raise PermissionDenied(why_cannot_edit_comment(user, player, comment))
        if comment.body == body and comment.side == side:
            return comment
        versions = Version.objects.get_for_object(comment).count()
        if versions == 0:
            # Comments are not versioned when posted (most are never edited);
            # the first edit records the original text first, dated as posted.
            _record_comment_revision(
                comment=comment,
                user=comment.author,
                summary="Original text",
                number=1,
                date=comment.created_at,
            )
            versions = 1
        comment.body, comment.side = body, side
        comment.edited_at = timezone.now()
        comment.save()
        index_comment(comment)
        _record_comment_revision(
            comment=comment, user=user, summary="Edited by its author", number=versions + 1
        )
    return comment


def why_cannot_edit_comment(user: AbstractBaseUser, player: Player | None, comment: Comment) -> str:
    """A sentence explaining why the user may not edit this comment; empty when they may."""
    if not user.is_authenticated:
        return "Log in to edit your comments."
    if comment.author_id != user.pk:
        return "Only its author can edit a comment; nobody edits another player’s words."
    if comment.is_hidden:
        return "A moderator hid this comment, so it can no longer be edited."
    return permissions.why_cannot_write(user, player, to="edit it", before="editing")


def _watch(*, user: AbstractBaseUser, clause: Clause) -> Watch:
    watch, _ = Watch.objects.get_or_create(user=user, clause=clause)
    return watch


def clause_watch(*, clause: Clause, user: AbstractBaseUser, watch: bool) -> bool:
    """Start or stop watching a clause; returns whether the user now watches it."""
    if not user.is_authenticated:
        raise PermissionDenied("Log in to watch clauses.")
    player = Player.objects.filter(user=user).first()
    if player is not None and player.is_suspended:
        raise PermissionDenied(
            f"Your account is suspended until {player.suspended_until:%d %B %Y}."
        )
    with transaction.atomic():
        if watch:
            _watch(user=user, clause=clause)
        else:
            Watch.objects.filter(user=user, clause=clause).delete()
    return watch


def watch_toggle(*, clause: Clause, user: AbstractBaseUser) -> bool:
    """Flip the user's watch on a clause; returns whether the user now watches it."""
    watching = Watch.objects.filter(user=user, clause=clause).exists()
    return clause_watch(clause=clause, user=user, watch=not watching)


def revision_notify(*, meta_pk: int) -> list[Notification]:
    """After a clause revision: the editor watches the clause; other watchers hear of it."""
    meta = (
        RevisionMeta.objects.select_related("revision", "clause")
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
        return Notification.objects.bulk_create(rows)


def notifications_mark_read(
    *, user: AbstractBaseUser, notification_ids: list[int] | None = None
) -> int:
    """Mark the user's unread notifications (all, or the given ones) read; returns how many."""
    unread = Notification.objects.unread().filter(user=user)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    with transaction.atomic():
        return unread.update(read_at=timezone.now())


__all__ = [
    "FLOOD_LIMIT",
    "MAX_PATH_DEPTH",
    "PostResult",
    "clause_watch",
    "comment_body_clean",
    "comment_edit",
    "comment_path",
    "comment_post",
    "notifications_mark_read",
    "revision_notify",
    "watch_toggle",
    "why_cannot_comment",
    "why_cannot_edit_comment",
]
