"""Reading translations: the text a reader gets in their language, histories, as-of."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, QuerySet, Subquery
from django.urls import translate_url
from reversion.models import Version

from charter.models import Charter, Clause
from charter.selectors.revisions import version_text
from translations.models import ClauseTranslation, TranslationRevision


@dataclass(frozen=True)
class Reading:
    """A clause as shown to a reader of `language`.

    `state` is "source" (the reader's language is the charter's), "current"
    (a translation that follows the latest source revision), "outdated" (a
    translation of an older source revision) or "missing" (no translation:
    the source text is shown, in `shown_language`).
    """

    title: str
    html: str
    body: str  # the Markdown, for exports
    language: str
    shown_language: str
    state: str
    translation: ClauseTranslation | None = None

    @property
    def foreign(self) -> bool:
        """The text shown is not in the reader's language (no translation yet)."""
        return self.shown_language != self.language

    @property
    def is_translated(self) -> bool:
        return self.state in ("current", "outdated")

    @property
    def original_url(self) -> str:
        """The clause's page in its charter's language."""
        if self.translation is None:
            return ""
        clause = self.translation.clause
        return translate_url(clause.get_absolute_url(), clause.charter.source_language)


def translations_of(clause_ids: Iterable[int], language: str) -> dict[int, ClauseTranslation]:
    """The translations into `language` of these clauses, by clause id, in one query."""
    found = ClauseTranslation.objects.filter(clause_id__in=list(clause_ids), language=language)
    return {translation.clause_id: translation for translation in found}


def reading(
    clause: Clause, language: str, translation: ClauseTranslation | None, *, source_language: str
) -> Reading:
    if language == source_language:
        return Reading(clause.title, clause.body_html, clause.body, language, language, "source")
    if translation is None:
        return Reading(
            clause.title, clause.body_html, clause.body, language, source_language, "missing"
        )
    outdated = translation.source_revision_number < clause.revision_number
    return Reading(
        translation.title,
        translation.body_html,
        translation.body,
        language,
        language,
        "outdated" if outdated else "current",
        translation,
    )


def attach_readings(charter: Charter, clauses: list[Clause], language: str) -> list[Clause]:
    """Set `reading` on each clause for a reader of `language`; one query, none in the source."""
    found = (
        translations_of((c.pk for c in clauses), language)
        if language != charter.source_language
        else {}
    )
    for clause in clauses:
        clause.reading = reading(
            clause, language, found.get(clause.pk), source_language=charter.source_language
        )
    return clauses


def translation_of(clause: Clause, language: str) -> ClauseTranslation | None:
    return ClauseTranslation.objects.filter(clause=clause, language=language).first()


def translation_versions(translation: ClauseTranslation) -> QuerySet[Version]:
    """The translation's stored versions, their data left unread until asked for."""
    return Version.objects.get_for_object(translation).defer("serialized_data")


def translation_text_at(translation: ClauseTranslation | None, revision_number: int) -> dict:
    """Title and text of the translation at one of its revisions (empty before the first)."""
    if translation is None or revision_number == 0:
        return {"title": "", "body": ""}
    version = (
        Version.objects.get_for_object(translation)
        .filter(revision__translation_meta__revision_number=revision_number)
        .first()
    )
    return version_text(version) if version else {"title": "", "body": ""}


def revision_rows(translation: ClauseTranslation) -> QuerySet[TranslationRevision]:
    """The translation's history, newest first, with what a row shows, in one query."""
    return (
        TranslationRevision.objects.filter(translation=translation)
        .select_related("revision__user", "persona__tendency", "group")
        .order_by("-revision_number")
    )


def source_version_id(clause: Clause, revision_number: int) -> int | None:
    """The reversion version id of the clause at `revision_number` (for diff links)."""
    clause_type = ContentType.objects.get_for_model(Clause)
    return (
        Version.objects.filter(
            content_type=clause_type,
            object_id=str(clause.pk),
            revision__meta__revision_number=revision_number,
        )
        .values_list("pk", flat=True)
        .first()
    )


def translations_as_of(
    clause_ids: Iterable[int], language: str, moment: datetime
) -> dict[int, dict]:
    """Each clause's translation into `language` as it stood at `moment`, by clause id."""
    ids = {
        str(pk): clause_id
        for pk, clause_id in ClauseTranslation.objects.filter(
            clause_id__in=list(clause_ids), language=language
        ).values_list("pk", "clause_id")
    }
    if not ids:
        return {}
    newest = (
        Version.objects.get_for_model(ClauseTranslation)
        .filter(object_id__in=list(ids), revision__date_created__lte=moment)
        .values("object_id")
        .annotate(newest=Max("pk"))
        .values("newest")
    )
    found = {}
    for version in Version.objects.filter(pk__in=Subquery(newest)):
        fields = version.field_dict
        found[ids[version.object_id]] = {
            "title": fields["title"],
            "body_html": fields["body_html"],
            "source_revision_number": fields["source_revision_number"],
        }
    return found


def source_text_at(clause: Clause, revision_number: int) -> dict:
    """The source clause's title and text at one of its revisions."""
    version_id = source_version_id(clause, revision_number)
    if version_id is None:
        return {"title": "", "body": ""}
    return version_text(Version.objects.get(pk=version_id))


def reading_of(clause: Clause, language: str) -> Reading:
    """One clause for a reader of `language`: no query in the source language, one otherwise."""
    source_language = clause.charter.source_language
    translation = translation_of(clause, language) if language != source_language else None
    return reading(clause, language, translation, source_language=source_language)


def translate_as_of(charter: Charter, clauses: list[dict], language: str, moment: datetime) -> None:
    """Put each clause of `charter_as_of` in `language` as its translation stood at `moment`.

    Sets `shown_language` on every clause dict; where no translation existed
    then, the source text stays and `untranslated` is true.
    """
    source = charter.source_language
    found = (
        translations_as_of([c["pk"] for c in clauses], language, moment)
        if language != source
        else {}
    )
    for clause in clauses:
        translated = found.get(clause["pk"])
        if translated is not None:
            clause.update(title=translated["title"], body_html=translated["body_html"])
        clause["shown_language"] = language if translated or language == source else source
        clause["untranslated"] = language != source and translated is None


def translations_of_revisions(wanted: Iterable[tuple[int, int]], language: str) -> dict[int, dict]:
    """For (clause id, source revision number) pairs, the translation of exactly that text.

    The newest revision of each clause's translation into `language` that
    was made from that source revision, by clause id; a clause whose
    translation never followed that revision is left out. Two queries.
    """
    wanted = dict(wanted)
    if not wanted:
        return {}
    rows = (
        TranslationRevision.objects.filter(
            translation__language=language, translation__clause_id__in=list(wanted)
        )
        .values_list("translation__clause_id", "source_revision_number", "revision_id")
        .order_by("revision_number")
    )
    newest = {
        clause_id: revision_id
        for clause_id, number, revision_id in rows
        if wanted.get(clause_id) == number
    }
    clause_of_revision = {revision_id: clause_id for clause_id, revision_id in newest.items()}
    found = {}
    for version in Version.objects.get_for_model(ClauseTranslation).filter(
        revision_id__in=list(clause_of_revision)
    ):
        fields = version.field_dict
        found[clause_of_revision[version.revision_id]] = {
            "title": fields["title"],
            "body_html": fields["body_html"],
        }
    return found


def translate_edition(edition, language: str) -> None:
    """Put the clauses of a critical edition in `language`, where their adopted text is translated.

    Sets `shown_language` and `untranslated` on each clause; the circle strip
    and the notes stay those of the source text the congress adopted.
    """
    source = edition.charter.source_language
    found = (
        translations_of_revisions(((c.id, c.revision_number) for c in edition.clauses), language)
        if language != source
        else {}
    )
    for clause in edition.clauses:
        translated = found.get(clause.id)
        if translated is not None:
            clause.title, clause.html = translated["title"], translated["body_html"]
        clause.shown_language = language if translated or language == source else source
        clause.untranslated = language != source and translated is None


def attach_titles(charter: Charter, clauses: list[Clause | None], language: str) -> None:
    """Set `shown_title` and `shown_language` on each clause (links to neighbours, lists).

    Only titles: one query of two columns outside the source language, none in it.
    """
    present = [clause for clause in clauses if clause is not None]
    source = charter.source_language
    titles = (
        dict(
            ClauseTranslation.objects.filter(
                clause_id__in=[c.pk for c in present], language=language
            ).values_list("clause_id", "title")
        )
        if present and language != source
        else {}
    )
    for clause in present:
        translated = titles.get(clause.pk)
        clause.shown_title = translated or clause.title
        clause.shown_language = language if translated or language == source else source
