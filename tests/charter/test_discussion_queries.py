"""The discussion's pages run a fixed number of queries, however long the debate."""

import random
import re

import pytest

from charter.models import Clause, Comment
from tests.conftest import make_comment, make_persona, make_user, revise_clause

# The whole clause page, with the other panels (stances, flags, last change,
# previous/next clause, open amendments) and the header: the project's page
# ceiling, whatever the debate's size. Warm, the page comes from its frame
# (config.frames) and reads only the reader's own: the user, the clause, their
# player, and in one query their watch, stance, unread count and whether they
# spoke (charter.selectors.readers).
CLAUSE_PAGE_CEILING = 14
WARM_CLAUSE_PAGE_CEILING = 4
# The discussion alone: whether the reader watches it and has spoken in it
# (what their frame turns on, config.frames), the counts, the page's bounds,
# its comments.
DISCUSSION_QUERIES = 5
PERSONA_PAGE_CEILING = 12


def _unmasked(html: str) -> str:
    """The page without its CSRF tokens, which Django masks afresh on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def grow_debate(clause: Clause, size: int, authors: list) -> list[Comment]:
    """`size` comments in a few long threads: replies to random earlier comments."""
    rng = random.Random(size)
    made: list[Comment] = []
    for n in range(size):
        parent = rng.choice(made) if made and n % 100 else None
        made.append(
            make_comment(
                clause=clause,
                author=authors[n % len(authors)],
                parent=parent,
                body=f"Point number {n}, *argued*.",
                side=rng.choice(["", "for", "against", "neutral"]),
            )
        )
    return made


def reading_order(made: list[Comment]) -> list[int]:
    """Depth-first, children in the order they were written: how a thread is read."""
    children: dict[int | None, list[Comment]] = {}
    for comment in made:
        children.setdefault(comment.parent_id, []).append(comment)
    order: list[int] = []

    def walk(parent_id: int | None) -> None:
        for child in children.get(parent_id, []):
            order.append(child.pk)
            walk(child.pk)

    walk(None)
    return order


@pytest.mark.parametrize("size", [20, 500])
def test_the_clause_page_with_its_whole_discussion_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, alice, bob, clause, size
):
    made = grow_debate(clause, size, [alice, bob])
    client.force_login(alice)
    # Built outside the count: the test's copy of the clause has no charter loaded.
    url = clause.get_absolute_url()
    with django_assert_max_num_queries(CLAUSE_PAGE_CEILING):
        response = client.get(url)
    # Once the comments' markup and the shared parts are cached, fewer still.
    with django_assert_max_num_queries(WARM_CLAUSE_PAGE_CEILING):
        warm = client.get(url)
    assert _unmasked(warm.text) == _unmasked(response.text)
    text = response.text
    shown = [
        int(pk) for pk in re.findall(r'<article class="comment[^"]*" id="comment-(\d+)"', text)
    ]
    assert len(shown) == size  # five threads at most: all on the first page
    assert shown == reading_order(made)


@pytest.mark.parametrize("size", [20, 500])
def test_the_discussion_itself_costs_five_queries_and_one_more_for_uncached_markup(
    rf, django_assert_num_queries, alice, bob, clause, size
):
    from charter.views.discussion import discussion_context

    grow_debate(clause, size, [alice, bob])
    request = rf.get(clause.get_absolute_url())
    request.user = alice
    request._current_player = alice.player
    # The page of threads is built when a template first shows it.
    with django_assert_num_queries(DISCUSSION_QUERIES + 1):
        str(discussion_context(request, clause)["thread_html"])
    with django_assert_num_queries(DISCUSSION_QUERIES):
        context = discussion_context(request, clause)
        str(context["thread_html"])
    assert len(context["thread"]) == size
    assert context["sides"]["total"] == size
    assert context["is_watching"] is False


def test_an_empty_discussion_costs_three_queries(rf, django_assert_num_queries, alice, clause):
    from charter.views.discussion import discussion_context

    request = rf.get(clause.get_absolute_url())
    request.user = alice
    request._current_player = alice.player
    with django_assert_num_queries(3):
        context = discussion_context(request, clause)
        assert context["thread"] == []


@pytest.mark.parametrize("personas", [3, 40])
def test_the_clause_page_costs_the_same_for_many_speakers(
    client, django_assert_max_num_queries, clause, personas
):
    authors = [make_user(f"speaker{n}", persona=make_persona()) for n in range(personas)]
    grow_debate(clause, 60, authors)
    with django_assert_max_num_queries(CLAUSE_PAGE_CEILING):
        assert client.get(clause.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("roots", [3, 60])
def test_a_later_page_of_threads_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, alice, clause, roots
):
    for n in range(roots):
        root = make_comment(clause=clause, author=alice, body=f"Root {n}")
        make_comment(clause=clause, author=alice, parent=root, body=f"Reply {n}")
    with django_assert_max_num_queries(CLAUSE_PAGE_CEILING):
        response = client.get(f"{clause.get_absolute_url()}?page=3")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 80])
def test_the_persona_record_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, alice, rosa, clause, size
):

    for n in range(size):
        make_comment(clause=clause, author=alice, body=f"Said {n}")
        if n % 4 == 0:
            revise_clause(clause, alice, f"Text {n}", f"edit {n}")
    with django_assert_max_num_queries(PERSONA_PAGE_CEILING):
        response = client.get(rosa.get_absolute_url())
    assert response.status_code == 200
    assert response.text.count('<li class="record-') == min(25, size + (size + 3) // 4)
