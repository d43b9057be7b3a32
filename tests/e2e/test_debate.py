"""Two players debate on a clause in two browsers, as Bakunin and Marx."""

from playwright.sync_api import Page, expect

from charter.models import Comment
from tests.conftest import make_comment
from tests.e2e.helpers import a_clause, log_in, make_player


def comment_of(username: str, text: str) -> Comment:
    return Comment.objects.get(author__username=username, body__contains=text)


def reply_inline(page: Page, to: Comment, persona_name: str, text: str, *, quote=False) -> None:
    """Open the reply (or quote) form under a comment with htmx, and post it."""
    action = "Quote" if quote else "Reply to"
    page.locator(f"#comment-{to.pk}").get_by_role("link", name=f"{action} {persona_name}").click()
    box = page.locator(f"#reply-slot-{to.pk}").get_by_label("Your comment")
    expect(box).to_be_focused()
    if quote:
        expect(box).to_have_value(f"> **{persona_name}:**\n>\n> {to.body}\n\n")
        box.press("Control+End")
        box.type(text)
    else:
        box.fill(text)
    page.locator(f"#reply-slot-{to.pk}").get_by_role("button", name="Post reply").click()
    expect(page.locator(".just-posted .comment-body", has_text=text)).to_be_visible()


def test_bakunin_and_marx_debate_a_clause_in_a_nested_thread(site, new_page):
    make_player("misha", "mikhail-bakunin")
    make_player("karl", "karl-marx")
    clause = a_clause()
    url = site.url + clause.get_absolute_url()
    bakunin, marx = new_page(), new_page()
    log_in(bakunin, site.url, "misha")
    log_in(marx, site.url, "karl")

    # Bakunin opens the debate without any JavaScript help: a plain form.
    bakunin.goto(url)
    bakunin.get_by_label("Your comment").fill("The State is the negation of *humanity*.")
    bakunin.get_by_label("Against").check()
    bakunin.get_by_role("button", name="Post comment").click()
    expect(bakunin.locator(".messages")).to_contain_text("Your comment is posted.")
    root = comment_of("misha", "negation")
    expect(bakunin.locator(f"#comment-{root.pk} em")).to_have_text("humanity")
    expect(bakunin.locator(f"#comment-{root.pk} .side-mark")).to_contain_text("Against")

    # Marx replies inline: htmx posts it and the page never reloads.
    marx.goto(url)
    marx.evaluate("window.stillTheSamePage = true")
    reply_inline(
        marx, root, "Mikhail Bakunin", "Only the conquest of political power frees labour."
    )
    reply = comment_of("karl", "conquest")
    posted = marx.locator(f"#comment-{reply.pk}")
    expect(posted).to_contain_text("Only the conquest of political power")
    expect(posted).to_be_focused()
    assert marx.evaluate("window.stillTheSamePage") is True

    # Bakunin hears of the reply in the header, opens it, and answers it.
    bakunin.reload()
    expect(bakunin.locator(".whoami .unread")).to_have_text("1 unread")
    bakunin.get_by_role("link", name="Notifications").click()
    bakunin.get_by_role("button", name="Karl Marx replied to you on").click()
    expect(bakunin).to_have_url(f"{url}#comment-{reply.pk}")
    expect(bakunin.locator(".whoami .unread")).to_have_count(0)
    reply_inline(bakunin, reply, "Karl Marx", "Power corrupts whoever holds it, comrade.")
    rejoinder = comment_of("misha", "corrupts")

    # Marx quotes Bakunin's rejoinder and answers beneath the quotation.
    marx.reload()
    reply_inline(
        marx, rejoinder, "Mikhail Bakunin", "Then let the workers hold it together.", quote=True
    )
    quoted = comment_of("karl", "together")
    assert quoted.body.startswith("> **Mikhail Bakunin:**\n>\n> Power corrupts")
    assert quoted.parent == rejoinder

    # Both see the same nested thread: each answer one level deeper.
    for page in (bakunin, marx):
        page.goto(url)
        thread = page.locator("ol.thread")
        expect(thread.locator("article.comment")).to_have_count(4)
        expect(thread.locator(f"> li > ol.replies > li > #comment-{reply.pk}")).to_have_count(1)
        deepest = thread.locator(f"ol.replies ol.replies ol.replies #comment-{quoted.pk}")
        expect(deepest.locator("blockquote")).to_contain_text("Power corrupts")
        expect(deepest).to_contain_text("Then let the workers hold it together.")
        expect(page.locator(".discussion-header")).to_contain_text("4 comments")

    # Each has heard of the other's reply.
    marx.get_by_role("link", name="Notifications").click()
    expect(marx.locator(".notification-unread")).to_contain_text(
        "Mikhail Bakunin replied to you on"
    )
    bakunin.get_by_role("link", name="Notifications").click()
    expect(bakunin.locator(".notification-unread")).to_contain_text("Karl Marx replied to you on")


def test_quoting_and_replying_work_without_javascript(site, new_page):
    make_player("misha", "mikhail-bakunin")
    make_player("karl", "karl-marx")
    clause = a_clause()
    url = site.url + clause.get_absolute_url()
    bakunin = new_page(java_script_enabled=False)
    marx = new_page(java_script_enabled=False)
    log_in(bakunin, site.url, "misha")
    log_in(marx, site.url, "karl")

    bakunin.goto(url)
    bakunin.get_by_label("Your comment").fill("Freedom without socialism is privilege.")
    bakunin.get_by_role("button", name="Post comment").click()
    root = comment_of("misha", "privilege")

    marx.goto(url)
    marx.locator(f"#comment-{root.pk}").get_by_role("link", name="Quote Mikhail Bakunin").click()
    expect(marx.get_by_role("heading", name="Reply to Mikhail Bakunin")).to_be_visible()
    box = marx.get_by_label("Your comment")
    expect(box).to_have_value(
        "> **Mikhail Bakunin:**\n>\n> Freedom without socialism is privilege.\n\n"
    )
    box.press("Control+End")
    box.type("And socialism without freedom is slavery.")
    marx.get_by_role("button", name="Post reply").click()
    reply = comment_of("karl", "slavery")
    expect(marx).to_have_url(f"{url}#comment-{reply.pk}")
    expect(
        marx.locator(f"#comment-{root.pk} ~ ol.replies #comment-{reply.pk} blockquote")
    ).to_contain_text("Freedom without socialism")

    # An empty reply is refused with a message, not an error page.
    marx.locator(f"#comment-{reply.pk}").get_by_role("link", name="Reply to Karl Marx").click()
    marx.get_by_role("button", name="Post reply").click()
    expect(marx.locator(".field-error .error")).to_contain_text("the comment is empty")


THREAD_SHAPE = """() => [...document.querySelectorAll('.thread article.comment')].map(article => {
    let depth = 0;
    for (let node = article; node; node = node.parentElement) if (node.tagName === 'OL') depth++;
    return article.id + '@' + depth;
})"""


def test_an_inline_reply_appears_where_a_reload_will_show_it(site, new_page):
    misha = make_player("misha", "mikhail-bakunin")
    karl = make_player("karl", "karl-marx")
    clause = a_clause()
    root = make_comment(clause=clause, author=misha, body="The State must go.")
    older = make_comment(clause=clause, author=karl, parent=root, body="Not so fast.")
    make_comment(clause=clause, author=misha, parent=older, body="Faster than you think.")
    page = new_page()
    log_in(page, site.url, "karl")
    page.goto(site.url + clause.get_absolute_url())

    reply_inline(page, root, "Mikhail Bakunin", "A newer answer to the first comment.")
    new = comment_of("karl", "newer answer")
    shape_now = page.evaluate(THREAD_SHAPE)
    # After the older reply and its own reply, at the older reply's level.
    assert shape_now[-1] == f"comment-{new.pk}@2"
    page.reload()
    assert page.evaluate(THREAD_SHAPE) == shape_now


def test_a_player_posts_through_a_page_another_player_opened_first(site, new_page):
    """Signed-in pages are shared frames (config.frames): the first reader's visit
    builds it, and the second's form must carry the second reader's own CSRF token."""
    make_player("peter", "peter-kropotkin")
    make_player("emma", "emma-goldman")
    url = site.url + a_clause().get_absolute_url()
    first, second = new_page(), new_page()
    log_in(first, site.url, "peter")
    log_in(second, site.url, "emma")
    first.goto(url)
    second.goto(url)
    second.get_by_label("Your comment").fill("Mutual aid needs no passport.")
    second.get_by_role("button", name="Post comment").click()
    expect(second.locator(".messages")).to_contain_text("Your comment is posted.")
    assert comment_of("emma", "Mutual aid")
