"""Translations in the moderation panel, and the charter's source language once it has clauses."""

import pytest

from translations.services import translation_save

pytestmark = pytest.mark.django_db


def test_moderators_list_translations_read_only(client, mod, clause, alice):
    translation_save(
        clause_id=clause.pk,
        language="de",
        user=alice,
        title="Solidarität",
        body="Über alle Grenzen.",
        summary="",
        base_revision_number=0,
        source_revision_number=clause.revision_number,
    )
    client.force_login(mod)
    listing = client.get("/admin/translations/clausetranslation/")
    assert listing.status_code == 200
    assert "Solidarität" in listing.text and "up to date" in listing.text
    assert client.get("/admin/translations/clausetranslation/add/").status_code == 403


def test_the_source_language_is_fixed_once_a_charter_has_clauses(admin_client, clause, charter):
    page = admin_client.get(f"/admin/charter/charter/{charter.pk}/change/").text
    assert 'name="source_language"' not in page
