"""Translating through the pages, as a browser does: GET the form, then POST it."""

import re

import pytest
from django.test import Client

from tests.conftest import revise_clause
from translations.models import ClauseTranslation

pytestmark = pytest.mark.django_db

FRENCH = "Les travailleurs de tous les pays partagent une même cause."


def edit_url(clause, lang="fr", prefix=""):
    return f"{prefix}/charters/{clause.charter.slug}/clauses/{clause.pk}/translations/{lang}/edit/"


def form_fields(html: str) -> dict:
    """The hidden fields a browser would send back."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def get_then_post(client: Client, url: str, **fields) -> tuple:
    page = client.get(url)
    assert page.status_code == 200
    data = form_fields(page.content.decode())
    data.update({"title": "Solidarité", "body": FRENCH, "summary": ""}, **fields)
    return page, client.post(url, data)


def test_translating_a_clause_shows_it_in_french(alice_client, clause):
    page, response = get_then_post(alice_client, edit_url(clause, prefix="/fr"))
    # The source is shown beside the form, marked as English.
    assert 'lang="en"' in page.content.decode()
    assert clause.title in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/charters/{clause.charter.slug}/clauses/{clause.pk}/"
    french = alice_client.get(response["Location"]).content.decode()
    assert "Solidarité" in french and FRENCH in french


def test_the_form_reads_an_existing_translation_and_its_revision(alice_client, clause):
    get_then_post(alice_client, edit_url(clause))
    page = alice_client.get(edit_url(clause))
    assert form_fields(page.content.decode())["base_revision"] == "1"
    assert FRENCH in page.content.decode()


def test_an_outdated_translation_shows_what_changed_in_the_source(alice_client, clause, bob):
    get_then_post(alice_client, edit_url(clause))
    revise_clause(clause, bob, clause.body + " Everywhere and always.")
    page = alice_client.get(edit_url(clause)).content.decode()
    assert "<ins>" in page and "Everywhere" in page
    reading = alice_client.get(f"/fr{clause.get_absolute_url()}").content.decode()
    assert "source-changes/" in reading
    jump = alice_client.get(
        f"/charters/{clause.charter.slug}/clauses/{clause.pk}/translations/fr/source-changes/"
    )
    assert jump.status_code == 302 and "/diff/?from=" in jump["Location"]
    diff = alice_client.get(jump["Location"]).content.decode()
    assert "Everywhere" in diff


def test_a_clause_without_translation_falls_back_with_a_note(client, clause):
    page = client.get(f"/de{clause.get_absolute_url()}").content.decode()
    assert clause.title in page
    assert 'lang="en"' in page  # the source text is marked as English on a German page
    assert "translations/de/edit/" in page


def test_two_translators_from_the_same_form_conflict_and_the_second_keeps_their_text(
    client, alice, bob, clause
):
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(bob)
    url = edit_url(clause)
    data_first = form_fields(first.get(url).content.decode())
    data_second = form_fields(second.get(url).content.decode())
    saved = first.post(url, {**data_first, "title": "Solidarité", "body": FRENCH})
    assert saved.status_code == 302
    clash = second.post(url, {**data_second, "title": "Solidarité", "body": "Un autre texte."})
    assert clash.status_code == 409
    html = clash.content.decode()
    assert "Un autre texte." in html  # nothing typed is lost
    assert form_fields(html)["base_revision"] == "1"
    # Sending again, having seen theirs, saves.
    again = second.post(
        url, {**form_fields(html), "title": "Solidarité", "body": "Un autre texte."}
    )
    assert again.status_code == 302
    assert ClauseTranslation.objects.get().revision_number == 2


def test_history_and_diff(alice_client, clause):
    get_then_post(alice_client, edit_url(clause))
    get_then_post(alice_client, edit_url(clause), body=FRENCH + " Partout.")
    base = f"/charters/{clause.charter.slug}/clauses/{clause.pk}/translations/fr/"
    history = alice_client.get(base).content.decode()
    assert "?from=1&amp;to=2" in history
    diff = alice_client.get(base + "diff/?from=1&to=2").content.decode()
    assert "<ins>Partout" in diff or "Partout.</ins>" in diff
    assert alice_client.get(base + "diff/?from=x").status_code == 400
    assert alice_client.get(base + "diff/?from=1&to=9").status_code == 404


@pytest.mark.parametrize("lang", ["xx", "en"])
def test_no_translation_into_unknown_or_source_languages(alice_client, clause, lang):
    response = alice_client.get(edit_url(clause, lang))
    assert response.status_code in (403, 404)


def test_visitors_are_sent_to_log_in(client, clause):
    response = client.get(edit_url(clause))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_players_without_persona_are_refused_with_a_reason(client, charlie, clause):
    client.force_login(charlie)
    response = client.get(edit_url(clause))
    assert response.status_code == 403
    assert "persona" in response.content.decode()


@pytest.mark.parametrize(
    "fields, status",
    [
        ({"body": "a\x00b"}, 400),
        ({"body": "x" * 20_001}, 400),
        ({"title": ""}, 400),
        ({"base_revision": "abc"}, 400),
        ({"source_revision": "0"}, 400),
        ({"source_revision": "99"}, 400),
        ({"base_revision": "7"}, 400),
    ],
)
def test_bad_input_is_refused_with_the_text_kept(alice_client, clause, fields, status):
    _page, response = get_then_post(alice_client, edit_url(clause), **fields)
    assert response.status_code == status
    assert ClauseTranslation.objects.count() == 0
    if "body" not in fields:
        assert FRENCH in response.content.decode()
