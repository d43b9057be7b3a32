"""Searching from the header: a word from a comment leads to the comment in its thread."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from charter.models import Clause, Comment
from charter.services.discussion import comment_post
from search.indexing import index_comments
from tests.e2e.helpers import a_clause, make_player
from tests.e2e.test_accessibility import _violations


def earlier_threads(clause: Clause, author: User, count: int) -> None:
    """`count` older threads, written directly (the posting service limits floods)."""
    from charter.services.discussion import comment_path

    comments = []
    for n in range(count):
        comment = Comment.objects.create(
            clause=clause,
            author=author,
            persona=author.player.persona,
            body=f"Thread {n}.",
            created_at=timezone.now() - timedelta(days=1),
        )
        comment.path, comment.depth = comment_path(parent=None, pk=comment.pk)
        comment.save(update_fields=["path", "depth"])
        comments.append(comment)
    index_comments(comments)


def search_from_header(page: Page, words: str) -> None:
    header = page.get_by_role("search", name="Site")
    box = header.get_by_label("Search charters, debates and personas")
    box.fill(words)
    box.press("Enter")


def test_a_reader_searches_from_the_header_and_lands_on_the_comment(site, new_page):
    misha = make_player("misha", "mikhail-bakunin")
    clause = a_clause()
    # Twenty older threads push the new one onto the discussion's second page.
    earlier_threads(clause, misha, 20)
    posted = comment_post(
        clause_id=clause.pk, user=misha, body="The *syndicalist* bakeries of Barcelona."
    ).comment

    page = new_page()
    page.goto(site.url + "/personas/")
    search_from_header(page, "bakeries")
    expect(page).to_have_url(re.compile(r"/search/\?q=bakeries$"))
    expect(page.get_by_role("heading", name="1 result for “bakeries”")).to_be_visible()
    expect(page.locator(".hit-snippet mark")).to_have_text("bakeries")

    page.get_by_role("link", name=f"Mikhail Bakunin on “{clause.title}”").click()
    expect(page).to_have_url(f"{site.url}{clause.get_absolute_url()}?page=2#comment-{posted.pk}")
    comment = page.locator(f"#comment-{posted.pk}")
    expect(comment).to_contain_text("syndicalist bakeries of Barcelona")
    expect(comment).to_be_in_viewport()


def test_the_header_search_fits_a_phone_and_the_results_page_passes_axe(site, new_page):
    page = new_page(bypass_csp=True, viewport={"width": 390, "height": 844})
    page.goto(site.url + "/")
    search_from_header(page, "solidarity")
    expect(page.locator(".search-hit").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert _violations(page) == []


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_refused_search_is_explained_accessibly(site, new_page, width):
    page = new_page(bypass_csp=True, viewport={"width": width, "height": 900})
    page.goto(site.url + "/search/?q=-war")
    expect(page.get_by_role("alert")).to_contain_text("Say what to look for")
    expect(page.get_by_label("Search for")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert _violations(page) == []
