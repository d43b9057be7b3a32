"""Three players of three circles enter the Path to Utopia contest, vote and read the results.

Rosa Luxemburg (Spartacists), Bakunin (Anarchists) and William Morris
(Utopian socialists) each write a draft and submit it; the entries deadline
is then moved into the past (as time would), they vote across circles, the
votes deadline passes, and a visitor reads who won and who moved whom.
"""

import re
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from contests.models import Contest, Entry, Vote
from tests.e2e.helpers import log_in, make_player
from tests.e2e.test_accessibility import _violations

STORIES = {
    "rosa": (
        "The Spartacus Commune",
        "The workers' councils of Berlin met in the *old* Reichstag.",
    ),
    "misha": ("No Flag over the Valley", "Every village federated freely, and no State came back."),
    "morris": (
        "Hammersmith in Bloom",
        "The river was clean, and work had become a pleasure again.",
    ),
}


def open_contest() -> Contest:
    now = timezone.now()
    opener = User.objects.create_user("opener")
    return Contest.objects.create(
        slug="2100",
        theme="2100",
        rules="Tell the road and the place.",
        rules_html="<p>Tell the road and the place.</p>",
        entries_close_at=now + timedelta(days=2),
        votes_close_at=now + timedelta(days=4),
        opened_by=opener,
    )


def enter(page: Page, base: str, contest: Contest, username: str) -> None:
    title, body = STORIES[username]
    page.goto(f"{base}{contest.get_absolute_url()}")
    page.get_by_role("link", name="Write your entry").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your story").fill(body)
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("Only you can read it until you submit it")
    expect(page.get_by_role("heading", name="Your draft")).to_be_visible()
    page.get_by_role("button", name="Submit the entry").click()
    expect(page.locator(".messages")).to_contain_text("Your entry is submitted")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    # Rendered once, at save, through the one sanitising Markdown path.
    expect(page.locator(".entry-text")).to_contain_text(body.split()[-1].strip("*."))


def vote(page: Page, base: str, contest: Contest, title: str) -> None:
    page.goto(f"{base}{contest.get_absolute_url()}")
    # The title is visually hidden in the button's name, which puts a space before the colon.
    page.get_by_role("button", name=re.compile(f"^Vote for this story ?: “{title}”$")).click()
    expect(page.locator(".messages")).to_contain_text(f"Your vote for “{title}” is counted")


def test_three_circles_enter_vote_and_see_the_results(site, new_page):
    for username, persona in [
        ("rosa", "rosa-luxemburg"),
        ("misha", "mikhail-bakunin"),
        ("morris", "william-morris"),
    ]:
        make_player(username, persona)
    contest = open_contest()
    pages = {}
    for username in STORIES:
        pages[username] = new_page()
        log_in(pages[username], site.url, username)
        enter(pages[username], site.url, contest, username)
    assert Entry.objects.filter(status="submitted").count() == 3

    # Entries close.
    Contest.objects.filter(pk=contest.pk).update(
        entries_close_at=timezone.now() - timedelta(minutes=1)
    )
    rosa, misha, morris = pages["rosa"], pages["misha"], pages["morris"]
    vote(rosa, site.url, contest, "Hammersmith in Bloom")
    vote(misha, site.url, contest, "Hammersmith in Bloom")
    vote(morris, site.url, contest, "No Flag over the Valley")
    expect(rosa.locator(".vote-summary")).to_contain_text("2 of 3")
    own = rosa.locator(f"#entry-{Entry.objects.get(title='The Spartacus Commune').pk}")
    expect(own).to_contain_text("You cannot vote for your own entry.")
    # Votes are secret: nobody reads a count or a voter before the deadline.
    visitor = new_page()
    visitor.goto(f"{site.url}{contest.get_absolute_url()}")
    expect(visitor.get_by_role("heading", name="Results")).to_have_count(0)
    assert Vote.objects.count() == 3
    assert not _violations_of(rosa), "accessibility of the voting page"

    # Voting closes: everyone reads the results.
    Contest.objects.filter(pk=contest.pk).update(
        votes_close_at=timezone.now() - timedelta(seconds=1)
    )
    visitor.reload()
    expect(visitor.get_by_role("heading", name="Results")).to_be_visible()
    expect(visitor.locator(".winners")).to_contain_text("Hammersmith in Bloom")
    expect(visitor.locator(".winners")).to_contain_text("moved 2 circles with 2 votes")
    rows = visitor.locator(".results-table tbody tr")
    expect(rows.nth(0)).to_contain_text("Hammersmith in Bloom")
    expect(rows.nth(1)).to_contain_text("No Flag over the Valley")
    expect(rows.nth(2)).to_contain_text("The Spartacus Commune")
    spartacists = visitor.locator(".circle-votes", has_text="Spartacists")
    expect(spartacists).to_contain_text("Rosa Luxemburg (rosa)")
    expect(spartacists).to_contain_text("Hammersmith in Bloom")
    assert not _violations_of(visitor), "accessibility of the results"
    visitor.get_by_role("link", name="Hammersmith in Bloom").first.click()
    expect(visitor.locator(".vote-panel")).to_contain_text("2 votes for this story")
    assert not _violations_of(visitor), "accessibility of an entry with its debate"


def _violations_of(page: Page) -> list[str]:
    # axe is injected as a script; the strict CSP refuses that, so read in a CSP-free copy.
    copy = page.context.browser.new_context(bypass_csp=True).new_page()
    try:
        copy.goto(page.url)
        return _violations(copy)
    finally:
        copy.context.close()
