"""Who may do what: every rule written once, used by views, services and templates.

Each rule is `why_cannot_<action>(...) -> str`: a sentence for the reader
explaining the refusal, empty when the action is allowed. `can_<action>` is
derived from it, so the yes/no answer and the explanation can never disagree.

The refusals a player can do something about (log in, pick a persona) and the
suspension are `Refusal`s: still plain sentences, with a `kind` that lets a
page add the way out (templates/includes/_why_not.html) without HTML in here.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from charter.dates import when
from charter.models import Charter, Clause, Comment
from personas.models import Player

MODERATORS_GROUP = "Moderators"

AnyUser = AbstractBaseUser | AnonymousUser


def is_moderator(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached per user object: templates ask this many times per page.
    cached = getattr(user, "_is_moderator", None)
    if cached is None:
        cached = user.is_staff and user.groups.filter(name=MODERATORS_GROUP).exists()
        user._is_moderator = cached
    return cached


class Refusal(str):
    """A refusal sentence that also says what kind it is: "login", "persona" or "suspended".

    It is a str for everyone else (messages, exceptions, tests); a template
    reads `why.kind` to link to the log-in page or the hall, or to point at the
    suspension notice that every page already shows instead of repeating it.
    """

    kind: str

    def __new__(cls, text: str, kind: str) -> "Refusal":
        refusal = super().__new__(cls, text)
        refusal.kind = kind
        return refusal


def refusal_in(error: PermissionDenied) -> str:
    """The refusal a service raised, with its kind: str(error) keeps only the words."""
    if error.args and isinstance(error.args[0], str):
        return error.args[0]
    return str(error)


def why_cannot_write(
    user: AnyUser, player: Player | None, *, to: str, require_persona: bool = True
) -> str:
    """Why this person may not contribute at all; empty if they may.

    `to` names the action ("edit this clause") for the sentence.
    """
    if not user.is_authenticated:
        return Refusal(f"Log in and pick a persona to {to}.", "login")
    if player is not None and player.is_suspended:
        # Short on purpose: every page already carries the full notice (until
        # when, and why), and a clause page would otherwise repeat it four times.
        return Refusal(f"Your account is suspended, so you cannot {to} for now.", "suspended")
    if require_persona and (player is None or player.persona_id is None):
        return Refusal(f"Pick a persona to speak as before you {to}.", "persona")
    return ""


def why_in_congress(charter: Charter) -> str:
    """Direct changes are closed while a congress sits on the charter; empty otherwise."""
    if not charter.in_congress():
        return ""
    return (
        f"A congress sits on this charter until {when(charter.congress_closes_at)}: direct "
        "edits are closed while it sits. Propose an amendment instead; the congress decides."
    )


def why_cannot_add_clause(
    user: AnyUser, player: Player | None, charter: Charter, *, require_persona: bool = True
) -> str:
    if not charter.is_editable:
        return "This is a reference charter: it is here to learn from and cannot be changed."
    if why := why_in_congress(charter):
        return why
    return why_cannot_write(user, player, to="add a clause", require_persona=require_persona)


def why_cannot_edit_clause(
    user: AnyUser, player: Player | None, clause: Clause, *, require_persona: bool = True
) -> str:
    """`require_persona=False` for forms that let the player pick a persona as they save."""
    if clause.is_removed:
        return "This clause has been removed; moderators can recover it."
    if not clause.charter.is_editable:
        return "This is a reference charter: it is here to learn from and cannot be edited."
    if why := why_in_congress(clause.charter):
        return why
    why = why_cannot_write(user, player, to="edit this clause", require_persona=require_persona)
    if why:
        return why
    if clause.is_locked and not is_moderator(user):
        return "A moderator has locked this clause; only moderators can edit it now."
    return ""


def why_cannot_comment(user: AnyUser, player: Player | None, clause: Clause) -> str:
    if clause.is_removed:
        return "This clause has been removed; its discussion is closed."
    return why_cannot_write(user, player, to="join the debate")


def why_cannot_edit_comment(user: AnyUser, player: Player | None, comment: Comment) -> str:
    if not user.is_authenticated:
        return "Log in to edit your comments."
    if comment.author_id != user.pk:
        return "Only its author can edit a comment; nobody edits another player’s words."
    if comment.is_hidden:
        return "A moderator hid this comment, so it can no longer be edited."
    return why_cannot_write(user, player, to="edit it")


def why_cannot_take_stance(user: AnyUser, player: Player | None, clause: Clause) -> str:
    # A lock stops edits, not opinions: stances stay open on locked clauses.
    if clause.is_removed:
        return "This clause has been removed; stances can no longer be taken on it."
    if not clause.charter.is_editable:
        return "This is a reference charter: it is here to learn from, not to vote on."
    return why_cannot_write(user, player, to="take a stance")


def why_cannot_flag(user: AnyUser, player: Player | None, *, comment: Comment | None) -> str:
    """May this reader flag the comment (or, with None, the clause they are reading)?"""
    why = why_cannot_write(user, player, to="flag it")
    if why or comment is None:
        return why
    if comment.is_hidden:
        return "A moderator has already hidden this comment."
    if comment.author_id == user.pk:
        return "You cannot flag your own comment."
    return ""


def why_cannot_watch(user: AnyUser, player: Player | None) -> str:
    # Watching needs no persona: it only decides what the reader hears about.
    return why_cannot_write(user, player, to="watch clauses", require_persona=False)


def why_cannot_moderate(moderator: AnyUser, target: AbstractBaseUser | None = None) -> str:
    """May `moderator` act on `target`'s account or words (hide, suspend, roll back)?

    Moderators do not police each other: acting on a moderator or a
    superuser (oneself included) is for superusers only.
    """
    if not is_moderator(moderator):
        return "Only moderators can do that."
    if target is None or moderator.is_superuser:
        return ""
    if target.is_superuser or is_moderator(target):
        return f"{target.get_username()} is a moderator; only an administrator can act on them."
    return ""


def can_write(user: AnyUser, player: Player | None) -> bool:
    return not why_cannot_write(user, player, to="contribute")


def can_add_clause(user: AnyUser, player: Player | None, charter: Charter) -> bool:
    return not why_cannot_add_clause(user, player, charter)


def can_edit_clause(user: AnyUser, player: Player | None, clause: Clause) -> bool:
    return not why_cannot_edit_clause(user, player, clause)


def can_comment(user: AnyUser, player: Player | None, clause: Clause) -> bool:
    return not why_cannot_comment(user, player, clause)


def can_edit_comment(user: AnyUser, player: Player | None, comment: Comment) -> bool:
    return not why_cannot_edit_comment(user, player, comment)


def can_take_stance(user: AnyUser, player: Player | None, clause: Clause) -> bool:
    return not why_cannot_take_stance(user, player, clause)


def can_flag(user: AnyUser, player: Player | None, *, comment: Comment | None) -> bool:
    return not why_cannot_flag(user, player, comment=comment)


def can_moderate(moderator: AnyUser, target: AbstractBaseUser | None = None) -> bool:
    return not why_cannot_moderate(moderator, target)
