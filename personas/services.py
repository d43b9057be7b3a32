from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charter import permissions
from config import caching
from personas.models import Persona, Player, Stint


def player_for(user: AbstractBaseUser) -> Player:
    """The user's Player row, created on first use."""
    player, _ = Player.objects.select_related("persona__tendency").get_or_create(user=user)
    return player


@transaction.atomic
def player_play(*, user: AbstractBaseUser, persona: Persona) -> Player:
    """Make `persona` the one the user speaks as from now on."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to play a persona."))
    player = Player.objects.select_for_update().filter(user=user).first()
    if player is None:
        player = Player(user=user)
    if player.persona_id != persona.pk:
        # A group member speaks as the group's persona, and only as it.
        why = permissions.why_cannot_play(user, player, persona)
        if why:
            raise PermissionDenied(why)
        player.persona = persona
        player.playing_since = timezone.now()
        player.save()
        Stint.objects.create(player=player, persona=persona, started_at=player.playing_since)
        # The hall counts who plays whom.
        caching.touch("hall")
    return player


@transaction.atomic
def user_email_change(*, user: AbstractBaseUser, email: str) -> AbstractBaseUser:
    """Set (or, when empty, remove) the address for password resets and notification emails."""
    user.email = BaseUserManager.normalize_email(email.strip())
    user.save(update_fields=["email"])
    return user


@transaction.atomic
def player_email_notifications_set(
    *, user: AbstractBaseUser, choice: str, language: str | None = None
) -> Player:
    """Choose how news of watched clauses reaches the user by email (never, at once or
    daily) and, if given, the language it is written in."""
    if choice not in Player.EmailNotifications.values:
        raise ValueError(f"Unknown email notification choice {choice!r}.")
    if language is not None and language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}.")
    player, _ = Player.objects.select_for_update().get_or_create(user=user)
    player.email_notifications = choice
    player.language = language or player.language
    player.save(update_fields=["email_notifications", "language"])
    return player


@transaction.atomic
def user_password_change(*, user: AbstractBaseUser, password: str) -> AbstractBaseUser:
    """Replace the user's password (already validated by the caller's form)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
