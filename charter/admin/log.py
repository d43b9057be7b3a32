"""The audit log: read-only for everyone, superusers included."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from charter.models import ModerationAction

# What the log calls each kind of target (ModerationAction.target_type).
TARGET_TYPES = {
    "comment": pgettext_lazy("moderation target", "comment"),
    "clause": pgettext_lazy("moderation target", "clause"),
    "flag": pgettext_lazy("moderation target", "flag"),
    "player": pgettext_lazy("moderation target", "player"),
}


def _target_url(entry: ModerationAction) -> str | None:
    names = {
        "comment": "admin:charter_comment_change",
        "clause": "admin:charter_clause_change",
        "flag": "admin:charter_flag_change",
        "player": "admin:personas_player_change",
    }
    name = names.get(entry.target_type)
    if name is None:
        return None
    try:
        return reverse(name, args=[entry.target_id])
    except NoReverseMatch:
        return None


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "action", "target", "reason"]
    list_filter = ["action", "target_type", ("moderator", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["target_repr", "reason", "moderator__username"]
    list_select_related = ["moderator"]
    date_hierarchy = "created_at"
    fields = ["created_at", "moderator", "action", "target", "reason"]
    readonly_fields = fields

    def get_actions(self, request: HttpRequest) -> dict:
        return {}

    # The log is evidence: nobody, superusers included, edits it from here.
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("target"))
    def target(self, obj: ModerationAction) -> str:
        url = _target_url(obj)
        # Translators: a moderation log's target: "comment #12: <what it was>".
        label = _("%(type)s #%(id)s: %(target)s") % {
            "type": TARGET_TYPES.get(obj.target_type, obj.target_type),
            "id": obj.target_id,
            "target": obj.target_repr,
        }
        return format_html("<a href='{}'>{}</a>", url, label) if url else label
