"""Players flag a comment or a clause for the moderators: once per person and target."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from charter import permissions, text
from charter.models import FLAG_DETAILS_MAX, Clause, Comment, Flag
from personas.selectors import player_of


class AlreadyFlagged(ValidationError):
    """The reporter has flagged this target before: one flag per person and target."""


def flag_create(
    *,
    user: AbstractBaseUser,
    reason: str,
    details: str = "",
    comment_id: int | None = None,
    clause_id: int | None = None,
) -> Flag:
    """Report a comment or a clause to the moderators, once per person and target."""
    if (comment_id is None) == (clause_id is None):
        raise ValidationError("Flag either a comment or a clause.")
    if reason not in Flag.Reason.values:
        raise ValidationError(_("Pick a reason from the list."))
    details = text.clean_text(details, max_length=FLAG_DETAILS_MAX, what="A note")
    player = player_of(user)
    if comment_id is not None:
        comment = Comment.objects.select_related("clause").filter(pk=comment_id).first()
        # A contest entry's discussion has no removed state: only a clause's closes.
        if comment is None or (comment.clause is not None and comment.clause.is_removed):
            raise ValidationError(_("That comment does not exist."))
        target = {"comment": comment}
        already = _("You have already flagged this comment; a moderator will look at it.")
    else:
        clause = Clause.objects.filter(pk=clause_id).first()
        if clause is None or clause.is_removed:
            raise ValidationError(_("That clause does not exist."))
        comment, target = None, {"clause": clause}
        already = _("You have already flagged this clause; a moderator will look at it.")
    why = permissions.why_cannot_flag(user, player, comment=comment)
    if why:
        # Refusals about the comment itself are mistakes, not missing rights.
        if permissions.can_write(user, player):
            raise ValidationError(why)
        raise PermissionDenied(why)
    if Flag.objects.filter(reporter=user, **target).exists():
        raise AlreadyFlagged(already)
    try:
        with transaction.atomic():
            return Flag.objects.create(reporter=user, reason=reason, details=details, **target)
    except IntegrityError:
        # A double submit raced past the check above.
        raise AlreadyFlagged(already) from None
