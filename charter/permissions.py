"""Who may do what: pure predicates used by views, services and templates."""

from django.contrib.auth.models import AnonymousUser, User

from charter.models import Charter, Clause, Comment
from personas.models import Player

MODERATORS_GROUP = "Moderators"

AnyUser = User | AnonymousUser


def is_moderator(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached per request object: templates ask this many times per page.
    cached = getattr(user, "_is_moderator", None)
    if cached is None:
        cached = user.is_staff and user.groups.filter(name=MODERATORS_GROUP).exists()
        user._is_moderator = cached
    return cached


def can_write(user: AnyUser, player: Player | None) -> bool:
    """Signed in, playing a persona and not suspended: may contribute at all."""
    return (
        user.is_authenticated
        and player is not None
        and player.persona_id is not None
        and not player.is_suspended
    )


def can_edit_charter(user: AnyUser, player: Player | None, charter: Charter) -> bool:
    return charter.is_editable and can_write(user, player)


def can_edit_clause(user: AnyUser, player: Player | None, clause: Clause) -> bool:
    if clause.is_removed or not can_edit_charter(user, player, clause.charter):
        return False
    return not clause.is_locked or is_moderator(user)


def can_comment(user: AnyUser, player: Player | None, clause: Clause) -> bool:
    return not clause.is_removed and can_write(user, player)


def can_edit_comment(user: AnyUser, player: Player | None, comment: Comment) -> bool:
    return comment.author_id == user.pk and not comment.is_hidden and can_write(user, player)


def suspension_notice(player: Player) -> str:
    until = player.suspended_until.strftime("%d %B %Y, %H:%M UTC")
    reason = f" Reason: {player.suspension_reason}" if player.suspension_reason else ""
    return f"Your account is suspended until {until}; you can still read.{reason}"


def why_cannot_write(
    user: AnyUser,
    player: Player | None,
    *,
    to: str = "contribute",
    before: str = "contributing",
    require_persona: bool = True,
) -> str:
    """Why this person may not contribute at all; empty if they may.

    `to` and `before` name the action in the two sentence forms used.
    """
    if not user.is_authenticated:
        return f"Log in and pick a persona to {to}."
    if player is not None and player.is_suspended:
        return suspension_notice(player)
    if require_persona and (player is None or player.persona_id is None):
        return f"Pick a persona to speak as before {before}."
    return ""


def why_cannot_edit(
    user: AnyUser, player: Player | None, clause: Clause, *, require_persona: bool = True
) -> str:
    """A sentence for the reader explaining a refusal; empty when editing is allowed."""
    if clause.is_removed:
        return "This clause has been removed; moderators can recover it."
    if not clause.charter.is_editable:
        return "This is a reference charter: it is here to learn from and cannot be edited."
    why = why_cannot_write(
        user, player, to="edit this clause", before="editing", require_persona=require_persona
    )
    if why:
        return why
    if clause.is_locked and not is_moderator(user):
        return "A moderator has locked this clause; only moderators can edit it now."
    return ""


def can_take_stance(user: AnyUser, player: Player | None, clause: Clause) -> bool:
    # A lock stops edits, not opinions: stances stay open on locked clauses.
    return not clause.is_removed and clause.charter.is_editable and can_write(user, player)


def why_cannot_take_stance(user: AnyUser, player: Player | None, clause: Clause) -> str:
    """A sentence for the reader explaining why they cannot take a stance; empty when they can."""
    if clause.is_removed:
        return "This clause has been removed; stances can no longer be taken on it."
    if not clause.charter.is_editable:
        return "This is a reference charter: it is here to learn from, not to vote on."
    return why_cannot_write(user, player, to="take a stance", before="taking a stance")
