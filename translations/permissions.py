"""Who may translate a clause.

Translating follows writing's rules (logged in, not suspended, speaking as a
persona) but not a clause's lock or a sitting congress: a translation
renders the text the players settled, it does not change it, and a locked
or debated clause is exactly the one readers of other languages need.
"""

from django.utils.translation import gettext as _

from charter.models import Clause
from charter.permissions import AnyUser, why_cannot_write
from personas.models import Player
from translations import languages


def why_cannot_translate(
    user: AnyUser, player: Player | None, clause: Clause, language: str
) -> str:
    if not languages.is_language(language):
        return _("The site has no language “%(code)s”.") % {"code": language[:8]}
    if language == clause.charter.source_language:
        return _("This charter is written in %(language)s: edit the clause itself.") % {
            "language": languages.name(language)
        }
    if clause.is_removed:
        return _("This clause has been removed; moderators can recover it.")
    if not clause.charter.is_editable:
        return _("This is a reference charter: it is here to learn from and is not translated.")
    return why_cannot_write(user, player, to="translate this clause")


def can_translate(user: AnyUser, player: Player | None, clause: Clause, language: str) -> bool:
    return not why_cannot_translate(user, player, clause, language)
