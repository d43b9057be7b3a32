"""The charter read in another language: pages, as-of, the minimum program and its export."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone
from django.utils.translation import override

from charter.models import Comment
from charter.services.stances import stance_take
from tests.conftest import make_clause, make_voter, revise_clause
from translations.services import translation_save

pytestmark = pytest.mark.django_db


def path(obj) -> str:
    """The object's English (unprefixed) path, whatever language the last request left active."""
    with override("en"):
        return obj.get_absolute_url()


def translate(clause, user, title, body, lang="fr"):
    clause.refresh_from_db()
    return translation_save(
        clause_id=clause.pk,
        language=lang,
        user=user,
        title=title,
        body=body,
        summary="",
        base_revision_number=0,
        source_revision_number=clause.revision_number,
    ).translation


def test_the_charter_page_reads_in_french_with_fallback(client, clause, alice):
    other = make_clause(charter=clause.charter, title="Mutual aid", body="We help each other.")
    translate(clause, alice, "Solidarité sans frontières", "Les travailleurs partagent une cause.")
    page = client.get(f"/fr{path(clause.charter)}").content.decode()
    assert "Solidarité sans frontières" in page
    assert '<div class="prose"><p>Les travailleurs' in page
    # The untranslated clause is there, in English, marked as such.
    assert other.title in page and '<div class="prose" lang="en"><p>We help' in page
    assert page.count("translations/fr/edit/") == 1
    english = client.get(path(clause.charter)).content.decode()
    assert "Solidarité" not in english


def test_outdated_translations_are_marked_on_the_charter_page(client, clause, alice, bob):
    translate(clause, alice, "Solidarité", "Les travailleurs partagent une cause.")
    revise_clause(clause, bob, clause.body + " Always.")
    page = client.get(f"/fr{path(clause.charter)}").content.decode()
    assert "translation-outdated" in page
    assert (
        f"/charters/{clause.charter.slug}/clauses/{clause.pk}/translations/fr/source-changes/"
        in page
    )


def test_the_charter_as_of_a_moment_reads_the_translation_of_then(client, clause, alice):
    translate(clause, alice, "Solidarité", "Première traduction.")
    moment = timezone.now()
    translation = translate(clause, alice, "Solidarité", "Première traduction.")  # unchanged
    translation_save(
        clause_id=clause.pk,
        language="fr",
        user=alice,
        title="Solidarité",
        body="Seconde traduction.",
        summary="",
        base_revision_number=translation.revision_number,
        source_revision_number=clause.revision_number,
    )
    url = f"/fr{path(clause.charter)}as-of/?at={quote(moment.isoformat())}"
    then = client.get(url).content.decode()
    assert "Première traduction." in then and "Seconde" not in then
    before = (moment - timedelta(days=1)).isoformat()
    earlier = client.get(f"/fr{path(clause.charter)}as-of/?at={quote(before)}").content.decode()
    assert "Première" not in earlier


def test_the_minimum_program_export_is_in_the_readers_language(client, clause, alice):
    translate(clause, alice, "Solidarité", "Les travailleurs *partagent* une cause.")
    for _ in range(3):
        voter = make_voter()
        stance_take(clause_id=clause.pk, user=voter, position="support", reason="")
    export = client.get(f"/fr{path(clause.charter)}minimum-program.md")
    text = export.content.decode()
    assert "### 1. Solidarité" in text and "Les travailleurs" in text
    german = client.get(f"/de{path(clause.charter)}minimum-program.md").content
    assert clause.body in german.decode()


def test_comments_record_the_language_they_were_written_in(alice_client, clause):
    url = f"/fr{path(clause)}comments/"
    response = alice_client.post(url, {"body": "Je suis d'accord."})
    assert response.status_code in (200, 302)
    assert Comment.objects.get().language == "fr"
    page = alice_client.get(f"/fr{path(clause)}").content.decode()
    assert 'lang="fr"' in page
