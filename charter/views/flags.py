"""Players flag a clause, or a comment of a clause's or an entry's debate, for the moderators."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from charter import limits, permissions
from charter.forms import FlagForm
from charter.models import Comment
from charter.services import flags
from charter.subjects import ClauseSubject, DebateSubject
from charter.views.access import get_clause, get_player

# What the flagger reads, whole for each thing a debate's flag may be about
# (a comment, or the subject: a clause or a contest entry), by its noun.
LOG_IN_TO_FLAG = {
    "comment": gettext_lazy("Log in to flag this comment for the moderators."),
    "clause": gettext_lazy("Log in to flag this clause for the moderators."),
    "entry": gettext_lazy("Log in to flag this entry for the moderators."),
}
THANKS = {
    "comment": gettext_lazy(
        "Thank you: the moderators will look at this comment. It stays visible until they decide."
    ),
    "clause": gettext_lazy(
        "Thank you: the moderators will look at this clause. It stays visible until they decide."
    ),
    "entry": gettext_lazy(
        "Thank you: the moderators will look at this entry. It stays visible until they decide."
    ),
}


def _target(subject: DebateSubject, comment: Comment | None) -> tuple[str, str]:
    """Where the flagger goes back to, and what the page calls the flagged thing."""
    if comment is not None:
        return f"{subject.url}#comment-{comment.pk}", "comment"
    return subject.url, subject.noun


def flag(request: HttpRequest, *, subject: DebateSubject, comment: Comment | None) -> HttpResponse:
    """Flag a comment of the subject's discussion, or (with None) the clause itself."""
    back, noun = _target(subject, comment)
    if not request.user.is_authenticated:
        sentence = LOG_IN_TO_FLAG.get(noun) or f"Log in to flag this {noun} for the moderators."
        messages.info(request, str(sentence))
        return redirect_to_login(back)
    target = f"comment{comment.pk}" if comment is not None else "clause"
    if request.method == "GET":
        return _blank(request, subject=subject, comment=comment)
    form = FlagForm(request.POST, auto_id=f"id_flag_{target}_%s")
    status, why_not = 400, ""
    if form.is_valid() and (refusal := limits.refusal(request, "flag")):
        form.add_error(None, refusal)
        status = 429
    elif form.is_valid():
        try:
            flags.flag_create(
                user=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                comment_id=comment.pk if comment is not None else None,
                clause_id=subject.pk if comment is None else None,
            )
        except flags.AlreadyFlagged as error:
            messages.info(request, error.messages[0])
            return redirect(back)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        except PermissionDenied as error:
            # Shown with its way out (log in, pick a persona) instead of as a form error.
            why_not = permissions.refusal_in(error)
            status = 403
        else:
            sentence = THANKS.get(noun) or (
                f"Thank you: the moderators will look at this {noun}. "
                "It stays visible until they decide."
            )
            messages.success(request, str(sentence))
            return redirect(back)
    response = _page(request, subject, comment, form, why_not=why_not, status=status)
    return limits.too_many(response, request) if status == 429 else response


def _page(
    request: HttpRequest,
    subject: DebateSubject,
    comment: Comment | None,
    form: FlagForm,
    *,
    why_not: str,
    status: int,
) -> HttpResponse:
    """The flag page: what is flagged, and the form (or why it is withheld)."""
    back, noun = _target(subject, comment)
    context = {
        "subject": subject,
        subject.field: subject.obj,
        "comment": comment,
        "noun": noun,
        "back": back,
        "form": form,
        "refused": bool(why_not),
        "why_not": why_not,
    }
    return render(request, "charter/flag_form.html", context, status=status)


def _blank(
    request: HttpRequest, *, subject: DebateSubject, comment: Comment | None
) -> HttpResponse:
    """The flag form, blank: inline for htmx (comments load it on demand), a page without JS.

    Comments offer a link rather than a form of their own, so a comment's
    markup carries no CSRF token and can be cached and shared by all readers.
    """
    why_not = permissions.why_cannot_flag(request.user, get_player(request), comment=comment)
    target = f"comment{comment.pk}" if comment is not None else "clause"
    form = FlagForm(auto_id=f"id_flag_{target}_%s")
    if request.headers.get("HX-Request") == "true":
        context = {
            "subject": subject,
            subject.field: subject.obj,
            "flag": None if why_not else form,
            "flag_comment": comment,
        }
        if why_not:
            return HttpResponse(why_not, content_type="text/plain; charset=utf-8", status=403)
        return render(request, "charter/_flag_form.html", {**context, "inline": True})
    return _page(request, subject, comment, form, why_not=why_not, status=403 if why_not else 200)


@require_POST
def flag_clause(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return flag(request, subject=ClauseSubject(get_clause(request, slug, pk)), comment=None)


@require_http_methods(["GET", "POST"])
def flag_comment(request: HttpRequest, slug: str, pk: int, comment_id: int) -> HttpResponse:
    subject = ClauseSubject(get_clause(request, slug, pk))
    return flag_in(request, subject, comment_id)


def flag_in(request: HttpRequest, subject: DebateSubject, comment_id: int) -> HttpResponse:
    """Flag comment `comment_id` of the subject's discussion."""
    comment = get_object_or_404(subject.comments().select_related("persona"), pk=comment_id)
    return flag(request, subject=subject, comment=comment)
