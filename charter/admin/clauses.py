"""Charters and clauses, with the clause history, revert and recovery."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from reversion.models import Version

from charter.admin.base import (
    ActionsOnlyAdmin,
    Outcome,
    Step,
    clause_item,
    error_text,
    log_entries_html,
    open_flag_count,
    run_each,
)
from charter.dates import when
from charter.diffing import word_diff
from charter.forms import ReasonForm
from charter.models import Charter, Clause, RevisionMeta
from charter.selectors.revisions import attach_version_ids, clause_version, meta_for_version
from charter.services import moderation
from charter.templatetags.charter_tags import as_html
from charter.views.access import int_param
from config.caching import TouchesSiteAdmin
from search.indexing import index_charter

HISTORY_PAGE_SIZE = 50


@admin.register(Charter)
class CharterAdmin(TouchesSiteAdmin, admin.ModelAdmin):
    # Links typed without a scheme are https (Django 6's default already).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "status", "position", "live_clauses"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .annotate(live_clauses=Count("clauses", filter=Q(clauses__is_removed=False)))
        )

    @admin.display(ordering="live_clauses", description=gettext_lazy("clauses"))
    def live_clauses(self, obj: Charter) -> int:
        return obj.live_clauses

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None):
        # Its clauses are written in the source language and translated from
        # it: changing it afterwards would turn translations into the source.
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.clauses.exists():
            readonly.append("source_language")
        return readonly

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        index_charter(obj)


# Clauses.


def lock_step(locked: bool) -> Step:
    def run(request: HttpRequest, clauses: list[Clause], data: dict) -> Outcome:
        service = moderation.clause_lock if locked else moderation.clause_unlock
        done = _("Locked “%(title)s”.") if locked else _("Unlocked “%(title)s”.")

        def act(clause: Clause) -> str:
            service(clause_id=clause.pk, moderator=request.user, reason=data["reason"])
            return done % {"title": clause.title}

        return run_each(clauses, act)

    if locked:
        return Step(
            title=gettext_lazy("Lock clauses"),
            button=pgettext_lazy("button", "Lock"),
            explanation=gettext_lazy(
                "Players can no longer edit these clauses; moderators still can. "
                "Their open flags are closed as acted upon."
            ),
            run=run,
        )
    return Step(
        title=gettext_lazy("Unlock clauses"),
        button=pgettext_lazy("button", "Unlock"),
        explanation=gettext_lazy("Players can edit these clauses again."),
        run=run,
    )


def _recover_clauses(request: HttpRequest, clauses: list[Clause], data: dict) -> Outcome:
    def act(clause: Clause) -> str:
        moderation.clause_recover(
            clause_id=clause.pk, moderator=request.user, reason=data["reason"]
        )
        return _("Recovered “%(title)s”: it is back in %(charter)s.") % {
            "title": clause.title,
            "charter": clause.charter,
        }

    return run_each(clauses, act)


RECOVER_STEP = Step(
    title=gettext_lazy("Recover removed clauses"),
    button=pgettext_lazy("button", "Recover"),
    explanation=gettext_lazy(
        "The clauses come back into their charter with their last text, "
        "as a new revision credited to you."
    ),
    run=_recover_clauses,
)


@admin.register(Clause)
class ClauseAdmin(ActionsOnlyAdmin):
    # Narrow columns with short headers: the moderation panel's sidebars leave
    # the list about 630 px at 1280 px wide, and Locked, Removed and Open flags
    # must stay in view (tested in tests/e2e/test_moderation.py).
    list_display = [
        "title",
        "charter_slug",
        "revision",
        "locked",
        "removed",
        "open_flags",
        "updated",
    ]
    list_filter = ["charter", "is_locked", "is_removed"]
    search_fields = ["title", "body"]
    list_select_related = ["charter"]
    readonly_fields = ["rendered", "moderation_log", "moderate_links"]
    fields = [
        "charter",
        "title",
        "rendered",
        "position",
        "revision_number",
        "is_locked",
        "is_removed",
        "created_at",
        "updated_at",
        "moderation_log",
        "moderate_links",
    ]
    object_history_template = "admin/charter/clause/object_history.html"
    change_list_template = "admin/charter/clause/change_list.html"
    moderation_steps = {
        "lock": lock_step(True),
        "unlock": lock_step(False),
        "recover": RECOVER_STEP,
    }

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(open_flag_count=open_flag_count("clause"))

    def applicable_steps(self, obj: Clause) -> list[str]:
        if obj.is_removed:
            return ["recover"]
        return ["unlock"] if obj.is_locked else ["lock"]

    def moderation_item(self, obj: Clause) -> dict:
        return clause_item(obj)

    @admin.display(ordering="open_flag_count", description=gettext_lazy("open flags"))
    def open_flags(self, obj: Clause) -> int:
        return obj.open_flag_count

    @admin.display(ordering="charter__position", description=gettext_lazy("charter"))
    def charter_slug(self, obj: Clause) -> str:
        # The slug, not the title: "virtual-charter" beside every row, not three lines.
        return obj.charter.slug

    # Translators: a narrow column header, short for "revision".
    @admin.display(ordering="revision_number", description=gettext_lazy("rev."))
    def revision(self, obj: Clause) -> int:
        return obj.revision_number

    @admin.display(
        boolean=True, ordering="is_locked", description=pgettext_lazy("clause state", "locked")
    )
    def locked(self, obj: Clause) -> bool:
        return obj.is_locked

    @admin.display(
        boolean=True, ordering="is_removed", description=pgettext_lazy("clause state", "removed")
    )
    def removed(self, obj: Clause) -> bool:
        return obj.is_removed

    @admin.display(ordering="updated_at", description=gettext_lazy("updated"))
    def updated(self, obj: Clause) -> str:
        return when(obj.updated_at, "short")

    @admin.display(description=gettext_lazy("text"))
    def rendered(self, obj: Clause) -> str:
        return format_html("<div class='mod-content'>{}</div>", as_html(obj.body_html))

    @admin.display(description=gettext_lazy("moderation log"))
    def moderation_log(self, obj: Clause) -> str:
        return log_entries_html("clause", obj.pk)

    # History, old revisions and recovery are our own pages, not reversion's
    # VersionAdmin: every restore must go through the revision service so
    # numbering, attribution and the moderation log stay right.
    def get_urls(self) -> list:
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("recover/", wrap(self.recoverlist_view), name=f"{name}_recoverlist"),
            path("recover/<str:version_id>/", wrap(self.recover_view), name=f"{name}_recover"),
            path(
                "<path:object_id>/history/<str:version_id>/",
                wrap(self.revision_view),
                name=f"{name}_revision",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        context = {"may_moderate": self.may_moderate(request), **(extra_context or {})}
        return super().changelist_view(request, context)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        """Every revision of the clause, newest first, as our history pages number them."""
        clause = self.get_object(request, object_id)
        if clause is None:
            raise Http404("No such clause.")
        if not self.has_view_or_change_permission(request, clause):
            raise PermissionDenied
        metas = (
            RevisionMeta.objects.filter(clause=clause)
            .select_related("revision__user", "persona")
            .defer("attribution")
            .order_by("-revision_number")
        )
        page = Paginator(metas, HISTORY_PAGE_SIZE).get_page(int_param(request.GET.get("page")))
        rows = attach_version_ids(list(page.object_list))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": clause,
            "title": _("History of “%(title)s”") % {"title": clause.title},
            "rows": rows,
            "page": page,
            "may_moderate": self.may_moderate(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def _version_page(
        self,
        request: HttpRequest,
        *,
        clause: Clause,
        version: Version,
        recover: bool,
    ) -> HttpResponse:
        if not self.may_moderate(request):
            raise PermissionDenied
        old = version.field_dict
        number = meta_for_version(version).revision_number
        history_url = reverse("admin:charter_clause_history", args=[clause.pk])
        if request.method == "POST":
            form = ReasonForm(request.POST)
            if form.is_valid():
                try:
                    if recover:
                        moderation.clause_recover(
                            clause_id=clause.pk,
                            moderator=request.user,
                            reason=form.cleaned_data["reason"],
                            version_id=version.pk,
                        )
                        text = _("Recovered “%(title)s” with the text of revision %(number)s.") % {
                            "title": clause.title,
                            "number": number,
                        }
                    else:
                        moderation.clause_revert(
                            clause_id=clause.pk,
                            moderator=request.user,
                            version_id=version.pk,
                            reason=form.cleaned_data["reason"],
                        )
                        text = _("Restored revision %(number)s of “%(title)s”.") % {
                            "number": number,
                            "title": clause.title,
                        }
                except ValidationError as error:
                    form.add_error(None, error_text(error))
                else:
                    self.message_user(request, text, messages.SUCCESS)
                    return redirect(history_url)
        else:
            if recover:
                reason = _("Recovered revision %(number)s") % {"number": number}
            else:
                reason = _("Restored revision %(number)s") % {"number": number}
            form = ReasonForm(initial={"reason": reason})
        if recover:
            title = _("Recover “%(title)s” to revision %(number)s")
        else:
            title = _("Revert “%(title)s” to revision %(number)s")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": clause,
            "title": title % {"title": clause.title, "number": number},
            "number": number,
            "version": version,
            "old_title": old.get("title", ""),
            "old_html": old.get("body_html", ""),
            "diff": word_diff(clause.body, old.get("body", "")),
            "form": form,
            "recover": recover,
            "history_url": history_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/charter/clause/revision_form.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Look at an old revision and restore it through our revision service."""
        clause = get_object_or_404(Clause, pk=int_param(object_id) or 0)
        version = clause_version(clause, int_param(version_id) or 0)
        if version is None:
            raise Http404("No such revision of this clause.")
        return self._version_page(
            request, clause=clause, version=version, recover=clause.is_removed
        )

    def recover_view(self, request, version_id, extra_context=None):
        """Bring a removed clause back with the text of one of its revisions."""
        version = get_object_or_404(
            Version.objects.get_for_model(Clause).select_related("revision"),
            pk=int_param(version_id) or 0,
        )
        clause = get_object_or_404(Clause, pk=version.object_id)
        if not clause.is_removed:
            self.message_user(
                request, _("“%(title)s” is not removed.") % {"title": clause.title}, messages.INFO
            )
            return redirect(reverse("admin:charter_clause_change", args=[clause.pk]))
        return self._version_page(request, clause=clause, version=version, recover=True)

    def recoverlist_view(self, request, extra_context=None):
        """Removed clauses (soft-deleted: rows are never deleted) and who removed them."""
        if not self.may_moderate(request):
            raise PermissionDenied
        removed = list(
            Clause.objects.filter(is_removed=True).select_related("charter").order_by("-updated_at")
        )
        metas = {
            meta.clause_id: meta
            for meta in RevisionMeta.objects.filter(
                clause__in=removed, kind=RevisionMeta.Kind.REMOVE
            )
            .select_related("revision__user", "persona")
            .order_by("revision_number")
        }
        rows = [{"clause": clause, "meta": metas.get(clause.pk)} for clause in removed]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Recover removed clauses"),
            "rows": rows,
            "recover_url": reverse("admin:charter_clause_moderate", args=["recover"]),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/charter/clause/recover_list.html", context)


# Comments.
