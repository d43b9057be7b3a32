"""How the site writes dates for people: one format everywhere, the admin included.

Django reads these through FORMAT_MODULE_PATH for its own pages, and
`charter.dates.when` reads them for ours, so a moment looks the same on every
page, email and log line: "3 December 2026, 14:30 UTC" in full, "3 Dec 2026,
14:30" where a table or a list needs it short, "3 December 2026" for a day.
The site keeps time in UTC (TIME_ZONE), which the full form says.
"""

DATETIME_FORMAT = "j F Y, H:i T"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
