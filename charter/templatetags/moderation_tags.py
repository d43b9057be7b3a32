from django import template

from charter.forms.moderation import FlagForm
from charter.models import Comment
from charter.services.moderation import can_flag

register = template.Library()


@register.simple_tag(takes_context=True)
def flag_form(context: template.Context, comment: Comment | None = None) -> FlagForm | None:
    """A blank flag form for the comment (or the clause), or None if this reader may not flag it."""
    user = context.get("user")
    # An unset template variable arrives as "" rather than None.
    comment = comment or None
    if user is None or not can_flag(user, context.get("current_player"), comment=comment):
        return None
    target = f"comment{comment.pk}" if comment is not None else "clause"
    return FlagForm(auto_id=f"id_flag_{target}_%s")
