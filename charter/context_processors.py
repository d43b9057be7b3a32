from django.http import HttpRequest

from charter.models import Flag, Notification
from charter.permissions import is_moderator


def remember_unread(request: HttpRequest, count: int) -> None:
    """The reader's unread count, when a view has read it already (charter.selectors.readers)."""
    request._unread_notifications = count


def unread_notifications(request: HttpRequest) -> dict:
    """The header's unread count: at most one query, and only if a template shows it."""

    def count() -> int:
        if not hasattr(request, "_unread_notifications"):
            user = getattr(request, "user", None)
            request._unread_notifications = (
                Notification.objects.unread().filter(user=user).count()
                if user is not None and user.is_authenticated
                else 0
            )
        return request._unread_notifications

    return {"unread_notifications": count}


def open_flags(request: HttpRequest) -> dict:
    """Open flags for the moderators' header link and the admin index.

    None for everyone else, without a query (is_moderator answers a player
    from the user row alone); for a moderator one count, and only if a
    template shows it.
    """

    def count() -> int | None:
        if not hasattr(request, "_open_flags"):
            user = getattr(request, "user", None)
            request._open_flags = (
                Flag.objects.filter(status=Flag.Status.OPEN).count()
                if user is not None and is_moderator(user)
                else None
            )
        return request._open_flags

    return {"open_flags": count}
