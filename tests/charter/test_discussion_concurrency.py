"""Double submits and floods racing each other on PostgreSQL: the player's row lock holds.

Each thread has its own database connection and posts through the real view,
released together by a barrier, as a double click or a script would.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from charter.limits import LIMITS
from charter.models import Comment
from tests.conftest import make_clause, make_persona, make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Comments a player may post in a minute ("10/m").
FLOOD_LIMIT = int(LIMITS["comment"].rates[0].split("/")[0])


def race(user, url: str, bodies: list[str]) -> list[int]:
    statuses: list[int] = []
    failures: list[str] = []
    start = threading.Barrier(len(bodies))

    def submit(body: str) -> None:
        client = Client()
        client.force_login(user)
        try:
            start.wait()
            statuses.append(client.post(url, {"body": body}).status_code)
        except Exception as exc:  # reported below: a thread's error must fail the test
            failures.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    return statuses


def test_a_burst_of_identical_submits_posts_one_comment():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    clause = make_clause()
    user = make_user("clicker", persona=make_persona())
    statuses = race(user, f"{clause.get_absolute_url()}comments/", ["Same words"] * 8)
    assert statuses == [302] * 8
    assert Comment.objects.filter(clause=clause).count() == 1


def test_a_burst_of_different_comments_stops_at_the_flood_limit(frozen_clock):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    clause = make_clause()
    user = make_user("flooder", persona=make_persona())
    bodies = [f"Point {n}" for n in range(FLOOD_LIMIT + 5)]
    statuses = race(user, f"{clause.get_absolute_url()}comments/", bodies)
    assert sorted(statuses) == [302] * FLOOD_LIMIT + [429] * 5
    assert Comment.objects.filter(clause=clause).count() == FLOOD_LIMIT
