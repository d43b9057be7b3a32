"""Taking a stance on a clause: support, oppose or abstain, with a reason.

A player has one current stance per clause. Changing it keeps the earlier
ones (is_current=False), so the record of who thought what, when, survives.
Each stance remembers the revision it was taken on; once the text changes,
it stops counting until the player reaffirms it.

A player group has one voice. A stance taken by a member is the group's
(`Stance.group`): it replaces the group's current stance on that clause,
whichever member took that one, so the group holds exactly one current
stance per clause, the latest, and the earlier ones stay as its history (who
changed it, when and why). Members hold no stance of their own beside it:

- joining a group (founding one, or accepting an invitation) retires the
  player's own current stances (`stances_retire_on_joining`); they stay in
  the record, and the player takes them up again, if they wish, as the group;
- a member's stance always goes to the group, never to the member alone;
- leaving keeps the group's stances, even those the leaver took (they were
  the group's), and the former member speaks for themselves again from then on;
- a dissolved group (its last member left) holds no stance any more
  (`stances_retire_on_dissolving`): nobody is left to hold it.

So the counting (charter.selectors.stances) needs no notion of groups: every
current stance is one voice, and a group's is one of them.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from charter import permissions, text
from charter.models import STANCE_REASON_MAX, Clause, Stance
from charter.selectors.revisions import latest_version
from config import caching
from personas.models import PlayerGroup
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
    """Record the user's stance (their group's, for a member) on the clause's current text."""
    if position not in Stance.Position.values:
        raise ValidationError(_("Choose support, oppose or abstain."))
    reason = text.clean_text(reason, max_length=STANCE_REASON_MAX, what="A reason")
    with transaction.atomic():
        # The player's row lock orders this stance with their joining or
        # leaving a group (which lock it too): the group read here holds
        # until the stance is stored.
        player = player_of(user, lock=True)
        # Locking the clause serialises stances with edits, so the revision a
        # stance records is the text that is current when it commits; it also
        # serialises double submits and the members of one group, so only one
        # stance stays current.
        clause = (
            Clause.objects.select_for_update(of=("self",))
            .select_related("charter")
            .filter(pk=clause_id)
            .first()
        )
        if clause is None:
            raise ValidationError(_("That clause does not exist."))
        why = permissions.why_cannot_take_stance(user, player, clause)
        if why:
            raise PermissionDenied(why)
        if seen_revision_number is not None and seen_revision_number != clause.revision_number:
            raise StanceOnOldText(
                _(
                    "The clause was edited while you were deciding (it is now at revision "
                    "%(current)s, you read revision %(seen)s). Read the new text above, then "
                    "confirm your stance; your reason is kept in the form."
                )
                % {"current": clause.revision_number, "seen": seen_revision_number},
                current_revision_number=clause.revision_number,
            )
        group = player.group
        own = Q(user=user, group__isnull=True)
        replaced = list(
            Stance.objects.select_for_update()
            .filter(own | Q(group=group) if group is not None else own)
            .filter(clause=clause, is_current=True)
        )
        current = next((s for s in replaced if s.group_id == (group.pk if group else None)), None)
        if (
            len(replaced) == 1
            and current is not None
            # Another member saying the same is news: who holds the group's stance changed.
            and current.user_id == user.pk
            and current.position == position
            and current.reason == reason
            and current.persona_id == player.persona_id
            and current.clause_revision_number == clause.revision_number
        ):
            return current
        for stance in replaced:
            stance.is_current = False
            stance.save(update_fields=["is_current"])
        caching.touch(caching.charter_stamp(clause.charter.slug))
        return Stance.objects.create(
            user=user,
            clause=clause,
            persona_id=player.persona_id,
            group=group,
            position=position,
            reason=reason,
            clause_version=latest_version(clause),
            clause_revision_number=clause.revision_number,
        )


def _retire(stances) -> int:
    """Stop `stances` counting, keeping them as history; touch the charters they were on."""
    slugs = set(stances.values_list("clause__charter__slug", flat=True).distinct())
    retired = stances.update(is_current=False)
    if slugs:
        caching.touch(*(caching.charter_stamp(slug) for slug in sorted(slugs)))
    return retired


def stances_retire_on_joining(*, user: AbstractBaseUser) -> int:
    """Retire the player's own current stances as they join a group; the group speaks for them.

    The caller holds the player's row lock (see stance_take).
    """
    return _retire(Stance.objects.filter(user=user, group__isnull=True, is_current=True))


def stances_retire_on_dissolving(*, group: PlayerGroup) -> int:
    """Retire the current stances of a group whose last member left; nobody holds them now."""
    return _retire(Stance.objects.filter(group=group, is_current=True))
