"""A congress in a real browser: convened, amended, judged, its minutes read and its PDF taken."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from charter.roles import ensure_moderators_group
from congress.services.amendments import amendment_propose, amendment_stance_take
from congress.services.congresses import congress_close, congress_convene
from tests.e2e.helpers import a_clause, log_in, make_player

PLAYERS = [
    ("alice", "rosa-luxemburg"),
    ("bob", "mikhail-bakunin"),
    ("dave", "karl-marx"),
]


def _stance(page, position: str, reason: str) -> None:
    form = page.locator("form.stance-form")
    form.get_by_label(position, exact=True).check()
    form.get_by_label("Reason").fill(reason)
    form.get_by_role("button", name="Record my stance").click()
    expect(page.locator(".messages")).to_contain_text("Stance recorded")


def test_three_circles_hold_a_congress_one_amendment_carries_one_is_blocked(site, new_page):
    moderator = make_player("mod", "peter-kropotkin", is_staff=True)
    moderator.groups.add(ensure_moderators_group())
    for username, slug in PLAYERS:
        make_player(username, slug)
    clause = a_clause()
    charter_url = f"{site.url}/charters/virtual-charter/"

    mod = new_page()
    log_in(mod, site.url, "mod")
    mod.goto(charter_url)
    mod.get_by_role("link", name="Convene a congress").click()
    mod.get_by_label("Title").fill("Chicago congress")
    # The datetime-local inputs take the browser's own format.
    mod.get_by_label("Opens").fill("2026-01-01T09:00")
    mod.get_by_label("Closes").fill("2099-01-04T18:00")
    mod.get_by_role("button", name="Convene the congress").click()
    expect(mod.locator(".messages")).to_contain_text("is convened")

    alice = new_page()
    log_in(alice, site.url, "alice")
    alice.goto(site.url + clause.get_absolute_url())
    expect(alice.locator(".congress-banner")).to_contain_text("A congress is convened")
    expect(alice.get_by_role("link", name="Edit this clause")).to_have_count(0)
    alice.get_by_role("link", name="Propose an amendment").click()
    alice.get_by_label("Proposed text").fill(clause.body + "\n\nNo one is free alone.")
    alice.get_by_label("Rationale").fill("Freedom is indivisible.")
    alice.get_by_role("button", name="Propose the amendment").click()
    expect(alice.locator(".messages")).to_contain_text("is proposed")
    expect(alice.locator(".diff ins")).to_contain_text("No one is free alone.")
    carried_url = alice.url

    bob = new_page()
    log_in(bob, site.url, "bob")
    bob.goto(f"{charter_url}amendments/")
    bob.get_by_role("link", name="Propose a new clause").click()
    bob.get_by_label("Title").fill("Against every state")
    bob.get_by_label("Proposed text").fill("No authority above the free federation of communes.")
    bob.get_by_role("button", name="Propose the amendment").click()
    expect(bob.locator(".messages")).to_contain_text("is proposed")
    blocked_url = bob.url

    dave = new_page()
    log_in(dave, site.url, "dave")
    for page, on_carried, on_blocked in [
        (alice, "Support", "Support"),
        (bob, "Support", "Support"),
        (dave, "Support", "Oppose"),
    ]:
        page.goto(carried_url)
        _stance(page, on_carried, "It unites us.")
        page.goto(blocked_url)
        _stance(page, on_blocked, "The transition needs a state." if on_blocked == "Oppose" else "")
    expect(dave.locator(".consensus-summary")).to_contain_text("Blocked by Marxists")

    # The moderator is still on the congress page, where convening led.
    mod.reload()
    expect(mod.locator(".floor-list")).to_contain_text("carries (3 circles)")
    mod.get_by_role("button", name="Close the congress and judge the amendments").click()
    expect(mod.locator(".messages")).to_contain_text("1 amendment adopted, 1 rejected")
    minutes = mod.locator("section.minutes")
    expect(minutes).to_contain_text("Blocked by Marxists")
    expect(minutes).to_contain_text("The transition needs a state.")

    alice.goto(site.url + clause.get_absolute_url())
    expect(alice.locator(".clause-text")).to_contain_text("No one is free alone.")
    expect(alice.get_by_role("link", name="Edit this clause")).to_have_count(1)

    mod.reload()
    with mod.expect_download() as download:
        mod.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.path().read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_congress_pages_have_no_serious_accessibility_violations(site, new_page, width):
    from tests.e2e.test_accessibility import _violations

    call_command("seed_demo", verbosity=0)
    users = {u.username: u for u in User.objects.filter(username__in=["carol", "dave", "mod"])}
    clause = a_clause()
    now = timezone.now()
    congress = congress_convene(
        charter=clause.charter,
        user=users["mod"],
        title="Chicago congress",
        opens_at=now,
        closes_at=now + timedelta(days=3),
    )
    amendment = amendment_propose(
        charter=clause.charter,
        clause_id=clause.pk,
        user=users["carol"],
        title=clause.title,
        body=clause.body + "\n\nAnd more.",
        rationale="Because.",
    )
    amendment_stance_take(
        amendment_id=amendment.pk, user=users["dave"], position="oppose", reason="No."
    )
    charter_url = "/charters/virtual-charter/"
    problems = {}
    for username, paths in [
        (
            "carol",
            [
                amendment.get_absolute_url(),
                f"{amendment.get_absolute_url()}edit/",
                f"{clause.get_absolute_url()}amendments/new/",
                f"{charter_url}amendments/",
                congress.get_absolute_url(),
            ],
        ),
        ("mod", [congress.get_absolute_url()]),
    ]:
        page = new_page(bypass_csp=True, viewport={"width": width, "height": 900})
        log_in(page, site.url, username, "invisible-demo")
        for path in paths:
            page.goto(site.url + path)
            if found := _violations(page):
                problems[f"{username} {path}"] = found
    congress_close(congress_id=congress.pk, user=users["mod"])
    page.goto(site.url + congress.get_absolute_url())
    if found := _violations(page):
        problems["minutes"] = found
    assert not problems, problems
