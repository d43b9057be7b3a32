import re

from playwright.sync_api import expect

from charter.models import Clause
from tests.conftest import revise_clause
from tests.e2e.helpers import log_in, make_player


def test_a_player_edits_with_preview_compares_and_restores(site, new_page):
    make_player("alice", "rosa-luxemburg")
    clause = Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[2]
    original_start = clause.body.split()[0]
    page = new_page()
    log_in(page, site.url, "alice")

    page.goto(site.url + clause.get_absolute_url())
    page.get_by_role("link", name="Edit this clause").click()
    body = page.get_by_label("Text", exact=False).first
    body.fill("We stand **together** across every border.\n\n- no passports for solidarity")
    preview = page.locator("[data-preview-target]")
    expect(preview.locator("strong")).to_have_text("together")
    expect(preview.locator("li")).to_have_text("no passports for solidarity")
    page.get_by_label("Edit summary").fill("Shorter and bolder")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messages")).to_contain_text("Saved as revision 2.")
    expect(page.locator(".clause-text strong")).to_have_text("together")

    page.get_by_role("link", name="History").click()
    expect(page.locator("table.history tbody tr")).to_have_count(2)
    expect(page.locator("table.history")).to_contain_text("Shorter and bolder")
    page.get_by_role("button", name="Compare selected revisions").click()
    expect(page.locator(".diff ins").first).to_be_visible()
    expect(page.locator(".diff del").first).to_be_visible()

    page.get_by_role("link", name="History").click()
    page.locator("#revision-1").get_by_role("link", name="restore").click()
    page.get_by_role("button", name="Restore revision 1").click()
    expect(page.locator(".messages")).to_contain_text("Restored as revision 3.")
    expect(page.locator(".clause-text")).to_contain_text(original_start)


def test_two_players_editing_at_once_get_a_merge_or_a_conflict_with_text_kept(site, new_page):
    alice = make_player("alice", "rosa-luxemburg")
    make_player("bob", "mikhail-bakunin")
    clause = Clause.objects.get(charter__slug="virtual-charter", position=1)
    revise_clause(clause, alice, "First paragraph.\n\nSecond paragraph.", "A short text to race on")
    edit_url = f"{site.url}{clause.get_absolute_url()}edit/"
    rosa, bakunin = new_page(), new_page()
    log_in(rosa, site.url, "alice")
    log_in(bakunin, site.url, "bob")

    # Both open the same revision.
    rosa.goto(edit_url)
    bakunin.goto(edit_url)
    rosa.locator("#id_body").fill("First paragraph, as Rosa puts it.\n\nSecond paragraph.")
    rosa.get_by_role("button", name="Save changes").click()
    expect(rosa.locator(".messages")).to_contain_text("Saved as revision")

    # Bakunin's edit of the other paragraph merges cleanly.
    bakunin.locator("#id_body").fill("First paragraph.\n\nSecond paragraph, says Bakunin.")
    bakunin.get_by_role("button", name="Save changes").click()
    expect(bakunin.locator(".messages")).to_contain_text("merged with the edit by Rosa Luxemburg")
    expect(bakunin.locator(".clause-text")).to_contain_text("as Rosa puts it")
    expect(bakunin.locator(".clause-text")).to_contain_text("says Bakunin")

    # Now both rewrite the same paragraph: the second gets the conflict page.
    rosa.goto(edit_url)
    bakunin.goto(edit_url)
    rosa.locator("#id_body").fill("Rosa's version.\n\nSecond paragraph, says Bakunin.")
    rosa.get_by_role("button", name="Save changes").click()
    expect(rosa.locator(".messages")).to_contain_text("Saved as revision")
    bakunin.locator("#id_body").fill("Bakunin's version.\n\nSecond paragraph, says Bakunin.")
    bakunin.get_by_role("button", name="Save changes").click()
    expect(bakunin.get_by_role("heading", level=1)).to_have_text(re.compile("Edit conflict"))
    expect(bakunin.locator("#id_body")).to_have_value(re.compile("^Bakunin's version."))
    expect(bakunin.locator(".diff").first).to_contain_text("Rosa's version.")
    # Resolving and saving again works from the rebased form.
    bakunin.locator("#id_body").fill("Rosa's and Bakunin's version.\n\nSecond paragraph.")
    bakunin.get_by_role("button", name="Save my resolved text").click()
    expect(bakunin.locator(".messages")).to_contain_text("Saved as revision")
