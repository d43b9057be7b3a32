"""Reads for the signatures of a congress: who signed, by circle, and who may."""

from itertools import groupby

from charter import permissions
from charter.permissions import AnyUser
from congress.models import Congress, Signature
from personas.models import Player, Tendency


def signatories_by_circle(congress: Congress) -> list[tuple[Tendency, list[Signature]]]:
    """The congress's signatures grouped by the circle signed in, circles in hall order."""
    signatures = (
        Signature.objects.filter(congress=congress)
        .select_related("persona", "tendency", "user")
        .order_by("tendency__position", "tendency__name", "tendency_id", "signed_at", "pk")
    )
    return [
        (tendency, list(group))
        for tendency, group in groupby(signatures, key=lambda signature: signature.tendency)
    ]


def why_cannot_sign(user: AnyUser, player: Player | None, congress: Congress) -> str:
    """Why this person may not sign what the congress adopted; empty if they may."""
    if not congress.is_closed:
        return "You can sign once the congress has closed and the text is fixed."
    return permissions.why_cannot_write(user, player, to="sign the charter")


def signing_panel(
    congress: Congress,
    user: AnyUser,
    player: Player | None,
    *,
    signatories: list[tuple[Tendency, list[Signature]]] | None = None,
) -> dict:
    """The context templates/congress/_signatures.html expects, beside `congress`.

    Pass `signatories` when they have been read already (the edition has them).
    """
    if signatories is None:
        signatories = signatories_by_circle(congress)
    mine = None
    if user.is_authenticated:
        signed = (signature for _, group in signatories for signature in group)
        mine = next((signature for signature in signed if signature.user_id == user.pk), None)
    why = "" if mine else why_cannot_sign(user, player, congress)
    return {
        "signatories": signatories,
        "my_signature": mine,
        "can_sign": mine is None and not why,
        "why_no_sign": why,
    }
