"""The hall's reference data (tendencies, personas, their quotations) and player groups.

Players are moderated from the charter app's admin (charter/admin/players.py),
where the moderation steps live.
"""

from typing import Any

from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, pgettext

from config.caching import TouchesSiteAdmin
from personas.models import (
    GroupInvitation,
    GroupMembership,
    Persona,
    PlayerGroup,
    Quotation,
    Tendency,
)
from search.indexing import index_persona, index_tendency


@admin.register(Tendency)
class TendencyAdmin(TouchesSiteAdmin, admin.ModelAdmin):
    list_display = ["name", "colour", "position", "persona_count"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(persona_count=Count("personas"))

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # Persona documents carry their circle's name.
        index_tendency(obj)

    @admin.display(ordering="persona_count", description=gettext_lazy("personas"))
    def persona_count(self, obj: Tendency) -> int:
        return obj.persona_count


class QuotationInline(admin.TabularInline):
    model = Quotation
    extra = 0


@admin.register(Persona)
class PersonaAdmin(TouchesSiteAdmin, admin.ModelAdmin):
    list_display = ["name", "tendency", "years", "places", "player_count"]
    list_filter = ["tendency"]
    search_fields = ["name", "places", "bio"]
    list_select_related = ["tendency"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [QuotationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(player_count=Count("players"))

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # After the inlines: the quotations are saved by now.
        index_persona(form.instance)

    @admin.display(ordering="player_count", description=gettext_lazy("players"))
    def player_count(self, obj: Persona) -> int:
        return obj.player_count

    # The column's title in the reader's language (a model property has none).
    @admin.display(description=gettext_lazy("years"))
    def years(self, obj: Persona) -> str:
        return obj.years


# Player groups: read-only for everyone. Groups change through their members'
# own actions (founding, inviting, leaving); moderators look, and act on the
# players themselves (suspensions) where needed.


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembershipInline(ReadOnlyInline):
    model = GroupMembership
    fields = ["user", "role", "joined_at", "left_at"]
    readonly_fields = fields
    ordering = ["left_at", "joined_at"]


class InvitationInline(ReadOnlyInline):
    model = GroupInvitation
    fields = ["invited", "invited_by", "status", "created_at", "decided_at"]
    readonly_fields = fields


class ActiveFilter(admin.SimpleListFilter):
    # Translators: whether a player group is active or dissolved (an admin filter's title).
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("active", pgettext("player group state", "Active")),
            ("dissolved", pgettext("player group state", "Dissolved")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(dissolved_at__isnull=True)
        if self.value() == "dissolved":
            return queryset.filter(dissolved_at__isnull=False)
        return queryset


@admin.register(PlayerGroup)
class PlayerGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "persona", "members", "founder", "created_at", "dissolved_at"]
    list_filter = [ActiveFilter, "persona__tendency"]
    search_fields = ["name", "persona__name", "memberships__user__username"]
    list_select_related = ["persona", "founder"]
    date_hierarchy = "created_at"
    fields = ["name", "slug", "persona", "founder", "created_at", "dissolved_at", "page"]
    readonly_fields = fields
    inlines = [MembershipInline, InvitationInline]

    def get_queryset(self, request):
        current = Count("memberships", filter=Q(memberships__left_at__isnull=True))
        return super().get_queryset(request).annotate(member_count=current)

    def get_actions(self, request: HttpRequest) -> dict:
        return {}

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(ordering="member_count", description=gettext_lazy("members"))
    def members(self, obj: PlayerGroup) -> int:
        return obj.member_count

    # Translators: a column of links to the group's page on the site.
    @admin.display(description=gettext_lazy("page"))
    def page(self, obj: PlayerGroup) -> str:
        return format_html("<a href='{}'>{}</a>", obj.get_absolute_url(), obj.get_absolute_url())
