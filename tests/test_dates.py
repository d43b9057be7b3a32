"""One way of writing dates for people, everywhere on the site."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

from django.utils import formats, translation

from charter.dates import when

MOMENT = datetime(2026, 12, 3, 14, 30, 59, tzinfo=UTC)
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_a_moment_is_written_in_full_short_or_as_a_day():
    assert when(MOMENT) == "3 December 2026, 14:30 UTC"
    assert when(MOMENT, "short") == "3 Dec 2026, 14:30"
    assert when(MOMENT, "day") == "3 December 2026"
    assert when(date(2026, 12, 3), "day") == "3 December 2026"
    assert when(None) == ""


def test_djangos_own_pages_use_the_same_format():
    # The admin writes dates through Django's formats, set by FORMAT_MODULE_PATH.
    assert formats.date_format(MOMENT, "DATETIME_FORMAT") == when(MOMENT)
    assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == when(MOMENT, "short")


def test_the_format_holds_with_no_language_active():
    # Management commands (the digest emails) may run with translations off.
    with translation.override(None):
        assert when(MOMENT) == "3 December 2026, 14:30 UTC"


def test_templates_write_dates_only_through_the_when_filter():
    # `|date:'c'` is for machines (datetime attributes); people read `|when`.
    spelled_out = re.compile(r"""\|date:(?!['"]c['"])""")
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*")
        if path.is_file()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if spelled_out.search(line)
    ]
    assert not offenders, offenders
