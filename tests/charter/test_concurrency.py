"""Concurrent editors on PostgreSQL, through the whole GET-form-then-POST cycle.

Eight writers, each in its own thread with its own database connection and
its own browser-like client, read the edit form and submit what it holds
plus a marker paragraph of their own, fifteen times each. Every fifth edit
also rewrites one shared sentence, so concurrent rewrites of it must
conflict. The promise under test: an edit answered with success is in the
final text; an edit answered with the conflict page saved nothing.
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from charter.models import Clause, RevisionMeta
from tests.conftest import make_charter, make_clause, make_persona, make_user
from tests.forms import form_fields

WRITERS = 8
EDITS_EACH = 15
SHARED = re.compile(r"Shared sentence, version [^.\n]*\.")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _edit(fields: dict[str, str], writer: int, attempt: int) -> tuple[dict[str, str], str]:
    """What a player types: a marker paragraph under their own anchor, sometimes more."""
    marker = f"Marker of writer {writer}, edit {attempt}."
    anchor = f"Anchor of writer {writer}."
    body = fields["body"].replace(anchor, f"{anchor}\n\n{marker}", 1)
    if attempt % 5 == 4:
        body = SHARED.sub(f"Shared sentence, version {writer}-{attempt}.", body, count=1)
    return {**fields, "body": body, "summary": f"{writer}/{attempt}"}, marker


def test_every_accepted_edit_survives_eight_concurrent_writers(settings):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    # The limits would refuse a script's fifteen saves a minute; here they would
    # only hide the race under test.
    settings.RATELIMIT_ENABLE = False
    anchors = "\n\n".join(f"Anchor of writer {n}." for n in range(WRITERS))
    clause = make_clause(
        charter=make_charter(slug="race"),
        title="Race",
        body=f"Shared sentence, version 0.\n\n{anchors}",
    )
    users = [make_user(f"writer{n}", persona=make_persona()) for n in range(WRITERS)]
    outcomes: dict[int, list[tuple[int, str]]] = {n: [] for n in range(WRITERS)}
    failures: list[str] = []
    start = threading.Barrier(WRITERS)
    url = f"{clause.get_absolute_url()}edit/"

    def write(n: int) -> None:
        client = Client()
        client.force_login(users[n])
        try:
            start.wait()
            for attempt in range(EDITS_EACH):
                page = client.get(url)
                assert page.status_code == 200, page.status_code
                data, marker = _edit(form_fields(page.text, "clause-form"), n, attempt)
                response = client.post(url, data)
                outcomes[n].append((response.status_code, marker))
                if response.status_code == 409:
                    # The conflict page keeps the writer's text in the form.
                    assert marker in response.text
        except Exception as error:  # reported below; a thread must not die silently
            failures.append(f"writer {n}: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert not failures, failures
    statuses = [status for results in outcomes.values() for status, _ in results]
    assert set(statuses) <= {302, 409}, statuses  # never a 5xx, never a silent refusal
    saved = statuses.count(302)
    assert saved >= WRITERS  # the race really happened and mostly merged
    final = Clause.objects.get(pk=clause.pk).body
    for n, results in outcomes.items():
        for status, marker in results:
            if status == 302:
                assert marker in final, (n, marker, final)
            else:
                assert marker not in final, (n, marker)
    # Every success is exactly one revision, numbered without gaps.
    numbers = sorted(
        RevisionMeta.objects.filter(clause=clause).values_list("revision_number", flat=True)
    )
    assert numbers == list(range(1, saved + 2))
    print(f"\n{saved} saved, {statuses.count(409)} conflicts, {len(statuses)} edits")
