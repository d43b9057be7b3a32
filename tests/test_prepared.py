"""The hot reads run as prepared statements on PostgreSQL, prepared once per connection."""

import pytest
from django.db import NotSupportedError, connection, transaction
from django.test.utils import CaptureQueriesContext

from charter.models import Clause
from charter.selectors.clauses import _clause_sql, clause_in
from config import prepared

# Each test opens connections of its own, so its rows must be committed.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")


def statements_on_server() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


def clause_statement() -> str:
    name, _ = prepared._prepared("clause_in", _clause_sql("default"))
    return name


def test_a_read_is_prepared_once_then_executed_by_name(clause):
    slug = clause.charter.slug
    connection.close()
    with CaptureQueriesContext(connection) as queries:
        first = clause_in(slug, clause.pk)
        second = clause_in(slug, clause.pk)
    name = clause_statement()
    assert name in statements_on_server()
    assert [q["sql"].split("(")[0] for q in queries] == [f"EXECUTE {name}"] * 2
    assert first.pk == second.pk == clause.pk
    assert first.title == clause.title and first.charter.slug == slug
    # Query logs name the statement; the tests read the SQL behind it.
    assert prepared.source_of(queries[0]["sql"]) == _clause_sql("default")


def test_a_new_connection_prepares_again(clause):
    clause_in(clause.charter.slug, clause.pk)
    connection.close()
    assert clause_statement() not in statements_on_server()
    assert clause_in(clause.charter.slug, clause.pk).pk == clause.pk
    assert clause_statement() in statements_on_server()


def test_a_statement_prepared_in_a_rolled_back_transaction_stays(clause):
    connection.close()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        clause_in(clause.charter.slug, clause.pk)
        raise Undone
    # The connection remembers it as prepared, and so does the server.
    assert clause_statement() in statements_on_server()
    assert clause_in(clause.charter.slug, clause.pk).pk == clause.pk


@pytest.mark.parametrize("setting", ["PREPARED_STATEMENTS", "CONN_MAX_AGE"])
def test_off_it_runs_the_sql_as_it_is(clause, settings, setting):
    connection.close()
    if setting == "PREPARED_STATEMENTS":
        settings.PREPARED_STATEMENTS = False
    else:
        # Without kept connections, preparing would cost a round trip per request.
        connection.settings_dict["CONN_MAX_AGE"], kept = 0, connection.settings_dict["CONN_MAX_AGE"]
    try:
        with CaptureQueriesContext(connection) as queries:
            assert clause_in(clause.charter.slug, clause.pk).pk == clause.pk
    finally:
        if setting == "CONN_MAX_AGE":
            connection.settings_dict["CONN_MAX_AGE"] = kept
    assert [q["sql"] for q in queries][0].startswith("SELECT ")
    assert clause_statement() not in statements_on_server()


def test_only_plain_placeholders_and_names_are_accepted():
    with pytest.raises(ValueError):
        prepared._prepared("likes", "SELECT 1 WHERE 'a' LIKE 'a%'")
    with pytest.raises(ValueError):
        prepared._prepared("drop table; --", "SELECT 1")
    name, statement = prepared._prepared("pair", "SELECT %s, %s")
    assert statement == f"PREPARE {name} AS SELECT $1, $2"


def test_a_column_type_changed_under_a_statement_is_defined_again(clause):
    """A migration run while app servers serve ("cached plan must not change result
    type"): outside a transaction the read is retried at once; inside one it fails
    that transaction, and the next use defines the statement again."""
    slug = clause.charter.slug
    clause_in(slug, clause.pk)
    column = Clause._meta.get_field("title")
    original = column.db_type(connection)

    def retype(db_type: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f'ALTER TABLE "charter_clause" ALTER COLUMN "title" TYPE {db_type}')

    try:
        retype("varchar(999)")
        assert clause_in(slug, clause.pk).title == clause.title

        retype(original)
        with pytest.raises(NotSupportedError), transaction.atomic():
            clause_in(slug, clause.pk)
        with transaction.atomic():
            assert clause_in(slug, clause.pk).title == clause.title
    finally:
        retype(original)
