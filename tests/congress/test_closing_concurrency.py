"""Cron and a moderator's button close one congress at the same moment, on PostgreSQL."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.utils import timezone

from charter.models import RevisionMeta
from congress.models import Congress, Decision
from congress.services.congresses import congress_close
from tests.conftest import make_charter, make_clause, make_persona, make_user
from tests.congress.helpers import circles_take, convene, propose

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CLOSERS = 4


def test_closing_twice_at_once_adopts_nothing_twice():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    from tests.conftest import ensure_moderators_group

    mod = make_user("mod", persona=make_persona(), is_staff=True)
    mod.groups.add(ensure_moderators_group())
    author = make_user("author", persona=make_persona())
    clause = make_clause(charter=make_charter(slug="race"), title="Race", body="Old text.")
    congress = convene(clause.charter, mod)
    amendments = [propose(clause, author, "New text.")]
    other = make_clause(charter=clause.charter, title="Other", body="Other text.")
    amendments.append(propose(other, author, "Other, amended."))
    for amendment in amendments:
        circles_take(amendment, "support", "support", "support")

    # Its time is up: the clock may close it as well as the moderator.
    Congress.objects.filter(pk=congress.pk).update(closes_at=timezone.now())
    start = threading.Barrier(CLOSERS)
    outcomes: list[str] = []

    def close(n: int) -> None:
        try:
            start.wait()
            congress_close(congress_id=congress.pk, user=mod if n % 2 else None)
            outcomes.append("closed")
        except PermissionDenied as refusal:
            outcomes.append(str(refusal))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close, args=(n,)) for n in range(CLOSERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("closed") == 1, outcomes
    assert outcomes.count("This congress has already closed.") == CLOSERS - 1, outcomes
    assert RevisionMeta.objects.filter(kind="amend").count() == 2
    assert Decision.objects.filter(congress=congress).count() == 2
