"""axe-core checks on the pages people use most, at desktop and phone width.

axe is vendored under tests/e2e/vendor (dev-only) and injected into the page;
the strict CSP would refuse an injected script, so these contexts bypass it.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from charter.models import Clause
from personas.models import Player
from tests.e2e.helpers import PASSWORD, log_in

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PAGES = [
    "/",
    "/personas/",
    "/personas/rosa-luxemburg/",
    "/charters/virtual-charter/",
    "/charters/virtual-charter/minimum-program/",
    "/charters/virtual-charter/as-of/",
    "/charters/virtual-charter/attribution/",
    "/recent/",
    "/notifications/",
    "/accounts/signup/",
    "/accounts/settings/",
    "/accounts/password_reset/",
    "/players/carol/",
    "/help/",
    "/personas/?next=/charters/virtual-charter/",
    "/personas/emma-goldman/?next=/charters/virtual-charter/",
]


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_main_pages_have_no_serious_accessibility_violations(site, new_page, width):
    call_command("seed_demo", verbosity=0)  # players, a debate and stances to render
    clause = Clause.objects.get(charter__slug="virtual-charter", title__startswith="Horizontal")
    base = clause.get_absolute_url()
    pages = PAGES + [base, f"{base}edit/", f"{base}history/", f"{base}diff/", f"{base}attribution/"]
    # The same pages in another language, and a clause's translation.
    pages += [
        "/fr/",
        "/fr/charters/virtual-charter/",
        f"/de{base}",
        f"/es{base}translations/es/edit/",
        f"/fr{base}translations/fr/",
        f"/fr{base}translations/fr/diff/",
    ]
    page = new_page(bypass_csp=True, viewport={"width": width, "height": 900})
    log_in(page, site.url, "carol", "invisible-demo")
    problems = {}
    for path in pages:
        page.goto(site.url + path)
        found = _violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_refusal_notices_and_the_admin_index_have_no_serious_violations(site, new_page, width):
    """What a newcomer, a suspended player and a moderator see instead of forms."""
    call_command("seed_demo", verbosity=0)
    newcomer = User.objects.create_user("newcomer", password=PASSWORD)
    Player.objects.create(user=newcomer)
    Player.objects.filter(user__username="dave").update(
        suspended_until=timezone.now() + timedelta(days=1), suspension_reason="Noise."
    )
    clause = Clause.objects.get(charter__slug="virtual-charter", title__startswith="Horizontal")
    problems = {}
    for username, password, paths in [
        ("newcomer", PASSWORD, [clause.get_absolute_url(), "/"]),
        ("dave", "invisible-demo", [clause.get_absolute_url()]),
        ("mod", "invisible-demo", [clause.get_absolute_url(), "/admin/", "/admin/charter/clause/"]),
    ]:
        page = new_page(bypass_csp=True, viewport={"width": width, "height": 900})
        log_in(page, site.url, username, password)
        for path in paths:
            page.goto(site.url + path)
            found = _violations(page)
            if found:
                problems[f"{username} {path}"] = found
    assert not problems, problems
