"""Middleware that holds for every response and every request, errors included."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

UTF8 = {"utf-8", "utf8"}
# No link the site writes comes near this (a moderator's 100 selected ids
# are about 2 KB); gunicorn refuses request lines over 4,094 bytes by
# default, so a deployment behind it never sees more anyway.
MAX_QUERY_STRING = 4096


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy, first in the chain so error pages get it too.

    The templates use no inline scripts or styles, so the policy can forbid
    them: even if sanitising ever let markup through, the browser would not
    run it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The admin ships inline scripts of its own; it gets Django's defaults.
        if not request.path_info.startswith("/admin/", _prefix_length(request.path_info)):
            response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


class Utf8FormsMiddleware:
    """Refuse form bodies declared in any charset but UTF-8, before anything reads them.

    Browsers send UTF-8; a body in UTF-7 or UTF-16 can only come from a
    script, and decodes to lone surrogates or garbage that no database or
    response can carry.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        charset = request.content_params.get("charset") if request.content_params else None
        if charset is not None and charset.strip().lower() not in UTF8:
            # This runs before LocaleMiddleware: the language is the URL's, as it would pick.
            language = translation.get_language_from_path(request.path_info)
            with translation.override(language or settings.LANGUAGE_CODE):
                refusal = _("Send forms encoded as UTF-8.")
            return HttpResponseBadRequest(refusal, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class QueryStringLimitMiddleware:
    """Refuse a query string longer than any link of ours with 414, before anything parses it.

    Every page copies its query string into links (the language switcher,
    `next`): a 372 KB one cost about 150 ms of work per request, for nothing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            language = translation.get_language_from_path(request.path_info)
            with translation.override(language or settings.LANGUAGE_CODE):
                refusal = _("This address is too long. Follow a link from the site instead.")
            return HttpResponse(refusal, status=414, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _prefix_length(path: str) -> int:
    """How many characters of `path` are its language prefix ("/fr"), 0 for none."""
    language = translation.get_language_from_path(path)
    return len(language) + 1 if language else 0


class PreferredLanguageMiddleware:
    """Send a first-time reader to the pages in the language their browser asks for.

    English pages are unprefixed, so Django's LocaleMiddleware serves English
    there whatever Accept-Language says. A GET of an unprefixed page from a
    browser that prefers French, German or Spanish, and that has never chosen
    a language with the switcher (which sets the language cookie), is
    redirected to the same page under /fr/, /de/ or /es/. A reader who chose
    a language with the header's links (config.languages, which sets the
    language cookie) is sent to that one instead, English included, so the
    choice sticks. Links between our own pages (a same-site Referer) are
    followed as they are.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = self._redirect_target(request)
        if target is not None:
            response = HttpResponseRedirect(target)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        response = self.get_response(request)
        if not _prefix_length(request.path_info):
            # The same URL answers differently to a first-time visitor whose
            # browser prefers another language.
            patch_vary_headers(response, ("Cookie",))
        return response

    def _redirect_target(self, request: HttpRequest) -> str | None:
        if request.method not in ("GET", "HEAD") or _prefix_length(request.path_info):
            return None
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES):
            preferred = chosen
        elif urlsplit(request.META.get("HTTP_REFERER", "")).netloc == request.get_host():
            return None
        else:
            preferred = _preferred_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        if preferred is None or preferred == settings.LANGUAGE_CODE:
            return None
        prefixed = f"/{preferred}{request.path_info}"
        urlconf = getattr(request, "urlconf", None)
        # The language prefix resolves only while its language is active.
        with translation.override(preferred):
            if not is_valid_path(prefixed, urlconf):
                return None
        query = request.META.get("QUERY_STRING", "")
        return get_script_prefix().rstrip("/") + prefixed + (f"?{query}" if query else "")


def _preferred_language(header: str) -> str | None:
    """The first of the site's languages that `header` (Accept-Language) accepts."""
    supported = {code for code, _name in settings.LANGUAGES}
    for accepted, _quality in translation.trans_real.parse_accept_lang_header(header):
        if accepted == "*":
            return None
        base = accepted.split("-")[0].lower()
        if base in supported:
            return base
    return None
