"""The clause a URL names, read by every clause page."""

import functools

from django.db import connections, router

from charter.models import Charter, Clause
from config import prepared
from config.rows import Columns

_CLAUSE = Columns(Clause, "c")
_CHARTER = Columns(Charter, "h")


def clause_in(slug: str, pk: int) -> Clause | None:
    """Clause `pk` of the charter `slug`, its charter with it; None if it has none such.

    As `Clause.objects.select_related("charter").get(pk=pk, charter__slug=slug)`,
    in SQL written once (config.rows): every clause page, signed in or not, asks.
    """
    using = router.db_for_read(Clause)
    connection = connections[using]
    with connection.cursor() as cursor:
        prepared.execute(cursor, "clause_in", _clause_sql(using), [pk, slug])
        row = cursor.fetchone()
    if row is None:
        return None
    clause = _CLAUSE.read(row, 0, connection)
    Clause.charter.field.set_cached_value(clause, _CHARTER.read(row, len(_CLAUSE), connection))
    return clause


@functools.cache
def _clause_sql(using: str) -> str:
    def col(columns: Columns, attname: str) -> str:
        return columns.column(using, attname)

    return (
        f"SELECT {_CLAUSE.select(using)}, {_CHARTER.select(using)}"
        f" FROM {_CLAUSE.table(using)}"
        f" JOIN {_CHARTER.table(using)} ON {col(_CHARTER, 'id')} = {col(_CLAUSE, 'charter_id')}"
        f" WHERE {col(_CLAUSE, 'id')} = %s AND {col(_CHARTER, 'slug')} = %s"
    )
