"""Cached pages and fragments, with keys built from what they show.

Every cached page and fragment names the *stamps* it depends on: "site"
(personas, tendencies, anything loaded by seed_demo), "charter:<slug>"
(its clauses' texts, order, locks and stances), "clause:<id>" (its
discussion), "entry:<id>" (a contest entry's discussion), "hall" (who plays
whom), "charters" (the list of charters) and "recent" (every clause revision,
for recent changes).
A stamp is a random token kept in the shared cache; a write replaces the
tokens of what it changed as it writes and again once its transaction
commits, so the next reader builds a new key and no reader sees a page older
than the last write that answered them. Tokens are random, not counters: if
the cache evicts a stamp, the fresh token can never collide with a key built
from an older one.

Pages are cached whole for visitors (anonymous GETs); for signed-in players
the shared fragments are cached and only their own parts are rendered.
"""

import functools
import hashlib
import os
import re
import secrets
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

# Stamps and pages are kept until replaced or evicted: keys change when the
# content does, so there is nothing for a timeout to fix.
FOREVER = None
PAGE_PREFIX = "page:"
STAMP_PREFIX = "stamp:"
# Headers a view sets itself that a cached copy must carry again; the rest
# (security headers, cookies) come from middleware on every response.
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


# What a page is made from besides the data: a new release of any of these
# builds new keys, so no server shows markup cached by an older release
# (stylesheets and scripts too: pages name them by their hashed file names).
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".md", ".po", ".css", ".js"}
RELEASE_SKIPPED = {
    ".venv",
    ".git",
    "__pycache__",
    "node_modules",
    "staticfiles",
    "tests",
    "bench",
    "scripts",
}


def _token() -> str:
    return secrets.token_hex(8)


@functools.cache
def release() -> str:
    """A fingerprint of the code, templates and catalogues this server runs (read once).

    Built from the files' contents, so every app server of one release
    agrees on it, and a deploy retires every cached page and fragment.
    """
    root = settings.BASE_DIR
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        # Sorted in place, so the walk (and the digest) is the same everywhere.
        subfolders[:] = sorted(name for name in subfolders if name not in RELEASE_SKIPPED)
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix in RELEASE_SUFFIXES:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def stamps(*names: str) -> str:
    """The current tokens of `names`, joined: a key part that changes when any of them does.

    The active language is part of it: a page or fragment holds interface
    text, so each language caches its own copy. So is the release: markup
    cached by older code is never served by newer.
    """
    keys = [STAMP_PREFIX + name for name in names]
    found = cache.get_many(keys)
    missing = {key: _token() for key in keys if key not in found}
    for key, token in missing.items():
        # add(), not set(): two readers racing for a missing stamp agree on one.
        if not cache.add(key, token, FOREVER):
            missing[key] = cache.get(key) or token
    found.update(missing)
    return ".".join(found[key] for key in keys) + f"~{get_language()}~{release()}"


def touch(*names: str) -> None:
    """Replace the stamps of `names` now, and again once the current transaction commits.

    Now, so the rest of this transaction (the same request, a test) builds
    fresh keys; again after the commit, because a reader in between may have
    cached a page built from the data as it was before the commit, under the
    first replacement.
    """
    keys = [STAMP_PREFIX + name for name in names]

    def replace() -> None:
        cache.set_many({key: _token() for key in keys}, FOREVER)

    replace()
    transaction.on_commit(replace)


def charter_stamp(slug: str) -> str:
    return f"charter:{slug}"


def clause_stamp(clause_id: int) -> str:
    return f"clause:{clause_id}"


def entry_stamp(entry_id: int) -> str:
    return f"entry:{entry_id}"


def pending_messages(request: HttpRequest) -> bool:
    storage = messages.get_messages(request)
    pending = len(storage) > 0
    # Reading the storage marks messages as seen; keep them for the page.
    storage.used = False
    return pending


# Page numbers as links write them: "page=007" or "page=99999999" are not
# cached (they render as some page anyway), so nobody can fill the cache with
# copies of one page under endless spellings.
_CANONICAL_PAGE = re.compile(r"[1-9][0-9]{0,3}")


def cacheable_query(request: HttpRequest, allowed: frozenset[str]) -> bool:
    """Does the query string name only `allowed` parameters, once each, pages as links do?"""
    if not set(request.GET) <= allowed:
        return False
    if any(len(request.GET.getlist(name)) > 1 for name in request.GET):
        return False
    page = request.GET.get("page")
    return page is None or _CANONICAL_PAGE.fullmatch(page) is not None


def visitor_cache(
    depends_on: Callable[..., Iterable[str]], *, query: Iterable[str] = ()
) -> Callable:
    """Cache a view's whole 200 response for visitors, keyed by the stamps it depends on.

    `depends_on(**view_kwargs)` names the stamps. Only visitors without
    pending messages are served from the cache, and only for URLs whose query
    string uses the parameters in `query` (others would let anyone fill the
    cache with variants). A response that used the CSRF token is never kept:
    the token belongs to one visitor.
    """
    allowed = frozenset(query)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if (
                request.method != "GET"
                or request.user.is_authenticated
                or not cacheable_query(request, allowed)
                or pending_messages(request)
            ):
                return view(request, *args, **kwargs)
            query_part = "&".join(f"{name}={request.GET[name]}" for name in sorted(request.GET))
            # Hashed: paths and query values may hold anything a visitor typed.
            where = hashlib.sha256(f"{request.path}?{query_part}".encode()).hexdigest()
            key = f"{PAGE_PREFIX}{where}@{stamps(*depends_on(**kwargs))}"
            hit = cache.get(key)
            if hit is not None:
                content, headers = hit
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                and not response.cookies
            ):
                headers = {name: response[name] for name in KEPT_HEADERS if name in response}
                cache.set(key, (response.content, headers), FOREVER)
            return response

        return wrapped

    return decorate


class TouchesSiteAdmin:
    """A ModelAdmin mixin for reference data shown on many pages (personas, charters…).

    Any change made through the admin replaces the "site" stamp, which every
    cached page depends on.
    """

    def save_related(self, request, form, formsets, change) -> None:
        # Runs after save_model and the inlines, so one touch covers both.
        super().save_related(request, form, formsets, change)
        touch("site")

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        touch("site")

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        touch("site")
