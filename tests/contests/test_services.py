"""The contest services: opening, drafting, submitting, voting and withdrawing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from charter.dates import when
from contests import services
from contests.models import ENTRY_BODY_MAX, Contest, Entry, Phase, Vote
from tests.contests.conftest import make_contest, make_entry, move_to, suspend

pytestmark = pytest.mark.django_db


def _open(user, **overrides):
    now = timezone.now()
    fields = {
        "theme": "2100",
        "rules": "Tell the *road* and the place.",
        "entries_close_at": now + timedelta(days=7),
        "votes_close_at": now + timedelta(days=14),
    }
    fields.update(overrides)
    return services.contest_open(user=user, **fields)


# Opening.


def test_a_moderator_opens_a_contest_with_rendered_rules_and_a_slug_from_the_theme(mod):
    contest = _open(mod)
    assert contest.slug == "2100"
    assert contest.opened_by == mod
    assert "<em>road</em>" in contest.rules_html
    assert contest.phase() == Phase.ENTRIES


def test_a_second_contest_on_the_same_theme_gets_its_own_address(mod):
    assert _open(mod).slug == "2100"
    assert _open(mod).slug == "2100-2"


def test_a_theme_that_would_take_a_reserved_address_gets_another(mod):
    assert _open(mod, theme="New").slug == "new-2"


def test_a_player_cannot_open_a_contest(alice):
    with pytest.raises(PermissionDenied, match="Only moderators can open a contest"):
        _open(alice)
    assert not Contest.objects.exists()


def test_deadlines_must_be_in_order_and_in_the_future(mod):
    now = timezone.now()
    with pytest.raises(ValidationError, match="entries deadline must be in the future"):
        _open(mod, entries_close_at=now - timedelta(hours=1))
    with pytest.raises(ValidationError, match="voting deadline must come after"):
        _open(mod, votes_close_at=now + timedelta(days=7))


def test_nul_bytes_in_the_rules_are_refused(mod):
    with pytest.raises(ValidationError, match="control characters"):
        _open(mod, rules="Tell\x00it")


# Drafting and submitting.


def test_an_entry_begins_as_a_private_draft_in_the_players_persona(contest, alice, rosa):
    entry = services.entry_create(contest_id=contest.pk, user=alice, title="Red", body="Dawn.")
    assert entry.status == Entry.Status.DRAFT
    assert entry.persona == rosa
    assert entry.revision_number == 1
    assert entry.body_html == "<p>Dawn.</p>"
    (version,) = Version.objects.get_for_object(entry)
    assert version.revision.user == alice
    assert version.revision.comment == "Draft begun"


def test_every_saved_draft_is_a_revision_and_an_unchanged_save_is_none(contest, alice):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    entry = services.entry_save_draft(
        entry_id=entry.pk, user=alice, title="Red dawn", body="Dawn.", revision_number=1
    )
    same = services.entry_save_draft(
        entry_id=entry.pk, user=alice, title="Red dawn", body="Dawn.", revision_number=2
    )
    assert same.revision_number == entry.revision_number == 2
    versions = Version.objects.get_for_object(entry).order_by("pk")
    assert [v.revision.comment for v in versions] == ["Draft begun", "Draft saved"]
    assert versions[0].field_dict["title"] == "News from 2100"


def test_a_save_from_a_stale_form_is_refused_and_nothing_is_overwritten(contest, alice):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    services.entry_save_draft(
        entry_id=entry.pk, user=alice, title="Tab one", body="One.", revision_number=1
    )
    with pytest.raises(ValidationError, match="saved this draft elsewhere") as error:
        services.entry_save_draft(
            entry_id=entry.pk, user=alice, title="Tab two", body="Two.", revision_number=1
        )
    assert error.value.code == "stale"
    assert Entry.objects.get(pk=entry.pk).title == "Tab one"


def test_one_entry_per_player_and_contest(contest, alice):
    make_entry(contest=contest, author=alice, submitted=False)
    with pytest.raises(ValidationError, match="already have an entry"):
        services.entry_create(contest_id=contest.pk, user=alice, title="Again", body="Again.")


def test_submitting_makes_the_entry_public_and_final(contest, alice, bob):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    entry = services.entry_submit(entry_id=entry.pk, user=alice, revision_number=1)
    assert entry.is_submitted and entry.submitted_at is not None
    with pytest.raises(PermissionDenied, match="submitted: it is final"):
        services.entry_save_draft(
            entry_id=entry.pk, user=alice, title="Later", body="Later.", revision_number=2
        )


def test_only_the_author_changes_or_submits_an_entry(contest, alice, bob):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    with pytest.raises(PermissionDenied, match="Only its author"):
        services.entry_submit(entry_id=entry.pk, user=bob, revision_number=1)
    with pytest.raises(PermissionDenied, match="Only its author"):
        services.entry_save_draft(
            entry_id=entry.pk, user=bob, title="Mine", body="Mine.", revision_number=1
        )


def test_a_late_entry_is_refused_with_the_deadline(contest, alice):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    move_to(contest, Phase.VOTING)
    contest.refresh_from_db()
    deadline = when(contest.entries_close_at)
    with pytest.raises(PermissionDenied, match=f"Entries for this contest closed on {deadline}"):
        services.entry_submit(entry_id=entry.pk, user=alice, revision_number=1)
    with pytest.raises(PermissionDenied, match=deadline):
        services.entry_create(contest_id=contest.pk, user=alice, title="Late", body="Late.")


def test_a_suspended_player_cannot_enter(contest, alice):
    suspend(alice)
    with pytest.raises(PermissionDenied, match="suspended"):
        services.entry_create(contest_id=contest.pk, user=alice, title="Red", body="Dawn.")


def test_a_player_without_a_persona_cannot_enter(contest, charlie):
    with pytest.raises(PermissionDenied, match="Pick a persona"):
        services.entry_create(contest_id=contest.pk, user=charlie, title="Red", body="Dawn.")


def test_an_oversize_story_is_refused_with_its_length(contest, alice):
    with pytest.raises(ValidationError, match=f"at most {ENTRY_BODY_MAX:,} characters"):
        services.entry_create(
            contest_id=contest.pk, user=alice, title="Long", body="x" * (ENTRY_BODY_MAX + 1)
        )


def test_an_unknown_entry_is_refused_not_crashed_on(alice):
    with pytest.raises(ValidationError, match="does not exist"):
        services.entry_submit(entry_id=999_999, user=alice, revision_number=1)


# Voting.


def test_a_player_votes_for_an_entry_of_another_circle(voting, alice, bob):
    vote = services.vote_cast(entry_id=voting["bob"].pk, user=alice)
    assert vote.persona == alice.player.persona
    assert vote.slot == 1
    assert vote.contest == voting["contest"]


def test_a_vote_for_ones_own_circle_is_refused_with_the_reason(voting, dora):
    with pytest.raises(PermissionDenied, match="your own circle, the Spartacists"):
        services.vote_cast(entry_id=voting["alice"].pk, user=dora)


def test_switching_persona_does_not_open_the_circle_one_entered_in(voting, alice, bakunin):
    from personas.services import player_play

    player_play(user=alice, persona=bakunin)
    # Now an anarchist: no vote for the anarchist entry, nor for her own Spartacist one.
    with pytest.raises(PermissionDenied, match="own circle, the Anarchists"):
        services.vote_cast(entry_id=voting["bob"].pk, user=alice)
    with pytest.raises(PermissionDenied, match="You cannot vote for your own entry"):
        services.vote_cast(entry_id=voting["alice"].pk, user=alice)


def test_a_vote_for_the_circle_one_entered_in_is_refused(voting, alice, dora, bakunin):
    from personas.services import player_play

    contest = voting["contest"]
    move_to(contest, Phase.ENTRIES)
    spartacist = make_entry(contest=contest, author=dora, title="Liebknecht's road")
    move_to(contest, Phase.VOTING)
    player_play(user=alice, persona=bakunin)
    with pytest.raises(PermissionDenied, match="entered this contest as Rosa Luxemburg"):
        services.vote_cast(entry_id=spartacist.pk, user=alice)


def test_a_second_vote_for_the_same_entry_is_refused(voting, alice):
    services.vote_cast(entry_id=voting["bob"].pk, user=alice)
    with pytest.raises(ValidationError, match="already voted for this entry"):
        services.vote_cast(entry_id=voting["bob"].pk, user=alice)
    assert Vote.objects.filter(voter=alice).count() == 1


def test_a_fourth_vote_is_refused(voting, alice, mod):
    contest = voting["contest"]
    move_to(contest, Phase.ENTRIES)
    others = [
        make_entry(contest=contest, author=user, title=f"Story {n}")
        for n, user in enumerate([mod, *_players(2)])
    ]
    move_to(contest, Phase.VOTING)
    for entry in [voting["bob"], voting["carol"], others[0]]:
        services.vote_cast(entry_id=entry.pk, user=alice)
    with pytest.raises(ValidationError, match="used your 3 votes"):
        services.vote_cast(entry_id=others[1].pk, user=alice)
    assert sorted(Vote.objects.filter(voter=alice).values_list("slot", flat=True)) == [1, 2, 3]


def _players(count: int):
    from tests.conftest import make_voter

    return [make_voter() for _ in range(count)]


def test_a_withdrawn_vote_frees_its_slot_for_another_entry(voting, alice):
    services.vote_cast(entry_id=voting["bob"].pk, user=alice)
    services.vote_withdraw(entry_id=voting["bob"].pk, user=alice)
    assert not Vote.objects.filter(voter=alice).exists()
    assert services.vote_cast(entry_id=voting["carol"].pk, user=alice).slot == 1


def test_a_vote_for_ones_own_entry_is_refused(voting, alice):
    with pytest.raises(PermissionDenied, match="own"):
        services.vote_cast(entry_id=voting["alice"].pk, user=alice)


def test_a_vote_before_entries_close_is_refused_with_the_time(contest, alice, bob):
    entry = make_entry(contest=contest, author=bob)
    deadline = when(contest.entries_close_at)
    with pytest.raises(PermissionDenied, match=f"Voting opens when entries close, on {deadline}"):
        services.vote_cast(entry_id=entry.pk, user=alice)


def test_a_late_vote_is_refused_with_the_time(voting, alice):
    contest = move_to(voting["contest"], Phase.CLOSED)
    with pytest.raises(PermissionDenied, match=f"Voting closed on {when(contest.votes_close_at)}"):
        services.vote_cast(entry_id=voting["bob"].pk, user=alice)


def test_a_vote_cannot_be_withdrawn_after_voting_closed(voting, alice):
    services.vote_cast(entry_id=voting["bob"].pk, user=alice)
    move_to(voting["contest"], Phase.CLOSED)
    with pytest.raises(PermissionDenied, match="votes can no longer change"):
        services.vote_withdraw(entry_id=voting["bob"].pk, user=alice)
    assert Vote.objects.filter(voter=alice).count() == 1


def test_a_vote_for_a_draft_is_refused(voting, bob, dora):
    contest = voting["contest"]
    move_to(contest, Phase.ENTRIES)
    draft = make_entry(contest=contest, author=dora, submitted=False)
    move_to(contest, Phase.VOTING)
    with pytest.raises(ValidationError, match="drafts are private"):
        services.vote_cast(entry_id=draft.pk, user=bob)
    with pytest.raises(PermissionDenied, match="still a draft"):
        services.vote_cast(entry_id=draft.pk, user=dora)


def test_a_suspended_player_cannot_vote(voting, alice):
    suspend(alice)
    with pytest.raises(PermissionDenied, match="suspended, so you cannot vote"):
        services.vote_cast(entry_id=voting["bob"].pk, user=alice)


def test_a_player_without_a_persona_cannot_vote(voting, charlie):
    with pytest.raises(PermissionDenied, match="Pick a persona"):
        services.vote_cast(entry_id=voting["bob"].pk, user=charlie)


def test_a_vote_for_an_unknown_entry_is_refused(voting, alice):
    with pytest.raises(ValidationError, match="no submitted entry"):
        services.vote_cast(entry_id=10**12, user=alice)


def test_the_database_refuses_a_double_vote_and_a_fourth_slot(voting, alice):
    from django.db import IntegrityError, transaction

    from tests.contests.conftest import make_vote

    make_vote(entry=voting["bob"], voter=alice, slot=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_vote(entry=voting["bob"], voter=alice, slot=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_vote(entry=voting["carol"], voter=alice, slot=4)


def test_a_contest_whose_voting_ends_before_its_entries_cannot_be_stored(mod):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        contest = make_contest(opened_by=mod)
        Contest.objects.filter(pk=contest.pk).update(votes_close_at=contest.entries_close_at)
