"""Player groups: founding one, inviting players, answering, leaving and handing over.

A group plays one persona; its members speak as that persona and for the
group, and have one stance per clause between them (charter.services.stances
explains the one voice). Every write locks the group's row first and then the
player rows it changes, so two requests about one group (two accepts, a leave
and an invitation) are judged one at a time, never raced past. The database
backs each rule that two requests could break: one group at a time per
player, one founder per group, one pending invitation per group and player,
one name per group.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from charter import permissions, text
from charter.services.stances import stances_retire_on_dissolving, stances_retire_on_joining
from personas.models import (
    GROUP_NAME_MAX,
    GroupInvitation,
    GroupMembership,
    Persona,
    Player,
    PlayerGroup,
)
from personas.selectors import player_of
from personas.services import player_play

# What Django's username validator allows: anything else names nobody.
USERNAME = re.compile(r"[\w.@+-]{1,150}")
# Path segments under /groups/ that are pages, not groups.
RESERVED_SLUGS = {"new"}


def group_name_clean(name: str) -> str:
    """The name as it will be stored, or a ValidationError saying what is wrong with it."""
    # Translators: the subject of "… can be at most 1,000,000 characters; this one has …".
    what = _("A name")
    name = " ".join(text.clean_text(name, max_length=10**6, required=True, what=what).split())
    if len(name) > GROUP_NAME_MAX:
        # Translators: the subject of "… can be at most 80 characters; this one has 95."
        raise text.too_long(_("A group's name"), GROUP_NAME_MAX, len(name))
    return name


def _name_taken(name: str) -> ValidationError:
    return ValidationError(
        _("There is already a group called “%(name)s”; choose another name.") % {"name": name},
        code="name",
    )


def _free_slug(name: str) -> str:
    base = slugify(name)[:GROUP_NAME_MAX].strip("-") or "group"
    if base in RESERVED_SLUGS:
        base = f"{base}-group"
    taken = set(PlayerGroup.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _refuse(why: str) -> None:
    if why:
        raise PermissionDenied(why)


def _locked_group(group_id: int) -> PlayerGroup:
    group = (
        PlayerGroup.objects.select_for_update(of=("self",))
        .select_related("persona")
        .filter(pk=group_id)
        .first()
    )
    if group is None:
        raise ValidationError(_("That group does not exist."))
    return group


def _player_named(username: str) -> Player:
    """The player called `username` (exactly, else in any case if only one is), or a refusal."""
    username = (username or "").strip()
    if not username:
        raise ValidationError(_("Type the user name of the player to invite."), code="username")
    shown = username if len(username) <= 40 else username[:40] + "…"
    if not USERNAME.fullmatch(username):
        raise ValidationError(
            _(
                "There is no player called “%(name)s”: user names have only letters, digits "
                "and @ . + - _."
            )
            % {"name": text.strip_unstorable(shown)},
            code="username",
        )
    users = get_user_model().objects
    user = users.filter(username=username).first()
    if user is None:
        matches = list(users.filter(username__iexact=username)[:2])
        user = matches[0] if len(matches) == 1 else None
    if user is None:
        raise ValidationError(
            _("There is no player called “%(name)s”.") % {"name": shown}, code="username"
        )
    # An account that never played has no player row yet: it is in no group either.
    return player_of(user) or Player(user=user)


def group_create(*, user: AbstractBaseUser, name: str, persona: Persona) -> PlayerGroup:
    """Found a group that plays `persona`; the founder joins it and plays that persona."""
    name = group_name_clean(name)
    with transaction.atomic():
        player = player_of(user, lock=True)
        _refuse(permissions.why_cannot_create_group(user, player))
        existing = PlayerGroup.objects.filter(name__iexact=name).first()
        if existing is not None:
            raise _name_taken(existing.name)
        player_play(user=user, persona=persona)
        try:
            # A savepoint: a group of that name founded a moment ago must not
            # break the rest of this transaction.
            with transaction.atomic():
                group = PlayerGroup.objects.create(
                    name=name, slug=_free_slug(name), persona=persona, founder=user
                )
        except IntegrityError as error:
            raise ValidationError(
                _(
                    "A group called “%(name)s”, or one very like it, was founded at the same "
                    "moment; choose another name."
                )
                % {"name": name},
                code="name",
            ) from error
        GroupMembership.objects.create(
            group=group, user=user, role=GroupMembership.Role.FOUNDER, joined_at=group.created_at
        )
        stances_retire_on_joining(user=user)
    return group


def group_invite(*, group_id: int, user: AbstractBaseUser, username: str) -> GroupInvitation:
    """Invite the player called `username` into the group; any member may."""
    with transaction.atomic():
        group = _locked_group(group_id)
        player = player_of(user)
        _refuse(permissions.why_cannot_invite(user, player, group))
        invitee = _player_named(username)
        already = GroupInvitation.objects.filter(
            group=group, invited=invitee.user, status=GroupInvitation.Status.PENDING
        ).exists()
        why = permissions.why_cannot_invite(
            user, player, group, invitee=invitee, already_invited=already
        )
        if why:
            raise ValidationError(why, code="username")
        return GroupInvitation.objects.create(group=group, invited=invitee.user, invited_by=user)


def _locked_invitation(invitation_id: int) -> GroupInvitation:
    # The group first, as every group write does, then the invitation itself.
    group_id = (
        GroupInvitation.objects.filter(pk=invitation_id).values_list("group_id", flat=True).first()
    )
    if group_id is None:
        raise ValidationError(_("That invitation does not exist."))
    group = _locked_group(group_id)
    invitation = GroupInvitation.objects.select_for_update().get(pk=invitation_id)
    invitation.group = group
    return invitation


def _decide(invitation: GroupInvitation, status: str) -> GroupInvitation:
    invitation.status = status
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    return invitation


def group_invitation_accept(*, invitation_id: int, user: AbstractBaseUser) -> GroupMembership:
    """Join the group that invited the user: play its persona, and let it speak for them."""
    with transaction.atomic():
        invitation = _locked_invitation(invitation_id)
        player = player_of(user, lock=True)
        _refuse(permissions.why_cannot_answer_invitation(user, player, invitation, accept=True))
        group = invitation.group
        # Through the one way of changing persona: the stint is recorded and
        # every contribution from now on is stored as the group's persona.
        player_play(user=user, persona=group.persona)
        membership = GroupMembership.objects.create(group=group, user=user)
        _decide(invitation, GroupInvitation.Status.ACCEPTED)
        stances_retire_on_joining(user=user)
    return membership


def group_invitation_decline(*, invitation_id: int, user: AbstractBaseUser) -> GroupInvitation:
    """Say no to an invitation; the group may invite the player again later."""
    with transaction.atomic():
        invitation = _locked_invitation(invitation_id)
        why = permissions.why_cannot_answer_invitation(
            user, player_of(user), invitation, accept=False
        )
        _refuse(why)
        return _decide(invitation, GroupInvitation.Status.DECLINED)


def group_invitation_cancel(*, invitation_id: int, user: AbstractBaseUser) -> GroupInvitation:
    """Withdraw a pending invitation of the member's group."""
    with transaction.atomic():
        invitation = _locked_invitation(invitation_id)
        _refuse(permissions.why_cannot_cancel_invitation(user, player_of(user), invitation))
        return _decide(invitation, GroupInvitation.Status.CANCELLED)


def group_leave(*, group_id: int, user: AbstractBaseUser) -> PlayerGroup:
    """Leave the group; the last member to leave dissolves it, and its history stays."""
    with transaction.atomic():
        group = _locked_group(group_id)
        player = player_of(user, lock=True)
        members = group.memberships.current().count()
        _refuse(permissions.why_cannot_leave_group(user, player, group, members=members))
        now = timezone.now()
        GroupMembership.objects.filter(pk=player.membership.pk).update(left_at=now)
        if members == 1:
            group.dissolved_at = now
            group.save(update_fields=["dissolved_at"])
            group.invitations.filter(status=GroupInvitation.Status.PENDING).update(
                status=GroupInvitation.Status.CANCELLED, decided_at=now
            )
            stances_retire_on_dissolving(group=group)
    return group


def group_hand_over(*, group_id: int, user: AbstractBaseUser, username: str) -> GroupMembership:
    """Pass the founder role to another member, who must then hand it on before leaving."""
    with transaction.atomic():
        group = _locked_group(group_id)
        player = player_of(user, lock=True)
        _refuse(permissions.why_cannot_hand_over(user, player, group))
        heir = (
            group.memberships.current()
            .select_for_update(of=("self",))
            .filter(user__username=(username or "").strip()[:150])
            .first()
        )
        if heir is None:
            raise ValidationError(_("Choose one of the group's members."), code="username")
        why = permissions.why_cannot_hand_over(user, player, group, to=heir)
        if why:
            raise ValidationError(why, code="username")
        # One founder at a time, checked by the database on each statement:
        # step down first, then hand over.
        GroupMembership.objects.filter(pk=player.membership.pk).update(
            role=GroupMembership.Role.MEMBER
        )
        heir.role = GroupMembership.Role.FOUNDER
        heir.save(update_fields=["role"])
    return heir
