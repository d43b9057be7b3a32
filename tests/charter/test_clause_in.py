"""`clause_in` reads what the ORM reads, and nothing for a wrong URL."""

from charter.models import Clause
from charter.selectors.clauses import clause_in
from tests.conftest import make_charter, make_clause


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
