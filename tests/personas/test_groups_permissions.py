"""The rules about player groups, each a sentence from charter.permissions."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from charter import permissions
from personas.models import GroupInvitation, Player
from personas.selectors import player_of
from tests.conftest import make_group


def _player(user) -> Player:
    return player_of(user)


@pytest.fixture
def spartacus(alice, bob):
    return make_group(alice, bob)


def test_visitors_are_asked_to_log_in_for_everything(spartacus):
    visitor = AnonymousUser()
    invitation = GroupInvitation(group=spartacus, invited_id=1, invited_by_id=1)
    refusals = [
        permissions.why_cannot_create_group(visitor, None),
        permissions.why_cannot_invite(visitor, None, spartacus),
        permissions.why_cannot_answer_invitation(visitor, None, invitation, accept=True),
        permissions.why_cannot_cancel_invitation(visitor, None, invitation),
        permissions.why_cannot_leave_group(visitor, None, spartacus, members=2),
        permissions.why_cannot_hand_over(visitor, None, spartacus),
        permissions.why_cannot_play(visitor, None, spartacus.persona),
    ]
    assert all(why.kind == "login" for why in refusals), refusals


def test_a_player_outside_groups_may_found_one_but_not_invite_into_others(charlie, spartacus):
    player = _player(charlie)
    assert permissions.can_create_group(charlie, player)
    assert permissions.why_cannot_invite(charlie, player, spartacus) == (
        "Only members of the Spartacus group can invite players into it."
    )


def test_members_invite_leave_and_the_founder_hands_over(alice, bob, spartacus):
    alice_player, bob_player = _player(alice), _player(bob)
    assert permissions.can_invite(bob, bob_player, spartacus)
    assert permissions.can_leave_group(bob, bob_player, spartacus, members=2)
    assert not permissions.can_leave_group(alice, alice_player, spartacus, members=2)
    assert permissions.can_leave_group(alice, alice_player, spartacus, members=1)
    assert permissions.can_hand_over(alice, alice_player, spartacus)
    assert not permissions.can_hand_over(bob, bob_player, spartacus)


def test_a_suspended_member_may_leave_but_not_invite(bob, spartacus):
    Player.objects.filter(user=bob).update(suspended_until=timezone.now() + timedelta(days=1))
    player = _player(bob)
    assert permissions.why_cannot_invite(bob, player, spartacus).kind == "suspended"
    assert permissions.can_leave_group(bob, player, spartacus, members=2)


def test_the_group_s_name_reads_well_after_for(spartacus, rosa, alice):
    from personas.models import PlayerGroup

    assert spartacus.the_name == "the Spartacus group"
    assert PlayerGroup(name="The Red Orchestra").the_name == "The Red Orchestra"


def test_a_member_may_play_only_the_group_s_persona(alice, spartacus, bakunin, rosa):
    player = _player(alice)
    assert permissions.why_cannot_play(alice, player, rosa) == ""
    assert "leave the group" in permissions.why_cannot_play(alice, player, bakunin)


def test_the_player_row_carries_the_group_and_open_invitations_in_one_query(
    alice, charlie, spartacus, django_assert_num_queries
):
    GroupInvitation.objects.create(group=spartacus, invited=charlie, invited_by=alice)
    with django_assert_num_queries(1):
        player = _player(charlie)
        assert player.group is None and player.pending_invitations == 1
    with django_assert_num_queries(1):
        player = _player(alice)
        assert player.group == spartacus and player.membership.is_founder
        assert player.pending_invitations == 0
