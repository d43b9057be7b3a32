"""A clause's page: its text, stances by circle and its debate."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from charter import permissions
from charter.consensus import MIN_TENDENCIES
from charter.context_processors import remember_unread
from charter.forms import StanceForm
from charter.models import Clause, Stance
from charter.selectors import stances as stance_reads
from charter.selectors.navigation import clause_neighbours
from charter.selectors.readers import clause_reader
from charter.selectors.revisions import latest_meta
from charter.views.access import get_clause, get_player
from charter.views.discussion import discussion_context
from config import caching, frames
from config.caching import charter_stamp, clause_stamp, visitor_cache
from translations import languages
from translations.selectors import attach_titles, reading_of

# Distinct from the discussion form's ids on the same page.
STANCE_AUTO_ID = "id_stance_%s"


def _stance_context(
    request: HttpRequest, clause: Clause, stance_form: StanceForm | None, mine: Stance | None
) -> dict:
    player = get_player(request)
    if stance_form is None:
        initial = {"revision_number": clause.revision_number}
        if mine is not None:
            initial.update(position=mine.position, reason=mine.reason)
        # Built only if shown: a reader without a stance has it in the frame.
        stance_form = SimpleLazyObject(lambda: StanceForm(initial=initial, auto_id=STANCE_AUTO_ID))
    why_no_stance = permissions.why_cannot_take_stance(request.user, player, clause)
    return {
        # Everyone's tallies are the same: read only if their fragment is not cached.
        "stances": SimpleLazyObject(lambda: stance_reads.clause_stances(clause, AnonymousUser())),
        "mine": mine,
        "stance_form": stance_form,
        "can_take_stance": not why_no_stance,
        "why_no_stance": why_no_stance,
        "min_tendencies": MIN_TENDENCIES,
    }


def _neighbours(clause: Clause) -> tuple[Clause | None, Clause | None]:
    """The clauses before and after, with their titles in the reader's language."""
    previous, following = clause_neighbours(clause)
    attach_titles(clause.charter, [previous, following], languages.current())
    return previous, following


def clause_page(
    request: HttpRequest,
    clause: Clause,
    *,
    stance_form: StanceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The clause page; with a bound stance form when a stance was refused, errors shown.

    A signed-in player's page comes from a frame shared by every player who
    may do the same things here (config.frames); visitors' whole pages are
    cached by `visitor_cache`.
    """
    player = get_player(request)
    why_not = permissions.why_cannot_edit_clause(request.user, player, clause)
    neighbours = SimpleLazyObject(lambda: _neighbours(clause))
    mine, facts = None, None
    if request.user.is_authenticated:
        # A group member's stance is the group's, whoever of them took it.
        reader = clause_reader(clause, request.user, group=player.group if player else None)
        remember_unread(request, reader.unread)
        mine = stance_reads.stance_shown(reader.stance_id, clause)
        facts = {"watching": reader.watching, "authored": reader.authored}
    stance = _stance_context(request, clause, stance_form, mine)
    debate = discussion_context(request, clause, reader=facts)
    context = {
        "charter": clause.charter,
        "clause": clause,
        # The text in the reader's language, or the source with a note.
        "reading": SimpleLazyObject(lambda: reading_of(clause, languages.current())),
        # Shared parts are read only when their fragments are not in the cache:
        # what they show changes with the charter (an edit, a stance, a move).
        "charter_stamp": SimpleLazyObject(
            lambda: caching.stamps("site", caching.charter_stamp(clause.charter.slug))
        ),
        "last_change": SimpleLazyObject(lambda: latest_meta(clause)),
        "previous_clause": SimpleLazyObject(lambda: neighbours[0]),
        "next_clause": SimpleLazyObject(lambda: neighbours[1]),
        "can_edit": not why_not,
        "why_not": why_not,
        **stance,
        **debate,
    }
    key = None
    if stance_form is None and request.user.is_authenticated:
        key = frames.frame_key(
            request,
            _stamps(clause.charter.slug, clause.pk),
            why_not,
            stance["why_no_stance"],
            debate["why_not_comment"],
            permissions.why_cannot_flag(request.user, player, comment=None),
            permissions.is_moderator(request.user),
            # Own comments show an edit link and no flag: a frame of its own.
            request.user.pk if debate["authored"] else "",
            # A reader without a stance has the stance form in the frame (charter/_stances.html).
            mine is not None,
        )
    return frames.render_framed(
        request, "charter/clause_detail.html", context, key=key, status=status
    )


def _stamps(slug: str, pk: int) -> list[str]:
    """What a clause page shows: the site, its charter and its debate."""
    return ["site", charter_stamp(slug), clause_stamp(pk)]


@require_GET
@visitor_cache(_stamps, query=["page"])
def clause_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return clause_page(request, get_clause(request, slug, pk))
