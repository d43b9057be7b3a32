"""One query answers what a reader's own parts of a clause page turn on."""

from django.utils import timezone

from charter.models import Comment, Notification, Watch
from charter.selectors.readers import ClauseReader, clause_reader
from charter.selectors.stances import my_stance
from charter.services import stances
from personas import groups
from tests.conftest import make_clause, make_comment, make_group, make_stance, make_user


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


def reference(clause, user, group):
    """The reader's facts as the querysets read them, one query each."""
    mine = my_stance(clause, user, group=group)
    return ClauseReader(
        watching=Watch.objects.filter(clause=clause, user=user).exists(),
        authored=Comment.objects.filter(clause=clause, author=user).exists(),
        stance_id=mine.pk if mine else None,
        unread=Notification.objects.unread().filter(user=user).count(),
    )


def test_the_facts_are_what_the_querysets_read_for_readers_of_every_kind(
    alice, bob, clause, charter, settings
):
    settings.RATELIMIT_ENABLE = False
    other = make_clause(charter=charter, title="Another clause")
    dave = make_user("dave", persona=alice.player.persona)
    charlie = make_user("charlie", persona=alice.player.persona)
    # Bob spoke alone before joining Alice's group; Dave joins later and
    # inherits the group's voice; Charlie stays outside.
    make_stance(clause=clause, user=bob, position="oppose")
    group = make_group(alice, bob)
    stances.stance_take(clause_id=clause.pk, user=bob, position="support", reason="Ours.")
    make_stance(clause=clause, user=charlie, position="abstain")
    make_stance(clause=other, user=dave)
    make_comment(clause=clause, author=charlie)
    Watch.objects.create(user=dave, clause=clause)
    Notification.objects.create(user=dave, kind=Notification.Kind.COMMENT, clause=clause)
    # Erin spoke for her group, then left it: that stance is the group's, not hers.
    erin = make_user("erin", persona=alice.player.persona)
    second = make_group(make_user("frank", persona=alice.player.persona), erin, name="Second")
    stances.stance_take(clause_id=clause.pk, user=erin, position="oppose", reason="For us.")
    groups.group_leave(group_id=second.pk, user=erin)
    readers = [(alice, group), (bob, group), (charlie, None), (dave, None), (erin, None)]
    for clause_read in (clause, other):
        for user, their_group in readers:
            expected = reference(clause_read, user, their_group)
            assert clause_reader(clause_read, user, group=their_group) == expected, user
    assert clause_reader(clause, alice, group=group).stance_id is not None
    assert clause_reader(clause, erin, group=None).stance_id is None
