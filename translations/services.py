"""Saving a clause's translation: the same guarantees as saving the clause.

A save locks the source clause's row, so two translators of the same clause
(in any language) are serialised, and a translation cannot be created twice.
An edit made from an older revision of the translation is merged onto the
newer one when the changes do not overlap and refused with a conflict when
they do; no accepted word is lost either way.
"""

from dataclasses import dataclass
from typing import Literal

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charter import text
from charter.diffing import merge_texts, word_change_counts
from charter.models import CLAUSE_BODY_MAX, CLAUSE_TITLE_MAX, EDIT_SUMMARY_MAX, Clause
from charter.rendering import render_markdown
from config import caching
from personas.selectors import player_of
from search.indexing import index_translation
from translations.models import ClauseTranslation, TranslationRevision
from translations.permissions import why_cannot_translate
from translations.selectors import translation_text_at

Outcome = Literal["created", "saved", "merged", "unchanged"]


@dataclass
class TranslationResult:
    translation: ClauseTranslation
    outcome: Outcome
    meta: TranslationRevision | None = None


class TranslationConflict(Exception):
    """Someone changed the same sentences of the translation since the form was read."""

    def __init__(self, *, translation: ClauseTranslation, base_body: str) -> None:
        super().__init__("The translation changed while you were editing it.")
        self.translation = translation
        self.base_body = base_body


def _clean(title: str, body: str, summary: str) -> tuple[str, str, str]:
    title = text.clean_text(title, max_length=CLAUSE_TITLE_MAX, required=True, what="The title")
    body = text.clean_text(body, max_length=CLAUSE_BODY_MAX, required=True, what="The text")
    summary = text.clean_text(summary, max_length=EDIT_SUMMARY_MAX, what="The summary")
    return title, body, summary


def _merged(
    translation: ClauseTranslation | None,
    base_revision_number: int,
    title: str,
    body: str,
    source: int,
) -> tuple[str, str, int]:
    """An edit made from an older revision, merged onto the current one, or a conflict."""
    if translation is None or not 0 <= base_revision_number < translation.revision_number:
        raise ValidationError(_("That revision does not belong to this translation."))
    base = translation_text_at(translation, base_revision_number)
    merged = merge_texts(base["body"], body, translation.body)
    title_merge = merge_texts(base["title"], title, translation.title)
    if not merged.clean or not title_merge.clean:
        raise TranslationConflict(translation=translation, base_body=base["body"])
    # The merged text follows the older of the two sources it combines.
    return title_merge.text, merged.text, min(source, translation.source_revision_number)


def translation_save(
    *,
    clause_id: int,
    language: str,
    user: AbstractBaseUser,
    title: str,
    body: str,
    summary: str,
    base_revision_number: int,
    source_revision_number: int,
) -> TranslationResult:
    """Save a translation made from its revision `base_revision_number` (0: none yet).

    `source_revision_number` is the clause revision the translator was shown;
    the translation is recorded as following that one, so if the source moved
    on while they typed, the translation is saved and marked outdated.
    """
    title, body, summary = _clean(title, body, summary)
    prepared_body, html = body, render_markdown(body)  # before the lock: rendering is slow
    player = player_of(user)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().select_related("charter").get(pk=clause_id)
        why = why_cannot_translate(user, player, clause, language)
        if why:
            raise PermissionDenied(why)
        if not 1 <= source_revision_number <= clause.revision_number:
            raise ValidationError(_("The form did not say which revision of the source it shows."))
        translation = ClauseTranslation.objects.filter(clause=clause, language=language).first()
        outcome: Outcome = "saved" if translation else "created"
        current = translation.revision_number if translation else 0
        if base_revision_number != current:
            title, body, source_revision_number = _merged(
                translation, base_revision_number, title, body, source_revision_number
            )
            outcome = "merged"
        if translation is None:
            translation = ClauseTranslation(clause=clause, language=language)
        elif (
            title == translation.title
            and body == translation.body
            and source_revision_number <= translation.source_revision_number
        ):
            return TranslationResult(translation=translation, outcome="unchanged")
        old_body = translation.body or ""
        translation.title = title
        # The rendering made before the lock holds unless a merge changed the text.
        translation.set_body(body, html=html if body == prepared_body else None)
        translation.source_revision_number = source_revision_number
        translation.revision_number = current + 1
        translation.updated_at = timezone.now()
        added, removed = word_change_counts(old_body, body)
        kind = {
            "created": TranslationRevision.Kind.CREATE,
            "merged": TranslationRevision.Kind.MERGE,
        }.get(outcome, TranslationRevision.Kind.EDIT)
        with reversion.create_revision(atomic=False):
            translation.save()
            reversion.set_user(user)
            reversion.set_comment(summary)
            reversion.add_meta(
                TranslationRevision,
                translation=translation,
                persona=player.persona,
                group=player.group,
                kind=kind,
                revision_number=translation.revision_number,
                source_revision_number=translation.source_revision_number,
                words_added=added,
                words_removed=removed,
            )
        meta = TranslationRevision.objects.select_related("revision", "persona").get(
            translation=translation, revision_number=translation.revision_number
        )
        index_translation(translation)
        caching.touch(caching.charter_stamp(clause.charter.slug))
    return TranslationResult(translation=translation, outcome=outcome, meta=meta)
