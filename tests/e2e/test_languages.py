"""Reading and translating the charter in another language, in a real browser."""

from playwright.sync_api import expect

from tests.conftest import revise_clause
from tests.e2e.helpers import a_clause, log_in, make_player

FRENCH_TITLE = "Solidarité par-delà les frontières"
FRENCH_TEXT = "Les travailleurs de tous les pays ont une seule cause."


def test_a_french_browser_lands_in_french_and_can_choose_english(site, new_page):
    page = new_page(locale="fr-FR")
    page.goto(site.url + "/")
    expect(page).to_have_url(site.url + "/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # The header's link to English sticks: following links stays in English.
    page.locator(".language-links a[hreflang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".site-nav a").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "/fr/" not in page.url


def test_a_player_translates_a_clause_and_readers_see_when_it_falls_behind(site, new_page):
    make_player("alice", "rosa-luxemburg")
    bob = make_player("bob", "mikhail-bakunin")
    clause = a_clause()
    page = new_page()
    log_in(page, site.url, "alice")
    page.goto(site.url + clause.get_absolute_url())
    page.locator(".language-links a[hreflang=fr]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # Untranslated: the English text, marked as such, and a way to translate it.
    expect(page.locator("article.clause-text")).to_have_attribute("lang", "en")
    page.locator(".translation-note a[href$='/translations/fr/edit/']").click()
    expect(page.locator(".source-pane")).to_contain_text(clause.title)
    page.locator("#id_title").fill(FRENCH_TITLE)
    page.locator("#id_body").fill(FRENCH_TEXT)
    page.locator(".translation-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text(FRENCH_TITLE)
    expect(page.locator("article.clause-text")).to_contain_text(FRENCH_TEXT)
    expect(page.locator(".translation-note")).to_have_count(0)

    # The source moves on: the French reader is told, and shown what changed.
    revise_clause(clause, bob, clause.body + "\n\nA new sentence in English.")
    page.reload()
    expect(page.locator(".translation-outdated")).to_be_visible()
    page.locator(".translation-outdated a[href$='/source-changes/']").click()
    expect(page.locator(".diff ins").first).to_contain_text("A new sentence")

    # The charter page in French reads the translation.
    page.goto(site.url + "/fr" + clause.charter.get_absolute_url())
    expect(page.locator(f"#clause-title-{clause.pk}")).to_contain_text(FRENCH_TITLE)
