"""One query answers what a reader's own parts of a clause page turn on."""

from django.utils import timezone

from charter.models import Notification, Watch
from charter.selectors.readers import clause_reader
from tests.conftest import make_clause, make_comment, make_stance


def test_a_new_reader_has_nothing_of_their_own(alice, clause, django_assert_num_queries):
    with django_assert_num_queries(1):
        facts = clause_reader(clause, alice, group=None)
    assert (facts.watching, facts.authored, facts.stance_id, facts.unread) == (
        False,
        False,
        None,
        0,
    )


def test_their_watch_words_stance_and_unread_notes_are_theirs_and_this_clauses(
    alice, bob, clause, charter
):
    other = make_clause(charter=charter, title="Another clause")
    Watch.objects.create(user=alice, clause=clause)
    Watch.objects.create(user=bob, clause=other)
    make_comment(clause=clause, author=alice)
    make_comment(clause=other, author=bob)
    stance = make_stance(clause=clause, user=alice, position="oppose")
    make_stance(clause=other, user=alice)
    kinds = {"kind": Notification.Kind.COMMENT, "clause": clause}
    Notification.objects.create(user=alice, **kinds)
    Notification.objects.create(user=alice, **kinds)
    Notification.objects.create(user=alice, read_at=timezone.now(), **kinds)
    Notification.objects.create(user=bob, **kinds)
    facts = clause_reader(clause, alice, group=None)
    assert (facts.watching, facts.authored, facts.stance_id, facts.unread) == (
        True,
        True,
        stance.pk,
        2,
    )
    assert clause_reader(clause, bob, group=None).watching is False
    assert clause_reader(other, alice, group=None).authored is False
