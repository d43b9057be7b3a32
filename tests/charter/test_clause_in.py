"""`clause_in` reads what the ORM reads, and nothing for a wrong URL."""

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.db.transaction import TransactionManagementError

from charter.models import Clause
from charter.selectors.clauses import clause_in, locked_clause
from tests.conftest import make_charter, make_clause, probe_while_held_and_after


def fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def test_it_reads_the_clause_and_its_charter_as_the_queryset_does(
    clause, django_assert_num_queries
):
    expected = Clause.objects.select_related("charter").get(pk=clause.pk)
    slug = expected.charter.slug
    with django_assert_num_queries(1):
        found = clause_in(slug, clause.pk)
        assert fields(found.charter) == fields(expected.charter)
    assert fields(found) == fields(expected)
    # Rendered HTML read back counts as rendered: saving it again renders nothing.
    assert found._rendered_from == found.body


def test_a_clause_is_found_only_under_its_own_charter(clause, charter):
    other = make_charter(slug="another-charter", title="Another charter")
    elsewhere = make_clause(charter=other)
    assert clause_in(other.slug, clause.pk) is None
    assert clause_in(charter.slug, elsewhere.pk) is None
    assert clause_in("no-such-charter", clause.pk) is None
    assert clause_in(charter.slug, 999_999_999_999_999_999) is None
    assert clause_in(other.slug, elsewhere.pk).pk == elsewhere.pk


@pytest.mark.django_db(transaction=True)
def test_the_locked_read_is_the_querysets_and_needs_a_transaction(clause):
    with pytest.raises(TransactionManagementError):
        locked_clause(clause.pk)
    with transaction.atomic():
        expected = Clause.objects.select_for_update().select_related("charter").get(pk=clause.pk)
        found = locked_clause(clause.pk)
        assert fields(found) == fields(expected)
        assert fields(found.charter) == fields(expected.charter)
        with pytest.raises(Clause.DoesNotExist):
            locked_clause(clause.pk + 1_000)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_lock_holds_the_clause_and_its_charter_until_commit(clause):
    """As select_for_update() with select_related() did: both rows, so a save and a
    change of the charter (its congress, its status) wait for each other."""
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    outcomes = []

    def other_writer() -> None:
        # Another connection, in its own thread, asks for the rows without waiting.
        try:
            with transaction.atomic(), connections["default"].cursor() as cursor:
                for table, pk in (
                    ("charter_clause", clause.pk),
                    ("charter_charter", clause.charter_id),
                ):
                    try:
                        with transaction.atomic():
                            cursor.execute(
                                f'SELECT id FROM "{table}" WHERE id = %s FOR UPDATE NOWAIT', [pk]
                            )
                        outcomes.append(f"{table} taken")
                    except OperationalError:
                        outcomes.append(f"{table} refused")
        finally:
            connections.close_all()

    probe_while_held_and_after(lambda: locked_clause(clause.pk), other_writer)
    # Once committed, the rows are free again.
    assert outcomes == [
        "charter_clause refused",
        "charter_charter refused",
        "charter_clause taken",
        "charter_charter taken",
    ]
