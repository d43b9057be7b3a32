"""Every refusal is a whole sentence a translator can translate.

`why_cannot_write(to=...)` picks its sentences from WRITE_REFUSALS by the
English action; an action missing there (or passed already translated)
falls back to English words built around `to`, which no catalogue can put
into French. Every action the code passes must be a key.
"""

import re
from pathlib import Path

from django.conf import settings

from charter.permissions import WRITE_REFUSALS

CALL = re.compile(r"""why_cannot_(?:write|change_entry)\([^)]*?\bto=("[^"]*"|[^,)\s]+)""", re.S)
DEFAULT = re.compile(r"""\bto: str = ("[^"]*"|[^,)\s]+)""")


def test_every_action_passed_has_whole_sentences():
    root = Path(settings.BASE_DIR)
    found = []
    for app in ("charter", "congress", "contests", "personas", "translations", "search"):
        for path in (root / app).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            found += [(path.name, m) for m in CALL.findall(text) + DEFAULT.findall(text)]
    assert len(found) > 10
    for where, argument in found:
        if argument == "to":
            continue  # passed through from a caller, itself checked here
        assert argument.startswith('"'), f"{where}: pass the English action, not {argument}"
        assert argument.strip('"') in WRITE_REFUSALS, f"{where}: add {argument} to WRITE_REFUSALS"
