"""Live character counts, and text over the limit refused with every word kept."""

from playwright.sync_api import expect

from charter.models import Clause, Comment, RevisionMeta
from tests.e2e.helpers import log_in
from tests.e2e.test_editing import make_player

# 100 KB of words, as if pasted from a long document.
PASTED = ("solidarity " * 10_000)[:100_000]


def paste(page, field, text: str) -> None:
    field.focus()
    # One insertion, as a paste is: a single input event with the whole text.
    page.keyboard.insert_text(text)


def test_a_100_kb_clause_body_is_counted_refused_and_kept_without_a_revision(site, new_page):
    make_player("alice", "rosa-luxemburg")
    clause = Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[1]
    revisions = RevisionMeta.objects.filter(clause=clause).count()
    page = new_page()
    log_in(page, site.url, "alice")
    page.goto(site.url + clause.get_absolute_url() + "edit/")

    body = page.locator("#id_body")
    count = page.locator("#id_body_count")
    expect(count).to_contain_text(" / 20,000")
    assert "id_body_count" in body.get_attribute("aria-describedby")
    assert body.get_attribute("maxlength") is None
    body.fill("")
    paste(page, body, PASTED)
    expect(count).to_contain_text("100,000 / 20,000")
    expect(count).to_have_attribute("data-state", "over")
    expect(body).to_have_attribute("aria-invalid", "true")
    # Nothing is cut short in the browser.
    assert len(body.input_value()) == 100_000

    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".field-error .error")).to_contain_text(
        "The text can be at most 20,000 characters; this one has 100,000."
    )
    assert page.locator("#id_body").input_value() == PASTED
    assert RevisionMeta.objects.filter(clause=clause).count() == revisions
    clause.refresh_from_db()
    assert "solidarity solidarity" not in clause.body


def test_a_100_kb_comment_is_counted_refused_and_kept(site, new_page):
    make_player("alice", "rosa-luxemburg")
    clause = Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[1]
    page = new_page()
    log_in(page, site.url, "alice")
    page.goto(site.url + clause.get_absolute_url())

    body = page.locator("#reply-form textarea[name=body]")
    count = page.locator("#id_body_count")
    expect(count.locator("[aria-hidden=true]")).to_have_text("0 / 10,000")
    # Screen readers get a sentence with the field's description, not the slash.
    expect(count.locator(".visually-hidden")).to_have_text("0 of 10,000 characters used.")
    paste(page, body, PASTED)
    expect(count).to_contain_text("100,000 / 10,000")
    expect(count).to_have_attribute("data-state", "over")
    page.locator("#reply-form").get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("heading", name="Your comment was not posted yet")).to_be_visible()
    expect(page.locator(".error-summary")).to_contain_text(
        "A comment can be at most 10,000 characters; this one has 100,000."
    )
    assert page.locator("#reply-form textarea[name=body]").input_value() == PASTED
    assert not Comment.objects.filter(clause=clause).exists()


def test_the_count_is_announced_politely_when_it_crosses_the_limit_not_per_keystroke(
    site, new_page
):
    make_player("alice", "rosa-luxemburg")
    clause = Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[1]
    page = new_page()
    log_in(page, site.url, "alice")
    page.goto(site.url + clause.get_absolute_url())
    reason = page.locator("#id_stance_reason")
    live = page.locator("#id_stance_reason_count + [aria-live=polite]")
    reason.press_sequentially("Because it unites us")
    expect(page.locator("#id_stance_reason_count")).to_contain_text("20 / 500")
    page.wait_for_timeout(1_500)
    expect(live).to_have_text("")
    paste(page, reason, "x" * 600)
    expect(live).to_have_text(
        "120 characters over the limit of 500: shorten the text before sending it."
    )
