"""The hall's reference data: tendencies, personas and their quotations.

Players are moderated from the charter app's admin (charter/admin/players.py),
where the moderation steps live.
"""

from django.contrib import admin
from django.db.models import Count

from config.caching import TouchesSiteAdmin
from personas.models import Persona, Quotation, Tendency
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

    @admin.display(ordering="persona_count", description="personas")
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

    @admin.display(ordering="player_count", description="players")
    def player_count(self, obj: Persona) -> int:
        return obj.player_count
