from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def as_html(value: str) -> SafeString:
    """Mark HTML produced by charter.rendering.render_markdown as safe.

    This is the only mark_safe in the codebase. Only ever apply it to the
    cached *_html fields, which are written by render_markdown and nothing else.
    """
    return mark_safe(value or "")  # noqa: S308
