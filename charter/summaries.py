"""Edit summaries the site writes itself, stored in English and read in the reader's language.

A summary is stored once, for every reader, so the site's own ("Initial
text", "Restored revision 3") are stored in English, the site's language,
and recognised here when shown. Summaries people type are theirs and shown
as typed.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

INITIAL = gettext_noop("Initial text")
NEW_CLAUSE = gettext_noop("New clause")
ORIGINAL = gettext_noop("Original text")
EDITED_BY_AUTHOR = gettext_noop("Edited by its author")

_FIXED = (INITIAL, NEW_CLAUSE, ORIGINAL, EDITED_BY_AUTHOR)


def restored(number: int) -> str:
    return f"Restored revision {number}"


def adopted(amendment: int) -> str:
    return f"Adopted amendment {amendment}"


_NUMBERED: list[tuple[re.Pattern, Callable[[str], str]]] = [
    (
        re.compile(r"Restored revision (\d+)"),
        lambda n: _("Restored revision %(number)s") % {"number": n},
    ),
    (
        re.compile(r"Adopted amendment (\d+)"),
        # Translators: the summary of the clause revision an adopted amendment became.
        lambda n: _("Adopted amendment %(number)s") % {"number": n},
    ),
]


def shown(summary: str) -> str:
    """`summary` in the reader's language if the site wrote it, else as it was typed."""
    if summary in _FIXED:
        return _(summary)
    for pattern, translated in _NUMBERED:
        if match := pattern.fullmatch(summary):
            return translated(match.group(1))
    return summary
