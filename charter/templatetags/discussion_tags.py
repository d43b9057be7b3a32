import re
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def ago(value: datetime | None) -> str:
    """“3 hours ago”: one unit is enough in a long thread; the exact time is in a title."""
    if value is None:
        return ""
    if (timezone.now() - value).total_seconds() < 60:
        return "just now"
    return f"{timesince(value, depth=1)} ago"


_MARKUP = re.compile(r"[*_`#]+|!?\[([^\]]*)\]\([^)]*\)")


@register.filter
def excerpt(markdown: str, length: int = 160) -> str:
    """A comment's own words as plain text: quoted lines and Markdown marks left out."""
    lines = [line for line in (markdown or "").splitlines() if not line.lstrip().startswith(">")]
    text = " ".join(" ".join(lines).split()) or " ".join((markdown or "").split())
    text = _MARKUP.sub(lambda m: m.group(1) or "", text).strip()
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
