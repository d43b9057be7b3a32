"""`player_of` reads what the queryset it stands for reads, for every kind of player.

player_of writes its SQL by hand (config.rows) because every signed-in
request asks; the queryset below is what that SQL must mean.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connections, transaction
from django.db.models import Count, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from config.rows import Columns
from personas import groups
from personas.models import GroupInvitation, GroupMembership, Player
from personas.selectors import player_of
from tests.conftest import make_group, make_user, probe_while_held_and_after


def reference(user) -> Player | None:
    """The player as the ORM reads it: persona and tendency, current membership and group,
    and the count of invitations waiting."""
    player = (
        Player.objects.select_related("persona__tendency")
        .annotate(
            current_membership=FilteredRelation(
                "user__group_memberships",
                condition=Q(user__group_memberships__left_at__isnull=True),
            ),
            pending_invitations=Coalesce(
                Subquery(
                    GroupInvitation.objects.filter(
                        invited_id=OuterRef("user_id"), status=GroupInvitation.Status.PENDING
                    )
                    .order_by()
                    .values("invited_id")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
        )
        .select_related("current_membership__group")
        .filter(user_id=user.pk)
        .first()
    )
    if player is not None:
        player._membership = player.__dict__.pop("current_membership", None)
    return player


def fields(instance) -> dict | None:
    if instance is None:
        return None
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def described(player: Player | None) -> dict | None:
    """Everything of a player that pages and rules read, related rows included."""
    if player is None:
        return None
    persona = player.persona
    membership = player._membership
    return {
        "player": fields(player),
        "persona": fields(persona),
        "tendency": fields(persona.tendency) if persona else None,
        "membership": fields(membership),
        "group": fields(membership.group) if membership else None,
        "pending_invitations": player.pending_invitations,
    }


@pytest.fixture
def players(alice, bob, charlie, rosa):
    return players_of_every_kind(alice, bob, charlie, rosa)


def players_of_every_kind(alice, bob, charlie, rosa) -> dict:
    """One user of each kind that player_of tells apart."""
    no_player = make_user("noplayer")
    Player.objects.filter(user=no_player).delete()
    founder = make_user("founder", persona=rosa)
    member = make_user("member")
    make_group(founder, member, name="Spartacus group")
    # Left one group, is in another; a declined and a cancelled invitation
    # do not count, two pending ones do.
    mover = make_user("mover", persona=rosa)
    first = make_group(mover, name="First group")
    other_founder = make_user("other", persona=rosa)
    second = make_group(other_founder, name="Second group")
    GroupMembership.objects.filter(group=first, user=mover).update(left_at=timezone.now())
    invitation = groups.group_invite(
        group_id=second.pk, user=other_founder, username=mover.username
    )
    groups.group_invitation_accept(invitation_id=invitation.pk, user=mover)
    for status, group in [
        (GroupInvitation.Status.PENDING, first),
        (GroupInvitation.Status.DECLINED, second),
        (GroupInvitation.Status.CANCELLED, first),
    ]:
        GroupInvitation.objects.create(
            group=group, invited=charlie, invited_by=mover, status=status
        )
    GroupInvitation.objects.create(group=second, invited=charlie, invited_by=other_founder)
    suspended = make_user("suspended", persona=rosa)
    Player.objects.filter(user=suspended).update(
        suspended_until=timezone.now() + datetime.timedelta(days=3),
        suspension_reason="Shouting.",
        playing_since=timezone.now(),
    )
    return {
        "persona": alice,
        "another persona": bob,
        "no persona, two invitations": charlie,
        "no player row": no_player,
        "founder": founder,
        "member without persona": member,
        "left one group, in another": mover,
        "suspended": suspended,
    }


@pytest.mark.django_db
def test_player_of_reads_what_the_queryset_reads(players):
    for kind, user in players.items():
        assert described(player_of(user)) == described(reference(user)), kind
    assert described(player_of(players["no persona, two invitations"]))["pending_invitations"] == 2
    assert player_of(players["left one group, in another"]).group.name == "Second group"
    assert player_of(players["no player row"]) is None


@pytest.mark.django_db
def test_what_pages_read_of_the_player_costs_no_further_query(players, django_assert_num_queries):
    with django_assert_num_queries(1):
        player = player_of(players["founder"])
    with django_assert_num_queries(0):
        assert player.persona.tendency.name
        assert player.group.name == "Spartacus group"
        assert player.membership.role == GroupMembership.Role.FOUNDER
        assert not player.is_suspended


def test_visitors_have_no_player():
    assert player_of(AnonymousUser()) is None
    assert player_of(None) is None


@pytest.mark.django_db(transaction=True)
def test_the_lock_needs_a_transaction(alice):
    with pytest.raises(TransactionManagementError):
        player_of(alice, lock=True)
    with transaction.atomic():
        assert described(player_of(alice, lock=True)) == described(reference(alice))


@pytest.mark.django_db(transaction=True)
def test_the_lock_holds_the_player_row_until_commit(alice):
    player_id = Player.objects.get(user=alice).pk
    outcomes = []

    def other_writer() -> None:
        # Another connection, in its own thread, asks for the row without waiting.
        try:
            with transaction.atomic(), connections["default"].cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM personas_player WHERE id = %s FOR UPDATE NOWAIT", [player_id]
                )
            outcomes.append("took")
        except OperationalError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    probe_while_held_and_after(lambda: player_of(alice, lock=True), other_writer)
    # Once committed, the row is free again.
    assert outcomes == ["refused", "took"]


def test_columns_convert_what_sqlite_returns():
    """The demo runs on SQLite, whose rows hold dates as text and booleans as integers."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    sqlite = DatabaseWrapper({**connections["default"].settings_dict, "NAME": ":memory:"}, "x")
    columns = Columns(Player, "p")
    row = [None] * len(columns)
    names = columns.names
    row[names.index("id")] = 7
    row[names.index("user_id")] = 3
    row[names.index("suspended_until")] = "2026-12-03 10:00:00"
    row[names.index("suspension_reason")] = ""
    player = columns.read(["before", *row], 1, sqlite)
    assert player.pk == 7
    assert player.suspended_until == datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)
    assert player._state.db == "x"
    assert columns.read([None] * len(columns), 0, sqlite) is None
