"""Plain text for the index, from the sanitised HTML that readers see.

The index searches the words a reader sees on the page: the output of
`charter.rendering.render_markdown` (Markdown marks gone, entities decoded,
and raw HTML already turned into visible text by the sanitiser). What is
stored is text, never markup; snippets are built from it and escaped when
shown. No Django imports: easy to test and to run in bulk.
"""

import re
from html.parser import HTMLParser

# Control characters never reach the index: the snippet sentinels are control
# characters, so removing them here is what makes a sentinel in a snippet
# unambiguous (see search.snippets).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Tags after which a reader sees a break, so words on either side stay apart.
_BLOCKS = frozenset(
    {"p", "br", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "tr", "td"}
    | {"th", "table", "ul", "ol", "div"}
)


def clean(text: str) -> str:
    """`text` without control characters, with runs of spaces and blank lines folded."""
    text = _CONTROL.sub(" ", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


class _TextExtractor(HTMLParser):
    def __init__(self, *, skip_quotes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_quotes = skip_quotes
        self.quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "blockquote":
            self.quote_depth += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_quotes and self.quote_depth:
            return
        self.parts.append(data)


def html_to_text(html: str, *, skip_quotes: bool = False) -> str:
    """The visible text of sanitised HTML; `skip_quotes` leaves blockquotes out."""
    extractor = _TextExtractor(skip_quotes=skip_quotes)
    extractor.feed(html or "")
    extractor.close()
    return clean("".join(extractor.parts))
