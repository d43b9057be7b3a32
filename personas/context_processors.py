from django.http import HttpRequest

from personas.backends import PLAYER_READ
from personas.models import Player
from personas.selectors import player_of

_CACHE = "_current_player"
_UNREAD = object()


def request_player(request: HttpRequest) -> Player | None:
    """The signed-in user's player with persona and tendency, fetched once per request."""
    if not hasattr(request, _CACHE):
        user = getattr(request, "user", None)
        # Read with the user as they signed in (personas.backends), or now.
        read = getattr(user, PLAYER_READ, _UNREAD)
        setattr(request, _CACHE, player_of(user) if read is _UNREAD else read)
    return getattr(request, _CACHE)


def remember_player(request: HttpRequest, player: Player | None) -> None:
    """After the player changed persona in this request, show the new one in the header."""
    setattr(request, _CACHE, player)


def current_player(request: HttpRequest) -> dict:
    return {"current_player": request_player(request)}
