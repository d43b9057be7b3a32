from django.http import HttpRequest

from charter.models import Notification


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
