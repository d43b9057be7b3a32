"""The index follows every save: services, the admin, fixtures and the rebuild command."""

import pytest
from django.core.management import call_command
from reversion.models import Version

from charter.models import Charter, Comment, RevisionMeta
from charter.services.discussion import comment_edit, comment_post
from charter.services.moderation import clause_revert, comment_hide
from personas.models import Persona, Quotation
from search.indexing import reindex_all
from search.models import SearchDocument
from tests.conftest import make_clause, make_comment, revise_clause

pytestmark = pytest.mark.django_db
Kind = SearchDocument.Kind


def document(key: str) -> SearchDocument:
    return SearchDocument.objects.defer("vector").get(key=key)


def test_a_new_clause_is_indexed_as_its_current_text_and_its_first_revision(clause):
    current = document(f"clause:{clause.pk}")
    assert (current.kind, current.title, current.text) == (
        Kind.CLAUSE,
        "Solidarity across borders",
        "Workers of all lands share one cause.",
    )
    assert current.charter_id == clause.charter_id
    assert current.language == "english"
    meta = RevisionMeta.objects.get(clause=clause)
    first = document(f"revision:{meta.pk}")
    assert first.version_id == Version.objects.get_for_object(clause).get().pk
    assert first.text == current.text


def test_an_edit_replaces_the_current_text_and_adds_a_revision(clause, alice):
    result = revise_clause(clause, alice, "Workers of every country *unite*.", title="Unity")
    current = document(f"clause:{clause.pk}")
    assert (current.title, current.text) == ("Unity", "Workers of every country unite.")
    revision = document(f"revision:{result.meta.pk}")
    assert revision.version_id == Version.objects.get_for_object(clause).first().pk
    assert revision.date == result.meta.revision.date_created
    assert SearchDocument.objects.filter(clause=clause, kind=Kind.REVISION).count() == 2


def test_a_moderators_revert_is_indexed_too(clause, alice, mod):
    revise_clause(clause, alice, "Vandalised.")
    seed = Version.objects.get_for_object(clause).last()
    clause_revert(clause_id=clause.pk, moderator=mod, version_id=seed.pk, reason="Vandalism")
    assert document(f"clause:{clause.pk}").text == "Workers of all lands share one cause."


def test_a_failed_edit_leaves_the_index_as_it_was(clause, alice):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        revise_clause(clause, alice, "Never saved.")
        raise RuntimeError
    assert document(f"clause:{clause.pk}").text == "Workers of all lands share one cause."


def test_posting_and_editing_a_comment_index_its_own_words(clause, alice):
    posted = comment_post(
        clause_id=clause.pk, user=alice, body="> quoted words\n\nMy *own* words."
    ).comment
    indexed = document(f"comment:{posted.pk}")
    assert (indexed.text, indexed.title) == ("My own words.", "")
    assert (indexed.clause_id, indexed.charter_id) == (clause.pk, clause.charter_id)
    comment_edit(comment_id=posted.pk, user=alice, body="Better words.", side="for")
    assert document(f"comment:{posted.pk}").text == "Better words."


def test_moderation_needs_no_reindex_because_visibility_is_not_indexed(clause, alice, mod):
    posted = comment_post(clause_id=clause.pk, user=alice, body="Spam spam.").comment
    before = document(f"comment:{posted.pk}")
    comment_hide(comment_id=posted.pk, moderator=mod, reason="Spam")
    assert document(f"comment:{posted.pk}").text == before.text
    assert not hasattr(SearchDocument, "status") and not hasattr(SearchDocument, "is_removed")


def test_saving_a_persona_in_the_admin_indexes_it_and_its_quotations(admin_client, rosa):
    old_quote = Quotation.objects.create(persona=rosa, text="Old words.", source="Old")
    url = f"/admin/personas/persona/{rosa.pk}/change/"
    form = {
        "name": "Rosa Luxemburg",
        "slug": rosa.slug,
        "tendency": rosa.tendency_id,
        "born": "1871",
        "died": "1919",
        "places": "Zamość, Berlin",
        "bio": "Theorist of the mass strike.",
        "quotations-TOTAL_FORMS": "2",
        "quotations-INITIAL_FORMS": "1",
        "quotations-0-id": old_quote.pk,
        "quotations-0-persona": rosa.pk,
        "quotations-0-text": "Old words.",
        "quotations-0-source": "Old",
        "quotations-0-DELETE": "on",
        "quotations-1-persona": rosa.pk,
        "quotations-1-text": "Freedom is always the freedom of dissenters.",
        "quotations-1-source": "The Russian Revolution, 1918",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content[:3000]
    persona = document(f"persona:{rosa.pk}")
    assert persona.title == "Rosa Luxemburg"
    assert "Theorist of the mass strike." in persona.text and "Spartacists" in persona.text
    (quote,) = SearchDocument.objects.filter(kind=Kind.QUOTATION)
    assert (quote.title, quote.text) == (
        "The Russian Revolution, 1918",
        "Freedom is always the freedom of dissenters.",
    )


def test_renaming_a_circle_in_the_admin_reindexes_its_personas(admin_client, rosa):
    tendency = rosa.tendency
    form = {"name": "Spartacus League", "slug": tendency.slug, "colour": "#8b1a1a"}
    form |= {"description": "", "position": "0"}
    response = admin_client.post(f"/admin/personas/tendency/{tendency.pk}/change/", form)
    assert response.status_code == 302
    assert "Spartacus League" in document(f"persona:{rosa.pk}").text


def test_editing_a_charter_in_the_admin_reindexes_it(admin_client, charter):
    form = {
        "title": "The Virtual Charter",
        "slug": charter.slug,
        "summary": "A minimum program for everyone.",
        "source_language": "en",
        "status": Charter.Status.DRAFTING,
        "source_url": "",
        "position": "0",
        "created_at_0": "2026-01-01",
        "created_at_1": "00:00:00",
    }
    response = admin_client.post(f"/admin/charter/charter/{charter.pk}/change/", form)
    assert response.status_code == 302, response.content[:3000]
    indexed = document(f"charter:{charter.pk}")
    assert (indexed.title, indexed.text) == (
        "The Virtual Charter",
        "A minimum program for everyone.",
    )


def test_reindexing_rebuilds_every_document_as_it_was(clause, alice, rosa):
    revise_clause(clause, alice, "Second text.")
    make_comment(clause=clause, author=alice, body="Written past the services.")
    Quotation.objects.create(persona=rosa, text="Words.", source="Source")
    reindex_all()
    before = {d.key: (d.kind, d.title, d.text, d.version_id) for d in SearchDocument.objects.all()}
    SearchDocument.objects.all().delete()
    call_command("search_reindex", verbosity=0)
    after = {d.key: (d.kind, d.title, d.text, d.version_id) for d in SearchDocument.objects.all()}
    assert after == before
    comment = Comment.objects.get()
    assert after[f"comment:{comment.pk}"][2] == "Written past the services."
    kinds = ["charter", "clause", "revision", "revision", "comment", "persona", "quotation"]
    assert sorted(kind for kind, *_ in after.values()) == sorted(kinds)


def test_the_first_revision_keeps_its_own_text_after_a_rebuild(clause, alice):
    revise_clause(clause, alice, "Second text.")
    SearchDocument.objects.all().delete()
    reindex_all()
    texts = SearchDocument.objects.filter(kind=Kind.REVISION).order_by(
        "revision_meta__revision_number"
    )
    assert [d.text for d in texts] == ["Workers of all lands share one cause.", "Second text."]


def test_the_seeded_demo_is_searchable(seeded):
    assert SearchDocument.objects.filter(kind=Kind.PERSONA).count() == Persona.objects.count()
    assert SearchDocument.objects.filter(kind=Kind.QUOTATION).count() == Quotation.objects.count()
    assert SearchDocument.objects.filter(kind=Kind.CHARTER).count() == Charter.objects.count()
    clause = make_clause(charter=Charter.objects.first())
    assert SearchDocument.objects.filter(clause=clause, kind=Kind.CLAUSE).exists()
