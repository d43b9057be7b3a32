from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from personas.models import Persona

register = template.Library()

# Built with format_html (which escapes every value) rather than inclusion
# templates: long threads draw hundreds of these, and a template per avatar
# was a visible share of the page's rendering time.
_AVATAR = (
    '<svg class="avatar" width="{size}" height="{size}" viewBox="0 0 40 40" role="img"{translate} '
    'aria-label="{label}"><circle cx="20" cy="20" r="20" fill="{colour}"/>'
    '<text x="20" y="20" dy="0.35em" text-anchor="middle" fill="#ffffff" font-size="15" '
    'font-family="system-ui, sans-serif" font-weight="600">{initials}</text></svg>'
)
_SWATCH = (
    '<svg class="swatch" width="12" height="12" viewBox="0 0 12 12" {attrs}>'
    '<rect width="12" height="12" rx="2" fill="{colour}"/></svg>'
)
_SWATCH_LABEL = 'role="img" aria-label="{label}"'
_SWATCH_HIDDEN = 'aria-hidden="true"'


@register.simple_tag
def avatar(persona: Persona | None, size: int = 40) -> SafeString:
    """An initials avatar in the tendency's colour, drawn as inline SVG.

    SVG presentation attributes carry the colour, so the strict CSP (no inline
    styles) holds and no image is ever downloaded.
    """
    if not persona:
        # Translators: the spoken label of the avatar of someone who plays no persona yet.
        label = _("no persona")
        return format_html(
            _AVATAR, size=size, label=label, colour="#5b5b5b", initials="?", translate=""
        )
    return format_html(
        _AVATAR,
        size=size,
        label=persona.name,
        colour=persona.tendency.colour,
        initials=persona.initials,
        # A name and its initials: the same in every language.
        translate=mark_safe(' translate="no"'),  # noqa: S308  (a constant)
    )


@register.simple_tag
def swatch(colour: str, label: str = "") -> SafeString:
    """A small square of a tendency's colour."""
    attrs = _SWATCH_LABEL if label else _SWATCH_HIDDEN
    return format_html(_SWATCH.replace("{attrs}", attrs), label=label, colour=colour)


@register.filter
def profile_url(username: str) -> str:
    """The profile page of the player called `username`."""
    return _profile_url(username, get_script_prefix(), get_language())


@register.filter
def group_url(slug: str) -> str:
    """The page of the player group whose slug is `slug` (cached like profile_url)."""
    return _group_url(slug, get_script_prefix(), get_language())


@lru_cache(maxsize=1024)
def _group_url(slug: str, prefix: str, language: str | None) -> str:
    return reverse("groups:detail", args=[slug])


# A long thread names the same few players hundreds of times, and reverse()
# per name cost a tenth of its rendering time. The key holds what reverse()
# depends on here (the script prefix, and the language once URLs carry one;
# the site sets no per-request URLconf), so a cached URL is the one it would build.
@lru_cache(maxsize=4096)
def _profile_url(username: str, prefix: str, language: str | None) -> str:
    return reverse("player_profile", args=[username])
