"""Saving translations: create, edit, merge, conflict, outdated mark, permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version

from charter.models import Charter
from tests.conftest import make_user, revise_clause
from translations import selectors
from translations.models import ClauseTranslation, TranslationRevision
from translations.services import TranslationConflict, translation_save

pytestmark = pytest.mark.django_db

FRENCH = "Les travailleurs de tous les pays partagent une même cause.\n\nNous sommes unis."


def save(clause, user, body=FRENCH, *, title="Solidarité", base=0, source=None, lang="fr"):
    clause.refresh_from_db()
    return translation_save(
        clause_id=clause.pk,
        language=lang,
        user=user,
        title=title,
        body=body,
        summary="",
        base_revision_number=base,
        source_revision_number=source or clause.revision_number,
    )


def test_first_save_creates_the_translation_as_revision_one(clause, alice):
    result = save(clause, alice)
    assert result.outcome == "created"
    translation = result.translation
    assert (translation.language, translation.title, translation.revision_number) == (
        "fr",
        "Solidarité",
        1,
    )
    assert translation.source_revision_number == clause.revision_number
    assert "<p>Les travailleurs" in translation.body_html
    meta = TranslationRevision.objects.get(translation=translation)
    assert meta.persona == alice.player.persona
    assert meta.revision.user == alice
    assert meta.kind == TranslationRevision.Kind.CREATE
    # django-reversion keeps the text of every revision.
    assert Version.objects.get_for_object(translation).count() == 1


def test_each_edit_is_a_new_revision_with_its_own_history(clause, alice, bob):
    save(clause, alice)
    save(clause, bob, FRENCH + " Toujours.", base=1)
    translation = ClauseTranslation.objects.get(clause=clause, language="fr")
    assert translation.revision_number == 2
    rows = list(selectors.revision_rows(translation))
    assert [(r.revision_number, r.revision.user.username) for r in rows] == [
        (2, "bob"),
        (1, "alice"),
    ]
    assert selectors.translation_text_at(translation, 1)["body"] == FRENCH


def test_unchanged_text_saves_no_revision(clause, alice):
    save(clause, alice)
    result = save(clause, alice, base=1)
    assert result.outcome == "unchanged"
    assert TranslationRevision.objects.count() == 1


def test_a_source_edit_marks_the_translation_outdated_until_updated(clause, alice, bob):
    save(clause, alice)
    translation = ClauseTranslation.objects.select_related("clause").get()
    assert not translation.is_outdated
    revise_clause(clause, bob, clause.body + " Everywhere.")
    translation = ClauseTranslation.objects.select_related("clause").get()
    assert translation.is_outdated
    # Confirming the same text against the new source is an update.
    result = save(clause, alice, base=1)
    assert result.outcome == "saved"
    assert not ClauseTranslation.objects.select_related("clause").get().is_outdated


def test_a_translation_of_the_source_shown_before_a_newer_edit_stays_outdated(clause, alice, bob):
    shown = clause.revision_number
    revise_clause(clause, bob, clause.body + " Everywhere.")
    result = save(clause, alice, source=shown)
    assert result.translation.source_revision_number == shown
    result.translation.clause.refresh_from_db()
    assert result.translation.is_outdated


def test_stale_edits_of_different_sentences_are_merged(clause, alice, bob):
    save(clause, alice)
    first, second = FRENCH.split("\n\n")
    save(clause, bob, f"{first} Partout.\n\n{second}", base=1)
    result = save(clause, alice, f"{first}\n\n{second} Toujours.", base=1)
    assert result.outcome == "merged"
    assert result.translation.body == f"{first} Partout.\n\n{second} Toujours."
    assert "Partout" in result.translation.body_html and "Toujours" in result.translation.body_html


def test_stale_edits_of_the_same_sentence_conflict_and_nothing_is_lost(clause, alice, bob):
    save(clause, alice)
    save(clause, bob, FRENCH.replace("une même cause", "un seul combat"), base=1)
    with pytest.raises(TranslationConflict) as caught:
        save(clause, alice, FRENCH.replace("une même cause", "une cause commune"), base=1)
    assert "un seul combat" in caught.value.translation.body
    assert ClauseTranslation.objects.get().revision_number == 2


def test_two_first_translations_at_once_do_not_overwrite_each_other(clause, alice, bob):
    save(clause, alice)
    with pytest.raises(TranslationConflict):
        save(clause, bob, "Un tout autre texte.", base=0)
    assert ClauseTranslation.objects.get().body == FRENCH


@pytest.mark.parametrize("base", [5, -1])
def test_a_base_revision_the_translation_never_had_is_refused(clause, alice, base):
    save(clause, alice)
    with pytest.raises(ValidationError):
        save(clause, alice, "Autre.", base=base)


@pytest.mark.parametrize("source", [0, 99])
def test_a_source_revision_the_clause_never_had_is_refused(clause, alice, source):
    clause.revision_number  # noqa: B018
    with pytest.raises(ValidationError):
        translation_save(
            clause_id=clause.pk,
            language="fr",
            user=alice,
            title="T",
            body="Texte.",
            summary="",
            base_revision_number=0,
            source_revision_number=source,
        )


def test_the_source_language_and_unknown_languages_cannot_be_translated_into(clause, alice):
    with pytest.raises(PermissionDenied, match="edit the clause itself"):
        save(clause, alice, lang="en")
    with pytest.raises(PermissionDenied, match="no language"):
        save(clause, alice, lang="xx")


def test_writing_rules_apply(clause, charlie, alice):
    with pytest.raises(PermissionDenied, match="persona"):
        save(clause, charlie)
    clause.is_removed = True
    clause.save()
    with pytest.raises(PermissionDenied, match="removed"):
        save(clause, alice)


def test_reference_charters_are_not_translated(clause, alice):
    Charter.objects.filter(pk=clause.charter_id).update(status=Charter.Status.REFERENCE)
    with pytest.raises(PermissionDenied, match="reference"):
        save(clause, alice)


def test_locked_clauses_can_still_be_translated(clause, alice):
    clause.is_locked = True
    clause.save()
    assert save(clause, alice).outcome == "created"


def test_text_is_cleaned_and_limited_like_the_source(clause, alice):
    with pytest.raises(ValidationError):
        save(clause, alice, "bad\x00text")
    with pytest.raises(ValidationError):
        save(clause, alice, "x" * 20_001)
    with pytest.raises(ValidationError):
        save(clause, alice, "   ")


def test_markdown_is_sanitised(clause, alice):
    result = save(clause, alice, "<script>alert(1)</script> *fort*")
    assert "<script>" not in result.translation.body_html
    assert "<em>fort</em>" in result.translation.body_html


def test_readings_fall_back_to_the_source(clause, alice):
    other = make_user("zed", persona=alice.player.persona)
    save(clause, other)
    clause.refresh_from_db()
    [french] = selectors.attach_readings(clause.charter, [clause], "fr")
    assert french.reading.state == "current" and french.reading.title == "Solidarité"
    [german] = selectors.attach_readings(clause.charter, [clause], "de")
    assert german.reading.state == "missing"
    assert german.reading.title == clause.title and german.reading.shown_language == "en"
    [english] = selectors.attach_readings(clause.charter, [clause], "en")
    assert english.reading.state == "source"
