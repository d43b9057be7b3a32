"""Rate limits for the web surface, counted in the shared cache.

The counters live in Django's cache, so with Redis as `CACHE_URL` (the
production layout) one limit holds across every app server. django-ratelimit
does the counting (fixed windows with per-key jitter, IPv6 addresses grouped
by /64); the rates and the sentences people read are here.

A refused request keeps what was typed: views turn `refusal()` into a form
error on a 429 page rather than throwing the text away.
"""

import logging
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy, ngettext
from django_ratelimit.core import _split_rate, get_usage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    rates: tuple[str, ...]
    key: str  # "user" or "ip"
    # A sentence with {limit} (a count, always 5 or more), {period} ("in the
    # last minute") and {wait} ("30 seconds"), translated when it is refused.
    refusal: str


# Edits and new clauses share django-wiki's defaults (5 revisions a minute,
# 60 an hour per user); the rest are set so a person writing by hand never
# meets them, while a script is stopped within a minute.
LIMITS: dict[str, Limit] = {
    "revision": Limit(
        ("5/m", "60/h"),
        "user",
        # Translators: {limit} is a number (5 or more), {period} a phrase such as
        # "in the last minute", {wait} a duration such as "30 seconds".
        gettext_lazy(
            "You have saved {limit} revisions {period}, the most anyone may. Save again "
            "in {wait}; your text is kept below."
        ),
    ),
    "stance": Limit(
        ("10/m", "100/h"),
        "user",
        # Translators: {limit} is a number (5 or more), {period} a phrase such as
        # "in the last minute", {wait} a duration such as "30 seconds".
        gettext_lazy(
            "You have taken {limit} stances {period}, the most anyone may. Try again "
            "in {wait}; your reason is kept below."
        ),
    ),
    "comment": Limit(
        ("10/m", "100/h"),
        "user",
        # Translators: {limit} is a number (5 or more), {period} a phrase such as
        # "in the last minute", {wait} a duration such as "30 seconds".
        gettext_lazy(
            "You have posted {limit} comments {period}. Take a breath and post this one "
            "in {wait}; your text is kept below."
        ),
    ),
    "preview": Limit(
        ("30/m", "600/h"),
        "user",
        # Translators: {limit} is a number (5 or more), {period} a phrase such as
        # "in the last minute", {wait} a duration such as "30 seconds".
        gettext_lazy("You have asked for {limit} previews {period}; previews resume in {wait}."),
    ),
    "flag": Limit(
        ("10/m", "50/h"),
        "user",
        # Translators: {limit} is a number (5 or more), {period} a phrase such as
        # "in the last minute", {wait} a duration such as "30 seconds".
        gettext_lazy("You have flagged {limit} things {period}. Flag again in {wait}."),
    ),
    # A delegation is a handful of people: enough to gather one in an evening,
    # too few to spam the hall with invitations.
    "invitation": Limit(
        ("20/h", "50/d"),
        "user",
        # Translators: {limit} is a number (5 or more), {period} a phrase such as
        # "in the last minute", {wait} a duration such as "30 seconds".
        gettext_lazy(
            "You have sent {limit} group invitations {period}, the most anyone may. "
            "Invite again in {wait}; the name you typed is kept below."
        ),
    ),
    # Contest entries: every draft saved and the submission, like clause revisions.
    "entry": Limit(
        ("5/m", "60/h"),
        "user",
        # Translators: {limit} is a number (5 or more), {period} a phrase such as
        # "in the last minute", {wait} a duration such as "30 seconds".
        gettext_lazy(
            "You have saved {limit} drafts {period}, the most anyone may. Save again "
            "in {wait}; your text is kept below."
        ),
    ),
    # Votes cast and withdrawn: a person voting by hand never meets it.
    "vote": Limit(
        ("10/m", "60/h"),
        "user",
        # Translators: {limit} is a number (5 or more), {period} a phrase such as
        # "in the last minute", {wait} a duration such as "30 seconds".
        gettext_lazy("You have cast or withdrawn {limit} votes {period}. Try again in {wait}."),
    ),
    "signup": Limit(
        ("5/h", "20/d"),
        "ip",
        # Translators: {wait} is a duration such as "30 seconds" or "2 minutes".
        gettext_lazy(
            "Too many accounts were created from your network recently. Try again in {wait}."
        ),
    ),
    # Failed log-ins only: a real user who knows the password is never counted.
    "login_user": Limit(
        ("10/15m",),
        "username",
        # Translators: {wait} is a duration such as "30 seconds" or "2 minutes".
        gettext_lazy(
            "Too many failed log-ins for this user name. Wait {wait} and try again, or reset "
            "your password."
        ),
    ),
    "login_ip": Limit(
        ("30/15m",),
        "ip",
        # Translators: {wait} is a duration such as "30 seconds" or "2 minutes".
        gettext_lazy("Too many failed log-ins from your network. Wait {wait} and try again."),
    ),
}


# How a refusal says "in the last {period}": the whole phrase, so a language
# can make it agree with its noun.
PERIODS = {
    60: gettext_lazy("in the last minute"),
    3600: gettext_lazy("in the last hour"),
    86400: gettext_lazy("in the last day"),
}


def _period(seconds: int) -> str:
    if seconds in PERIODS:
        return str(PERIODS[seconds])
    minutes = seconds // 60
    return ngettext("in the last %(count)s minute", "in the last %(count)s minutes", minutes) % {
        "count": minutes
    }


def _wait(seconds: int) -> str:
    if seconds < 90:
        seconds = max(seconds, 1)
        return ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    minutes = round(seconds / 60)
    if minutes < 90:
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    hours = round(minutes / 60)
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


def _key(limit: Limit, username: str):
    if limit.key == "username":
        # Lower-cased: "Alice" and "alice" are one account to the login form.
        return lambda group, request: username.strip().lower()[:150]
    return limit.key


def _usage(request: HttpRequest, action: str, *, increment: bool, username: str = "") -> str:
    limit = LIMITS[action]
    for rate in limit.rates:
        try:
            usage = get_usage(
                request, group=action, key=_key(limit, username), rate=rate, increment=increment
            )
        except Exception:
            # A cache outage must not lock everyone out: limits fail open, loudly.
            logger.exception("Rate limit %s could not be counted", action)
            return ""
        if usage is None:
            continue
        # Counting this request, the limit is passed when the count exceeds it;
        # only looking, it is already used up when the count reaches it.
        if usage["should_limit"] if increment else usage["count"] >= usage["limit"]:
            # A window may end this very second; never tell anyone to retry in 0 s.
            request.retry_after = max(1, usage["time_left"])
            allowed, seconds = _split_rate(rate)
            return str(limit.refusal).format(
                limit=allowed, period=_period(seconds), wait=_wait(request.retry_after)
            )
    return ""


def refusal(request: HttpRequest, action: str) -> str:
    """Count this request against the action's limits; a sentence if it is over, else empty."""
    return _usage(request, action, increment=True)


def over(request: HttpRequest, action: str, *, username: str = "") -> str:
    """Whether earlier requests already used up the limit, without counting this one."""
    return _usage(request, action, increment=False, username=username)


def count(request: HttpRequest, action: str, *, username: str = "") -> None:
    """Count one event (such as a failed log-in) that was not refused."""
    _usage(request, action, increment=True, username=username)


def too_many(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """Mark a re-rendered form as a 429 answer, with Retry-After."""
    response.status_code = 429
    retry_after = getattr(request, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response
