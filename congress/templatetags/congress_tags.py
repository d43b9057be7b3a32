"""Congress parts shown on charter and clause pages, which know nothing of amendments."""

from django import template
from django.utils.translation import gettext

from charter.models import Charter, Clause
from congress.models import Congress
from congress.selectors.amendments import open_amendments_of

register = template.Library()


@register.inclusion_tag("congress/_clause_amendments.html")
def clause_amendments(clause: Clause) -> dict:
    """The open amendments to a clause, and the way to propose one (one query)."""
    return {"clause": clause, "charter": clause.charter, "amendments": open_amendments_of(clause)}


@register.inclusion_tag("congress/_charter_congresses.html")
def charter_congresses(charter: Charter) -> dict:
    """Past congresses of a charter, each with its minutes and edition (one query)."""
    closed = Congress.objects.filter(charter=charter, closed_at__isnull=False).order_by(
        "-closed_at"
    )
    return {"charter": charter, "congresses": list(closed.only("pk", "title", "closed_at"))}


@register.filter
def circle_label(name: str) -> str:
    """A circle's name as a record holds it, in the reader's language.

    The same lookup as `personas.models.Tendency.label`: the seeded circles
    are in the catalogues; a circle added later reads as it was recorded.
    """
    return gettext(name) if name else ""


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        # NodeList.render escapes as it goes and returns a SafeString: no marking here.
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """`{% capture as circles %}…{% endcapture %}`: render a part into a variable.

    For lists inside sentences: the list (a loop, links, swatches) is rendered
    first, then the whole sentence is one message with the list as a variable,
    `{% blocktranslate %}Carried by {{ circles }}.{% endblocktranslate %}`, so
    translators can place it where their language wants it.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
