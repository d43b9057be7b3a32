"""The reads every request makes, as PostgreSQL prepared statements.

Planning a join of six tables costs PostgreSQL more than running it: the
signed-in reader's user-and-player read takes 0.78 ms as a plain query
and 0.27 ms as a prepared one. psycopg2 has no protocol-level prepared
statements, so this uses SQL's own PREPARE and EXECUTE, once per
connection: a statement lives as long as its connection (CONN_MAX_AGE).
A migration that changes a column's type under a statement while servers
run makes PostgreSQL refuse it once; it is then defined again.

Off with `PREPARED_STATEMENTS=false`, as it must be behind a pooler that
hands one client's statements to several server connections (PgBouncer in
transaction mode), and off by itself when connections are not kept
(CONN_MAX_AGE=0), where preparing would cost a round trip per request.
Other databases run the SQL as it is.
"""

import functools
import hashlib
import re
from collections.abc import Sequence

from django.conf import settings
from django.db import NotSupportedError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

_PLACEHOLDER = re.compile(r"%s")
_NAME = re.compile(r"[a-z_]+")
_EXECUTE = re.compile(r"EXECUTE ([a-z_]+_[0-9a-f]{12})\(")
# Statement names and the SQL they stand for, in this process.
_sources: dict[str, str] = {}


def execute(cursor: CursorWrapper, what: str, sql: str, params: Sequence[object]) -> None:
    """Run `sql` (with %s placeholders) on `cursor`, prepared once per connection on PostgreSQL.

    `what` names the statement for people reading query logs: it runs as
    `EXECUTE <what>_<hash of the SQL>(...)`.
    """
    connection = cursor.db
    if not _enabled(connection):
        cursor.execute(sql, params)
        return
    name, statement = _prepared(what, sql)
    known = _prepared_on(connection)
    if not known.get(name):
        _define(cursor, name, statement, stale=name in known)
        known[name] = True
    run = f"EXECUTE {name}({', '.join(['%s'] * len(params))})"
    try:
        cursor.execute(run, params)
    except NotSupportedError as error:
        # A migration changed a column's type under the statement while this
        # server ran ("cached plan must not change result type"): define it
        # again, at once outside a transaction, else on its next use (the
        # failed statement has aborted the transaction).
        if "cached plan" not in str(error):
            raise
        known[name] = False
        if connection.in_atomic_block:
            raise
        _define(cursor, name, statement, stale=True)
        known[name] = True
        cursor.execute(run, params)


def _define(cursor: CursorWrapper, name: str, statement: str, *, stale: bool) -> None:
    # PREPARE outlives a rolled-back transaction, so what `known` records
    # stays true. Run on the driver's cursor: one statement per connection is
    # not a query of the request that happens to come first.
    with cursor.db.wrap_database_errors:
        if stale:
            cursor.cursor.execute(f"DEALLOCATE {name}")
        cursor.cursor.execute(statement)


def _enabled(connection: BaseDatabaseWrapper) -> bool:
    return (
        connection.vendor == "postgresql"
        and settings.PREPARED_STATEMENTS
        and connection.settings_dict.get("CONN_MAX_AGE") != 0
    )


def _prepared_on(connection: BaseDatabaseWrapper) -> dict[str, bool]:
    """The statements defined on the driver connection `connection` holds now.

    True for ready, false for one to define again. Kept beside the driver
    connection it describes: when Django opens a new one (after
    CONN_MAX_AGE, an error, a test's reconnect) it starts empty.
    """
    raw = connection.connection
    state = getattr(connection, "_prepared_statements", None)
    if state is None or state[0] is not raw:
        state = (raw, {})
        connection._prepared_statements = state
    return state[1]


@functools.cache
def _prepared(what: str, sql: str) -> tuple[str, str]:
    """The statement's name, `what` with a hash of the SQL, and the PREPARE that defines it."""
    if not _NAME.fullmatch(what):
        raise ValueError(f"Not a statement name: {what!r}")
    if "%" in sql.replace("%s", ""):
        raise ValueError("Only %s placeholders: a literal % would be read as one.")
    name = f"{what}_{hashlib.blake2b(sql.encode(), digest_size=6).hexdigest()}"
    _sources[name] = sql
    numbers = iter(range(1, sql.count("%s") + 1))
    return name, f"PREPARE {name} AS {_PLACEHOLDER.sub(lambda _: f'${next(numbers)}', sql)}"


def source_of(executed: str) -> str:
    """The SQL behind an `EXECUTE` as query logs show it (the text itself for any other)."""
    match = _EXECUTE.match(executed)
    return _sources.get(match.group(1), executed) if match else executed
