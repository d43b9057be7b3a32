"""Read-side queries of the personas app."""

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
