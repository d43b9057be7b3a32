"""Middleware that holds for every response and every request, errors included."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

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
        if not request.path.startswith("/admin/"):
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
            return HttpResponseBadRequest(
                "Send forms encoded as UTF-8.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
