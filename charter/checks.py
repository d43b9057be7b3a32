"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Rate limits, cached pages and their invalidation must agree across app servers."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES:
        return [
            checks.Warning(
                f"CACHE_URL points at a per-process cache ({backend.rsplit('.', 1)[-1]}).",
                hint="Set CACHE_URL to a shared Redis, e.g. redis://cache:6379/0, so rate "
                "limits and cached pages hold across app servers.",
                id="charter.W001",
            )
        ]
    return []
