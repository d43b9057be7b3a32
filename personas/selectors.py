"""Read-side queries of the personas app."""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, F, Q
from django.db.transaction import TransactionManagementError

from config import prepared
from config.rows import Columns
from personas.models import (
    GroupInvitation,
    GroupMembership,
    Persona,
    Player,
    PlayerGroup,
    Tendency,
)


def player_of(user: AbstractBaseUser | AnonymousUser, *, lock: bool = False) -> Player | None:
    """The user's Player row with persona, tendency and current group membership, and the
    count of invitations waiting for them; None for visitors and new accounts.

    `lock=True` takes the row lock (inside a transaction) so one player's
    concurrent writes are judged one at a time.

    Every signed-in request asks, so the query is written once by hand
    (config.rows); tests/personas/test_player_of.py holds it to the queryset
    it stands for.
    """
    if user is None or not user.is_authenticated:
        return None
    using = router.db_for_write(Player) if lock else router.db_for_read(Player)
    connection = connections[using]
    if lock and connection.features.has_select_for_update and connection.get_autocommit():
        raise TransactionManagementError("player_of(lock=True) needs a transaction.")
    with connection.cursor() as cursor:
        prepared.execute(
            cursor,
            "player_of",
            _player_sql(using, lock=lock),
            [GroupInvitation.Status.PENDING, user.pk],
        )
        row = cursor.fetchone()
    return _player_from(row, 0, connection) if row is not None else None


def user_and_player(user_id: int) -> tuple[AbstractBaseUser | None, Player | None]:
    """The user `user_id` (None if there is none) and their player as `player_of` reads it,
    in one query: what every signed-in request starts with (personas.backends)."""
    using = router.db_for_read(Player)
    connection = connections[using]
    with connection.cursor() as cursor:
        prepared.execute(
            cursor,
            "user_and_player",
            _player_sql(using, with_user=True),
            [GroupInvitation.Status.PENDING, int(user_id)],
        )
        row = cursor.fetchone()
    if row is None:
        return None, None
    return _USER.read(row, 0, connection), _player_from(row, len(_USER), connection)


_USER = Columns(Player._meta.get_field("user").related_model, "u")
_PLAYER = Columns(Player, "p")
_PERSONA = Columns(Persona, "s")
_TENDENCY = Columns(Tendency, "t")
_MEMBERSHIP = Columns(GroupMembership, "m")
_GROUP = Columns(PlayerGroup, "g")
_INVITATION = Columns(GroupInvitation, "i")
# In the order the query selects them, then the count of invitations.
_JOINED = (_PLAYER, _PERSONA, _TENDENCY, _MEMBERSHIP, _GROUP)


@functools.cache
def _player_sql(using: str, *, lock: bool = False, with_user: bool = False) -> str:
    def col(columns: Columns, attname: str) -> str:
        return columns.column(using, attname)

    features = connections[using].features
    for_update = ""
    if lock and features.has_select_for_update:
        # Only the player's row: the outer joins' rows may be absent.
        for_update = " FOR UPDATE OF p" if features.has_select_for_update_of else " FOR UPDATE"
    selected = ", ".join(columns.select(using) for columns in _JOINED)
    if with_user:
        # Any user, with or without a player row.
        selected = f"{_USER.select(using)}, {selected}"
        source = (
            f"{_USER.table(using)} LEFT JOIN {_PLAYER.table(using)}"
            f" ON {col(_PLAYER, 'user_id')} = {col(_USER, 'id')}"
        )
        which = col(_USER, "id")
    else:
        source = _PLAYER.table(using)
        which = col(_PLAYER, "user_id")
    return (
        f"SELECT {selected}, "
        f"(SELECT COUNT(*) FROM {_INVITATION.table(using)}"
        f" WHERE {col(_INVITATION, 'invited_id')} = {col(_PLAYER, 'user_id')}"
        f" AND {col(_INVITATION, 'status')} = %s) "
        f"FROM {source}"
        f" LEFT JOIN {_PERSONA.table(using)}"
        f" ON {col(_PERSONA, 'id')} = {col(_PLAYER, 'persona_id')}"
        f" LEFT JOIN {_TENDENCY.table(using)}"
        f" ON {col(_TENDENCY, 'id')} = {col(_PERSONA, 'tendency_id')}"
        f" LEFT JOIN {_MEMBERSHIP.table(using)}"
        f" ON {col(_MEMBERSHIP, 'user_id')} = {col(_PLAYER, 'user_id')}"
        f" AND {col(_MEMBERSHIP, 'left_at')} IS NULL"
        f" LEFT JOIN {_GROUP.table(using)}"
        f" ON {col(_GROUP, 'id')} = {col(_MEMBERSHIP, 'group_id')}"
        f" WHERE {which} = %s{for_update}"
    )


def _player_from(row: tuple, start: int, connection: BaseDatabaseWrapper) -> Player | None:
    """The player whose columns begin at `start`, related rows attached; None if absent."""
    found = []
    for columns in _JOINED:
        found.append(columns.read(row, start, connection))
        start += len(columns)
    player, persona, tendency, membership, group = found
    if player is None:
        return None
    # As select_related would: the related objects cached on their owners.
    if persona is not None:
        Persona.tendency.field.set_cached_value(persona, tendency)
    Player.persona.field.set_cached_value(player, persona)
    if membership is not None:
        GroupMembership.group.field.set_cached_value(membership, group)
    player._membership = membership
    player.pending_invitations = row[start]
    return player


def personas_by_id(ids: set) -> dict[int, Persona]:
    """Personas (with their tendency) for a set of ids; None, for seed text, is ignored."""
    return Persona.objects.select_related("tendency").in_bulk(ids - {None})


# A profile lists this many personas, newest first; a player who changes
# persona every day still gets a page of bounded length.
SPANS_SHOWN = 50


@dataclass
class Span:
    """A persona a player played, from `started` until `ended` (None: still, or unknown)."""

    persona: Persona
    started: datetime | None
    ended: datetime | None
    current: bool


def persona_spans(player: Player | None) -> list[Span]:
    """The personas the player has played, newest first, in one query."""
    if player is None:
        return []
    stints = list(player.stints.select_related("persona__tendency")[:SPANS_SHOWN])
    spans = []
    ended = None
    for stint in stints:
        spans.append(
            Span(persona=stint.persona, started=stint.started_at, ended=ended, current=False)
        )
        ended = stint.started_at
    if player.persona_id is not None:
        if spans and spans[0].persona.pk == player.persona_id:
            spans[0].current = True
        else:
            # Rows written without player_play (older data, bulk tools) have
            # no stint for the current persona; the Player row still knows it.
            if spans:
                spans[0].ended = player.playing_since
            current = Span(
                persona=player.persona, started=player.playing_since, ended=None, current=True
            )
            spans.insert(0, current)
    return spans


# Player groups.

# A group is a delegation, not a mass party: its page lists this many members
# at most, and the latest former members after them.
MEMBERS_SHOWN = 200
FORMER_MEMBERS_SHOWN = 50


@dataclass
class GroupMembers:
    current: list[GroupMembership]
    former: list[GroupMembership]

    @property
    def founder(self) -> GroupMembership | None:
        return next((m for m in self.current if m.is_founder), None)

    @property
    def usernames(self) -> list[str]:
        return [m.user.get_username() for m in self.current]


def group_members(group: PlayerGroup) -> GroupMembers:
    """The group's members now (founder role first) and its latest former members, one query."""
    memberships = list(
        group.memberships.select_related("user")
        # Current members first (NULL left_at), then the latest to leave.
        .order_by(F("left_at").desc(nulls_first=True), "joined_at", "pk")[
            : MEMBERS_SHOWN + FORMER_MEMBERS_SHOWN
        ]
    )
    current = [m for m in memberships if m.left_at is None]
    current.sort(key=lambda m: (not m.is_founder, m.joined_at, m.pk))
    return GroupMembers(current=current, former=[m for m in memberships if m.left_at is not None])


def _member_count() -> Count:
    return Count("memberships", filter=Q(memberships__left_at__isnull=True))


def active_groups(persona: Persona | None = None) -> list[PlayerGroup]:
    """Groups that have members, each with `member_count`, by name (one query)."""
    groups = PlayerGroup.objects.active().select_related("persona__tendency")
    if persona is not None:
        groups = groups.filter(persona=persona)
    return list(groups.annotate(member_count=_member_count()).order_by("name"))


def dissolved_groups(limit: int = 50) -> list[PlayerGroup]:
    """Groups whose last member left, latest first: their pages and records stay."""
    groups = PlayerGroup.objects.filter(dissolved_at__isnull=False).select_related("persona")
    return list(groups.order_by("-dissolved_at")[:limit])


def invitations_for(user: AbstractBaseUser) -> list[GroupInvitation]:
    """The user's pending invitations, newest first, with what their cards show."""
    return list(
        GroupInvitation.objects.filter(invited=user, status=GroupInvitation.Status.PENDING)
        .select_related("group__persona__tendency", "invited_by")
        .order_by("-created_at", "-pk")
    )


def group_invitations(group: PlayerGroup) -> list[GroupInvitation]:
    """The group's pending invitations, oldest first (one query)."""
    return list(
        group.invitations.filter(status=GroupInvitation.Status.PENDING)
        .select_related("invited", "invited_by")
        .order_by("created_at", "pk")
    )
