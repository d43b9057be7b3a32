"""Concurrent editors on PostgreSQL: every save is a revision, none is lost.

Each thread has its own database connection and goes through the real edit
view. Writers own one paragraph each (so their edits should merge) and now
and then all rewrite the title (so some edits must conflict).
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from charter.models import Clause, RevisionMeta
from tests.conftest import make_charter, make_clause, make_persona, make_user

WRITERS = 6
EDITS_EACH = 12

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _base_version(html: str) -> str:
    return re.search(r'name="base_version" value="(\d+)"', html).group(1)


def test_concurrent_writers_never_overwrite_each_other():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    charter = make_charter(slug="race")
    paragraphs = [f"Paragraph of writer {n}: start." for n in range(WRITERS)]
    clause = make_clause(charter=charter, title="Race", body="\n\n".join(paragraphs))
    users = [make_user(f"writer{n}", persona=make_persona()) for n in range(WRITERS)]
    outcomes: dict[int, list[tuple[int, str]]] = {n: [] for n in range(WRITERS)}
    failures: list[str] = []
    start = threading.Barrier(WRITERS)

    def write(n: int) -> None:
        client = Client()
        client.force_login(users[n])
        url = f"{clause.get_absolute_url()}edit/"
        try:
            start.wait()
            for attempt in range(EDITS_EACH):
                page = client.get(url)
                body = Clause.objects.get(pk=clause.pk).body
                mine = f"Paragraph of writer {n}: edit {attempt}."
                new_body = re.sub(rf"Paragraph of writer {n}: [^\n]*", mine, body)
                title = f"Race (title by {n}, {attempt})" if attempt % 4 == 3 else "Race"
                response = client.post(
                    url,
                    {
                        "title": title,
                        "body": new_body,
                        "summary": f"{n}/{attempt}",
                        "base_version": _base_version(page.text),
                    },
                )
                outcomes[n].append((response.status_code, mine))
                if response.status_code == 409:
                    # The conflict page keeps the writer's text in the form.
                    assert mine in response.text
        except Exception as error:  # reported below; a thread must not die silently
            failures.append(f"writer {n}: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures, failures
    statuses = [status for results in outcomes.values() for status, _ in results]
    assert set(statuses) <= {302, 409}, statuses  # never a 500
    saved = statuses.count(302)
    assert saved > 0
    # Every successful save is exactly one revision (none was a no-op here).
    assert RevisionMeta.objects.filter(clause=clause).count() == 1 + saved
    numbers = list(RevisionMeta.objects.filter(clause=clause).values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, saved + 2))
    # Nothing silently overwritten: each writer's paragraph is its last saved text.
    final = Clause.objects.get(pk=clause.pk).body
    for n, results in outcomes.items():
        saved_texts = [text for status, text in results if status == 302]
        if saved_texts:
            assert saved_texts[-1] in final, (n, final)
