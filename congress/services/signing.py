"""Signing what a congress adopted: once per player, as the persona they play."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from config import caching
from congress.models import Congress, Signature
from congress.selectors.edition import why_cannot_sign
from personas.selectors import player_of


def congress_sign(*, congress_id: int, user: AbstractBaseUser | AnonymousUser) -> Signature:
    """Sign the text the closed congress adopted; signing again returns the first signature."""
    congress = Congress.objects.select_related("charter").filter(pk=congress_id).first()
    if congress is None:
        raise ValidationError(_("That congress does not exist."))
    player = player_of(user)
    why = why_cannot_sign(user, player, congress)
    if why:
        raise PermissionDenied(why)
    persona = player.persona
    try:
        # A savepoint of its own: a double submit or a second tab loses the
        # race on the unique constraint without spoiling an outer transaction.
        with transaction.atomic():
            signature = Signature.objects.create(
                congress=congress, user=user, persona=persona, tendency_id=persona.tendency_id
            )
    except IntegrityError:
        # The constraint is one signature per player and congress: the other
        # request's row is committed, and it is the player's signature.
        existing = (
            Signature.objects.select_related("persona", "tendency")
            .filter(congress=congress, user=user)
            .first()
        )
        if existing is None:
            raise
        return existing
    caching.touch(caching.charter_stamp(congress.charter.slug))
    return signature
