"""Who may do what with amendments and congresses, in the house style of charter.permissions.

Each rule is `why_cannot_<action>(...) -> str`, a sentence for the reader,
empty when the action is allowed.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter.models import Charter, Clause
from charter.permissions import AnyUser, is_moderator, why_cannot_write
from congress.models import Amendment, Congress
from personas.models import Player

# Whole sentences per status, so that a translation can agree with "amendment".
CANNOT_CHANGE = {
    "adopted": gettext_lazy("This amendment is adopted; it can no longer change."),
    "rejected": gettext_lazy("This amendment is rejected; it can no longer change."),
    "withdrawn": gettext_lazy("This amendment is withdrawn; it can no longer change."),
}
STANCES_CLOSED = {
    "adopted": gettext_lazy("This amendment is adopted; stances are closed."),
    "rejected": gettext_lazy("This amendment is rejected; stances are closed."),
    "withdrawn": gettext_lazy("This amendment is withdrawn; stances are closed."),
}


def _closed(amendment: Amendment, sentences: dict) -> str:
    """The sentence for an amendment that is no longer open, in the reader's language."""
    return str(sentences[amendment.status])


def why_cannot_amend(
    user: AnyUser, player: Player | None, charter: Charter, clause: Clause | None = None
) -> str:
    """May this reader propose an amendment to `clause` (or a new clause, with None)?"""
    if not charter.is_editable:
        return _("This is a reference charter: it is here to learn from, not to amend.")
    if clause is not None:
        if clause.is_removed:
            return _("This clause has been removed; it takes no amendments.")
        if clause.is_locked:
            return _("A moderator has locked this clause; it takes no amendments for now.")
    # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
    return why_cannot_write(user, player, to="propose an amendment")


def why_cannot_change_amendment(user: AnyUser, player: Player | None, amendment: Amendment) -> str:
    """May this reader edit, rebase or withdraw the amendment? Only its author, while open."""
    if not user.is_authenticated or amendment.author_id != user.pk:
        return _("Only its author can change an amendment; propose your own instead.")
    if not amendment.is_open:
        return _closed(amendment, CANNOT_CHANGE)
    # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
    return why_cannot_write(user, player, to="change it")


def why_cannot_take_amendment_stance(
    user: AnyUser, player: Player | None, amendment: Amendment
) -> str:
    if not amendment.is_open:
        return _closed(amendment, STANCES_CLOSED)
    if amendment.clause is not None and amendment.clause.is_removed:
        return _("The clause this amendment changes has been removed.")
    # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
    return why_cannot_write(user, player, to="take a stance")


def why_cannot_convene(user: AnyUser, charter: Charter) -> str:
    if not is_moderator(user):
        return _("Only moderators can convene a congress.")
    if not charter.is_editable:
        return _("A reference charter is not drafted, so no congress sits on it.")
    if charter.congress_id is not None:
        return _(
            "A congress is already convened on this charter; close it before convening another."
        )
    return ""


def why_cannot_close(user: AnyUser | None, congress: Congress) -> str:
    """`user` None is the clock (cron): it may close a congress once its time is up."""
    if congress.is_closed:
        return _("This congress has already closed.")
    if user is None:
        return (
            ""
            if congress.state() == "overdue"
            else _("The congress has not reached its closing time.")
        )
    if not is_moderator(user):
        return _("Only moderators can close a congress.")
    if not congress.is_sitting():
        return _("The congress has not opened yet; it cannot close before it sits.")
    return ""


def can_amend(
    user: AnyUser, player: Player | None, charter: Charter, clause: Clause | None = None
) -> bool:
    return not why_cannot_amend(user, player, charter, clause)


def can_change_amendment(user: AnyUser, player: Player | None, amendment: Amendment) -> bool:
    return not why_cannot_change_amendment(user, player, amendment)


def can_take_amendment_stance(user: AnyUser, player: Player | None, amendment: Amendment) -> bool:
    return not why_cannot_take_amendment_stance(user, player, amendment)
