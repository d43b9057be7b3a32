"""Who may do what in a contest, in the house style of charter.permissions.

Each rule is `why_cannot_<action>(...) -> str`, a sentence for the reader
(with the deadline's time where time is the reason), empty when the action
is allowed; `can_<action>` is derived from it. Counting rules (a second vote
for one entry, a fourth vote) need the rows and live in the services.
"""

from datetime import datetime

from django.utils.translation import gettext as _

from charter.dates import when
from charter.permissions import AnyUser, is_moderator, why_cannot_write
from contests.models import Contest, Entry, Phase
from personas.models import Player


def why_cannot_open_contest(user: AnyUser) -> str:
    if not is_moderator(user):
        return _("Only moderators can open a contest.")
    return ""


def _entries_closed(contest: Contest, now: datetime | None) -> str:
    if contest.phase(now) != Phase.ENTRIES:
        return _("Entries for this contest closed on %(when)s.") % {
            "when": when(contest.entries_close_at)
        }
    return ""


def why_cannot_enter(
    user: AnyUser, player: Player | None, contest: Contest, now: datetime | None = None
) -> str:
    """May this reader begin an entry in the contest?"""
    if why := _entries_closed(contest, now):
        return why
    # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
    return why_cannot_write(user, player, to="write an entry")


def why_cannot_change_entry(
    user: AnyUser,
    player: Player | None,
    entry: Entry,
    *,
    # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
    to: str = "change your draft",
    now: datetime | None = None,
) -> str:
    """May this reader save or submit the draft? Only its author, before the entries deadline."""
    if not user.is_authenticated or entry.author_id != user.pk:
        return _("Only its author can change an entry.")
    if entry.is_submitted:
        return _("This entry is submitted: it is final and can no longer change.")
    if why := _entries_closed(entry.contest, now):
        return why
    return why_cannot_write(user, player, to=to)


def why_cannot_vote(
    user: AnyUser,
    player: Player | None,
    entry: Entry,
    *,
    own_entry: Entry | None,
    now: datetime | None = None,
) -> str:
    """May this reader vote for `entry`? `own_entry` is their own entry in its contest, if any.

    Votes go across circles: not to the circle of the persona one plays, nor
    to the circle one entered the contest in (switching persona must not
    open one's own circle's entries to one's votes).
    """
    # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
    why = why_cannot_write(user, player, to="vote")
    if why:
        return why
    if not entry.is_submitted:
        return _("Only submitted entries can be voted for; this one is still a draft.")
    contest = entry.contest
    phase = contest.phase(now)
    if phase == Phase.ENTRIES:
        return _("Voting opens when entries close, on %(when)s.") % {
            "when": when(contest.entries_close_at)
        }
    if phase == Phase.CLOSED:
        return _("Voting closed on %(when)s.") % {"when": when(contest.votes_close_at)}
    if entry.author_id == user.pk:
        return _("You cannot vote for your own entry.")
    circle = entry.persona.tendency
    if player.persona.tendency_id == circle.pk:
        return _(
            "This entry is from your own circle, the %(circle)s: your votes go to other "
            "circles, so that what unites across tendencies wins."
        ) % {"circle": circle.label}
    if own_entry is not None and own_entry.persona.tendency_id == circle.pk:
        return _(
            "You entered this contest as %(persona)s, of the %(circle)s: your votes go to "
            "other circles, so that what unites across tendencies wins."
        ) % {"persona": own_entry.persona.name, "circle": circle.label}
    return ""


def why_cannot_withdraw_vote(user: AnyUser, contest: Contest, now: datetime | None = None) -> str:
    if not user.is_authenticated:
        return _("Log in to change your votes.")
    if contest.phase(now) == Phase.CLOSED:
        return _("Voting closed on %(when)s; votes can no longer change.") % {
            "when": when(contest.votes_close_at)
        }
    return ""


def why_cannot_comment_on_entry(user: AnyUser, player: Player | None, entry: Entry) -> str:
    if not entry.is_submitted:
        return _("This entry is still a draft: it is read and discussed once submitted.")
    # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
    return why_cannot_write(user, player, to="join the debate")


def can_open_contest(user: AnyUser) -> bool:
    return not why_cannot_open_contest(user)


def can_enter(user: AnyUser, player: Player | None, contest: Contest) -> bool:
    return not why_cannot_enter(user, player, contest)


def can_change_entry(user: AnyUser, player: Player | None, entry: Entry) -> bool:
    return not why_cannot_change_entry(user, player, entry)


def can_vote(
    user: AnyUser, player: Player | None, entry: Entry, *, own_entry: Entry | None
) -> bool:
    return not why_cannot_vote(user, player, entry, own_entry=own_entry)


def can_read_entry(user: AnyUser, entry: Entry) -> bool:
    """Submitted entries are public; a draft is its author's alone."""
    return entry.is_submitted or (user.is_authenticated and entry.author_id == user.pk)
