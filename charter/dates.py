"""Dates as people read them, in the site's one format (config/formats/en/formats.py).

Templates use the `when` filter, Python code (permissions, the admin, log
labels) calls `when()`: neither spells out a format of its own. The format is
the active language's (config/formats/fr/, de/, es/ beside English), and
Django's catalogues name the months, so "3 décembre 2026 à 14:30 UTC" needs
nothing translated here.
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language

STYLES = {
    # "3 December 2026, 14:30 UTC"
    "full": "DATETIME_FORMAT",
    # "3 Dec 2026, 14:30": tables and lists, where the page says times are UTC.
    "short": "SHORT_DATETIME_FORMAT",
    # "3 December 2026": days (joined, playing since).
    "day": "DATE_FORMAT",
}


def when(moment: datetime | date | None, style: str = "full") -> str:
    """`moment` written for people; "" for None (an unset date shows as nothing)."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    # Management commands may run with no language active; the site's own applies.
    language = get_language() or settings.LANGUAGE_CODE
    return dateformat.format(moment, formats.get_format(STYLES[style], lang=language))
