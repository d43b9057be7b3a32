"""Comments (hide and restore) and stances."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from reversion.models import Version

from charter.admin.base import (
    ActionsOnlyAdmin,
    Outcome,
    Step,
    comment_item,
    log_entries_html,
    open_flag_count,
    run_each,
)
from charter.dates import when
from charter.models import Comment, Stance
from charter.services import moderation
from charter.templatetags.charter_tags import as_html


def comment_step(hide: bool) -> Step:
    def run(request: HttpRequest, comments: list[Comment], data: dict) -> Outcome:
        service = moderation.comment_hide if hide else moderation.comment_restore
        if hide:
            done = _("Hid comment #%(id)s by %(author)s.")
        else:
            done = _("Restored comment #%(id)s by %(author)s.")

        def act(comment: Comment) -> str:
            service(comment_id=comment.pk, moderator=request.user, reason=data["reason"])
            return done % {"id": comment.pk, "author": comment.author}

        return run_each(comments, act)

    if hide:
        return Step(
            title=gettext_lazy("Hide comments"),
            button=pgettext_lazy("button", "Hide"),
            explanation=gettext_lazy(
                "Players see “hidden by a moderator” in the comment's place; moderators still "
                "see the text. Open flags on these comments are closed as acted upon."
            ),
            run=run,
        )
    return Step(
        title=gettext_lazy("Restore comments"),
        button=pgettext_lazy("button", "Restore"),
        explanation=gettext_lazy("The comments are shown to everyone again."),
        run=run,
    )


class FlaggedFilter(admin.SimpleListFilter):
    title = gettext_lazy("flags")
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("open", _("With open flags")), ("none", _("No open flags"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_flag_count__gt=0)
        if self.value() == "none":
            return queryset.filter(open_flag_count=0)
        return queryset


@admin.register(Comment)
class CommentAdmin(ActionsOnlyAdmin):
    list_display = [
        "excerpt",
        "author",
        "persona",
        "clause",
        "entry",
        "status",
        "open_flags",
        "depth",
        "created_at",
    ]
    list_filter = ["status", FlaggedFilter, "clause__charter", "persona__tendency", "created_at"]
    search_fields = ["body", "author__username", "persona__name", "clause__title"]
    list_select_related = ["author", "persona", "clause", "entry"]
    date_hierarchy = "created_at"
    fields = [
        "clause",
        "entry",
        "author",
        "persona",
        "rendered",
        "status",
        "hidden_reason",
        "side",
        "clause_revision_number",
        "created_at",
        "edited_at",
        "earlier_versions",
        "moderation_log",
        "moderate_links",
    ]
    readonly_fields = ["rendered", "earlier_versions", "moderation_log", "moderate_links"]
    moderation_steps = {"hide": comment_step(True), "restore": comment_step(False)}

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(open_flag_count=open_flag_count("comment"))

    def moderation_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .select_related("author", "persona", "clause__charter", "entry__contest")
        )

    def applicable_steps(self, obj: Comment) -> list[str]:
        return ["restore"] if obj.is_hidden else ["hide"]

    def moderation_item(self, obj: Comment) -> dict:
        return comment_item(obj)

    @admin.display(description=gettext_lazy("comment"))
    def excerpt(self, obj: Comment) -> str:
        text = " ".join(obj.body.split())
        return text[:80] + ("…" if len(text) > 80 else "")

    @admin.display(ordering="open_flag_count", description=gettext_lazy("open flags"))
    def open_flags(self, obj: Comment) -> int:
        return obj.open_flag_count

    @admin.display(description=gettext_lazy("text"))
    def rendered(self, obj: Comment) -> str:
        return format_html("<div class='mod-content'>{}</div>", as_html(obj.body_html))

    @admin.display(description=gettext_lazy("moderation log"))
    def moderation_log(self, obj: Comment) -> str:
        return log_entries_html("comment", obj.pk)

    @admin.display(description=gettext_lazy("earlier versions"))
    def earlier_versions(self, obj: Comment) -> str:
        """Every saved text of an edited comment, oldest first (kept by reversion)."""
        versions = Version.objects.get_for_object(obj).select_related("revision").order_by("pk")
        if len(versions) < 2:
            return _("Never edited.")
        return format_html_join(
            "",
            "<div class='mod-content'><p><strong>{}</strong></p>{}</div>",
            (
                (
                    _("Version %(number)s · %(when)s")
                    % {"number": number, "when": when(version.revision.date_created)},
                    as_html(version.field_dict.get("body_html", "")),
                )
                for number, version in enumerate(versions, start=1)
            ),
        )


# Stances.


@admin.register(Stance)
class StanceAdmin(ActionsOnlyAdmin):
    list_display = [
        "persona",
        "position",
        "clause",
        "clause_revision_number",
        "is_current",
        "user",
        "group",
        "created_at",
    ]
    list_filter = ["position", "is_current", "persona__tendency", "clause__charter"]
    search_fields = ["reason", "user__username", "persona__name", "clause__title", "group__name"]
    list_select_related = ["persona", "clause", "user", "group"]
    date_hierarchy = "created_at"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Flags: the moderation queue.
