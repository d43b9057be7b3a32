"""How the site writes dates for Spanish readers, after config/formats/en/formats.py.

"3 de diciembre de 2026, 14:30 UTC" in full, "3 dic 2026, 14:30" in tables
and lists, "3 de diciembre de 2026" for a day. Everything else (separators,
input formats) comes from Django's own Spanish formats. Short months are
Django's lowercase "b" abbreviations ("dic", "mar").
"""

DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i T"
SHORT_DATETIME_FORMAT = "j b Y, H:i"
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j b Y"
