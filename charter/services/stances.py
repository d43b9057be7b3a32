"""Taking a stance on a clause: support, oppose or abstain, with a reason.

A player has one current stance per clause. Changing it keeps the earlier
ones (is_current=False), so the record of who thought what, when, survives.
Each stance remembers the revision it was taken on; once the text changes,
it stops counting until the player reaffirms it.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from charter import permissions, text
from charter.models import STANCE_REASON_MAX, Clause, Stance
from charter.selectors.revisions import latest_version
from config import caching
from personas.selectors import player_of


class StanceOnOldText(ValidationError):
    """The clause changed after the player read it; their stance would be on a text unseen."""

    def __init__(self, message: str, *, current_revision_number: int) -> None:
        super().__init__(message)
        self.current_revision_number = current_revision_number


def stance_take(
    *,
    clause_id: int,
    user: AbstractBaseUser,
    position: str,
    reason: str,
    seen_revision_number: int | None = None,
) -> Stance:
    """Record the user's stance on the clause's current text, keeping their earlier ones."""
    if position not in Stance.Position.values:
        raise ValidationError("Choose support, oppose or abstain.")
    reason = text.clean_text(reason, max_length=STANCE_REASON_MAX, what="A reason")
    player = player_of(user)
    with transaction.atomic():
        # Locking the clause serialises stances with edits, so the revision a
        # stance records is the text that is current when it commits; it also
        # serialises a player's double submits, so only one stays current.
        clause = (
            Clause.objects.select_for_update(of=("self",))
            .select_related("charter")
            .filter(pk=clause_id)
            .first()
        )
        if clause is None:
            raise ValidationError("That clause does not exist.")
        why = permissions.why_cannot_take_stance(user, player, clause)
        if why:
            raise PermissionDenied(why)
        if seen_revision_number is not None and seen_revision_number != clause.revision_number:
            raise StanceOnOldText(
                f"The clause was edited while you were deciding (it is now at revision "
                f"{clause.revision_number}, you read revision {seen_revision_number}). Read the "
                f"new text above, then confirm your stance; your reason is kept in the form.",
                current_revision_number=clause.revision_number,
            )
        current = (
            Stance.objects.select_for_update()
            .filter(user=user, clause=clause, is_current=True)
            .first()
        )
        if (
            current is not None
            and current.position == position
            and current.reason == reason
            and current.persona_id == player.persona_id
            and current.clause_revision_number == clause.revision_number
        ):
            return current
        if current is not None:
            current.is_current = False
            current.save(update_fields=["is_current"])
        caching.touch(caching.charter_stamp(clause.charter.slug))
        return Stance.objects.create(
            user=user,
            clause=clause,
            persona_id=player.persona_id,
            position=position,
            reason=reason,
            clause_version=latest_version(clause),
            clause_revision_number=clause.revision_number,
        )
