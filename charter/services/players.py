"""Moderating players: suspensions and rolling back a player's edits.

Like every moderation action, each asks `permissions.why_cannot_moderate`
(moderators act on players, never on each other) and logs its reason.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from charter.dates import when
from charter.models import Clause, Flag, ModerationAction, RevisionMeta
from charter.services.moderation import (
    clean_reason,
    log_action,
    persona_of,
    require_moderator,
    resolve_flags,
)
from charter.services.revisions import record_revision
from personas.models import Persona, Player

Action = ModerationAction.Action


@dataclass
class RollbackReport:
    restored: list[RevisionMeta] = field(default_factory=list)
    skipped: list[tuple[Clause, str]] = field(default_factory=list)


def player_suspend(
    *,
    user_id: int,
    moderator: AbstractBaseUser,
    until: datetime,
    reason: str,
    flag_ids: Iterable[int] = (),
) -> Player:
    """Stop a player from writing until `until`; they can still read."""
    reason = clean_reason(reason)
    if until <= timezone.now():
        raise ValidationError(_("Pick an end of suspension in the future."))
    if user_id == moderator.pk:
        raise ValidationError(_("You cannot suspend yourself."))
    target = get_user_model().objects.get(pk=user_id)
    require_moderator(moderator, target)
    with transaction.atomic():
        player, _created = Player.objects.select_for_update().get_or_create(user=target)
        player.suspended_until = until
        player.suspension_reason = reason
        player.save(update_fields=["suspended_until", "suspension_reason"])
        resolve_flags(
            Flag.objects.filter(pk__in=list(flag_ids)),
            moderator=moderator,
            status=Flag.Status.ACTIONED,
        )
        log_action(
            moderator=moderator,
            action=Action.SUSPEND_USER,
            target=player,
            reason=reason,
            label=f"{target.get_username()} until {when(until)}",
        )
    return player


def player_unsuspend(*, user_id: int, moderator: AbstractBaseUser, reason: str) -> Player:
    """End a suspension before its time."""
    reason = clean_reason(reason)
    with transaction.atomic():
        player = Player.objects.select_for_update().select_related("user").get(user_id=user_id)
        require_moderator(moderator, player.user)
        if not player.is_suspended:
            raise ValidationError(_("%(username)s is not suspended.") % {"username": player.user})
        player.suspended_until = None
        player.suspension_reason = ""
        player.save(update_fields=["suspended_until", "suspension_reason"])
        log_action(
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
        .order_by("revision_number")
        .first()
    )
    later_other = metas.filter(revision_number__gt=first.revision_number).exclude(
        revision__user_id=user_id
    )
    other = later_other.order_by("revision_number").first()
    if other is not None:
        number = other.revision_number
        if other.revision.user is None:
            # Translators: why a rollback skipped a clause, after "Skipped “<title>”: ".
            return _(
                "the system edited it afterwards (revision %(number)s); their work is kept."
            ) % {"number": number}
        # Translators: why a rollback skipped a clause, after "Skipped “<title>”: ".
        return _("%(username)s edited it afterwards (revision %(number)s); their work is kept.") % {
            "username": other.revision.user.get_username(),
            "number": number,
        }
    before = (
        metas.filter(revision_number__lt=first.revision_number).order_by("-revision_number").first()
    )
    old_body = clause.body
    if before is None:
        if clause.is_removed:
            # Translators: why a rollback skipped a clause, after "Skipped “<title>”: ".
            return _("the player created it and it is already removed.")
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
        # Translators: why a rollback skipped a clause, after "Skipped “<title>”: ".
        return _("its text is already as it was before the player's edits.")
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
    reason = clean_reason(reason)
    if since > timezone.now():
        raise ValidationError(_("Pick a moment in the past."))
    target = get_user_model().objects.get(pk=user_id)
    require_moderator(moderator, target)
    persona = persona_of(moderator)
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
        player, _created = Player.objects.get_or_create(user=target)
        log_action(
            moderator=moderator,
            action=Action.ROLLBACK,
            target=player,
            reason=reason,
            label=(
                f"{target.get_username()}'s edits since {when(since)}: "
                f"{len(report.restored)} undone, {len(report.skipped)} skipped"
            ),
        )
    return report
