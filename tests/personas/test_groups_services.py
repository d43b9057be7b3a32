"""personas.groups: founding, inviting, answering, leaving and handing over a player group."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from charter.services import discussion, players
from charter.services.stances import stance_take
from personas import groups
from personas.models import (
    GroupInvitation,
    GroupMembership,
    Player,
    PlayerGroup,
    Stint,
)
from personas.services import player_play
from tests.conftest import make_group, make_persona, make_user, revise_clause


def _invite(group, inviter, invitee) -> GroupInvitation:
    return groups.group_invite(group_id=group.pk, user=inviter, username=invitee.username)


def _accept(invitation, user):
    return groups.group_invitation_accept(invitation_id=invitation.pk, user=user)


def _player(user) -> Player:
    return Player.objects.select_related("persona").get(user=user)


def _suspend(user, mod) -> None:
    players.player_suspend(
        user_id=user.pk, moderator=mod, until=timezone.now() + timedelta(days=1), reason="Spam"
    )


# Founding.


def test_founding_a_group_makes_the_founder_its_first_member_with_the_founder_role(alice, rosa):
    group = groups.group_create(user=alice, name="  Spartacus   group ", persona=rosa)
    assert group.name == "Spartacus group"
    assert group.slug == "spartacus-group"
    assert group.founder == alice and group.persona == rosa
    membership = GroupMembership.objects.get(group=group)
    assert membership.user == alice and membership.is_founder and membership.left_at is None
    assert _player(alice).group == group


def test_founding_a_group_for_another_persona_makes_the_founder_play_it(alice, bakunin):
    group = groups.group_create(user=alice, name="Black flags", persona=bakunin)
    assert _player(alice).persona == bakunin
    # Through player_play: the profile's record of personas shows the switch.
    assert Stint.objects.filter(player__user=alice, persona=bakunin).exists()
    assert group.persona == bakunin


def test_a_player_without_a_persona_can_found_a_group_and_plays_its_persona(charlie, rosa):
    groups.group_create(user=charlie, name="Newcomers", persona=rosa)
    assert _player(charlie).persona == rosa


def test_group_names_are_unique_whatever_their_case(alice, bob, rosa):
    groups.group_create(user=alice, name="Spartacus group", persona=rosa)
    with pytest.raises(ValidationError, match="already a group called “Spartacus group”"):
        groups.group_create(user=bob, name="SPARTACUS GROUP", persona=rosa)
    assert _player(bob).persona.name == "Mikhail Bakunin"  # nothing changed for bob


def test_the_database_refuses_two_groups_of_one_name(alice, rosa):
    PlayerGroup.objects.create(name="Twins", slug="twins", persona=rosa, founder=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlayerGroup.objects.create(name="twins", slug="twins-2", persona=rosa, founder=alice)


def test_names_that_make_the_same_slug_get_numbered_slugs(alice, bob, rosa, bakunin):
    first = groups.group_create(user=alice, name="Red Flag!", persona=rosa)
    second = groups.group_create(user=bob, name="Red flag?", persona=bakunin)
    assert (first.slug, second.slug) == ("red-flag", "red-flag-2")


@pytest.mark.parametrize(
    ("name", "slug"), [("New", "new-group"), ("Союз", "group"), ("¡¡!!", "group")]
)
def test_slugs_never_take_a_page_s_address_and_never_end_up_empty(alice, rosa, name, slug):
    assert groups.group_create(user=alice, name=name, persona=rosa).slug == slug


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("Bad\x00name", "control characters"),
        ("x" * 81, "at most 80 characters"),
    ],
)
def test_bad_names_are_refused_with_a_reason(alice, rosa, name, message):
    with pytest.raises(ValidationError, match=message):
        groups.group_create(user=alice, name=name, persona=rosa)
    assert not PlayerGroup.objects.exists()


def test_a_member_cannot_found_a_second_group(alice, rosa):
    make_group(alice)
    with pytest.raises(PermissionDenied, match="leave it before you found another"):
        groups.group_create(user=alice, name="Another", persona=rosa)


def test_a_suspended_player_cannot_found_a_group(alice, mod, rosa):
    _suspend(alice, mod)
    with pytest.raises(PermissionDenied, match="suspended"):
        groups.group_create(user=alice, name="Spartacus group", persona=rosa)


def test_founding_retires_the_founders_own_stances(alice, clause):
    own = stance_take(clause_id=clause.pk, user=alice, position="support", reason="Mine.")
    make_group(alice)
    own.refresh_from_db()
    assert not own.is_current  # kept as history, no longer a voice


# Inviting.


def test_any_member_invites_a_player_by_user_name(alice, bob, charlie):
    group = make_group(alice, bob)
    invitation = groups.group_invite(group_id=group.pk, user=bob, username="charlie")
    assert invitation.invited == charlie and invitation.invited_by == bob
    assert invitation.is_pending


def test_user_names_are_matched_exactly_or_in_any_case_when_only_one_matches(alice, charlie):
    group = make_group(alice)
    assert groups.group_invite(group_id=group.pk, user=alice, username=" Charlie ").invited == (
        charlie
    )


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("nobody", "There is no player called “nobody”"),
        ("", "Type the user name"),
        ("bad name\x00", "There is no player called"),
        ("x" * 400, "There is no player called"),
    ],
)
def test_inviting_nobody_says_so(alice, username, message):
    group = make_group(alice)
    with pytest.raises(ValidationError, match=message):
        groups.group_invite(group_id=group.pk, user=alice, username=username)


def test_inviting_a_member_says_they_are_one(alice, bob):
    group = make_group(alice, bob)
    with pytest.raises(ValidationError, match="bob is already a member"):
        _invite(group, alice, bob)
    with pytest.raises(ValidationError, match="alice is already a member"):
        _invite(group, alice, alice)


def test_inviting_twice_says_the_invitation_is_waiting(alice, bob):
    group = make_group(alice)
    _invite(group, alice, bob)
    with pytest.raises(ValidationError, match="already invited"):
        _invite(group, alice, bob)
    assert GroupInvitation.objects.filter(invited=bob).count() == 1


def test_the_database_allows_one_pending_invitation_per_group_and_player(alice, bob):
    group = make_group(alice)
    GroupInvitation.objects.create(group=group, invited=bob, invited_by=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupInvitation.objects.create(group=group, invited=bob, invited_by=alice)


def test_inviting_a_member_of_another_group_says_so(alice, bob, bakunin):
    group = make_group(alice)
    groups.group_create(user=bob, name="Black flags", persona=bakunin)
    with pytest.raises(ValidationError, match="bob is in another group, Black flags"):
        _invite(group, alice, bob)


def test_only_members_invite(alice, bob, charlie):
    group = make_group(alice)
    with pytest.raises(PermissionDenied, match="Only members"):
        groups.group_invite(group_id=group.pk, user=bob, username="charlie")


def test_a_suspended_member_cannot_invite(alice, bob, mod):
    group = make_group(alice)
    _suspend(alice, mod)
    with pytest.raises(PermissionDenied, match="suspended"):
        _invite(group, alice, bob)


def test_declined_players_may_be_invited_again(alice, bob):
    group = make_group(alice)
    groups.group_invitation_decline(invitation_id=_invite(group, alice, bob).pk, user=bob)
    assert _invite(group, alice, bob).is_pending


# Answering.


def test_accepting_joins_the_group_and_plays_its_persona_through_player_play(alice, bob, rosa):
    group = make_group(alice)
    invitation = _invite(group, alice, bob)
    membership = _accept(invitation, bob)
    assert membership.group == group and membership.role == GroupMembership.Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.status == GroupInvitation.Status.ACCEPTED and invitation.decided_at
    assert _player(bob).persona == rosa
    assert Stint.objects.filter(player__user=bob, persona=rosa).exists()


def test_accepting_retires_the_players_own_stances(alice, bob, clause):
    own = stance_take(clause_id=clause.pk, user=bob, position="oppose", reason="Mine.")
    make_group(alice, bob)
    own.refresh_from_db()
    assert not own.is_current


def test_an_invitation_is_answered_once(alice, bob):
    group = make_group(alice)
    invitation = _invite(group, alice, bob)
    _accept(invitation, bob)
    with pytest.raises(PermissionDenied, match="already accepted"):
        _accept(invitation, bob)
    with pytest.raises(PermissionDenied, match="already accepted"):
        groups.group_invitation_decline(invitation_id=invitation.pk, user=bob)


def test_only_the_invited_player_answers(alice, bob, charlie):
    group = make_group(alice)
    invitation = _invite(group, alice, bob)
    with pytest.raises(PermissionDenied, match="addressed to another player"):
        _accept(invitation, charlie)
    with pytest.raises(PermissionDenied, match="addressed to another player"):
        groups.group_invitation_decline(invitation_id=invitation.pk, user=charlie)


def test_a_member_of_another_group_must_leave_it_before_accepting(alice, bob, bakunin):
    group = make_group(alice)
    invitation = _invite(group, alice, bob)
    groups.group_create(user=bob, name="Black flags", persona=bakunin)
    with pytest.raises(PermissionDenied, match="leave it first to join the Spartacus group"):
        _accept(invitation, bob)


def test_a_suspended_player_cannot_accept_but_can_decline(alice, bob, mod):
    group = make_group(alice)
    invitation = _invite(group, alice, bob)
    _suspend(bob, mod)
    with pytest.raises(PermissionDenied, match="suspended"):
        _accept(invitation, bob)
    assert groups.group_invitation_decline(invitation_id=invitation.pk, user=bob).status == (
        GroupInvitation.Status.DECLINED
    )


def test_a_member_withdraws_a_pending_invitation(alice, bob, charlie):
    group = make_group(alice, bob)
    invitation = _invite(group, alice, charlie)
    cancelled = groups.group_invitation_cancel(invitation_id=invitation.pk, user=bob)
    assert cancelled.status == GroupInvitation.Status.CANCELLED
    with pytest.raises(PermissionDenied, match="already cancelled"):
        _accept(invitation, charlie)


def test_only_members_withdraw_invitations(alice, bob, charlie):
    group = make_group(alice)
    invitation = _invite(group, alice, charlie)
    with pytest.raises(PermissionDenied, match="Only members"):
        groups.group_invitation_cancel(invitation_id=invitation.pk, user=bob)


def test_unknown_invitations_are_a_validation_error(alice):
    with pytest.raises(ValidationError, match="does not exist"):
        groups.group_invitation_accept(invitation_id=987654, user=alice)


# Leaving and handing over.


def test_a_member_leaves_and_keeps_playing_the_persona(alice, bob, rosa):
    group = make_group(alice, bob)
    groups.group_leave(group_id=group.pk, user=bob)
    membership = GroupMembership.objects.get(group=group, user=bob)
    assert membership.left_at is not None
    assert _player(bob).group is None and _player(bob).persona == rosa
    group.refresh_from_db()
    assert not group.is_dissolved


def test_the_founder_must_hand_over_before_leaving_unless_alone(alice, bob):
    group = make_group(alice, bob)
    with pytest.raises(PermissionDenied, match="hand it over to another member"):
        groups.group_leave(group_id=group.pk, user=alice)
    heir = groups.group_hand_over(group_id=group.pk, user=alice, username="bob")
    assert heir.user == bob and heir.is_founder
    assert not GroupMembership.objects.get(group=group, user=alice).is_founder
    groups.group_leave(group_id=group.pk, user=alice)
    assert list(group.memberships.current().values_list("user__username", flat=True)) == ["bob"]


def test_the_last_member_leaving_dissolves_the_group_and_keeps_its_history(
    alice, bob, charlie, clause
):
    group = make_group(alice)
    invitation = _invite(group, alice, bob)
    said = discussion.comment_post(clause_id=clause.pk, user=alice, body="For the group.").comment
    stance = stance_take(clause_id=clause.pk, user=alice, position="support", reason="")
    groups.group_leave(group_id=group.pk, user=alice)
    group.refresh_from_db()
    assert group.is_dissolved
    invitation.refresh_from_db()
    assert invitation.status == GroupInvitation.Status.CANCELLED
    stance.refresh_from_db()
    assert not stance.is_current  # nobody is left to hold it
    said.refresh_from_db()
    assert said.group == group  # what was said for it stays said for it
    with pytest.raises(PermissionDenied, match="dissolved"):
        _invite(group, alice, charlie)
    with pytest.raises(PermissionDenied, match="dissolved"):
        _accept(_pending(group, alice, bob), bob)


def _pending(group, inviter, invitee) -> GroupInvitation:
    return GroupInvitation.objects.create(group=group, invited=invitee, invited_by=inviter)


def test_non_members_neither_leave_nor_hand_over(alice, bob):
    group = make_group(alice)
    with pytest.raises(PermissionDenied, match="not a member"):
        groups.group_leave(group_id=group.pk, user=bob)
    with pytest.raises(PermissionDenied, match="founder role can hand it over"):
        groups.group_hand_over(group_id=group.pk, user=bob, username="alice")


def test_only_the_founder_hands_over_and_only_to_a_member(alice, bob, charlie):
    group = make_group(alice, bob)
    with pytest.raises(PermissionDenied, match="founder role can hand it over"):
        groups.group_hand_over(group_id=group.pk, user=bob, username="bob")
    with pytest.raises(ValidationError, match="Choose one of the group's members"):
        groups.group_hand_over(group_id=group.pk, user=alice, username="charlie")
    with pytest.raises(ValidationError, match="already hold the founder role"):
        groups.group_hand_over(group_id=group.pk, user=alice, username="alice")


def test_the_database_allows_one_group_at_a_time_and_one_founder_per_group(alice, bob, rosa):
    group = make_group(alice, bob)
    other = PlayerGroup.objects.create(name="Other", slug="other", persona=rosa, founder=bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.create(group=other, user=bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.filter(group=group, user=bob).update(
            role=GroupMembership.Role.FOUNDER
        )


# Personas and contributions.


def test_a_member_cannot_switch_to_another_persona(alice, bakunin):
    make_group(alice)
    with pytest.raises(PermissionDenied, match="leave the group to play someone else"):
        player_play(user=alice, persona=bakunin)


def test_a_former_member_plays_whom_they_like(alice, bob, bakunin):
    group = make_group(alice, bob)
    groups.group_leave(group_id=group.pk, user=bob)
    assert player_play(user=bob, persona=bakunin).persona == bakunin


def test_contributions_record_the_group_and_leaving_never_rewrites_them(alice, bob, clause):
    group = make_group(alice, bob)
    said = discussion.comment_post(clause_id=clause.pk, user=bob, body="For the group.").comment
    meta = revise_clause(clause, bob, "Words written for the group.").meta
    assert said.group == group and meta.group == group
    groups.group_leave(group_id=group.pk, user=bob)
    later = discussion.comment_post(clause_id=clause.pk, user=bob, body="For myself.").comment
    later_meta = revise_clause(clause, bob, "Words of my own.").meta
    said.refresh_from_db()
    meta.refresh_from_db()
    assert said.group == group and meta.group == group
    assert later.group is None and later_meta.group is None


def test_players_outside_groups_contribute_as_before(bob, clause):
    said = discussion.comment_post(clause_id=clause.pk, user=bob, body="Alone.").comment
    assert said.group is None


def test_a_group_of_new_accounts_works_without_earlier_player_rows(alice, rosa, db):
    from django.contrib.auth.models import User

    newcomer = User.objects.create_user("newcomer", password="x")  # no Player row yet
    group = make_group(alice)
    _accept(_invite(group, alice, newcomer), newcomer)
    assert _player(newcomer).persona == rosa


def test_the_persona_of_a_group_need_not_be_the_founders_first_persona(db):
    founder = make_user("dora", persona=make_persona())
    other = make_persona(name="Louise Michel", slug="louise-michel")
    group = make_group(founder, persona=other)
    assert _player(founder).persona == other == group.persona
