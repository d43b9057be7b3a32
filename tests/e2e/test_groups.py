"""A player group in a real browser: found, invite, accept, and speak with one voice."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from personas.models import GroupInvitation, PlayerGroup
from tests.e2e.helpers import a_clause, log_in, make_player
from tests.e2e.test_accessibility import _violations


def test_alice_founds_a_group_bob_joins_and_his_stance_is_the_group_s(site, new_page):
    make_player("alice", "rosa-luxemburg")
    make_player("bob", "mikhail-bakunin")
    clause = a_clause()
    clause_url = site.url + clause.get_absolute_url()

    alice = new_page()
    log_in(alice, site.url, "alice")
    alice.goto(f"{site.url}/groups/")
    alice.get_by_role("link", name="Found a group").click()
    alice.get_by_label("Name of the group").fill("Spartacus group")
    expect(alice.get_by_label("The persona the group plays")).to_have_value("rosa-luxemburg")
    alice.get_by_role("button", name="Found the group").click()
    expect(alice.locator(".messages")).to_contain_text("You founded the Spartacus group")
    expect(alice.get_by_role("heading", level=1)).to_have_text("Spartacus group")
    alice.get_by_label("User name of the player to invite").fill("bob")
    alice.get_by_role("button", name="Invite", exact=True).click()
    expect(alice.locator(".messages")).to_contain_text("bob is invited")
    expect(alice.locator(".pending-invitations")).to_contain_text("bob")

    bob = new_page()
    log_in(bob, site.url, "bob")
    bob.get_by_role("link", name="Invitations").click()
    expect(bob.locator("#groups")).to_contain_text("alice invites you to join Spartacus group")
    bob.get_by_role("button", name="Accept the invitation to Spartacus group").click()
    expect(bob.locator(".messages")).to_contain_text("Welcome to the Spartacus group")
    expect(bob.locator(".whoami")).to_contain_text("playing Rosa Luxemburg")
    expect(bob.locator(".members")).to_contain_text("bob")

    bob.goto(clause_url)
    form = bob.locator("form.stance-form")
    expect(form.locator("legend")).to_have_text(
        "The group’s stance as Rosa Luxemburg, for the Spartacus group"
    )
    form.get_by_label("Oppose", exact=True).check()
    form.get_by_label("Reason").fill("Too vague for a delegation to sign.")
    form.get_by_role("button", name="Record the group’s stance").click()
    expect(bob.locator(".messages")).to_contain_text("Stance recorded for the Spartacus group")
    spartacists = bob.locator(".tendency-stance", has_text="Spartacists")
    expect(spartacists).to_contain_text("Rosa Luxemburg, for the Spartacus group: bob opposes")
    expect(spartacists).to_contain_text("Too vague for a delegation to sign.")

    alice.goto(clause_url)
    expect(alice.locator(".my-stance")).to_contain_text(
        "As Rosa Luxemburg, the Spartacus group opposes this clause"
    )
    expect(alice.locator(".my-stance")).to_contain_text("set by bob")
    # One voice: alice changing it replaces bob's stance; the tally counts one.
    form = alice.locator("form.stance-form")
    form.get_by_label("Support", exact=True).check()
    form.get_by_label("Reason").fill("We talked it over.")
    form.get_by_role("button", name="Record the group’s stance").click()
    spartacists = alice.locator(".tendency-stance", has_text="Spartacists")
    expect(spartacists).to_contain_text("1 support · 0 oppose · 0 abstain")
    expect(spartacists).not_to_contain_text("Too vague")

    alice.get_by_role("link", name="its history").click()
    alice.locator(".stance-history summary").first.click()
    expect(alice.locator(".stance-history")).to_contain_text("Too vague for a delegation to sign.")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_group_pages_have_no_serious_accessibility_violations(site, new_page, width):
    call_command("seed_demo", verbosity=0)  # the Spartacus group, with stances
    group = PlayerGroup.objects.get(name="Spartacus group")
    carol = User.objects.get(username="carol")
    GroupInvitation.objects.create(group=group, invited=carol, invited_by=group.founder)
    clause = a_clause()
    problems = {}
    for username, paths in [
        ("alice", ["/groups/", group.get_absolute_url(), clause.get_absolute_url()]),
        ("carol", [group.get_absolute_url(), "/accounts/settings/", "/groups/new/"]),
    ]:
        page = new_page(bypass_csp=True, viewport={"width": width, "height": 900})
        log_in(page, site.url, username, "invisible-demo")
        for path in paths:
            page.goto(site.url + path)
            found = _violations(page)
            if found:
                problems[(username, path)] = found
    assert not problems, problems
