"""Who may do what with amendments and congresses, in the house style of charter.permissions.

Each rule is `why_cannot_<action>(...) -> str`, a sentence for the reader,
empty when the action is allowed.
"""

from charter.models import Charter, Clause
from charter.permissions import AnyUser, is_moderator, why_cannot_write
from congress.models import Amendment, Congress
from personas.models import Player


def why_cannot_amend(
    user: AnyUser, player: Player | None, charter: Charter, clause: Clause | None = None
) -> str:
    """May this reader propose an amendment to `clause` (or a new clause, with None)?"""
    if not charter.is_editable:
        return "This is a reference charter: it is here to learn from, not to amend."
    if clause is not None:
        if clause.is_removed:
            return "This clause has been removed; it takes no amendments."
        if clause.is_locked:
            return "A moderator has locked this clause; it takes no amendments for now."
    return why_cannot_write(user, player, to="propose an amendment")


def why_cannot_change_amendment(user: AnyUser, player: Player | None, amendment: Amendment) -> str:
    """May this reader edit, rebase or withdraw the amendment? Only its author, while open."""
    if not user.is_authenticated or amendment.author_id != user.pk:
        return "Only its author can change an amendment; propose your own instead."
    if not amendment.is_open:
        return (
            f"This amendment is {amendment.get_status_display().lower()}; it can no longer change."
        )
    return why_cannot_write(user, player, to="change it")


def why_cannot_take_amendment_stance(
    user: AnyUser, player: Player | None, amendment: Amendment
) -> str:
    if not amendment.is_open:
        return f"This amendment is {amendment.get_status_display().lower()}; stances are closed."
    if amendment.clause is not None and amendment.clause.is_removed:
        return "The clause this amendment changes has been removed."
    return why_cannot_write(user, player, to="take a stance")


def why_cannot_convene(user: AnyUser, charter: Charter) -> str:
    if not is_moderator(user):
        return "Only moderators can convene a congress."
    if not charter.is_editable:
        return "A reference charter is not drafted, so no congress sits on it."
    if charter.congress_id is not None:
        return "A congress is already convened on this charter; close it before convening another."
    return ""


def why_cannot_close(user: AnyUser | None, congress: Congress) -> str:
    """`user` None is the clock (cron): it may close a congress once its time is up."""
    if congress.is_closed:
        return "This congress has already closed."
    if user is None:
        return (
            ""
            if congress.state() == "overdue"
            else "The congress has not reached its closing time."
        )
    if not is_moderator(user):
        return "Only moderators can close a congress."
    if not congress.is_sitting():
        return "The congress has not opened yet; it cannot close before it sits."
    return ""


def can_amend(
    user: AnyUser, player: Player | None, charter: Charter, clause: Clause | None = None
) -> bool:
    return not why_cannot_amend(user, player, charter, clause)


def can_change_amendment(user: AnyUser, player: Player | None, amendment: Amendment) -> bool:
    return not why_cannot_change_amendment(user, player, amendment)


def can_take_amendment_stance(user: AnyUser, player: Player | None, amendment: Amendment) -> bool:
    return not why_cannot_take_amendment_stance(user, player, amendment)
