"""How the site writes dates for German readers, after config/formats/en/formats.py.

"3. Dezember 2026, 14:30 UTC" in full, "3. Dez. 2026, 14:30" in tables and
lists, "3. Dezember 2026" for a day. Everything else (separators, input
formats) comes from Django's own German formats. Short months are
Django's "N" abbreviations ("Dez.", "März"), which take their own dot.
"""

DATETIME_FORMAT = "j. F Y, H:i T"
SHORT_DATETIME_FORMAT = "j. N Y, H:i"
DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "j. N Y"
