from django.contrib import admin
from reversion.admin import VersionAdmin

from charter.models import Charter, Clause


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "position"]
    list_filter = ["status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Clause)
class ClauseAdmin(VersionAdmin):
    list_display = ["title", "charter", "position", "is_locked", "is_removed", "updated_at"]
    list_filter = ["charter", "is_locked", "is_removed"]
    search_fields = ["title", "body"]
    list_select_related = ["charter"]
