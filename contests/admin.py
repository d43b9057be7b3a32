"""Contests in the moderation panel: moderators open them and look at submitted entries.

Opening goes through `contests.services.contest_open`, like the moderators'
page at /contests/new/. Nothing here changes or deletes a contest or an
entry. Drafts stay private to their authors and votes secret, even here:
drafts are not listed, and votes are shown on the contest's page once
voting has closed.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter import text
from charter.permissions import is_moderator
from contests import services
from contests.models import CONTEST_RULES_MAX, CONTEST_THEME_MAX, Contest, Entry


class ModeratorsOnly:
    """Moderators (not only Django permission holders) see these pages; nobody changes rows."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_moderator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_moderator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ContestOpenForm(forms.ModelForm):
    class Meta:
        model = Contest
        fields = ["theme", "rules", "entries_close_at", "votes_close_at"]
        help_texts = {
            "theme": gettext_lazy("For example “2100”. The contest's address is made from it."),
            "rules": gettext_lazy("Markdown."),
            "entries_close_at": gettext_lazy("Players draft and submit until then."),
            "votes_close_at": gettext_lazy("Votes are cast after entries close, until then."),
        }

    def clean_theme(self) -> str:
        return text.clean_text(
            self.cleaned_data["theme"],
            max_length=CONTEST_THEME_MAX,
            required=True,
            what=_("The theme"),
        )

    def clean_rules(self) -> str:
        return text.clean_text(
            self.cleaned_data["rules"],
            max_length=CONTEST_RULES_MAX,
            required=True,
            what=_("The rules"),
        )

    def clean(self) -> dict:
        data = super().clean()
        entries, votes = data.get("entries_close_at"), data.get("votes_close_at")
        if entries and votes:
            try:
                services.check_deadlines(entries, votes)
            except ValidationError as error:
                self.add_error(error.code, error)
        return data


@admin.register(Contest)
class ContestAdmin(ModeratorsOnly, admin.ModelAdmin):
    list_display = ["theme", "slug", "phase_label", "entries_close_at", "votes_close_at", "entries"]
    readonly_fields = ["slug", "opened_by", "opened_at"]
    date_hierarchy = "votes_close_at"
    search_fields = ["theme", "slug"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_moderator(request.user)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs):
        if obj is None:
            kwargs["form"] = ContestOpenForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = ["theme", "rules", "entries_close_at", "votes_close_at"]
        return fields if obj is None else ["slug", *fields, "opened_by", "opened_at"]

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .annotate(submitted=Count("entries", filter=Q(entries__status=Entry.Status.SUBMITTED)))
        )

    def save_model(self, request: HttpRequest, obj: Contest, form, change: bool) -> None:
        contest = services.contest_open(
            user=request.user,
            theme=form.cleaned_data["theme"],
            rules=form.cleaned_data["rules"],
            entries_close_at=form.cleaned_data["entries_close_at"],
            votes_close_at=form.cleaned_data["votes_close_at"],
        )
        # The admin goes on with `obj` (its log entry, the redirect): it is the opened contest.
        obj.pk, obj.slug, obj.theme, obj.rules = (
            contest.pk,
            contest.slug,
            contest.theme,
            contest.rules,
        )
        obj.rules_html, obj.opened_by, obj.opened_at = (
            contest.rules_html,
            contest.opened_by,
            contest.opened_at,
        )

    @admin.display(description=gettext_lazy("phase"))
    def phase_label(self, obj: Contest) -> str:
        return obj.phase().label

    @admin.display(ordering="submitted", description=gettext_lazy("entries"))
    def entries(self, obj: Contest) -> int:
        return obj.submitted


@admin.register(Entry)
class EntryAdmin(ModeratorsOnly, admin.ModelAdmin):
    list_display = ["title", "contest", "persona", "author", "submitted_at"]
    list_filter = ["contest", "persona__tendency"]
    search_fields = ["title", "body", "author__username", "persona__name"]
    list_select_related = ["contest", "persona", "author"]
    fields = ["contest", "title", "persona", "author", "body", "submitted_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest):
        # A draft is its author's alone, moderators included.
        return super().get_queryset(request).submitted()
