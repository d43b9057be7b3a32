"""Congress parts shown on charter and clause pages, which know nothing of amendments."""

from django import template

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
