"""Parallel translations of a charter's clauses.

A clause is written in its charter's source language; each of the site's
other languages may hold one `ClauseTranslation` of it. A translation is
edited like the source (merges, conflicts, django-reversion history, who
saved what as whom) and records the source revision it follows. It is
*outdated* when the source has moved on since: derived, never stored, so no
path that changes a clause can forget to mark its translations (the same
reasoning as an amendment's "outdated").

Stances and debate stay on the source clause: one debate, many languages.
"""

import reversion
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision

from charter.models import CLAUSE_BODY_MAX, CLAUSE_TITLE_MAX, Clause, RenderedBody
from personas.models import Persona, PlayerGroup

LANGUAGE_MAX = 8


class ClauseTranslation(RenderedBody):
    """A clause's title and text in one other language."""

    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, related_name="translations", verbose_name=_("clause")
    )
    language = models.CharField(_("language"), max_length=LANGUAGE_MAX, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=CLAUSE_TITLE_MAX)
    body = models.TextField(_("text"), max_length=CLAUSE_BODY_MAX)
    body_html = models.TextField(blank=True, editable=False)
    # The clause revision this translation renders; behind the clause's
    # revision_number means outdated.
    source_revision_number = models.PositiveIntegerField(_("source revision"), default=0)
    # Number of the latest TranslationRevision, kept in step by the service.
    revision_number = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("clause translation")
        verbose_name_plural = _("clause translations")
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "language"], name="one_translation_per_clause_and_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"

    @property
    def is_outdated(self) -> bool:
        return self.source_revision_number < self.clause.revision_number

    def get_absolute_url(self) -> str:
        return reverse(
            "translations:history", args=[self.clause.charter.slug, self.clause_id, self.language]
        )


class TranslationRevision(models.Model):
    """What reversion's Revision does not say about a translation's save.

    The counterpart of charter.RevisionMeta: persona, group, numbers and word
    counts, stored at save time so the history never unpacks versions.
    """

    class Kind(models.TextChoices):
        CREATE = "create", _("translated")
        EDIT = "edit", _("edited")
        MERGE = "merge", _("edited (merged)")
        RESTORE = "restore", _("restored")

    revision = models.OneToOneField(
        Revision, on_delete=models.CASCADE, related_name="translation_meta"
    )
    translation = models.ForeignKey(
        ClauseTranslation, on_delete=models.CASCADE, related_name="revisions"
    )
    persona = models.ForeignKey(Persona, on_delete=models.SET_NULL, null=True, related_name="+")
    group = models.ForeignKey(
        PlayerGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EDIT)
    revision_number = models.PositiveIntegerField(default=1)
    source_revision_number = models.PositiveIntegerField(default=0)
    words_added = models.PositiveIntegerField(default=0)
    words_removed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "revision_number"],
                name="unique_translation_revision_number",
            )
        ]

    def __str__(self) -> str:
        return f"revision {self.revision_number} of {self.translation}"


reversion.register(
    ClauseTranslation, fields=["title", "body", "body_html", "source_revision_number"]
)
