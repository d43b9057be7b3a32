"""`{% hole "template.html" %}`: a reader's own part of a page served from a frame."""

from django import template
from django.utils.safestring import SafeString

from config import frames

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context: template.Context, template_name: str) -> SafeString:
    """The template rendered in place, or a marker while the page's frame is rendered.

    A hole's template reads only the page's own context (the view's values
    and the context processors), never variables set around the tag by
    `with` or `for`: on a cached frame it is rendered without them.
    """
    return frames.hole(context, template_name)
