"""Discussion: comments and replies, and their authors' edits.

A discussion is about a clause or a contest entry; everything that differs
between the two (who may speak, what a comment records, what else it sets
off) is asked of its `charter.subjects.DebateSubject`.

Threads are stored as materialised paths (zero-padded ids), so one ordered
query yields a whole thread in reading order. Posting and editing lock the
poster's Player row: double submits are judged one at a time per player,
never raced past.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from charter import permissions, summaries, text
from charter.models import COMMENT_BODY_MAX, COMMENT_PATH_SEGMENT, Clause, Comment, RevisionMeta
from charter.subjects import ClauseSubject, DebateSubject, subject_of
from config import caching
from personas.models import language_in_use
from personas.selectors import player_of

# The path column holds 255 characters: room for 23 segments (depths 0 to 22).
MAX_PATH_DEPTH = 255 // COMMENT_PATH_SEGMENT - 1
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=10)


@dataclass
class PostResult:
    comment: Comment
    created: bool


def _clean_body(body: str) -> str:
    return text.clean_text(body, max_length=COMMENT_BODY_MAX, required=True, what="A comment")


def comment_path(*, parent: Comment | None, pk: int) -> tuple[str, int]:
    """The materialised path and depth of comment `pk` placed under `parent`."""
    segment = f"{pk:010d}/"
    if parent is None:
        return segment, 0
    if parent.depth >= MAX_PATH_DEPTH:
        # The column is full: file the reply beside its parent. It still sorts
        # after the parent's subtree, and its `parent` still names whom it answers.
        return parent.path[:-COMMENT_PATH_SEGMENT] + segment, parent.depth
    return parent.path + segment, parent.depth + 1


def _reply_parent(subject: DebateSubject, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id).select_related("author").first()
    if parent is None or not subject.owns(parent):
        raise ValidationError(
            _("The comment you are replying to is not part of this discussion."), code="parent"
        )
    if parent.is_hidden:
        raise ValidationError(
            _("A moderator hid the comment you are replying to; it takes no replies."),
            code="parent_hidden",
        )
    return parent


def _clean_side(side: str) -> str:
    if side not in Comment.Side.values:
        raise ValidationError(_("Choose for, against, neutral or no side."), code="side")
    return side


def comment_post(
    *,
    user: AbstractBaseUser,
    body: str,
    clause_id: int | None = None,
    subject: DebateSubject | None = None,
    parent_id: int | None = None,
    side: str = "",
) -> PostResult:
    """Post a comment (or a reply to `parent_id`) on a clause or another subject, in persona."""
    if (clause_id is None) == (subject is None):
        raise TypeError("Post on either a clause (clause_id) or a subject.")
    if subject is None:
        subject = ClauseSubject(Clause(pk=clause_id))
    body = _clean_body(body)
    side = _clean_side(side)
    with transaction.atomic():
        player = player_of(user, lock=True)
        # Read inside the transaction: a clause removed or an entry changed
        # since the page was loaded is judged as it is now.
        subject = subject.reload()
        why = subject.why_cannot_comment(user, player)
        if why:
            raise PermissionDenied(why)
        parent = _reply_parent(subject, parent_id)
        now = timezone.now()
        duplicate = (
            subject.comments()
            .filter(author=user, body=body, created_at__gte=now - DOUBLE_SUBMIT_WINDOW)
            .order_by("-created_at")
            .first()
        )
        if duplicate is not None:
            return PostResult(comment=duplicate, created=False)
        comment = Comment(
            parent=parent,
            author=user,
            persona=player.persona,
            group=player.group,
            side=side,
            created_at=now,
            # Written in the language of the page it was posted from.
            language=language_in_use(),
            **subject.new_comment_fields(),
        )
        comment.set_body(body)
        comment.save()
        # The path embeds the new id, known only after the insert.
        comment.path, comment.depth = comment_path(parent=parent, pk=comment.pk)
        comment.save(update_fields=["path", "depth"])
        subject.comment_saved(comment, user=user, parent=parent, created=True)
        caching.touch(subject.stamp())
    return PostResult(comment=comment, created=True)


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
            RevisionMeta,
            persona=comment.persona,
            kind=RevisionMeta.Kind.COMMENT,
            revision_number=number,
        )


def comment_edit(*, comment_id: int, user: AbstractBaseUser, body: str, side: str) -> Comment:
    """Replace the text of the user's own comment, keeping every earlier text."""
    body = _clean_body(body)
    side = _clean_side(side)
    with transaction.atomic():
        player = player_of(user, lock=True)
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("clause__charter", "entry__contest", "persona", "author")
            .get(pk=comment_id)
        )
        why = permissions.why_cannot_edit_comment(user, player, comment)
        if why:
            raise PermissionDenied(why)
        if comment.body == body and comment.side == side:
            return comment
        versions = Version.objects.get_for_object(comment).count()
        if versions == 0:
            # Comments are not versioned when posted (most are never edited);
            # the first edit records the original text first, dated as posted.
            _record_comment_revision(
                comment=comment,
                user=comment.author,
                summary=summaries.ORIGINAL,
                number=1,
                date=comment.created_at,
            )
            versions = 1
        comment.set_body(body)
        comment.side = side
        comment.edited_at = timezone.now()
        comment.save()
        subject = subject_of(comment)
        subject.comment_saved(comment, user=user, parent=None, created=False)
        _record_comment_revision(
            comment=comment, user=user, summary=summaries.EDITED_BY_AUTHOR, number=versions + 1
        )
        caching.touch(subject.stamp())
    return comment
