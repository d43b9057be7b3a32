from playwright.sync_api import Page, expect

from charter.models import Clause
from tests.e2e.helpers import log_in, make_player

PLAYERS = [
    ("alice", "rosa-luxemburg", "Spartacists"),
    ("bob", "mikhail-bakunin", "Anarchists"),
    ("dave", "karl-marx", "Marxists"),
]


def adopted(page: Page):
    return page.locator("section[aria-labelledby=program-heading]")


def open_program(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/charters/virtual-charter/")
    page.get_by_role("link", name="The minimum program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The minimum program")


def test_three_circles_agree_an_edit_makes_their_stances_stale_and_reaffirming_restores(
    site, new_page
):
    for username, slug, _ in PLAYERS:
        make_player(username, slug)
    clause = Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[2]
    url = site.url + clause.get_absolute_url()
    pages = {}
    for username, _, circle in PLAYERS:
        page = new_page()
        log_in(page, site.url, username)
        page.goto(url)
        form = page.locator("form.stance-form")
        form.get_by_label("Support", exact=True).check()
        form.get_by_label("Reason").fill(f"{circle} can sign this.")
        form.get_by_role("button", name="Record my stance").click()
        expect(page.locator(".messages")).to_contain_text("Stance recorded")
        expect(page.locator("#stances")).to_contain_text(f"{circle} can sign this.")
        pages[username] = page

    alice, bob, dave = pages["alice"], pages["bob"], pages["dave"]
    expect(dave.locator(".consensus-summary")).to_contain_text("In the minimum program")
    open_program(bob, site.url)
    expect(adopted(bob)).to_contain_text(clause.title)
    expect(adopted(bob)).to_contain_text("Supported in 3 circles")

    alice.get_by_role("link", name="Edit this clause").click()
    alice.get_by_label("Text", exact=False).first.fill(clause.body + "\n\nWithout exception.")
    alice.get_by_label("Edit summary").fill("Say it plainly")
    alice.get_by_role("button", name="Save changes").click()
    expect(alice.locator(".messages")).to_contain_text("Saved as revision 2.")
    expect(alice.locator(".my-stance-stale")).to_contain_text("That was on an earlier text")

    bob.reload()
    expect(adopted(bob)).not_to_contain_text(clause.title)
    expect(bob.locator("section[aria-labelledby=pending-heading]")).to_contain_text(clause.title)

    dave.goto(url)
    dave.get_by_role("link", name="What changed since your stance").click()
    expect(dave.locator(".diff ins").first).to_contain_text("exception")
    dave.go_back()

    for username in ["alice", "bob", "dave"]:
        page = pages[username]
        page.goto(url)
        expect(page.locator(".my-stance-stale")).to_be_visible()
        page.get_by_role("button", name="Reaffirm for the current text").click()
        expect(page.locator(".messages")).to_contain_text("Reaffirmed for the current text")
        expect(page.locator(".my-stance-stale")).to_have_count(0)
        if username == "bob":
            open_program(page, site.url)
            expect(adopted(page)).not_to_contain_text(clause.title)

    open_program(bob, site.url)
    expect(adopted(bob)).to_contain_text(clause.title)
    expect(bob.locator(".program-clause")).to_contain_text("Spartacists")
