"""The header's language links: the page the reader is on, in each language."""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.inclusion_tag("includes/_language_switcher.html", takes_context=True)
def language_links(context: template.Context) -> dict:
    """Links, not a form: pages stay cacheable for visitors (a form would need a CSRF token)."""
    request: HttpRequest | None = context.get("request")
    current = get_language()
    path = request.path if request is not None else "/"
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"].capitalize(),
                "url": url + (f"?{query}" if query else ""),
                "current": code == current,
            }
        )
    return {"links": links}
