from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from personas.models import Persona, Player


def player_for(user: AbstractBaseUser) -> Player:
    """The user's Player row, created on first use."""
    player, _ = Player.objects.select_related("persona__tendency").get_or_create(user=user)
    return player


@transaction.atomic
def player_play(*, user: AbstractBaseUser, persona: Persona) -> Player:
    """Make `persona` the one the user speaks as from now on."""
    if not user.is_authenticated:
        raise PermissionDenied("Log in to play a persona.")
    player = Player.objects.select_for_update().filter(user=user).first()
    if player is None:
        player = Player(user=user)
    if player.persona_id != persona.pk:
        player.persona = persona
        player.playing_since = timezone.now()
        player.save()
    return player
