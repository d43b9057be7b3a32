"""Who may do what: every rule written once, used by views, services and templates.

Each rule is `why_cannot_<action>(...) -> str`: a sentence for the reader
explaining the refusal, empty when the action is allowed. `can_<action>` is
derived from it, so the yes/no answer and the explanation can never disagree.

The refusals a player can do something about (log in, pick a persona) and the
suspension are `Refusal`s: still plain sentences, with a `kind` that lets a
page add the way out (templates/includes/_why_not.html) without HTML in here.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter.dates import when
from charter.models import Charter, Clause, Comment
from personas.models import GroupInvitation, GroupMembership, Persona, Player, PlayerGroup

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


@dataclass(frozen=True)
class WriteRefusals:
    """The three sentences that refuse one action, each whole for the translators."""

    login: str
    suspended: str
    # Empty for actions that never need a persona (watching, groups).
    persona: str = ""


# Every action `why_cannot_write` is asked about, by its English name (the
# `to=` of the callers, charter's and the other apps' alike). A caller passes
# the English words as they are, never through gettext: they are a key here.
WRITE_REFUSALS: dict[str, WriteRefusals] = {
    "add a clause": WriteRefusals(
        gettext_lazy("Log in and pick a persona to add a clause."),
        gettext_lazy("Your account is suspended, so you cannot add a clause for now."),
        gettext_lazy("Pick a persona to speak as before you add a clause."),
    ),
    "edit this clause": WriteRefusals(
        gettext_lazy("Log in and pick a persona to edit this clause."),
        gettext_lazy("Your account is suspended, so you cannot edit this clause for now."),
        gettext_lazy("Pick a persona to speak as before you edit this clause."),
    ),
    "join the debate": WriteRefusals(
        gettext_lazy("Log in and pick a persona to join the debate."),
        gettext_lazy("Your account is suspended, so you cannot join the debate for now."),
        gettext_lazy("Pick a persona to speak as before you join the debate."),
    ),
    # Editing one's own comment.
    "edit it": WriteRefusals(
        # Translators: "it" is the reader's own comment.
        gettext_lazy("Log in and pick a persona to edit it."),
        # Translators: "it" is the reader's own comment.
        gettext_lazy("Your account is suspended, so you cannot edit it for now."),
        # Translators: "it" is the reader's own comment.
        gettext_lazy("Pick a persona to speak as before you edit it."),
    ),
    "translate this clause": WriteRefusals(
        gettext_lazy("Log in and pick a persona to translate this clause."),
        gettext_lazy("Your account is suspended, so you cannot translate this clause for now."),
        gettext_lazy("Pick a persona to speak as before you translate this clause."),
    ),
    "take a stance": WriteRefusals(
        gettext_lazy("Log in and pick a persona to take a stance."),
        gettext_lazy("Your account is suspended, so you cannot take a stance for now."),
        gettext_lazy("Pick a persona to speak as before you take a stance."),
    ),
    # Flagging a comment or a clause.
    "flag it": WriteRefusals(
        # Translators: "it" is a comment or a clause, reported to the moderators.
        gettext_lazy("Log in and pick a persona to flag it."),
        # Translators: "it" is a comment or a clause, reported to the moderators.
        gettext_lazy("Your account is suspended, so you cannot flag it for now."),
        # Translators: "it" is a comment or a clause, reported to the moderators.
        gettext_lazy("Pick a persona to speak as before you flag it."),
    ),
    "watch clauses": WriteRefusals(
        gettext_lazy("Log in and pick a persona to watch clauses."),
        gettext_lazy("Your account is suspended, so you cannot watch clauses for now."),
    ),
    "found a group": WriteRefusals(
        gettext_lazy("Log in and pick a persona to found a group."),
        gettext_lazy("Your account is suspended, so you cannot found a group for now."),
    ),
    "invite players": WriteRefusals(
        gettext_lazy("Log in and pick a persona to invite players."),
        gettext_lazy("Your account is suspended, so you cannot invite players for now."),
    ),
    "join a group": WriteRefusals(
        gettext_lazy("Log in and pick a persona to join a group."),
        gettext_lazy("Your account is suspended, so you cannot join a group for now."),
    ),
    "contribute": WriteRefusals(
        gettext_lazy("Log in and pick a persona to contribute."),
        gettext_lazy("Your account is suspended, so you cannot contribute for now."),
        gettext_lazy("Pick a persona to speak as before you contribute."),
    ),
    # Congresses (congress.permissions).
    "propose an amendment": WriteRefusals(
        gettext_lazy("Log in and pick a persona to propose an amendment."),
        gettext_lazy("Your account is suspended, so you cannot propose an amendment for now."),
        gettext_lazy("Pick a persona to speak as before you propose an amendment."),
    ),
    # Changing one's own amendment.
    "change it": WriteRefusals(
        # Translators: "it" is the reader's own amendment to a charter.
        gettext_lazy("Log in and pick a persona to change it."),
        # Translators: "it" is the reader's own amendment to a charter.
        gettext_lazy("Your account is suspended, so you cannot change it for now."),
        # Translators: "it" is the reader's own amendment to a charter.
        gettext_lazy("Pick a persona to speak as before you change it."),
    ),
    "sign the charter": WriteRefusals(
        gettext_lazy("Log in and pick a persona to sign the charter."),
        gettext_lazy("Your account is suspended, so you cannot sign the charter for now."),
        gettext_lazy("Pick a persona to speak as before you sign the charter."),
    ),
    # Contests (contests.permissions, contests.services).
    "write an entry": WriteRefusals(
        gettext_lazy("Log in and pick a persona to write an entry."),
        gettext_lazy("Your account is suspended, so you cannot write an entry for now."),
        gettext_lazy("Pick a persona to speak as before you write an entry."),
    ),
    "change your draft": WriteRefusals(
        gettext_lazy("Log in and pick a persona to change your draft."),
        gettext_lazy("Your account is suspended, so you cannot change your draft for now."),
        gettext_lazy("Pick a persona to speak as before you change your draft."),
    ),
    "submit your entry": WriteRefusals(
        gettext_lazy("Log in and pick a persona to submit your entry."),
        gettext_lazy("Your account is suspended, so you cannot submit your entry for now."),
        gettext_lazy("Pick a persona to speak as before you submit your entry."),
    ),
    "vote": WriteRefusals(
        gettext_lazy("Log in and pick a persona to vote."),
        gettext_lazy("Your account is suspended, so you cannot vote for now."),
        gettext_lazy("Pick a persona to speak as before you vote."),
    ),
}


def why_cannot_write(
    user: AnyUser, player: Player | None, *, to: str, require_persona: bool = True
) -> str:
    """Why this person may not contribute at all; empty if they may.

    `to` names the action in English ("edit this clause"), a key of
    WRITE_REFUSALS, whose whole sentences are translated. An action missing
    from it is refused in English words built around `to`: add it there.
    """
    sentences = WRITE_REFUSALS.get(str(to))
    if not user.is_authenticated:
        text = sentences.login if sentences else f"Log in and pick a persona to {to}."
        return Refusal(str(text), "login")
    if player is not None and player.is_suspended:
        # Short on purpose: every page already carries the full notice (until
        # when, and why), and a clause page would otherwise repeat it four times.
        text = (
            sentences.suspended
            if sentences
            else f"Your account is suspended, so you cannot {to} for now."
        )
        return Refusal(str(text), "suspended")
    if require_persona and (player is None or player.persona_id is None):
        text = (
            sentences.persona
            if sentences and sentences.persona
            else f"Pick a persona to speak as before you {to}."
        )
        return Refusal(str(text), "persona")
    return ""


def why_in_congress(charter: Charter) -> str:
    """Direct changes are closed while a congress sits on the charter; empty otherwise."""
    if not charter.in_congress():
        return ""
    return _(
        "A congress sits on this charter until %(when)s: direct edits are closed while it "
        "sits. Propose an amendment instead; the congress decides."
    ) % {"when": when(charter.congress_closes_at)}


def why_cannot_add_clause(
    user: AnyUser, player: Player | None, charter: Charter, *, require_persona: bool = True
) -> str:
    if not charter.is_editable:
        return _("This is a reference charter: it is here to learn from and cannot be changed.")
    if why := why_in_congress(charter):
        return why
    return why_cannot_write(user, player, to="add a clause", require_persona=require_persona)


def why_cannot_edit_clause(
    user: AnyUser, player: Player | None, clause: Clause, *, require_persona: bool = True
) -> str:
    """`require_persona=False` for forms that let the player pick a persona as they save."""
    if clause.is_removed:
        return _("This clause has been removed; moderators can recover it.")
    if not clause.charter.is_editable:
        return _("This is a reference charter: it is here to learn from and cannot be edited.")
    if why := why_in_congress(clause.charter):
        return why
    why = why_cannot_write(user, player, to="edit this clause", require_persona=require_persona)
    if why:
        return why
    if clause.is_locked and not is_moderator(user):
        return _("A moderator has locked this clause; only moderators can edit it now.")
    return ""


def why_cannot_comment(user: AnyUser, player: Player | None, clause: Clause) -> str:
    if clause.is_removed:
        return _("This clause has been removed; its discussion is closed.")
    return why_cannot_write(user, player, to="join the debate")


def why_cannot_edit_comment(user: AnyUser, player: Player | None, comment: Comment) -> str:
    if not user.is_authenticated:
        return _("Log in to edit your comments.")
    if comment.author_id != user.pk:
        return _("Only its author can edit a comment; nobody edits another player’s words.")
    if comment.is_hidden:
        return _("A moderator hid this comment, so it can no longer be edited.")
    return why_cannot_write(user, player, to="edit it")


def why_cannot_take_stance(user: AnyUser, player: Player | None, clause: Clause) -> str:
    # A lock stops edits, not opinions: stances stay open on locked clauses.
    if clause.is_removed:
        return _("This clause has been removed; stances can no longer be taken on it.")
    if not clause.charter.is_editable:
        return _("This is a reference charter: it is here to learn from, not to vote on.")
    return why_cannot_write(user, player, to="take a stance")


def why_cannot_flag(user: AnyUser, player: Player | None, *, comment: Comment | None) -> str:
    """May this reader flag the comment (or, with None, the clause they are reading)?"""
    why = why_cannot_write(user, player, to="flag it")
    if why or comment is None:
        return why
    if comment.is_hidden:
        return _("A moderator has already hidden this comment.")
    if comment.author_id == user.pk:
        return _("You cannot flag your own comment.")
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
        return _("Only moderators can do that.")
    if target is None or moderator.is_superuser:
        return ""
    if target.is_superuser or is_moderator(target):
        return _("%(username)s is a moderator; only an administrator can act on them.") % {
            "username": target.get_username()
        }
    return ""


# Player groups. A group plays one persona: its members speak only as it, and
# together they have one stance per clause (charter.services.stances).


def membership_in(player: Player | None, group: PlayerGroup) -> GroupMembership | None:
    """The player's current membership of `group`; None if they are not in it."""
    membership = player.membership if player is not None else None
    return membership if membership is not None and membership.group_id == group.pk else None


def why_cannot_play(user: AnyUser, player: Player | None, persona: Persona) -> str:
    """May this person speak as `persona` from now on?"""
    if not user.is_authenticated:
        return Refusal(_("Log in or sign up to play a persona."), "login")
    group = player.group if player is not None else None
    if group is not None and group.persona_id != persona.pk:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _("You play %(persona)s for %(group)s; leave the group to play someone else.") % {
            "persona": group.persona.name,
            "group": group.the_name,
        }
    return ""


def why_cannot_create_group(user: AnyUser, player: Player | None) -> str:
    why = why_cannot_write(user, player, to="found a group", require_persona=False)
    if why:
        return why
    group = player.group if player is not None else None
    if group is not None:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _("You are in %(group)s; leave it before you found another group.") % {
            "group": group.the_name
        }
    return ""


def why_cannot_invite(
    user: AnyUser,
    player: Player | None,
    group: PlayerGroup,
    *,
    invitee: Player | None = None,
    already_invited: bool = False,
) -> str:
    """May this member invite players into `group` (and, given `invitee`, that one)?"""
    if group.is_dissolved:
        return _("This group has been dissolved; it takes no new members.")
    why = why_cannot_write(user, player, to="invite players", require_persona=False)
    if why:
        return why
    if membership_in(player, group) is None:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _("Only members of %(group)s can invite players into it.") % {
            "group": group.the_name
        }
    if invitee is None:
        return ""
    name = invitee.user.get_username()
    if membership_in(invitee, group) is not None:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _("%(username)s is already a member of %(group)s.") % {
            "username": name,
            "group": group.the_name,
        }
    if already_invited:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _("%(username)s is already invited to %(group)s; the invitation is waiting.") % {
            "username": name,
            "group": group.the_name,
        }
    if invitee.group is not None:
        return _(
            "%(username)s is in another group, %(other_group)s; a player speaks for one group "
            "at a time."
        ) % {"username": name, "other_group": invitee.group.name}
    return ""


ALREADY_ANSWERED = {
    GroupInvitation.Status.ACCEPTED: gettext_lazy("This invitation was already accepted."),
    GroupInvitation.Status.DECLINED: gettext_lazy("This invitation was already declined."),
    GroupInvitation.Status.CANCELLED: gettext_lazy("This invitation was already cancelled."),
}


def _already_answered(invitation: GroupInvitation) -> str:
    """The refusal for an invitation that is no longer pending, one sentence per state."""
    sentence = ALREADY_ANSWERED.get(invitation.status)
    if sentence is not None:
        return str(sentence)
    return f"This invitation was already {invitation.get_status_display().lower()}."


def why_cannot_answer_invitation(
    user: AnyUser, player: Player | None, invitation: GroupInvitation, *, accept: bool
) -> str:
    """May this person accept (or, with accept=False, decline) the invitation?"""
    if not user.is_authenticated:
        return Refusal(_("Log in to answer your invitations."), "login")
    if invitation.invited_id != user.pk:
        return _("This invitation is addressed to another player.")
    if not invitation.is_pending:
        return _already_answered(invitation)
    if not accept:
        return ""
    group = invitation.group
    if group.is_dissolved:
        return _("%(group)s has been dissolved; there is nothing left to join.") % {
            "group": group.name
        }
    why = why_cannot_write(user, player, to="join a group", require_persona=False)
    if why:
        return why
    current = player.group if player is not None else None
    if current is not None:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _(
            "You are in %(current_group)s; leave it first to join %(group)s: a player speaks "
            "for one group at a time."
        ) % {"current_group": current.the_name, "group": group.the_name}
    return ""


def why_cannot_cancel_invitation(
    user: AnyUser, player: Player | None, invitation: GroupInvitation
) -> str:
    if not user.is_authenticated:
        return Refusal(_("Log in to manage your group's invitations."), "login")
    if membership_in(player, invitation.group) is None:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _("Only members of %(group)s can withdraw its invitations.") % {
            "group": invitation.group.the_name
        }
    if not invitation.is_pending:
        return _already_answered(invitation)
    return ""


def why_cannot_leave_group(
    user: AnyUser, player: Player | None, group: PlayerGroup, *, members: int
) -> str:
    """May this member leave `group`, which has `members` members now?"""
    if not user.is_authenticated:
        return Refusal(_("Log in to leave your group."), "login")
    membership = membership_in(player, group)
    if membership is None:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _("You are not a member of %(group)s.") % {"group": group.the_name}
    if membership.is_founder and members > 1:
        # Translators: %(group)s is a group's name, in English with "the" before it
        # unless it already starts with "The" ("the Spartacus group").
        return _(
            "You hold the founder role: hand it over to another member before you leave "
            "(or stay, and leave last, which dissolves %(group)s)."
        ) % {"group": group.the_name}
    return ""


def why_cannot_hand_over(
    user: AnyUser, player: Player | None, group: PlayerGroup, *, to: GroupMembership | None = None
) -> str:
    """May this member hand the founder role of `group` over (to the membership `to`)?"""
    if not user.is_authenticated:
        return Refusal(_("Log in to hand over your group."), "login")
    membership = membership_in(player, group)
    if membership is None or not membership.is_founder:
        return _("Only the member who holds the founder role can hand it over.")
    if to is not None and to.user_id == user.pk:
        return _("You already hold the founder role; choose another member.")
    return ""


def can_create_group(user: AnyUser, player: Player | None) -> bool:
    return not why_cannot_create_group(user, player)


def can_invite(user: AnyUser, player: Player | None, group: PlayerGroup) -> bool:
    return not why_cannot_invite(user, player, group)


def can_leave_group(user: AnyUser, player: Player | None, group: PlayerGroup, members: int) -> bool:
    return not why_cannot_leave_group(user, player, group, members=members)


def can_hand_over(user: AnyUser, player: Player | None, group: PlayerGroup) -> bool:
    return not why_cannot_hand_over(user, player, group)


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
