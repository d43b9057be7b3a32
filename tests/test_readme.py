"""The README tells a newcomer the truth: the demo accounts, the hall's numbers, PORT."""

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from personas.models import Persona, Tendency

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_it_lists_the_demo_accounts_exactly_as_seed_demo_prints_them(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    accounts = printed[printed.index("Demo accounts:") :].split("\nStaged")[0].rstrip()
    assert accounts.count("\n") >= 5
    assert f"```\n{accounts}\n```" in README


def test_its_counts_of_circles_and_personas_match_the_fixtures(seeded):
    circles = Tendency.objects.count()
    seated = Tendency.objects.filter(personas__isnull=False).distinct().count()
    personas = Persona.objects.count()
    hall = re.search(r"\*\*The hall\*\*.*?(?=\n- \*\*)", README, re.S).group(0)
    assert f"{circles} circles" in hall
    assert f"{seated} of them seat {personas}" in " ".join(hall.split())
    empty = Tendency.objects.filter(personas__isnull=True).values_list("name", flat=True)
    for name in empty:
        assert name in " ".join(hall.split())


def test_it_says_how_to_serve_the_demo_on_another_port():
    assert "make demo PORT=8001" in README
