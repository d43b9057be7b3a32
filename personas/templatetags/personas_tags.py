from django import template

from personas.models import Persona

register = template.Library()


@register.inclusion_tag("includes/_avatar.html")
def avatar(persona: Persona | None, size: int = 40) -> dict:
    """An initials avatar in the tendency's colour, drawn as inline SVG.

    SVG presentation attributes carry the colour, so the strict CSP (no inline
    styles) holds and no image is ever downloaded.
    """
    if persona is None:
        return {"initials": "?", "colour": "#5b5b5b", "label": "no persona", "size": size}
    return {
        "initials": persona.initials,
        "colour": persona.tendency.colour,
        "label": persona.name,
        "size": size,
    }


@register.inclusion_tag("includes/_swatch.html")
def swatch(colour: str, label: str = "") -> dict:
    """A small square of a tendency's colour."""
    return {"colour": colour, "label": label}
