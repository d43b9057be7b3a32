"""Congresses and amendments in the admin: a read-only record.

Convening and closing happen on the congress pages (charter/<slug>/congresses/),
through the services that judge amendments; the admin only shows what was
decided, so nobody edits minutes or amendments from here.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from congress.models import Amendment, Congress, Decision, Signature


class ReadOnlyAdmin(admin.ModelAdmin):
    def get_actions(self, request: HttpRequest) -> dict:
        return {}

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DecisionInline(admin.TabularInline):
    model = Decision
    fields = ["position", "amendment", "outcome", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Congress)
class CongressAdmin(ReadOnlyAdmin):
    list_display = ["title", "charter", "opens_at", "closes_at", "closed_at", "convened_by"]
    list_filter = ["charter"]
    list_select_related = ["charter", "convened_by"]
    fields = ["title", "charter", "opens_at", "closes_at", "convened_by", "closed_at", "closed_by"]
    readonly_fields = fields
    inlines = [DecisionInline]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "title", "charter", "clause", "persona", "author", "status", "created_at"]
    list_filter = ["status", "charter"]
    list_select_related = ["charter", "clause", "persona", "author"]
    search_fields = ["title", "body", "rationale", "author__username"]
    fields = [
        "charter",
        "clause",
        "author",
        "persona",
        "title",
        "body",
        "rationale",
        "base_revision_number",
        "revision_number",
        "status",
        "decided_at",
        "created_at",
    ]
    readonly_fields = fields


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["congress", "persona", "tendency", "user", "signed_at"]
    list_select_related = ["congress", "persona", "tendency", "user"]
    fields = ["congress", "persona", "tendency", "user", "signed_at"]
    readonly_fields = fields
