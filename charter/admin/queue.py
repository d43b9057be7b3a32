"""The moderation queue: open flags first, grouped by target, with one-click actions."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from charter.admin.base import (
    ActionsOnlyAdmin,
    Outcome,
    Step,
    clause_item,
    comment_item,
    log_entries_html,
    run_each,
    unique_objects,
)
from charter.admin.discussion import comment_step
from charter.dates import when
from charter.forms import SuspendForm
from charter.models import Clause, Flag, RevisionMeta
from charter.services import moderation, players
from charter.templatetags.charter_tags import as_html


class TargetKindFilter(admin.SimpleListFilter):
    title = gettext_lazy("target")
    parameter_name = "target"

    def lookups(self, request, model_admin):
        return [("comment", _("Comments")), ("clause", _("Clauses"))]

    def queryset(self, request, queryset):
        if self.value() == "comment":
            return queryset.filter(comment__isnull=False)
        if self.value() == "clause":
            return queryset.filter(clause__isnull=False)
        return queryset


def _open_flag_count_for_flag(field: str) -> Coalesce:
    """Open flags on the same target as the outer flag (zero when `field` is NULL)."""
    counts = (
        Flag.objects.filter(status=Flag.Status.OPEN, **{field: OuterRef(field)})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _flag_clause(flag: Flag) -> Clause | None:
    """The clause flagged, or whose debate holds the flagged comment; None for an entry's."""
    return flag.clause if flag.clause_id else flag.comment.clause


def _author_of(flag: Flag):
    """Who wrote the flagged words: a comment's author or a clause's last editor."""
    if flag.comment_id:
        return flag.comment.author
    meta = (
        RevisionMeta.objects.filter(clause_id=flag.clause_id)
        .select_related("revision__user")
        .order_by("-revision_number")
        .first()
    )
    return meta.revision.user if meta else None


def _hide_flagged(request: HttpRequest, flags: list[Flag], data: dict) -> Outcome:
    comments = unique_objects(flag.comment for flag in flags)
    if not comments:
        return [(messages.WARNING, _("None of the selected flags is about a comment."))]
    return comment_step(True).run(request, comments, data)


def _dismiss_flags(request: HttpRequest, flags: list[Flag], data: dict) -> Outcome:
    def act(flag: Flag) -> str:
        moderation.flag_dismiss(flag_id=flag.pk, moderator=request.user, reason=data["reason"])
        reason = flag.get_reason_display()
        # Translators: %(reason)s is a flag's reason, its first letter lowercased:
        # "spam or advertising".
        return _("Dismissed flag #%(id)s (%(reason)s).") % {
            "id": flag.pk,
            "reason": reason[:1].lower() + reason[1:],
        }

    return run_each(flags, act)


def _lock_flagged(request: HttpRequest, flags: list[Flag], data: dict) -> Outcome:
    by_clause: dict[int, tuple[Clause, list[int]]] = {}
    outcome: Outcome = []
    for flag in flags:
        clause = _flag_clause(flag)
        if clause is None:
            outcome.append(
                (
                    messages.WARNING,
                    _("Flag #%(id)s: a contest entry's debate has no clause.") % {"id": flag.pk},
                )
            )
            continue
        by_clause.setdefault(clause.pk, (clause, []))[1].append(flag.pk)

    def act(entry: tuple[Clause, list[int]]) -> str:
        clause, flag_ids = entry
        # Flags about comments in the clause are acted upon by the lock too.
        moderation.clause_lock(
            clause_id=clause.pk, moderator=request.user, reason=data["reason"], flag_ids=flag_ids
        )
        return _("Locked “%(title)s”.") % {"title": clause.title}

    return outcome + run_each(by_clause.values(), act)


def _suspend_authors(request: HttpRequest, flags: list[Flag], data: dict) -> Outcome:
    by_author: dict[int, tuple[Any, list[int]]] = {}
    outcome: Outcome = []
    for flag in flags:
        author = _author_of(flag)
        if author is None:
            outcome.append(
                (messages.WARNING, _("Flag #%(id)s: the text has no author.") % {"id": flag.pk})
            )
            continue
        by_author.setdefault(author.pk, (author, []))[1].append(flag.pk)

    def act(entry: tuple[Any, list[int]]) -> str:
        author, flag_ids = entry
        players.player_suspend(
            user_id=author.pk,
            moderator=request.user,
            until=data["until"],
            reason=data["reason"],
            flag_ids=flag_ids,
        )
        return _("Suspended %(username)s until %(when)s.") % {
            "username": author,
            "when": when(data["until"]),
        }

    return outcome + run_each(by_author.values(), act)


@admin.register(Flag)
class FlagAdmin(ActionsOnlyAdmin):
    list_display = ["flag_summary", "flagged", "content_and_actions"]
    list_display_links = ["flag_summary"]
    list_filter = ["status", TargetKindFilter, "reason", "created_at"]
    search_fields = ["details", "reporter__username", "comment__body", "clause__title"]
    # The queue's order (open first, grouped by target) is the point of the page.
    sortable_by: tuple[str, ...] = ()
    list_per_page = 50
    readonly_fields = ["target", "content", "moderation_log"]
    queue_title = gettext_lazy("Moderation queue: open flags first, grouped by what they flag")
    fields = [
        "status",
        "reason",
        "details",
        "reporter",
        "target",
        "content",
        "created_at",
        "resolved_at",
        "resolved_by",
        "moderation_log",
    ]
    moderation_steps = {
        "hide": Step(
            title=gettext_lazy("Hide the flagged comments"),
            button=pgettext_lazy("button", "Hide"),
            explanation=gettext_lazy(
                "Players see “hidden by a moderator” in each comment's place; moderators still "
                "see the text. The comments' open flags are closed."
            ),
            run=_hide_flagged,
        ),
        "dismiss": Step(
            title=gettext_lazy("Dismiss flags"),
            button=pgettext_lazy("button", "Dismiss"),
            explanation=gettext_lazy(
                "The flagged text stays as it is; the flags are closed as dismissed."
            ),
            run=_dismiss_flags,
            initial_reason=gettext_lazy("Reviewed: no breach of the hall's rules."),
        ),
        "lock": Step(
            title=gettext_lazy("Lock the clauses"),
            button=pgettext_lazy("button", "Lock"),
            explanation=gettext_lazy(
                "Players can no longer edit the flagged clauses (or the clauses the flagged "
                "comments discuss); moderators still can."
            ),
            run=_lock_flagged,
        ),
        "suspend": Step(
            title=gettext_lazy("Suspend the authors"),
            button=pgettext_lazy("button", "Suspend"),
            explanation=gettext_lazy(
                "The authors (for a clause, its last editor) can read but not write until the "
                "date below; the suspension ends by itself."
            ),
            run=_suspend_authors,
            form_class=SuspendForm,
        ),
    }

    def get_queryset(self, request: HttpRequest):
        open_flags = Flag.objects.filter(status=Flag.Status.OPEN).order_by("pk")
        # Not super(): it orders by get_ordering() before the annotations exist.
        return (
            Flag.objects.select_related(
                "reporter",
                "resolved_by",
                "comment__author",
                "comment__persona",
                "comment__clause__charter",
                "comment__entry__contest",
                "clause__charter",
            )
            .annotate(
                queue_rank=Case(
                    When(status=Flag.Status.OPEN, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                open_on_target=_open_flag_count_for_flag("comment_id")
                + _open_flag_count_for_flag("clause_id"),
            )
            .prefetch_related(
                Prefetch("comment__flags", queryset=open_flags, to_attr="open_flags"),
                Prefetch("clause__flags", queryset=open_flags, to_attr="open_flags"),
            )
            .order_by(*self.get_ordering(request))
        )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {"title": self.queue_title, **(extra_context or {})}
        )

    def get_ordering(self, request: HttpRequest) -> list[str]:
        return ["queue_rank", "-open_on_target", "comment_id", "clause_id", "pk"]

    def moderation_items(self, objects: list[Flag]) -> list[dict]:
        """One entry per flagged comment or clause, naming the selected flags on it."""
        items: dict[tuple[str, int], dict] = {}
        for flag in objects:
            key = ("comment", flag.comment_id) if flag.comment_id else ("clause", flag.clause_id)
            item = items.get(key)
            if item is None:
                item = comment_item(flag.comment) if flag.comment_id else clause_item(flag.clause)
                item["flags"] = []
                items[key] = item
            item["flags"].append(f"#{flag.pk} {flag.get_reason_display()} ({flag.status})")
        for item in items.values():
            # Translators: %(meta)s describes the flagged text; then its flags:
            # "#3 Off topic (open)".
            item["meta"] = _("%(meta)s · flags %(flags)s") % {
                "meta": item["meta"],
                "flags": ", ".join(item.pop("flags")),
            }
        return list(items.values())

    def _group(self, obj: Flag) -> list[Flag]:
        target = obj.comment if obj.comment_id else obj.clause
        return getattr(target, "open_flags", [])

    def _is_head(self, obj: Flag) -> bool:
        group = self._group(obj)
        return obj.status != Flag.Status.OPEN or not group or group[0].pk == obj.pk

    @admin.display(description=gettext_lazy("flag"))
    def flag_summary(self, obj: Flag) -> str:
        details = format_html("<br><q>{}</q>", obj.details) if obj.details else ""
        return format_html(
            "<span class='mod-status mod-status-{}'>#{} {}</span><br>{}{}<br><small>{}</small>",
            obj.status,
            obj.pk,
            obj.get_status_display(),
            obj.get_reason_display(),
            details,
            # Translators: who flagged, and when: "by alice · 3 Dec 2026, 14:30".
            _("by %(reporter)s · %(when)s")
            % {"reporter": obj.reporter, "when": when(obj.created_at, "short")},
        )

    @admin.display(description=gettext_lazy("flagged"))
    def target(self, obj: Flag) -> str:
        if obj.comment_id:
            comment = obj.comment
            if comment.is_hidden:
                sentence = _(
                    "Comment by <strong>{author}</strong> as {persona} · hidden by a moderator"
                    "<br>on <a href='{url}'>{title}</a>"
                )
            else:
                sentence = _(
                    "Comment by <strong>{author}</strong> as {persona}<br>"
                    "on <a href='{url}'>{title}</a>"
                )
            return format_html(
                sentence,
                author=comment.author,
                persona=comment.persona,
                url=comment.get_absolute_url(),
                title=comment.discussed.title,
            )
        clause = obj.clause
        if clause.is_locked:
            sentence = _("Clause <a href='{url}'>{title}</a> · locked<br>in {charter}")
        else:
            sentence = _("Clause <a href='{url}'>{title}</a><br>in {charter}")
        return format_html(
            sentence, url=clause.get_absolute_url(), title=clause.title, charter=clause.charter
        )

    @admin.display(description=gettext_lazy("flagged"))
    def flagged(self, obj: Flag) -> str:
        return format_html("{}<p class='mod-reports'>{}</p>", self.target(obj), self.reports(obj))

    @admin.display(description=gettext_lazy("content and actions"))
    def content_and_actions(self, obj: Flag) -> str:
        return format_html("{}{}", self.content(obj), self.moderate(obj))

    @admin.display(description=gettext_lazy("content"))
    def content(self, obj: Flag) -> str:
        if not self._is_head(obj):
            if obj.comment_id:
                same = _("Same comment as flag #%(id)s")
            else:
                same = _("Same clause as flag #%(id)s")
            return format_html(
                "<span class='mod-same'>{}</span>", same % {"id": self._group(obj)[0].pk}
            )
        html = obj.comment.body_html if obj.comment_id else obj.clause.body_html
        return format_html("<div class='mod-content'>{}</div>", as_html(html))

    @admin.display(description=gettext_lazy("open flags on it"))
    def reports(self, obj: Flag) -> str:
        group = self._group(obj)
        if not group:
            return "—"
        counts: dict[str, int] = {}
        for flag in group:
            label = flag.get_reason_display()
            counts[label] = counts.get(label, 0) + 1
        return format_html(
            ngettext(
                "<strong>{count} open flag</strong>: {reasons}",
                "<strong>{count} open flags</strong>: {reasons}",
                len(group),
            ),
            count=len(group),
            reasons=", ".join(f"{label} ×{n}" for label, n in counts.items()),
        )

    @admin.display(description=gettext_lazy("act on it"))
    def moderate(self, obj: Flag) -> str:
        if obj.status != Flag.Status.OPEN or not self._is_head(obj):
            return ""
        ids = [flag.pk for flag in self._group(obj)] or [obj.pk]
        clause = _flag_clause(obj)
        links = []
        if obj.comment_id and not obj.comment.is_hidden:
            links.append(("hide", _("Hide comment…")))
        dismiss = ngettext("Dismiss %(count)s flag…", "Dismiss %(count)s flags…", len(ids))
        links.append(("dismiss", dismiss % {"count": len(ids)}))
        if clause is not None and not clause.is_locked:
            links.append(("lock", _("Lock clause…")))
        links.append(
            ("suspend", _("Suspend author…") if obj.comment_id else _("Suspend last editor…"))
        )
        next_url = reverse("admin:charter_flag_changelist")
        return format_html(
            "<ul class='mod-links'>{}</ul>",
            format_html_join(
                "",
                "<li><a class='button' href='{}'>{}</a></li>",
                ((self.step_url(step, ids, next_url=next_url), label) for step, label in links),
            ),
        )

    @admin.display(description=gettext_lazy("moderation log"))
    def moderation_log(self, obj: Flag) -> str:
        return log_entries_html("flag", obj.pk)
