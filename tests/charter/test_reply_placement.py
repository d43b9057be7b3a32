"""An inline (htmx) reply is placed where the thread will show it after a reload."""

import re

import pytest

from charter.models import Comment
from charter.views.discussion import MAX_INDENT
from tests.conftest import make_comment


@pytest.fixture
def settings_no_limits(settings):
    settings.RATELIMIT_ENABLE = False


def reply(client, clause, parent: Comment) -> tuple[str, Comment]:
    response = client.post(
        f"{clause.get_absolute_url()}comments/",
        {"body": "A new reply", "parent": parent.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    return response.text, Comment.objects.latest("pk")


def after_of(fragment: str) -> int | None:
    match = re.search(r'data-after-comment="(\d+)"', fragment)
    return int(match.group(1)) if match else None


def reading_order(client, clause) -> list[int]:
    page = client.get(clause.get_absolute_url()).text
    return [int(pk) for pk in re.findall(r'<article class="comment[^"]*" id="comment-(\d+)"', page)]


def test_a_first_reply_nests_under_its_parent(alice_client, clause, bob):
    root = make_comment(clause=clause, author=bob)
    fragment, _ = reply(alice_client, clause, root)
    assert after_of(fragment) is None
    assert 'id="reply-slot-' in fragment


def test_a_reply_follows_the_older_replies_and_their_subtrees(alice_client, clause, alice, bob):
    root = make_comment(clause=clause, author=bob)
    older = make_comment(clause=clause, author=bob, parent=root)
    make_comment(clause=clause, author=alice, parent=older)
    fragment, new = reply(alice_client, clause, root)
    # After the older reply's item, which holds its own replies.
    assert after_of(fragment) == older.pk
    order = reading_order(alice_client, clause)
    assert order.index(new.pk) == len(order) - 1


def test_past_the_deepest_indent_a_reply_follows_the_last_comment_of_the_thread(
    alice_client, clause, alice, bob, settings_no_limits
):
    parent = make_comment(clause=clause, author=bob)
    for _ in range(MAX_INDENT + 1):
        parent = make_comment(clause=clause, author=bob, parent=parent)
    last = make_comment(clause=clause, author=alice, parent=parent)
    fragment, new = reply(alice_client, clause, parent)
    assert after_of(fragment) == last.pk
    order = reading_order(alice_client, clause)
    assert order[-2:] == [last.pk, new.pk]


def test_a_later_thread_does_not_pull_the_reply_out_of_its_own(alice_client, clause, bob):
    root = make_comment(clause=clause, author=bob)
    older = make_comment(clause=clause, author=bob, parent=root)
    make_comment(clause=clause, author=bob)
    fragment, _ = reply(alice_client, clause, root)
    assert after_of(fragment) == older.pk
