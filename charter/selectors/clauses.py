"""The clause a URL names, read by every clause page, and the clause a save locks."""

import functools

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.transaction import TransactionManagementError

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
    return _from_row(row, connection)


def _from_row(row: tuple, connection: BaseDatabaseWrapper) -> Clause:
    clause = _CLAUSE.read(row, 0, connection)
    Clause.charter.field.set_cached_value(clause, _CHARTER.read(row, len(_CLAUSE), connection))
    return clause


def locked_clause(pk: int) -> Clause:
    """Clause `pk` with its charter, their rows locked until the transaction ends.

    As `Clause.objects.select_for_update().select_related("charter").get(pk=pk)`
    (both rows locked, Clause.DoesNotExist if there is none), prepared once
    per connection: every save takes this lock.
    """
    using = router.db_for_write(Clause)
    connection = connections[using]
    if connection.features.has_select_for_update and connection.get_autocommit():
        raise TransactionManagementError("locked_clause() needs a transaction.")
    with connection.cursor() as cursor:
        prepared.execute(cursor, "locked_clause", _clause_sql(using, locked=True), [pk])
        row = cursor.fetchone()
    if row is None:
        raise Clause.DoesNotExist(f"No clause {pk}.")
    return _from_row(row, connection)


@functools.cache
def _clause_sql(using: str, *, locked: bool = False) -> str:
    def col(columns: Columns, attname: str) -> str:
        return columns.column(using, attname)

    if locked:
        where = f"{col(_CLAUSE, 'id')} = %s"
        # Both rows, as select_for_update() with select_related() locks them.
        if connections[using].features.has_select_for_update:
            where += " FOR UPDATE"
    else:
        where = f"{col(_CLAUSE, 'id')} = %s AND {col(_CHARTER, 'slug')} = %s"
    return (
        f"SELECT {_CLAUSE.select(using)}, {_CHARTER.select(using)}"
        f" FROM {_CLAUSE.table(using)}"
        f" JOIN {_CHARTER.table(using)} ON {col(_CHARTER, 'id')} = {col(_CLAUSE, 'charter_id')}"
        f" WHERE {where}"
    )
