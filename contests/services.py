"""Contests: open one, draft and submit an entry, cast and withdraw votes.

Every write by a player locks that player's Player row first (as the
discussion does), so one player's concurrent requests are judged one at a
time: a double vote or a fourth vote cannot race past the count. The
database backs both rules (see contests.models.Vote). Deadlines are read
inside the transaction, after the lock: a request that waited is judged at
the time it is served.
"""

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from charter import text
from charter.rendering import render_markdown
from contests import permissions
from contests.models import (
    CONTEST_RULES_MAX,
    CONTEST_THEME_MAX,
    ENTRY_BODY_MAX,
    ENTRY_TITLE_MAX,
    VOTES_PER_PLAYER,
    Contest,
    Entry,
    Vote,
)
from personas.selectors import player_of

# Paths under /contests/ that a contest's slug must not take.
RESERVED_SLUGS = {"new"}
STALE_DRAFT = gettext_lazy(
    "You saved this draft elsewhere since you opened this page (it is now at draft "
    "%(number)s). Nothing was overwritten: your text is kept below. Open the draft again in "
    "another tab, combine the two and save."
)

# What each save of an entry did, as its revision comment. Stored in English,
# and translated where the drafts page shows it, whatever the author's language.
DRAFT_BEGUN = gettext_noop("Draft begun")
DRAFT_SAVED = gettext_noop("Draft saved")
# Translators: what happened to a contest entry (its list of drafts): it was submitted.
SUBMITTED = gettext_noop("Submitted")


def _refuse(why: str) -> None:
    if why:
        raise PermissionDenied(why)


def check_deadlines(entries_close_at, votes_close_at, *, now=None) -> None:
    """The two deadlines of a new contest make sense, or a ValidationError says why."""
    now = now or timezone.now()
    if entries_close_at <= now:
        raise ValidationError(
            _("The entries deadline must be in the future: players need time to write."),
            code="entries_close_at",
        )
    if votes_close_at <= entries_close_at:
        raise ValidationError(
            _(
                "The voting deadline must come after the entries deadline: votes are cast on "
                "the entries once they are all in."
            ),
            code="votes_close_at",
        )


def _free_slug(theme: str) -> str:
    base = slugify(theme)[:40].strip("-") or "contest"
    taken = set(Contest.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def contest_open(
    *,
    user: AbstractBaseUser,
    theme: str,
    rules: str,
    entries_close_at,
    votes_close_at,
) -> Contest:
    """Open a Path to Utopia contest (moderators only)."""
    _refuse(permissions.why_cannot_open_contest(user))
    theme = text.clean_text(theme, max_length=CONTEST_THEME_MAX, required=True, what=_("The theme"))
    rules = text.clean_text(rules, max_length=CONTEST_RULES_MAX, required=True, what=_("The rules"))
    check_deadlines(entries_close_at, votes_close_at)
    contest = Contest(
        theme=theme,
        rules=rules,
        rules_html=render_markdown(rules),
        entries_close_at=entries_close_at,
        votes_close_at=votes_close_at,
        opened_by=user,
    )
    try:
        with transaction.atomic():
            contest.slug = _free_slug(theme)
            contest.save()
    except IntegrityError:
        # Another moderator opened a contest on the same theme in between.
        raise ValidationError(
            _("A contest on this theme was opened at the same moment; open it again."),
            code="slug",
        ) from None
    return contest


def _clean_entry(title: str, body: str) -> tuple[str, str]:
    return (
        text.clean_text(title, max_length=ENTRY_TITLE_MAX, required=True, what=_("The title")),
        text.clean_text(
            body, max_length=ENTRY_BODY_MAX, required=True, what=_("The story"), strip=False
        ),
    )


def _save_revision(entry: Entry, user: AbstractBaseUser, summary: str) -> None:
    entry.revision_number += 1
    entry.updated_at = timezone.now()
    with reversion.create_revision(atomic=False):
        entry.save()
        reversion.set_user(user)
        reversion.set_comment(summary)


def entry_create(*, contest_id: int, user: AbstractBaseUser, title: str, body: str) -> Entry:
    """Begin the user's entry in the contest as a private draft, in their current persona."""
    title, body = _clean_entry(title, body)
    html = render_markdown(body)
    with transaction.atomic():
        player = player_of(user, lock=True)
        contest = Contest.objects.get(pk=contest_id)
        _refuse(permissions.why_cannot_enter(user, player, contest))
        if Entry.objects.filter(contest=contest, author=user).exists():
            raise ValidationError(
                _(
                    "You already have an entry in this contest: one story per player. "
                    "Carry on with your draft instead."
                ),
                code="exists",
            )
        entry = Entry(contest=contest, author=user, persona=player.persona, title=title)
        entry.set_body(body, html=html)
        _save_revision(entry, user, DRAFT_BEGUN)
    return entry


def _locked_entry(entry_id: int) -> Entry:
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("contest", "persona__tendency")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise ValidationError(_("That entry does not exist."), code="missing")
    return entry


def _check_fresh(entry: Entry, revision_number: int | None) -> None:
    if revision_number != entry.revision_number:
        raise ValidationError(STALE_DRAFT % {"number": entry.revision_number}, code="stale")


def entry_save_draft(
    *,
    entry_id: int,
    user: AbstractBaseUser,
    title: str,
    body: str,
    revision_number: int | None,
) -> Entry:
    """Save a new draft of the author's entry; the form's `revision_number` must be current."""
    title, body = _clean_entry(title, body)
    html = render_markdown(body)
    with transaction.atomic():
        player = player_of(user, lock=True)
        entry = _locked_entry(entry_id)
        _refuse(permissions.why_cannot_change_entry(user, player, entry, to="change your draft"))
        _check_fresh(entry, revision_number)
        if (entry.title, entry.body) == (title, body):
            return entry
        entry.title = title
        entry.set_body(body, html=html)
        _save_revision(entry, user, DRAFT_SAVED)
    return entry


def entry_submit(*, entry_id: int, user: AbstractBaseUser, revision_number: int | None) -> Entry:
    """Submit the author's entry as it stands: it becomes public, final and open to debate."""
    with transaction.atomic():
        player = player_of(user, lock=True)
        entry = _locked_entry(entry_id)
        _refuse(
            # Translators: completes “Log in and pick a persona to …” and the other refusals.
            permissions.why_cannot_change_entry(user, player, entry, to="submit your entry")
        )
        _check_fresh(entry, revision_number)
        entry.status = Entry.Status.SUBMITTED
        entry.submitted_at = timezone.now()
        _save_revision(entry, user, SUBMITTED)
    return entry


def vote_cast(*, entry_id: int, user: AbstractBaseUser) -> Vote:
    """Give one of the user's votes in the contest to an entry of another circle."""
    with transaction.atomic():
        # The player's row lock makes this player's votes one queue: the
        # count below cannot change until this transaction ends.
        player = player_of(user, lock=True)
        entry = (
            Entry.objects.select_related("contest", "persona__tendency").filter(pk=entry_id).first()
        )
        if entry is None or not permissions.can_read_entry(user, entry):
            # Someone else's draft is private: it answers as if it did not exist.
            raise ValidationError(
                _(
                    "There is no submitted entry with that number to vote for: drafts are "
                    "private until their author submits them."
                ),
                code="missing",
            )
        contest = entry.contest
        own_entry = (
            Entry.objects.select_related("persona__tendency")
            .filter(contest=contest, author_id=user.pk)
            .first()
        )
        _refuse(permissions.why_cannot_vote(user, player, entry, own_entry=own_entry))
        mine = dict(
            Vote.objects.filter(contest=contest, voter_id=user.pk).values_list("entry_id", "slot")
        )
        if entry.pk in mine:
            raise ValidationError(
                _("You have already voted for this entry: one vote per entry."), code="double"
            )
        free = sorted(set(range(1, VOTES_PER_PLAYER + 1)) - set(mine.values()))
        if not free:
            raise ValidationError(
                ngettext(
                    "You have used your %(n)s vote in this contest. Withdraw it to vote for "
                    "this entry instead.",
                    "You have used your %(n)s votes in this contest. Withdraw one of them to "
                    "vote for this entry instead.",
                    VOTES_PER_PLAYER,
                )
                % {"n": VOTES_PER_PLAYER},
                code="spent",
            )
        try:
            with transaction.atomic():
                return Vote.objects.create(
                    contest=contest,
                    entry=entry,
                    voter=user,
                    persona=player.persona,
                    slot=free[0],
                )
        except IntegrityError:
            # Only reachable if the lock were bypassed: the constraints hold regardless.
            raise ValidationError(
                _("That vote was already counted; reload the page to see your votes."),
                code="double",
            ) from None


def vote_withdraw(*, entry_id: int, user: AbstractBaseUser) -> None:
    """Take back the user's vote for an entry while voting is open, freeing it for another."""
    with transaction.atomic():
        player_of(user, lock=True)
        vote = (
            Vote.objects.select_related("contest")
            .filter(entry_id=entry_id, voter_id=user.pk)
            .first()
        )
        if vote is None:
            raise ValidationError(_("You have no vote on this entry to withdraw."), code="missing")
        _refuse(permissions.why_cannot_withdraw_vote(user, vote.contest))
        vote.delete()
