import re
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from charter import dates, minutes, permissions, summaries
from charter.forms import FlagForm
from charter.models import Comment

register = template.Library()


@register.filter
def lang_attr(language: str) -> SafeString:
    """` lang="de"` for text written in another language than the page's; nothing otherwise."""
    if not language or language == get_language():
        return mark_safe("")  # noqa: S308  (empty)
    return format_html(' lang="{}"', language)


@register.filter
def summary(text: str) -> str:
    """An edit summary in the reader's language when the site wrote it (charter.summaries)."""
    return summaries.shown(text or "")


@register.filter
def as_html(value: str) -> SafeString:
    """Mark HTML produced by charter.rendering.render_markdown as safe.

    This is the only mark_safe in the codebase. Only ever apply it to the
    cached *_html fields, which are written by render_markdown and nothing else.
    """
    return mark_safe(value or "")  # noqa: S308


@register.filter
def when(value: datetime | None, style: str = "full") -> str:
    """The site's one date format: `|when` in full, `|when:"short"` in tables, `|when:"day"`."""
    return dates.when(value, style)


@register.filter
def ago(value: datetime | None) -> str:
    """“3 hours ago”: one unit is enough in a long thread; the exact time is in a title."""
    if value is None:
        return ""
    if (timezone.now() - value).total_seconds() < 60:
        return _("just now")
    # Translators: %(time)s is a duration such as "3 hours".
    return _("%(time)s ago") % {"time": timesince(value, depth=1)}


_MARKUP = re.compile(r"[*_`#]+|!?\[([^\]]*)\]\([^)]*\)")


@register.filter
def excerpt(markdown: str, length: int = 160) -> str:
    """A comment's own words as plain text: quoted lines and Markdown marks left out."""
    lines = [line for line in (markdown or "").splitlines() if not line.lstrip().startswith(">")]
    text = " ".join(" ".join(lines).split()) or " ".join((markdown or "").split())
    text = _MARKUP.sub(lambda m: m.group(1) or "", text).strip()
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@register.filter
def md_inline(text: str) -> str:
    """User text inside a Markdown export, on one line (see charter.minutes)."""
    return minutes.inline(str(text))


@register.filter
def md_block(text: str) -> str:
    """User text as paragraphs of a Markdown export (see charter.minutes)."""
    return minutes.block(str(text))


@register.simple_tag(takes_context=True)
def flag_form(context: template.Context, comment: Comment | None = None) -> FlagForm | None:
    """A blank flag form for the comment (or the clause), or None if this reader may not flag it."""
    user = context.get("user")
    # An unset template variable arrives as "" rather than None.
    comment = comment or None
    if user is None or not permissions.can_flag(
        user, context.get("current_player"), comment=comment
    ):
        return None
    target = f"comment{comment.pk}" if comment is not None else "clause"
    return FlagForm(auto_id=f"id_flag_{target}_%s")
