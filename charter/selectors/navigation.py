"""Reads for moving between clauses: the clauses before and after one in its charter."""

from django.db.models import Q, Subquery

from charter.models import Clause


def clause_neighbours(clause: Clause) -> tuple[Clause | None, Clause | None]:
    """The live clauses just before and after `clause` in charter order, in one query.

    Order is (position, pk), as on the charter page; a removed clause a
    moderator is reading still has neighbours among the live ones.
    """
    live = Clause.objects.live().filter(charter_id=clause.charter_id)
    here = Q(position=clause.position)
    before = live.filter(Q(position__lt=clause.position) | here & Q(pk__lt=clause.pk))
    after = live.filter(Q(position__gt=clause.position) | here & Q(pk__gt=clause.pk))
    rows = live.filter(
        Q(pk=Subquery(before.order_by("-position", "-pk").values("pk")[:1]))
        | Q(pk=Subquery(after.order_by("position", "pk").values("pk")[:1]))
    ).only("pk", "title", "position", "charter_id")
    previous = following = None
    for row in rows:
        # Links need the charter's slug: reuse the clause's, not a query per row.
        row.charter = clause.charter
        if (row.position, row.pk) < (clause.position, clause.pk):
            previous = row
        else:
            following = row
    return previous, following
