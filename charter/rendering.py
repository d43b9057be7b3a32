"""The one place where user Markdown becomes HTML.

Python-Markdown first, then bleach with an allowlist. Markdown passes raw HTML
through, so the sanitiser, not the Markdown parser, is the security boundary.
"""

import threading
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "td": ["align"],
    "th": ["align"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "smarty"]


def _set_rel(attrs: dict, new: bool = False) -> dict:
    # Every link, typed or auto-linked, tells search engines and the browser
    # that it is user content.
    if (None, "href") not in attrs:
        return attrs
    attrs[(None, "rel")] = LINK_REL
    return attrs


# bleach's Cleaner is not thread-safe, and gunicorn threads or the test
# suite's concurrent writers may render at once: one cleaner per thread.
_local = threading.local()


def _cleaner() -> bleach.Cleaner:
    cleaner = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = _local.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags=["pre", "code"])],
        )
    return cleaner


def render_markdown(text: str) -> str:
    """Render untrusted Markdown to sanitised HTML safe to mark safe."""
    if not text:
        return ""
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return _cleaner().clean(html)
