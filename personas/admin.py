from django.contrib import admin
from django.db.models import Count

from personas.models import Persona, Player, Quotation, Tendency


@admin.register(Tendency)
class TendencyAdmin(admin.ModelAdmin):
    list_display = ["name", "colour", "position", "persona_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(persona_count=Count("personas"))

    @admin.display(ordering="persona_count", description="personas")
    def persona_count(self, obj: Tendency) -> int:
        return obj.persona_count


class QuotationInline(admin.TabularInline):
    model = Quotation
    extra = 0


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["name", "tendency", "born", "died", "player_count"]
    list_filter = ["tendency"]
    search_fields = ["name", "places"]
    list_select_related = ["tendency"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [QuotationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(player_count=Count("players"))

    @admin.display(ordering="player_count", description="players")
    def player_count(self, obj: Persona) -> int:
        return obj.player_count


@admin.register(Player)
class PlayerAdmin(admin.ModelAdmin):
    list_display = ["user", "persona", "playing_since", "suspended_until"]
    list_filter = ["persona__tendency"]
    search_fields = ["user__username", "persona__name"]
    list_select_related = ["user", "persona"]
    autocomplete_fields = ["persona"]
    raw_id_fields = ["user"]
