"""Concurrent translators on PostgreSQL, through the whole GET-form-then-POST cycle.

Six translators of one clause into French, each with its own connection and
client, read the form and send it back with a marker line of their own,
eight times each; the first round creates the translation, so six first
translations race. The promise: an answer of success means the marker is in
the final translation, a conflict page means it is not and the form still
holds it; never a 5xx (the unique translation per language must not surface
as an IntegrityError).
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from tests.conftest import make_charter, make_clause, make_persona, make_user
from tests.forms import form_fields
from translations.models import ClauseTranslation, TranslationRevision

TRANSLATORS = 6
ROUNDS = 8

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_every_accepted_translation_survives_concurrent_translators(settings):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    settings.RATELIMIT_ENABLE = False
    clause = make_clause(charter=make_charter(slug="babel"), title="Babel", body="One text.")
    users = [make_user(f"translator{n}", persona=make_persona()) for n in range(TRANSLATORS)]
    outcomes: dict[int, list[tuple[int, str]]] = {n: [] for n in range(TRANSLATORS)}
    failures: list[str] = []
    start = threading.Barrier(TRANSLATORS)
    url = f"/fr/charters/babel/clauses/{clause.pk}/translations/fr/edit/"

    def translate(n: int) -> None:
        client = Client()
        client.force_login(users[n])
        try:
            start.wait()
            for attempt in range(ROUNDS):
                page = client.get(url)
                assert page.status_code == 200, page.status_code
                fields = form_fields(page.text, "translation-form")
                marker = f"Ligne du traducteur {n}, tour {attempt}."
                # Each translator adds a paragraph of their own at the end of
                # their own anchor, so stale edits merge unless they collide.
                anchor = f"Ancre {n}."
                body = fields.get("body", "")
                body = (
                    body.replace(anchor, f"{anchor}\n\n{marker}", 1)
                    if anchor in body
                    else f"{body}\n\n{anchor}\n\n{marker}".strip()
                )
                data = {**fields, "title": "Babel", "body": body, "summary": f"{n}/{attempt}"}
                response = client.post(url, data)
                outcomes[n].append((response.status_code, marker))
                if response.status_code == 409:
                    assert marker in response.text
        except Exception as error:  # reported below; a thread must not die silently
            failures.append(f"translator {n}: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=translate, args=(n,)) for n in range(TRANSLATORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert not failures, failures
    statuses = [status for results in outcomes.values() for status, _ in results]
    assert set(statuses) <= {302, 409}, statuses
    final = ClauseTranslation.objects.get(clause=clause, language="fr")
    saved = statuses.count(302)
    for n, results in outcomes.items():
        for status, marker in results:
            if status == 302:
                assert marker in final.body, (n, marker)
            else:
                assert marker not in final.body, (n, marker)
    numbers = sorted(
        TranslationRevision.objects.filter(translation=final).values_list(
            "revision_number", flat=True
        )
    )
    assert numbers == list(range(1, saved + 1))
    assert saved >= TRANSLATORS
    print(f"\n{saved} saved, {statuses.count(409)} conflicts, {len(statuses)} translations")
