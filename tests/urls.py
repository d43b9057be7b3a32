"""Every page the URL configuration serves, with its parameters filled in."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _routes(patterns, prefix: str = "") -> list[str]:
    routes = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue  # the admin's regex patterns are listed by each test
            routes += _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            routes.append(route)
    return routes


def site_urls(values: dict[str, object]) -> list[str]:
    """Each route of the site with its parameters from `values` (1 when not given).

    Read from the URL configuration itself, so a page added later is walked too.
    """
    return [
        "/" + _PARAMETER.sub(lambda match: str(values.get(match.group(1), 1)), route)
        for route in _routes(get_resolver().url_patterns)
    ]
