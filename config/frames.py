"""Signed-in pages from a shared frame, with only the reader's own parts rendered per request.

A page for a signed-in player is mostly what every player sees: the clause
text, the threads, the tallies, the navigation. What is theirs alone is a
handful of *holes*: the header's account links, their stance and its form
(only the form's legend and button for a reader without a stance),
the watch button, the persona they speak as. The page template marks each
with `{% hole "template.html" %}`; a hole's template reads only the page's
own context, never variables set around the tag.

`render_framed` renders the page once with each hole left as a marker and
keeps that frame in the shared cache under a key made of the stamps of what
it shows (as for visitors' pages, config.caching) and a *variant*: the
reader's answers to the questions that change the frame itself (may they
edit, comment, flag; do they moderate; have they written in this debate).
Every request then renders only the holes, from the page's own context, and
puts them in. Each process keeps the frames it served lately in memory in
front of the shared cache (`_LocalFrames`). The same code fills a frame on a
miss and on a hit, and tests/test_page_frames.py compares framed pages with
pages rendered whole for players of every kind.

Forms in the frame carry a placeholder for the CSRF token, replaced by the
reader's own token on every response.
"""

import hashlib
import hmac
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import Context, RequestContext, engines
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString

from config import caching

# Frames are keyed by stamps, so they never go stale; the timeout only
# bounds how long variants nobody asks for again take up memory.
FRAME_TIMEOUT = 24 * 60 * 60
FRAME_PREFIX = "frame:"
# Set in a context while its frame is rendered: `{% hole %}` leaves a marker.
FRAMING = "_framing"
# How much frame text each app server process keeps for itself (characters).
LOCAL_FRAMES_SIZE = 16 * 1024 * 1024


class _LocalFrames:
    """The frames this process served lately, in front of the shared cache.

    A frame's key names exactly what it shows (the stamps are random tokens
    a write replaces, and the release and language are part of it), so a
    copy kept here can never be stale: a write makes readers ask for a new
    key. Keeping the most read ones spares each request fetching and
    decoding some 90 KB from Redis, and finding its holes again. A frame is
    kept split at its holes (text, hole, text, ...); the least recently used
    go first once their text passes `size` characters.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._frames: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._held = 0
        # Threaded workers (gunicorn --threads) share one process's frames.
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[str, ...] | None:
        with self._lock:
            frame = self._frames.get(key)
            if frame is not None:
                self._frames.move_to_end(key)
            return frame

    def put(self, key: str, parts: tuple[str, ...]) -> None:
        if _length(parts) > self.size:
            return
        with self._lock:
            previous = self._frames.pop(key, ())
            self._held += _length(parts) - _length(previous)
            self._frames[key] = parts
            while self._held > self.size:
                _, dropped = self._frames.popitem(last=False)
                self._held -= _length(dropped)


def _length(parts: tuple[str, ...]) -> int:
    return sum(map(len, parts))


_local = _LocalFrames(LOCAL_FRAMES_SIZE)


class _Secrets:
    @cached_property
    def token(self) -> str:
        # Derived from SECRET_KEY: the same on every app server sharing the
        # cache, and not something a player could type into a comment.
        return hmac.new(settings.SECRET_KEY.encode(), b"page-frames", hashlib.sha256).hexdigest()

    @cached_property
    def holes(self) -> re.Pattern:
        return re.compile(rf"<!--hole:{self.token[:16]}:([\w/.-]+)-->")


_secrets = _Secrets()


def csrf_placeholder() -> str:
    return f"csrf{_secrets.token[:40]}"


def hole_marker(template_name: str) -> SafeString:
    return format_html("<!--hole:{}:{}-->", _secrets.token[:16], template_name)


def variant(*answers: object) -> str:
    """A short key part for the reader's answers (refusal sentences, flags, ids)."""
    joined = "\x1f".join(str(answer) for answer in answers)
    return hashlib.sha256(joined.encode()).hexdigest()[:20]


def frame_key(request: HttpRequest, stamp_names: Iterable[str], *answers: object) -> str | None:
    """The cache key of this request's frame, or None when the page must be rendered whole.

    Whole for anything but a plain GET whose query string is at most a page
    number as links write it, and for a reader with messages waiting (they
    show once).
    """
    if (
        not settings.PAGE_FRAMES
        or request.method != "GET"
        or not caching.cacheable_query(request, frozenset({"page"}))
        or caching.pending_messages(request)
    ):
        return None
    where = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{FRAME_PREFIX}{where}@{caching.stamps(*stamp_names)}:{variant(*answers)}"


def render_page(
    request: HttpRequest,
    template_name: str,
    context: dict,
    *,
    stamps: Iterable[str],
    answers: Iterable[object] = (),
    status: int = 200,
) -> HttpResponse:
    """A page anyone may read: from its frame for a signed-in player, whole for anyone else.

    `stamps` name what the page shows, as for `visitor_cache`; `answers` are
    the reader's answers that change the frame (see `frame_key`). Values in
    `context` that only the frame shows should be lazy, so a hit skips them.
    """
    key = frame_key(request, stamps, *answers) if request.user.is_authenticated else None
    return render_framed(request, template_name, context, key=key, status=status)


def render_framed(
    request: HttpRequest,
    template_name: str,
    context: dict,
    *,
    key: str | None,
    status: int = 200,
) -> HttpResponse:
    """The page, from its cached frame under `key` with the holes rendered now (whole if None)."""
    template = engines["django"].engine.get_template(template_name)
    request_context = RequestContext(request, context)
    # Pushed above the context processors' values, whose csrf_token is the
    # reader's own: a frame holds the placeholder, never a player's token.
    request_context.push(csrf_token=csrf_placeholder())
    if key is None:
        html = template.render(request_context)
    else:
        parts = _local.get(key)
        if parts is None:
            frame = cache.get(key)
            if frame is None:
                with request_context.push({FRAMING: True}):
                    frame = template.render(request_context)
                cache.set(key, frame, FRAME_TIMEOUT)
            # split() alternates text and captured template names.
            parts = tuple(_secrets.holes.split(frame))
            _local.put(key, parts)
        html = _fill(parts, request_context)
    # One token for every form on the page, the reader's own; asked for only
    # if a form shows it, since asking sets the CSRF cookie (and a visitor's
    # page with a cookie is not cached).
    if csrf_placeholder() in html:
        html = html.replace(csrf_placeholder(), get_token(request))
    return HttpResponse(html, status=status)


def _fill(frame: tuple[str, ...], context: RequestContext) -> str:
    """The frame's text with each hole's template rendered in `context` in its place."""
    engine = engines["django"].engine
    parts = list(frame)
    for index in range(1, len(parts), 2):
        parts[index] = engine.get_template(parts[index]).render(context)
    return "".join(parts)


def hole(context: Context, template_name: str) -> SafeString:
    """What `{% hole %}` renders: a marker while framing, else the template in place."""
    if context.get(FRAMING):
        return hole_marker(template_name)
    template = context.template.engine.get_template(template_name)
    with context.push():
        return template.render(context)
