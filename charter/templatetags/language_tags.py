"""The header's language links, and the page's alternates in each language for crawlers."""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info

from translations import languages

register = template.Library()


def _here(context: template.Context) -> tuple[str, str]:
    request: HttpRequest | None = context.get("request")
    if request is None:
        return "/", ""
    return request.path, request.META.get("QUERY_STRING", "")


@register.filter
def language_name(code: str) -> str:
    """A language's name in the reader's language, as written mid-sentence."""
    return languages.name(code)


@register.inclusion_tag("includes/_language_switcher.html", takes_context=True)
def language_links(context: template.Context) -> dict:
    """Links, not a form: pages stay cacheable for visitors (a form would need a CSRF token).

    Each goes through config.languages.choose_language, which remembers the choice.
    """
    path, query = _here(context)
    here = path + (f"?{query}" if query else "")
    current = get_language()
    links = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"].capitalize(),
            "url": reverse("choose_language", args=[code]) + "?" + urlencode({"next": here}),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"links": links}


@register.inclusion_tag("includes/_language_alternates.html", takes_context=True)
def language_alternates(context: template.Context) -> dict:
    """`<link rel="alternate" hreflang>` to this page in every language."""
    path, query = _here(context)
    suffix = f"?{query}" if query else ""
    return {
        "alternates": [
            (code, translate_url(path, code) + suffix) for code, _name in settings.LANGUAGES
        ]
    }
