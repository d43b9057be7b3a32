"""Translations in the moderation panel: listed and read; changed only through the site."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from translations.models import ClauseTranslation


@admin.register(ClauseTranslation)
class ClauseTranslationAdmin(admin.ModelAdmin):
    # Saves go through the service (merges, history, attribution); the admin
    # would bypass all three.
    list_display = ["title", "clause", "language", "revision_number", "follows", "updated_at"]
    list_filter = ["language"]
    search_fields = ["title", "body", "clause__title"]
    list_select_related = ["clause"]
    readonly_fields = [
        "clause",
        "language",
        "title",
        "body",
        "source_revision_number",
        "revision_number",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields

    @admin.display(description=_("follows the source"))
    def follows(self, obj: ClauseTranslation) -> str:
        if obj.source_revision_number < obj.clause.revision_number:
            return _("revision %(old)s of %(new)s: outdated") % {
                "old": obj.source_revision_number,
                "new": obj.clause.revision_number,
            }
        return _("revision %(number)s: up to date") % {"number": obj.source_revision_number}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
