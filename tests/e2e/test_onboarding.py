from playwright.sync_api import expect

from charter.models import Clause


def test_a_newcomer_signs_up_plays_rosa_and_reads_a_clause(site, new_page):
    page = new_page()
    page.goto(site.url + "/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password", exact=True).fill("solidarity-forever-1905")
    page.get_by_label("Password confirmation").fill("solidarity-forever-1905")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="The meeting hall")).to_be_visible()
    page.get_by_role("link", name="Rosa Luxemburg").click()
    page.get_by_role("button", name="Play Rosa Luxemburg").click()
    expect(page.locator(".whoami")).to_contain_text("playing Rosa Luxemburg")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Charter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Virtual Charter of the Invisible International"
    )
    page.locator(".clause h2 a").nth(1).click()
    expect(page.locator(".clause-text")).not_to_be_empty()
    expect(page.locator(".whoami")).to_contain_text("playing Rosa Luxemburg")


def test_signup_errors_show_in_the_form_and_keep_the_username(site, new_page):
    page = new_page()
    page.goto(site.url + "/accounts/signup/")
    page.get_by_label("Username").fill("someone")
    page.get_by_label("Password", exact=True).fill("abc")
    page.get_by_label("Password confirmation").fill("abd")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator(".error").first).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("someone")


def test_a_visitor_signs_up_from_a_clause_picks_a_persona_and_is_brought_back(site, new_page):
    clause = Clause.objects.get(charter__slug="virtual-charter", title__startswith="Horizontal")
    page = new_page()
    page.goto(site.url + clause.get_absolute_url())
    page.locator("#stances").get_by_role("link", name="sign up").click()
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password", exact=True).fill("solidarity-forever-1905")
    page.get_by_label("Password confirmation").fill("solidarity-forever-1905")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="The meeting hall")).to_be_visible()
    expect(page.locator(".next-notice")).to_contain_text("straight back")
    page.get_by_role("link", name="Emma Goldman").click()
    page.get_by_role("button", name="Play Emma Goldman").click()

    expect(page).to_have_url(site.url + clause.get_absolute_url() + "#stances")
    expect(page.locator(".whoami")).to_contain_text("playing Emma Goldman")
    expect(page.get_by_role("button", name="Record my stance")).to_be_visible()
