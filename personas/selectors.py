"""Read-side queries of the personas app."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from personas.models import Persona, Player


def player_of(user: AbstractBaseUser | AnonymousUser, *, lock: bool = False) -> Player | None:
    """The user's Player row with persona and tendency; None for visitors and new accounts.

    `lock=True` takes the row lock (inside a transaction) so one player's
    concurrent writes are judged one at a time.
    """
    if user is None or not user.is_authenticated:
        return None
    players = Player.objects.select_related("persona__tendency")
    if lock:
        players = players.select_for_update(of=("self",))
    return players.filter(user=user).first()


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
