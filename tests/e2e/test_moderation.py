"""A player flags a comment; a moderator hides it from the admin queue, then restores it."""

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from charter.models import Clause, Comment, ModerationAction
from charter.roles import ensure_moderators_group
from tests.conftest import make_clause, make_comment
from tests.e2e.helpers import PASSWORD, log_in, make_player

SPAM = "Cheap watches at cheap-watches.example, best prices"


def make_moderator() -> User:
    moderator = make_player("warden", "peter-kropotkin", is_staff=True)
    # Browser tests run on a flushed database: the data migration's group is gone.
    moderator.groups.add(ensure_moderators_group())
    return moderator


def admin_log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Moderation panel")).to_be_visible()


def test_a_flagged_comment_is_hidden_from_the_queue_and_restored(site, new_page):
    clause = Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[1]
    spammer = make_player("spammer", "mikhail-bakunin")
    make_player("reader", "rosa-luxemburg")
    make_moderator()
    comment = make_comment(clause=clause, author=spammer, body=SPAM)
    clause_url = f"{site.url}{clause.get_absolute_url()}"

    reader = new_page()
    log_in(reader, site.url, "reader")
    reader.goto(clause_url)
    item = reader.locator(f"#comment-{comment.pk}")
    item.get_by_text("Flag this comment for the moderators").click()
    item.get_by_label("What is wrong?").select_option(label="Spam or advertising")
    item.get_by_label("Note for the moderators").fill("Advertising, again")
    item.get_by_role("button", name="Send to the moderators").click()
    expect(reader.locator(".messages")).to_contain_text("the moderators will look at this comment")
    expect(reader.locator(f"#comment-{comment.pk} .comment-body")).to_contain_text(SPAM)

    moderator = new_page()
    admin_log_in(moderator, site.url, "warden")
    moderator.get_by_role("link", name="Flags").first.click()
    expect(moderator.locator("#result_list")).to_contain_text(SPAM)
    expect(moderator.locator("#result_list")).to_contain_text("Advertising, again")
    moderator.get_by_role("link", name="Hide comment…").click()
    expect(moderator.get_by_role("heading", name="Hide the flagged comments")).to_be_visible()
    moderator.get_by_label("Reason").fill("Advertising is not debate")
    moderator.get_by_role("button", name="Hide").click()
    expect(moderator.locator(".messagelist")).to_contain_text(f"Hid comment #{comment.pk}")
    expect(moderator.locator("#result_list")).to_contain_text("Acted upon")

    reader.goto(clause_url)
    hidden = reader.locator(f"#comment-{comment.pk}")
    expect(hidden).to_contain_text("Hidden by a moderator")
    expect(hidden).not_to_contain_text(SPAM)

    moderator.goto(clause_url)
    expect(moderator.locator(f"#comment-{comment.pk}")).to_contain_text(SPAM)
    moderator.goto(f"{site.url}/admin/")
    moderator.get_by_role("link", name="Moderation actions").click()
    log = moderator.locator("#result_list")
    expect(log).to_contain_text("Hid a comment")
    expect(log).to_contain_text("Advertising is not debate")

    moderator.goto(f"{site.url}/admin/charter/comment/?status__exact=hidden")
    moderator.locator(f"input[name=_selected_action][value='{comment.pk}']").check()
    moderator.locator("select[name=action]").select_option("moderate_restore")
    moderator.get_by_role("button", name="Go").click()
    moderator.get_by_label("Reason").fill("Satire after all")
    moderator.get_by_role("button", name="Restore").click()
    expect(moderator.locator(".messagelist")).to_contain_text(f"Restored comment #{comment.pk}")

    reader.goto(clause_url)
    expect(reader.locator(f"#comment-{comment.pk} .comment-body")).to_contain_text(SPAM)
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.VISIBLE
    assert list(ModerationAction.objects.order_by("pk").values_list("action", "reason")) == [
        ("hide_comment", "Advertising is not debate"),
        ("restore_comment", "Satire after all"),
    ]


def test_the_clause_list_fits_1280_px_with_locked_removed_and_open_flags_in_view(site, new_page):
    make_moderator()
    charter = Clause.objects.filter(charter__slug="virtual-charter").first().charter
    make_clause(charter=charter, title="Solidarity" * 20)
    page = new_page(viewport={"width": 1280, "height": 900})
    admin_log_in(page, site.url, "warden")
    page.goto(site.url + "/admin/charter/clause/")
    table = page.locator("#result_list")
    overflow = table.evaluate("t => t.scrollWidth - t.closest('.results').clientWidth")
    assert overflow <= 0, overflow
    for column in ["locked", "removed", "open flags"]:
        header = page.locator("#result_list thead th", has_text=column.upper()).first
        box = header.bounding_box()
        assert box["x"] + box["width"] <= 1280, (column, box)
