"""Flags and moderation: hiding, locking, suspending, recovering, rolling back.

Every moderator action checks `is_moderator` here, not only in the admin, and
writes one ModerationAction with its reason in the same transaction, so the
audit log cannot miss an action that happened. Nothing here deletes a row:
hidden comments, dismissed flags and undone edits all stay in the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from reversion.models import Version

from charter import permissions
from charter.models import Clause, Comment, Flag, ModerationAction, RevisionMeta
from charter.services.revisions import clause_version, record_revision
from personas.models import Persona, Player

REASON_MAX = 300
FLAG_DETAILS_MAX = 500
Action = ModerationAction.Action


class AlreadyFlagged(ValidationError):
    """The reporter has flagged this target before: one flag per person and target."""


@dataclass
class RollbackReport:
    restored: list[RevisionMeta] = field(default_factory=list)
    skipped: list[tuple[Clause, str]] = field(default_factory=list)


def _is_control(char: str) -> bool:
    return (ord(char) < 32 and char not in "\n\t") or ord(char) == 127


def _clean_text(text: str, *, what: str, limit: int, required: bool) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationError(f"Give a {what}: it is kept in the moderation log.")
    if len(text) > limit:
        raise ValidationError(f"Keep the {what} to at most {limit} characters.")
    if any(_is_control(c) for c in text):
        raise ValidationError(f"The {what} contains control characters; please retype it.")
    return text


def _reason(reason: str) -> str:
    return _clean_text(reason, what="reason", limit=REASON_MAX, required=True)


def _require_moderator(user: AbstractBaseUser) -> None:
    if not permissions.is_moderator(user):
        raise PermissionDenied("Only moderators can do that.")


def _persona_of(user: AbstractBaseUser) -> Persona | None:
    player = Player.objects.select_related("persona").filter(user=user).first()
    return player.persona if player else None


def _log(
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


def _resolve_flags(flags: models.QuerySet, *, moderator: AbstractBaseUser, status: str) -> int:
    return flags.filter(status=Flag.Status.OPEN).update(
        status=status, resolved_at=timezone.now(), resolved_by=moderator
    )


def why_cannot_write(user: AbstractBaseUser, player: Player | None) -> str:
    """A sentence explaining why this person may not contribute; empty when they may."""
    return permissions.why_cannot_write(user, player, to="flag it", before="flagging")


# Flags (players).


def can_flag(user: AbstractBaseUser, player: Player | None, *, comment: Comment | None) -> bool:
    """May this reader flag the comment (or, with None, the clause they are reading)?"""
    if not permissions.can_write(user, player):
        return False
    return comment is None or (not comment.is_hidden and comment.author_id != user.pk)


def flag_create(
    *,
    user: AbstractBaseUser,
    reason: str,
    details: str = "",
    comment_id: int | None = None,
    clause_id: int | None = None,
) -> Flag:
    """Report a comment or a clause to the moderators, once per person and target."""
    player = Player.objects.filter(user=user).first() if user.is_authenticated else None
    if not permissions.can_write(user, player):
        raise PermissionDenied(why_cannot_write(user, player) or "You cannot flag this.")
    if (comment_id is None) == (clause_id is None):
        raise ValidationError("Flag either a comment or a clause.")
    if reason not in Flag.Reason.values:
        raise ValidationError("Pick a reason from the list.")
    details = _clean_text(details, what="note", limit=FLAG_DETAILS_MAX, required=False)
    if comment_id is not None:
        comment = Comment.objects.select_related("clause").filter(pk=comment_id).first()
        if comment is None or comment.clause.is_removed:
            raise ValidationError("That comment does not exist.")
        if comment.is_hidden:
            raise ValidationError("A moderator has already hidden this comment.")
        if comment.author_id == user.pk:
            raise ValidationError("You cannot flag your own comment.")
        target = {"comment": comment}
        noun = "comment"
    else:
        clause = Clause.objects.filter(pk=clause_id).first()
        if clause is None or clause.is_removed:
            raise ValidationError("That clause does not exist.")
        target = {"clause": clause}
        noun = "clause"
    already = f"You have already flagged this {noun}; a moderator will look at it."
    if Flag.objects.filter(reporter=user, **target).exists():
        raise AlreadyFlagged(already)
    try:
        with transaction.atomic():
            return Flag.objects.create(reporter=user, reason=reason, details=details, **target)
    except IntegrityError:
        # A double submit raced past the check above.
        raise AlreadyFlagged(already) from None


def flag_dismiss(*, flag_id: int, moderator: AbstractBaseUser, reason: str) -> Flag:
    """Close a flag without acting on its target."""
    _require_moderator(moderator)
    reason = _reason(reason)
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag_id)
        if flag.status != Flag.Status.OPEN:
            raise ValidationError(f"Flag #{flag.pk} was already resolved.")
        flag.status = Flag.Status.DISMISSED
        flag.resolved_at = timezone.now()
        flag.resolved_by = moderator
        flag.save(update_fields=["status", "resolved_at", "resolved_by"])
        _log(moderator=moderator, action=Action.DISMISS_FLAG, target=flag, reason=reason)
    return flag


# Comments.


def comment_hide(*, comment_id: int, moderator: AbstractBaseUser, reason: str) -> Comment:
    """Hide a comment from players, keeping its place in the thread; its open flags close."""
    _require_moderator(moderator)
    reason = _reason(reason)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment_id)
        if comment.is_hidden:
            raise ValidationError(f"Comment #{comment.pk} is already hidden.")
        comment.status = Comment.Status.HIDDEN
        comment.hidden_reason = reason
        comment.save(update_fields=["status", "hidden_reason"])
        _resolve_flags(comment.flags.all(), moderator=moderator, status=Flag.Status.ACTIONED)
        _log(moderator=moderator, action=Action.HIDE_COMMENT, target=comment, reason=reason)
    return comment


def comment_restore(*, comment_id: int, moderator: AbstractBaseUser, reason: str) -> Comment:
    """Show a hidden comment to everyone again."""
    _require_moderator(moderator)
    reason = _reason(reason)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment_id)
        if not comment.is_hidden:
            raise ValidationError(f"Comment #{comment.pk} is not hidden.")
        comment.status = Comment.Status.VISIBLE
        comment.hidden_reason = ""
        comment.save(update_fields=["status", "hidden_reason"])
        _log(moderator=moderator, action=Action.RESTORE_COMMENT, target=comment, reason=reason)
    return comment


# Clauses.


def _set_lock(
    *,
    clause_id: int,
    moderator: AbstractBaseUser,
    reason: str,
    locked: bool,
    flag_ids: Iterable[int] = (),
) -> Clause:
    _require_moderator(moderator)
    reason = _reason(reason)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().get(pk=clause_id)
        if clause.is_locked == locked:
            state = "locked" if locked else "unlocked"
            raise ValidationError(f"“{clause.title}” is already {state}.")
        clause.is_locked = locked
        # Lock state is not versioned: no revision, just the flag.
        clause.save(update_fields=["is_locked"])
        if locked:
            flags = Flag.objects.filter(models.Q(clause=clause) | models.Q(pk__in=list(flag_ids)))
            _resolve_flags(flags, moderator=moderator, status=Flag.Status.ACTIONED)
        action = Action.LOCK_CLAUSE if locked else Action.UNLOCK_CLAUSE
        _log(moderator=moderator, action=action, target=clause, reason=reason)
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


def _revision_number(version: Version) -> int | None:
    return (
        RevisionMeta.objects.filter(revision_id=version.revision_id)
        .values_list("number", flat=True)
        .first()
    )


def clause_revert(
    *, clause_id: int, moderator: AbstractBaseUser, version_id: int, reason: str
) -> RevisionMeta:
    """Bring back an earlier revision's text as a new revision credited to the moderator."""
    _require_moderator(moderator)
    reason = _reason(reason)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().get(pk=clause_id)
        if clause.is_removed:
            raise ValidationError("This clause is removed; recover it first.")
        version = clause_version(clause, version_id)
        old = version.field_dict
        if old["title"] == clause.title and old["body"] == clause.body:
            raise ValidationError("That revision's text is already the current text.")
        old_body = clause.body
        clause.title, clause.body = old["title"], old["body"]
        meta = record_revision(
            clause=clause,
            user=moderator,
            persona=_persona_of(moderator),
            summary=reason,
            kind=RevisionMeta.Kind.RESTORE,
            old_body=old_body,
            restored_from=version,
        )
        number = _revision_number(version)
        _log(
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
    _require_moderator(moderator)
    reason = _reason(reason)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().get(pk=clause_id)
        if not clause.is_removed:
            raise ValidationError(f"“{clause.title}” is not removed.")
        old_body = clause.body
        version = None
        if version_id is not None:
            version = clause_version(clause, version_id)
            clause.title, clause.body = version.field_dict["title"], version.field_dict["body"]
        clause.is_removed = False
        record_revision(
            clause=clause,
            user=moderator,
            persona=_persona_of(moderator),
            summary=reason,
            kind=RevisionMeta.Kind.RECOVER,
            old_body=old_body,
            restored_from=version,
        )
        _log(moderator=moderator, action=Action.RECOVER_CLAUSE, target=clause, reason=reason)
    return clause


# Players.


def player_suspend(
    *,
    user_id: int,
    moderator: AbstractBaseUser,
    until: datetime,
    reason: str,
    flag_ids: Iterable[int] = (),
) -> Player:
    """Stop a player from writing until `until`; they can still read."""
    _require_moderator(moderator)
    reason = _reason(reason)
    if until <= timezone.now():
        raise ValidationError("Pick an end of suspension in the future.")
    if user_id == moderator.pk:
        raise ValidationError("You cannot suspend yourself.")
    target = get_user_model().objects.get(pk=user_id)
    if permissions.is_moderator(target) and not moderator.is_superuser:
        raise ValidationError(f"{target} is a moderator; ask an administrator to suspend them.")
    with transaction.atomic():
        player, _ = Player.objects.select_for_update().get_or_create(user=target)
        player.suspended_until = until
        player.suspension_reason = reason
        player.save(update_fields=["suspended_until", "suspension_reason"])
        _resolve_flags(
            Flag.objects.filter(pk__in=list(flag_ids)),
            moderator=moderator,
            status=Flag.Status.ACTIONED,
        )
        _log(
            moderator=moderator,
            action=Action.SUSPEND_USER,
            target=player,
            reason=reason,
            label=f"{target.get_username()} until {until:%Y-%m-%d %H:%M %Z}",
        )
    return player


def player_unsuspend(*, user_id: int, moderator: AbstractBaseUser, reason: str) -> Player:
    """End a suspension before its time."""
    _require_moderator(moderator)
    reason = _reason(reason)
    with transaction.atomic():
        player = Player.objects.select_for_update().select_related("user").get(user_id=user_id)
        if not player.is_suspended:
            raise ValidationError(f"{player.user} is not suspended.")
        player.suspended_until = None
        player.suspension_reason = ""
        player.save(update_fields=["suspended_until", "suspension_reason"])
        _log(
            moderator=moderator,
            action=Action.UNSUSPEND_USER,
            target=player,
            reason=reason,
            label=player.user.get_username(),
        )
    return player


def _rollback_clause(
    *,
    clause_id: int,
    user_id: int,
    since: datetime,
    moderator: AbstractBaseUser,
    persona: Persona | None,
    reason: str,
) -> RevisionMeta | str:
    """Undo one clause's edits by `user_id` since `since`; a string says why not."""
    clause = Clause.objects.select_for_update().get(pk=clause_id)
    metas = RevisionMeta.objects.filter(clause=clause).select_related("revision__user")
    first = (
        metas.filter(revision__user_id=user_id, revision__date_created__gte=since)
        .order_by("number")
        .first()
    )
    later_other = metas.filter(number__gt=first.number).exclude(revision__user_id=user_id)
    other = later_other.order_by("number").first()
    if other is not None:
        who = other.revision.user.get_username() if other.revision.user else "the system"
        return f"{who} edited it afterwards (revision {other.number}); their work is kept."
    before = metas.filter(number__lt=first.number).order_by("-number").first()
    old_body = clause.body
    if before is None:
        if clause.is_removed:
            return "the player created it and it is already removed."
        # The player wrote the clause from scratch: undoing that is removing
        # it, softly, so a moderator can still recover it.
        clause.is_removed = True
        return record_revision(
            clause=clause,
            user=moderator,
            persona=persona,
            summary=reason,
            kind=RevisionMeta.Kind.REMOVE,
            old_body=old_body,
        )
    version = Version.objects.get_for_object(clause).get(revision_id=before.revision_id)
    old = version.field_dict
    wanted = (old["title"], old["body"], old.get("is_removed", False))
    if (clause.title, clause.body, clause.is_removed) == wanted:
        return "its text is already as it was before the player's edits."
    was_removed = clause.is_removed
    clause.title, clause.body, clause.is_removed = wanted
    recovering = was_removed and not clause.is_removed
    return record_revision(
        clause=clause,
        user=moderator,
        persona=persona,
        summary=reason,
        kind=RevisionMeta.Kind.RECOVER if recovering else RevisionMeta.Kind.RESTORE,
        old_body=old_body,
        restored_from=version,
    )


def edits_rollback(
    *, user_id: int, moderator: AbstractBaseUser, since: datetime, reason: str
) -> RollbackReport:
    """Undo every clause edit a player made since `since`, where nobody edited after them."""
    _require_moderator(moderator)
    reason = _reason(reason)
    if since > timezone.now():
        raise ValidationError("Pick a moment in the past.")
    target = get_user_model().objects.get(pk=user_id)
    persona = _persona_of(moderator)
    report = RollbackReport()
    with transaction.atomic():
        clause_ids = sorted(
            set(
                RevisionMeta.objects.filter(
                    clause__isnull=False,
                    revision__user_id=user_id,
                    revision__date_created__gte=since,
                ).values_list("clause_id", flat=True)
            )
        )
        # Rows are locked in id order so two rollbacks cannot deadlock.
        for clause_id in clause_ids:
            outcome = _rollback_clause(
                clause_id=clause_id,
                user_id=user_id,
                since=since,
                moderator=moderator,
                persona=persona,
                reason=reason,
            )
            if isinstance(outcome, str):
                report.skipped.append((Clause.objects.get(pk=clause_id), outcome))
            else:
                report.restored.append(outcome)
        player, _ = Player.objects.get_or_create(user=target)
        _log(
            moderator=moderator,
            action=Action.ROLLBACK,
            target=player,
            reason=reason,
            label=(
                f"{target.get_username()}'s edits since {since:%Y-%m-%d %H:%M %Z}: "
                f"{len(report.restored)} undone, {len(report.skipped)} skipped"
            ),
        )
    return report
