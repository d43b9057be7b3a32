from django.http import HttpRequest

from personas.models import Player


def request_player(request: HttpRequest) -> Player | None:
    """The signed-in user's player with persona and tendency, fetched once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(request, "_current_player"):
        request._current_player = (
            Player.objects.select_related("persona__tendency").filter(user=user).first()
        )
    return request._current_player


def current_player(request: HttpRequest) -> dict:
    return {"current_player": request_player(request)}
