"""Players: suspensions and rolling back a player's edits."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Revision

from charter.admin.base import ActionsOnlyAdmin, Outcome, Step, log_entries_html, run_each
from charter.dates import when
from charter.forms import RollbackForm, SuspendForm
from charter.models import Comment
from charter.services import players
from personas.models import Player


class SuspensionFilter(admin.SimpleListFilter):
    title = "suspension"
    parameter_name = "suspended"

    def lookups(self, request, model_admin):
        return [("now", "Suspended now"), ("ended", "Suspension ended"), ("never", "Never")]

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
        return f"Suspended {player.user} until {when(data['until'])}."

    return run_each(chosen, act)


def _unsuspend(request: HttpRequest, chosen: list[Player], data: dict) -> Outcome:
    def act(player: Player) -> str:
        players.player_unsuspend(
            user_id=player.user_id, moderator=request.user, reason=data["reason"]
        )
        return f"{player.user} may write again."

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
            outcome.append((messages.WARNING, f"Skipped “{clause.title}”: {why}"))
        if not report.restored:
            return f"No edits by {player.user} were undone."
        titles = ", ".join(f"“{meta.clause.title}”" for meta in report.restored)
        return f"Undid {player.user}'s edits on {len(report.restored)} clause(s): {titles}."

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
            title="Suspend players",
            button="Suspend",
            explanation="They can read but not edit, comment, take stances or flag until the "
            "date below; they see why and until when. The suspension ends by itself.",
            run=_suspend,
            form_class=SuspendForm,
        ),
        "unsuspend": Step(
            title="Lift suspensions",
            button="Lift",
            explanation="They may write again at once.",
            run=_unsuspend,
        ),
        "rollback": Step(
            title="Roll back edits",
            button="Roll back",
            explanation="For each clause these players edited since the moment below, the text "
            "goes back to how it was just before their first edit, as a new revision credited "
            "to you. Clauses someone else edited afterwards are skipped and listed, so nobody "
            "else's work is lost.",
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
        meta = f"Plays {obj.persona}" if obj.persona_id else "Plays nobody yet"
        if obj.is_suspended:
            meta += f" · suspended until {when(obj.suspended_until)}"
        return {"label": str(obj.user), "html": "", "meta": meta}

    @admin.display(description="account")
    def account(self, obj: Player) -> str:
        # Plain text: moderators have no access to user accounts.
        user = obj.user
        role = "staff" if user.is_staff else "player"
        return f"{user.get_username()} ({role}, joined {when(user.date_joined, 'day')})"

    @admin.display(ordering="persona__tendency__name", description="tendency")
    def tendency(self, obj: Player) -> Any:
        return obj.persona.tendency if obj.persona_id else "—"

    @admin.display(ordering="edit_count", description="edits")
    def edits(self, obj: Player) -> int:
        return obj.edit_count

    @admin.display(ordering="comment_count", description="comments")
    def comments(self, obj: Player) -> int:
        return obj.comment_count

    @admin.display(ordering="suspended_until", description="suspension")
    def suspension(self, obj: Player) -> str:
        if not obj.is_suspended:
            return "—"
        return format_html(
            "until {}<br><small>{}</small>",
            when(obj.suspended_until),
            obj.suspension_reason,
        )

    @admin.display(description="moderation log")
    def moderation_log(self, obj: Player) -> str:
        return log_entries_html("player", obj.pk)
