"""The app's bare-view floor, served only when BENCH_URLS is set.

A view that does nothing, behind every middleware: what a page costs beyond
it is what the app itself costs, so benchmark figures read as its multiples.
"""

from django.http import HttpRequest, HttpResponse


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
