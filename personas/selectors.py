"""Read-side queries of the personas app."""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from personas.models import GroupInvitation, GroupMembership, Persona, Player, PlayerGroup


def player_of(user: AbstractBaseUser | AnonymousUser, *, lock: bool = False) -> Player | None:
    """The user's Player row with persona and tendency; None for visitors and new accounts.

    `lock=True` takes the row lock (inside a transaction) so one player's
    concurrent writes are judged one at a time.
    """
    if user is None or not user.is_authenticated:
        return None
    players = _players()
    if lock:
        players = players.select_for_update(of=("self",))
    player = players.filter(user_id=user.pk).first()
    if player is not None:
        player._membership = player.__dict__.pop("current_membership", None)
    return player


@functools.cache
def _players() -> QuerySet:
    """Players with what every page reads of them, built once: every signed-in request asks.

    Each call of player_of clones it; resolving the relation and the subquery
    anew would cost a page a fifth of its time.
    """
    return (
        Player.objects.select_related("persona__tendency")
        .annotate(
            # The group and the count of open invitations ride along: the header
            # and every rule about groups read them, and a page pays no extra query.
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
    )


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
