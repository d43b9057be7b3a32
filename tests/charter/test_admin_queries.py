"""Admin lists load with a bounded number of queries, whatever their length."""

import pytest

from charter.services import flags, moderation
from tests.conftest import make_clause, make_comment, make_persona, make_stance, make_user

# Session, user, permissions (2), the moderator check, the header's player, two
# counts and the page; then the queue's two prefetches (open flags on comments
# and on clauses), or a list's filter choices and date hierarchy (2 + 2). The
# same ceiling holds at 3 rows and at 30.
FLAG_QUEUE_MAX_QUERIES = 11
COMMENT_LIST_MAX_QUERIES = 13
OTHER_LIST_MAX_QUERIES = 13


@pytest.fixture
def mod_client(client, mod):
    client.force_login(mod)
    return client


def populate(size: int, charter) -> None:
    """`size` comments on several clauses by several players, each flagged, some twice."""
    clauses = [make_clause(charter=charter, title=f"Clause {i}") for i in range(3)]
    players = [make_user(f"p{size}-{i}", persona=make_persona()) for i in range(4)]
    for i in range(size):
        author, reporter = players[i % 4], players[(i + 1) % 4]
        comment = make_comment(clause=clauses[i % 3], author=author, body=f"Comment *{i}*")
        flags.flag_create(user=reporter, comment_id=comment.pk, reason="spam")
        if i % 3 == 0:
            flags.flag_create(user=players[(i + 2) % 4], comment_id=comment.pk, reason="abuse")
        if i < 3:
            flags.flag_create(user=author, clause_id=clauses[i].pk, reason="vandalism")
        make_stance(clause=clauses[i % 3], user=reporter)


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    ("url", "ceiling"),
    [
        ("/admin/charter/flag/", FLAG_QUEUE_MAX_QUERIES),
        ("/admin/charter/comment/", COMMENT_LIST_MAX_QUERIES),
    ],
)
def test_the_flag_queue_and_the_comment_list_load_in_bounded_queries(
    mod_client, charter, size, url, ceiling, django_assert_max_num_queries
):
    populate(size, charter)
    with django_assert_max_num_queries(ceiling):
        response = mod_client.get(url)
    assert response.status_code == 200
    # Every flagged comment is listed (the queue may hold more than one flag each).
    assert len(response.context["cl"].result_list) >= size


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/charter/clause/",
        "/admin/charter/stance/",
        "/admin/charter/moderationaction/",
        "/admin/personas/player/",
        "/admin/personas/persona/",
        "/admin/personas/tendency/",
        "/admin/charter/charter/",
    ],
)
def test_other_admin_lists_load_in_bounded_queries(
    mod_client, mod, charter, size, url, django_assert_max_num_queries
):
    populate(size, charter)
    for clause in charter.clauses.all():
        moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="calm")
    with django_assert_max_num_queries(OTHER_LIST_MAX_QUERIES):
        response = mod_client.get(url)
    assert response.status_code == 200
