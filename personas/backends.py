"""Signing in each request reads the user's player with them."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from personas.selectors import user_and_player

# Set on a user loaded with their player (None for an account without one).
PLAYER_READ = "_player_read"


class PlayerBackend(ModelBackend):
    """Django's own user-and-password backend, but `get_user`, which every signed-in
    request calls, reads the player in the same query (see request_player).

    `django.contrib.auth.backends.ModelBackend` stays listed after it so that
    sessions begun before this backend existed stay valid; so that a wrong
    password is not checked twice, a refusal here is final.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and password is not None:
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        user, player = user_and_player(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        setattr(user, PLAYER_READ, player)
        return user
