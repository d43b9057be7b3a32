"""Players: suspensions and rolling back a player's edits."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy
from reversion.models import Revision

from charter.admin.base import ActionsOnlyAdmin, Outcome, Step, log_entries_html, run_each
from charter.dates import when
from charter.forms import RollbackForm, SuspendForm
from charter.models import Comment
from charter.services import players
from personas.models import Player


class SuspensionFilter(admin.SimpleListFilter):
    title = gettext_lazy("suspension")
    parameter_name = "suspended"

    def lookups(self, request, model_admin):
        return [
            ("now", _("Suspended now")),
            ("ended", _("Suspension ended")),
            # Translators: never suspended.
            ("never", pgettext("suspension", "Never")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "now":
            return queryset.filter(suspended_until__gt=now)
        if self.value() == "ended":
            return queryset.filter(suspended_until__lte=now)
        if self.value() == "never":
            return queryset.filter(suspended_until__isnull=True)
        return queryset


def _count_by_user(model, field: str) -> Coalesce:
    counts = (
        model.objects.filter(**{field: OuterRef("user_id")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _suspend(request: HttpRequest, chosen: list[Player], data: dict) -> Outcome:
    def act(player: Player) -> str:
        players.player_suspend(
            user_id=player.user_id,
            moderator=request.user,
            until=data["until"],
            reason=data["reason"],
        )
        return _("Suspended %(username)s until %(when)s.") % {
            "username": player.user,
            "when": when(data["until"]),
        }

    return run_each(chosen, act)


def _unsuspend(request: HttpRequest, chosen: list[Player], data: dict) -> Outcome:
    def act(player: Player) -> str:
        players.player_unsuspend(
            user_id=player.user_id, moderator=request.user, reason=data["reason"]
        )
        return _("%(username)s may write again.") % {"username": player.user}

    return run_each(chosen, act)


def _rollback(request: HttpRequest, chosen: list[Player], data: dict) -> Outcome:
    outcome: Outcome = []

    def act(player: Player) -> str:
        report = players.edits_rollback(
            user_id=player.user_id,
            moderator=request.user,
            since=data["since"],
            reason=data["reason"],
        )
        for clause, why in report.skipped:
            skipped = _("Skipped “%(title)s”: %(why)s") % {"title": clause.title, "why": why}
            outcome.append((messages.WARNING, skipped))
        if not report.restored:
            return _("No edits by %(username)s were undone.") % {"username": player.user}
        titles = ", ".join(f"“{meta.clause.title}”" for meta in report.restored)
        count = len(report.restored)
        return ngettext(
            "Undid %(username)s's edits on %(count)s clause(s): %(titles)s.",
            "Undid %(username)s's edits on %(count)s clause(s): %(titles)s.",
            count,
        ) % {"username": player.user, "count": count, "titles": titles}

    done = run_each(chosen, act)
    return done + outcome


@admin.register(Player)
class PlayerAdmin(ActionsOnlyAdmin):
    list_display = [
        "user",
        "persona",
        "tendency",
        "playing_since",
        "edits",
        "comments",
        "suspension",
    ]
    list_filter = [SuspensionFilter, "persona__tendency", "user__is_staff"]
    search_fields = ["user__username", "persona__name", "suspension_reason"]
    list_select_related = ["user", "persona__tendency"]
    fields = [
        "account",
        "persona",
        "playing_since",
        "suspended_until",
        "suspension_reason",
        "moderation_log",
        "moderate_links",
    ]
    readonly_fields = ["account", "moderation_log", "moderate_links"]
    moderation_steps = {
        "suspend": Step(
            title=gettext_lazy("Suspend players"),
            button=pgettext_lazy("button", "Suspend"),
            explanation=gettext_lazy(
                "They can read but not edit, comment, take stances or flag until the date "
                "below; they see why and until when. The suspension ends by itself."
            ),
            run=_suspend,
            form_class=SuspendForm,
        ),
        "unsuspend": Step(
            title=gettext_lazy("Lift suspensions"),
            button=pgettext_lazy("button", "Lift"),
            explanation=gettext_lazy("They may write again at once."),
            run=_unsuspend,
        ),
        "rollback": Step(
            title=gettext_lazy("Roll back edits"),
            button=pgettext_lazy("button", "Roll back"),
            explanation=gettext_lazy(
                "For each clause these players edited since the moment below, the text goes "
                "back to how it was just before their first edit, as a new revision credited "
                "to you. Clauses someone else edited afterwards are skipped and listed, so "
                "nobody else's work is lost."
            ),
            run=_rollback,
            form_class=RollbackForm,
        ),
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                edit_count=_count_by_user(Revision, "user_id"),
                comment_count=_count_by_user(Comment, "author_id"),
            )
        )

    def moderation_queryset(self, request):
        return Player.objects.select_related("user", "persona")

    def applicable_steps(self, obj: Player) -> list[str]:
        return ["unsuspend" if obj.is_suspended else "suspend", "rollback"]

    def moderation_item(self, obj: Player) -> dict:
        parts = [
            _("Plays %(persona)s") % {"persona": obj.persona}
            if obj.persona_id
            else _("Plays nobody yet")
        ]
        if obj.is_suspended:
            parts.append(_("suspended until %(when)s") % {"when": when(obj.suspended_until)})
        return {"label": str(obj.user), "html": "", "meta": " · ".join(parts)}

    @admin.display(description=gettext_lazy("account"))
    def account(self, obj: Player) -> str:
        # Plain text: moderators have no access to user accounts.
        user = obj.user
        if user.is_staff:
            sentence = _("%(username)s (staff, joined %(day)s)")
        else:
            sentence = _("%(username)s (player, joined %(day)s)")
        return sentence % {"username": user.get_username(), "day": when(user.date_joined, "day")}

    @admin.display(ordering="persona__tendency__name", description=gettext_lazy("tendency"))
    def tendency(self, obj: Player) -> Any:
        return obj.persona.tendency if obj.persona_id else "—"

    @admin.display(ordering="edit_count", description=gettext_lazy("edits"))
    def edits(self, obj: Player) -> int:
        return obj.edit_count

    @admin.display(ordering="comment_count", description=gettext_lazy("comments"))
    def comments(self, obj: Player) -> int:
        return obj.comment_count

    @admin.display(ordering="suspended_until", description=gettext_lazy("suspension"))
    def suspension(self, obj: Player) -> str:
        if not obj.is_suspended:
            return "—"
        return format_html(
            "{}<br><small>{}</small>",
            _("until %(when)s") % {"when": when(obj.suspended_until)},
            obj.suspension_reason,
        )

    @admin.display(description=gettext_lazy("moderation log"))
    def moderation_log(self, obj: Player) -> str:
        return log_entries_html("player", obj.pk)
