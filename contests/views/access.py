"""Access helpers: every contest and entry URL loads its objects through these."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from contests import permissions
from contests.models import Contest, Entry


def get_contest(slug: str) -> Contest:
    return get_object_or_404(Contest, slug=slug)


def get_entry(request: HttpRequest, slug: str, pk: int) -> Entry:
    """Entry `pk` of contest `slug`; a draft only for its author (others get a 404, not a hint)."""
    entry = get_object_or_404(
        Entry.objects.select_related("contest", "persona__tendency", "author"),
        pk=pk,
        contest__slug=slug,
    )
    if not permissions.can_read_entry(request.user, entry):
        raise Http404("No such entry.")
    return entry
