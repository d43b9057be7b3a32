"""How the site writes dates for French readers, after config/formats/en/formats.py.

"3 décembre 2026 à 14:30 UTC" in full, "3 déc. 2026, 14:30" in tables and
lists, "3 décembre 2026" for a day. Everything else (separators, input
formats) comes from Django's own French formats. Short months are
Django's "N" abbreviations ("déc.", "mars"), which take their own dot.
"""

DATETIME_FORMAT = "j F Y à H:i T"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j N Y"
