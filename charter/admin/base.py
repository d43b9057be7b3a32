"""Read-only admin pages whose changes go through moderation steps with a reason."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from charter import permissions
from charter.dates import when
from charter.forms import ReasonForm
from charter.models import Clause, Comment, Flag, ModerationAction
from charter.views.access import safe_next

# A moderation step acts on at most this many rows at once, so a confirmation
# page (and the ids in its URL) stays readable.
MAX_SELECTED = 100
# Ids beyond a bigint are junk, not rows.
MAX_ID = 2**63 - 1

Outcome = list[tuple[int, str]]


@dataclass(frozen=True)
class Step:
    """One moderation action offered by an admin: a form, then a service call per target."""

    title: str
    button: str
    explanation: str
    run: Callable[[HttpRequest, list[Any], dict], Outcome]
    form_class: type[forms.Form] = ReasonForm
    initial_reason: str = ""


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def run_each(items: Iterable[Any], act: Callable[[Any], str]) -> Outcome:
    """Run `act` on each item; a refusal becomes a warning instead of stopping the rest."""
    outcome: Outcome = []
    for item in items:
        try:
            outcome.append((messages.SUCCESS, act(item)))
        except (ValidationError, PermissionDenied, ObjectDoesNotExist) as error:
            text = error_text(error) if isinstance(error, ValidationError) else str(error)
            outcome.append((messages.WARNING, text or _("Not allowed.")))
    return outcome


def unique_objects(objects: Iterable[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for obj in objects:
        if obj is not None:
            seen.setdefault(obj.pk, obj)
    return list(seen.values())


class ActionsOnlyAdmin(admin.ModelAdmin):
    """Rows are viewed here and changed only through moderation steps; nothing is deleted.

    The change page is read-only for everyone (superusers included): saving a
    versioned row from a form would bypass our revision numbering and the
    audit log. The changelist keeps the change permission so actions work.
    """

    moderation_steps: dict[str, Step] = {}
    moderate_template = "admin/charter/moderate_confirm.html"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request)

    def may_moderate(self, request: HttpRequest) -> bool:
        return permissions.is_moderator(request.user) and self.has_change_permission(request)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        if not self.may_moderate(request):
            return {}
        for name, step in self.moderation_steps.items():
            actions[f"moderate_{name}"] = (
                self._step_action(name),
                f"moderate_{name}",
                # Translators: an admin action that opens a confirmation page: "Lock clauses…".
                _("%(step)s…") % {"step": step.title},
            )
        return actions

    def _step_action(self, name: str) -> Callable:
        def action(modeladmin, request, queryset):
            ids = list(queryset.values_list("pk", flat=True)[: MAX_SELECTED + 1])
            if len(ids) > MAX_SELECTED:
                self.message_user(
                    request,
                    _("Select at most %(count)s rows at a time.") % {"count": MAX_SELECTED},
                    messages.ERROR,
                )
                return None
            return HttpResponseRedirect(self.step_url(name, ids, next_url=request.get_full_path()))

        return action

    def step_url(self, name: str, ids: Iterable[int], *, next_url: str = "") -> str:
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_moderate", args=[name])
        query = {"ids": ",".join(str(pk) for pk in ids)}
        if next_url:
            query["next"] = next_url
        return f"{url}?{urlencode(query)}"

    def applicable_steps(self, obj: Any) -> list[str]:
        """The steps that make sense for this row now, offered on its page."""
        return list(self.moderation_steps)

    @admin.display(description=gettext_lazy("moderate"))
    def moderate_links(self, obj: Any) -> str:
        opts = self.model._meta
        here = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        return format_html(
            "<ul class='mod-links'>{}</ul>",
            format_html_join(
                "",
                "<li><a class='button' href='{}'>{}…</a></li>",
                (
                    (
                        self.step_url(name, [obj.pk], next_url=here),
                        self.moderation_steps[name].title,
                    )
                    for name in self.applicable_steps(obj)
                ),
            ),
        )

    def get_urls(self) -> list:
        opts = self.model._meta
        extra = [
            path(
                "moderate/<slug:step>/",
                self.admin_site.admin_view(self.moderate_view),
                name=f"{opts.app_label}_{opts.model_name}_moderate",
            )
        ]
        return extra + super().get_urls()

    def moderation_queryset(self, request: HttpRequest):
        return self.get_queryset(request)

    def moderation_items(self, objects: list[Any]) -> list[dict]:
        return [self.moderation_item(obj) for obj in objects]

    def moderation_item(self, obj: Any) -> dict:
        """What the confirmation page shows of one selected row."""
        return {"label": str(obj), "html": "", "meta": ""}

    def _changelist_url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def _next_url(self, request: HttpRequest) -> str:
        return safe_next(request, self._changelist_url())

    def moderate_view(self, request: HttpRequest, step: str) -> HttpResponse:
        """Confirm a moderation step with its reason (GET), then perform it (POST)."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if not self.may_moderate(request):
            raise PermissionDenied
        if step not in self.moderation_steps:
            raise Http404("No such moderation step.")
        spec = self.moderation_steps[step]
        next_url = self._next_url(request)
        raw = (request.POST.get("ids") if request.method == "POST" else None) or request.GET.get(
            "ids", ""
        )
        try:
            ids = sorted({int(part) for part in raw.split(",") if part.strip()})
        except ValueError:
            ids = []
        ids = [pk for pk in ids if 0 < pk <= MAX_ID]
        objects = list(self.moderation_queryset(request).filter(pk__in=ids[:MAX_SELECTED]))
        if not objects:
            self.message_user(
                request, _("Nothing to act on: select some rows first."), messages.ERROR
            )
            return redirect(next_url)
        if request.method == "POST":
            form = spec.form_class(request.POST)
            if form.is_valid():
                for level, text in spec.run(request, objects, form.cleaned_data):
                    self.message_user(request, text, level)
                return redirect(next_url)
        else:
            form = spec.form_class(initial={"reason": spec.initial_reason})
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": spec.title,
            "step": spec,
            "items": self.moderation_items(objects),
            "form": form,
            "ids": ",".join(str(obj.pk) for obj in objects),
            "next_url": next_url,
            "changelist_url": self._changelist_url(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.moderate_template, context)


def comment_item(comment: Comment) -> dict:
    if comment.is_hidden:
        meta = _("On “%(subject)s” · hidden by a moderator")
    else:
        meta = _("On “%(subject)s” · visible")
    return {
        "label": _("Comment #%(id)s by %(author)s as %(persona)s")
        % {"id": comment.pk, "author": comment.author, "persona": comment.persona},
        "html": comment.body_html,
        "meta": meta % {"subject": comment.discussed},
        "url": comment.get_absolute_url(),
    }


def clause_item(clause: Clause) -> dict:
    states = [
        state
        for state, on in (
            (pgettext("clause state", "locked"), clause.is_locked),
            (pgettext("clause state", "removed"), clause.is_removed),
        )
        if on
    ]
    # The charter, the revision and the states, as items of one line.
    parts = [
        str(clause.charter),
        _("revision %(number)s") % {"number": clause.revision_number},
        *([", ".join(states)] if states else []),
    ]
    return {
        "label": _("Clause “%(title)s”") % {"title": clause.title},
        "html": clause.body_html,
        "meta": " · ".join(parts),
        "url": clause.get_absolute_url(),
    }


def log_entries_html(target_type: str, target_id: int) -> str:
    rows = ModerationAction.objects.filter(
        target_type=target_type, target_id=str(target_id)
    ).select_related("moderator")
    if not rows:
        return _("No moderation so far.")
    return format_html(
        "<ul class='mod-log'>{}</ul>",
        format_html_join(
            "",
            "<li>{} · {} · {}: {}</li>",
            (
                (when(r.created_at, "short"), r.moderator, r.get_action_display(), r.reason)
                for r in rows
            ),
        ),
    )


def open_flag_count(field: str) -> Coalesce:
    """Open flags on the outer clause or comment (field names the flag's foreign key)."""
    counts = (
        Flag.objects.filter(status=Flag.Status.OPEN, **{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
