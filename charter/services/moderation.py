"""Moderating content: flags, hiding comments, locking, reverting and recovering clauses.

Every moderator action asks `permissions.why_cannot_moderate` here, not only
in the admin, and writes one ModerationAction with its reason in the same
transaction, so the audit log cannot miss an action that happened. Nothing
here deletes a row: hidden comments, dismissed flags and undone edits all
stay in the database. Actions on players live in `services.players`.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from charter import permissions, text
from charter.models import (
    MODERATION_REASON_MAX,
    Clause,
    Comment,
    Flag,
    ModerationAction,
    RevisionMeta,
)
from charter.selectors.revisions import clause_version
from charter.services.revisions import record_revision
from charter.subjects import subject_of
from config import caching
from personas.models import Persona
from personas.selectors import player_of

Action = ModerationAction.Action


def clean_reason(reason: str) -> str:
    return text.clean_text(
        reason, max_length=MODERATION_REASON_MAX, required=True, what="The reason"
    )


def require_moderator(moderator: AbstractBaseUser, target: AbstractBaseUser | None = None) -> None:
    """Refuse unless `moderator` may act (on `target`'s account or words, if given)."""
    why = permissions.why_cannot_moderate(moderator, target)
    if why:
        raise PermissionDenied(why)


def persona_of(user: AbstractBaseUser) -> Persona | None:
    player = player_of(user)
    return player.persona if player else None


def log_action(
    *, moderator: AbstractBaseUser, action: str, target: models.Model, reason: str, label: str = ""
) -> ModerationAction:
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        target_type=target._meta.model_name,
        target_id=str(target.pk),
        target_repr=(label or str(target))[:300],
        reason=reason,
    )


def resolve_flags(flags: models.QuerySet, *, moderator: AbstractBaseUser, status: str) -> int:
    return flags.filter(status=Flag.Status.OPEN).update(
        status=status, resolved_at=timezone.now(), resolved_by=moderator
    )


def flag_dismiss(*, flag_id: int, moderator: AbstractBaseUser, reason: str) -> Flag:
    """Close a flag without acting on its target."""
    require_moderator(moderator)
    reason = clean_reason(reason)
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag_id)
        if flag.status != Flag.Status.OPEN:
            raise ValidationError(_("Flag #%(id)s was already resolved.") % {"id": flag.pk})
        flag.status = Flag.Status.DISMISSED
        flag.resolved_at = timezone.now()
        flag.resolved_by = moderator
        flag.save(update_fields=["status", "resolved_at", "resolved_by"])
        log_action(moderator=moderator, action=Action.DISMISS_FLAG, target=flag, reason=reason)
    return flag


# Comments.


def _set_hidden(*, comment_id: int, moderator: AbstractBaseUser, reason: str, hidden: bool):
    reason = clean_reason(reason)
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("author", "clause", "entry")
            .get(pk=comment_id)
        )
        require_moderator(moderator, comment.author)
        if comment.is_hidden == hidden:
            if hidden:
                raise ValidationError(_("Comment #%(id)s is already hidden.") % {"id": comment.pk})
            raise ValidationError(_("Comment #%(id)s is not hidden.") % {"id": comment.pk})
        comment.status = Comment.Status.HIDDEN if hidden else Comment.Status.VISIBLE
        comment.hidden_reason = reason if hidden else ""
        comment.save(update_fields=["status", "hidden_reason"])
        if hidden:
            resolve_flags(comment.flags.all(), moderator=moderator, status=Flag.Status.ACTIONED)
        action = Action.HIDE_COMMENT if hidden else Action.RESTORE_COMMENT
        log_action(moderator=moderator, action=action, target=comment, reason=reason)
        caching.touch(subject_of(comment).stamp())
    return comment


def comment_hide(*, comment_id: int, moderator: AbstractBaseUser, reason: str) -> Comment:
    """Hide a comment from players, keeping its place in the thread; its open flags close."""
    return _set_hidden(comment_id=comment_id, moderator=moderator, reason=reason, hidden=True)


def comment_restore(*, comment_id: int, moderator: AbstractBaseUser, reason: str) -> Comment:
    """Show a hidden comment to everyone again."""
    return _set_hidden(comment_id=comment_id, moderator=moderator, reason=reason, hidden=False)


# Clauses.


def _set_lock(
    *,
    clause_id: int,
    moderator: AbstractBaseUser,
    reason: str,
    locked: bool,
    flag_ids: Iterable[int] = (),
) -> Clause:
    require_moderator(moderator)
    reason = clean_reason(reason)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().select_related("charter").get(pk=clause_id)
        if clause.is_locked == locked:
            if locked:
                raise ValidationError(_("“%(title)s” is already locked.") % {"title": clause.title})
            raise ValidationError(_("“%(title)s” is already unlocked.") % {"title": clause.title})
        clause.is_locked = locked
        # Lock state is not versioned: no revision, just the flag.
        clause.save(update_fields=["is_locked"])
        if locked:
            flags = Flag.objects.filter(models.Q(clause=clause) | models.Q(pk__in=list(flag_ids)))
            resolve_flags(flags, moderator=moderator, status=Flag.Status.ACTIONED)
        action = Action.LOCK_CLAUSE if locked else Action.UNLOCK_CLAUSE
        log_action(moderator=moderator, action=action, target=clause, reason=reason)
        caching.touch(caching.charter_stamp(clause.charter.slug))
    return clause


def clause_lock(
    *, clause_id: int, moderator: AbstractBaseUser, reason: str, flag_ids: Iterable[int] = ()
) -> Clause:
    """Stop players editing a clause (moderators still can); its flags, and `flag_ids`, close."""
    return _set_lock(
        clause_id=clause_id, moderator=moderator, reason=reason, locked=True, flag_ids=flag_ids
    )


def clause_unlock(*, clause_id: int, moderator: AbstractBaseUser, reason: str) -> Clause:
    """Let players edit a locked clause again."""
    return _set_lock(clause_id=clause_id, moderator=moderator, reason=reason, locked=False)


def _version_or_refuse(clause: Clause, version_id: int) -> Version:
    version = clause_version(clause, version_id)
    if version is None:
        raise ValidationError(_("That revision does not belong to this clause."))
    return version


def clause_revert(
    *, clause_id: int, moderator: AbstractBaseUser, version_id: int, reason: str
) -> RevisionMeta:
    """Bring back an earlier revision's text as a new revision credited to the moderator."""
    require_moderator(moderator)
    reason = clean_reason(reason)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().get(pk=clause_id)
        if clause.is_removed:
            raise ValidationError(_("This clause is removed; recover it first."))
        version = _version_or_refuse(clause, version_id)
        old = version.field_dict
        if old["title"] == clause.title and old["body"] == clause.body:
            raise ValidationError(_("That revision's text is already the current text."))
        old_body = clause.body
        clause.title, clause.body = old["title"], old["body"]
        meta = record_revision(
            clause=clause,
            user=moderator,
            persona=persona_of(moderator),
            summary=reason,
            kind=RevisionMeta.Kind.RESTORE,
            old_body=old_body,
            restored_from=version,
        )
        number = (
            RevisionMeta.objects.filter(revision_id=version.revision_id)
            .values_list("revision_number", flat=True)
            .first()
        )
        log_action(
            moderator=moderator,
            action=Action.REVERT_CLAUSE,
            target=clause,
            reason=reason,
            label=f"{clause.title} (back to revision {number})",
        )
    return meta


def clause_recover(
    *, clause_id: int, moderator: AbstractBaseUser, reason: str, version_id: int | None = None
) -> Clause:
    """Bring a removed clause back into its charter, optionally with an earlier text."""
    require_moderator(moderator)
    reason = clean_reason(reason)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().get(pk=clause_id)
        if not clause.is_removed:
            raise ValidationError(_("“%(title)s” is not removed.") % {"title": clause.title})
        old_body = clause.body
        version = None
        if version_id is not None:
            version = _version_or_refuse(clause, version_id)
            clause.title, clause.body = version.field_dict["title"], version.field_dict["body"]
        clause.is_removed = False
        record_revision(
            clause=clause,
            user=moderator,
            persona=persona_of(moderator),
            summary=reason,
            kind=RevisionMeta.Kind.RECOVER,
            old_body=old_body,
            restored_from=version,
        )
        log_action(moderator=moderator, action=Action.RECOVER_CLAUSE, target=clause, reason=reason)
    return clause
