"""The one place where user Markdown becomes HTML.

Python-Markdown first, then bleach with an allowlist. Markdown passes raw HTML
through, so the sanitiser, not the Markdown parser, is the security boundary.

Rendering runs in bounded time. Python-Markdown has inputs on which it goes
quadratic (an unmatched `[` makes every link processor scan to the end of the
paragraph, so `"[" * 20000` took 43 s) or recurses until it fails; bleach's
linkify pattern backtracks for seconds on a few thousand characters like
`a-b.a-b.`; and bleach costs tens of microseconds per tag or entity it parses.
Three layers keep every text the app accepts well under a quarter of a second:

1. A linear census (`too_dense_to_format`) measures what makes the pipeline
   slow: length, inline markup, lines, lines that split a paragraph, fences,
   nesting, unclosed HTML, linkify's backtracking. Ordinary writing sits far
   below every limit; a text above one is shown verbatim (`_render_verbatim`)
   instead of being formatted.
2. The processors that scan character by character in Python are replaced by
   versions that scan with regular expressions and cap nesting (`_Bounded*`),
   giving the same output on everything under the caps.
3. A final guard counts the tags and entities bleach would have to parse and
   falls back to the verbatim rendering past a limit. It is a count, not a
   clock: a thread cannot be stopped, so nothing here relies on a timeout.
"""

import hashlib
import html
import re
import threading
from functools import lru_cache, partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from bleach.sanitizer import INVISIBLE_CHARACTERS_RE, INVISIBLE_REPLACEMENT_CHAR
from django.core.cache import cache
from markdown import inlinepatterns, treeprocessors, util
from markdown.extensions import Extension
from markdown.extensions.tables import PIPE_LEFT, PIPE_NONE, PIPE_RIGHT, TableProcessor

from config.caching import release

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

# Limits. Each is several times what the longest ordinary clause uses (the
# regression corpus, tests/charter/data/rendering_corpus.json, stays far below
# all of them) and low enough that the slowest text under it renders in tens of
# milliseconds (tests/charter/test_rendering_bounds.py, bench/rendering.py).

# The longest text any field accepts (Clause.body). A longer text only reaches
# here through a preview of an invalid form, which shows its error anyway.
MAX_LENGTH = 20_000
# Characters and pairs that start or end inline markup, or become an entity.
MAX_INLINE_MARKS = 1_000
# Lines, blank ones included: every block costs Markdown and bleach some tens
# of microseconds.
MAX_LINES = 800
# Sum over paragraphs of (lines that can start a heading, rule, reference or
# code block) x (paragraph length): Python-Markdown rescans the rest of a
# paragraph each time such a line splits it.
MAX_SPLIT_SCAN = 200_000
# Fenced code openers x text length: an unclosed fence is searched for its
# closing fence to the end of the text, once per fence-like line.
MAX_FENCE_SCAN = 1_000_000
# Emphasis delimiters in one run (`***...`): each pair nests one element.
MAX_DELIMITER_RUN = 64
# Block quotes and list markers opened on one line.
MAX_BLOCK_NESTING = 16
# Link text brackets and link destination parentheses.
MAX_INLINE_NESTING = 32
# Raw HTML that does not close nearby makes the HTML parser scan to the end of
# the text; a few are harmless, thousands are quadratic.
MAX_UNCLOSED_HTML = 10
# Tags plus entities in Python-Markdown's output, which is what bleach pays for.
MAX_HTML_TOKENS = 1_600
# bleach's linkify runs a regular expression over text that backtracks heavily
# inside long runs of letters, dots and hyphens ("a-b.a-b.a-b..." of 2,000
# characters takes a second). Estimated cost, in nanoseconds, of the words
# (whitespace-separated, as a URL cannot contain whitespace) it will scan.
MAX_LINKIFY_SCAN_NS = 20_000_000

_INLINE_MARK_RE = re.compile(r"""[\[\]()!*_`\\<>&'"|\x00]|--|\.\.\.|  \n""")
# Possessive, and anchored at a word's start: a census must not backtrack.
_PUNCTUATED_WORD_RE = re.compile(r"(?<!\S)\w*+[^\w\s]\S*+")
_NON_WORD_RE = re.compile(r"\W")
_FENCE_RE = re.compile(r"^(?:~{3}|`{3})", re.MULTILINE)
_LONG_DELIMITER_RUN_RE = re.compile(rf"\*{{{MAX_DELIMITER_RUN + 1}}}|_{{{MAX_DELIMITER_RUN + 1}}}")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*+\n")
# Lines that can end a paragraph's block early: an ATX heading, a setext
# underline, a reference definition, a rule, indented code. (List items cannot:
# the list processor takes the rest of the paragraph at once.)
_SPLITTING_LINE_RE = re.compile(
    r"^(?:\#|[=-]+[ ]*$|[ ]{0,3}(?:\[|[*_-][ ]{0,2}[*_-][ ]{0,2}[*_-])|[ ]{4}|\t)", re.MULTILINE
)
_DEEP_NESTING_RE = re.compile(
    rf"^(?:[ \t]*+(?:>|[*+-][ \t]|\d{{1,9}}[.)][ \t])){{{MAX_BLOCK_NESTING + 1}}}", re.MULTILINE
)
_HTML_OPENER_RE = re.compile(r"<[A-Za-z/!?]")
# Constructs the HTML parser finishes within a short distance. Matched with an
# end position, so each test reads at most _HTML_LOOKAHEAD characters.
_HTML_LOOKAHEAD = 300
_CLOSED_HTML_RE = re.compile(
    r"""<(?:
        [A-Za-z][^\s/>"'`]*+
            (?:\s++[^\s/>"'`=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'`=<>]++))?+)*+
            \s*+/?>
        | /[^>]*+>
        | !--.*?--!?>
        | !\[CDATA\[.*?\]\]>
        | ![^>]*+>
        | \?.*?\?>
    )""",
    re.VERBOSE | re.DOTALL,
)


def _linkify_scan_ns(text: str) -> int:
    """An upper estimate of the time linkify's URL pattern spends on `text`.

    The pattern may start at every word boundary of a word, reads to its end
    from each (about 12 ns a character) and tries the list of top-level domains
    after each dot (about 1.6 us): measured on the worst words found.
    """
    total = 0
    for word in _PUNCTUATED_WORD_RE.findall(text):
        starts = 2 * len(_NON_WORD_RE.findall(word)) + 1
        total += starts * (12 * len(word) + 1_600 * word.count("."))
    return total


def too_dense_to_format(text: str) -> bool:
    """Whether formatting `text` could be slow: one linear pass of C-speed scans."""
    if len(text) > MAX_LENGTH:
        return True
    # A hard line break costs about twice a typical mark (a <br> with a tail
    # that both inline passes process again), so it counts twice.
    if len(_INLINE_MARK_RE.findall(text)) + text.count("  \n") > MAX_INLINE_MARKS:
        return True
    if text.count("\n") > MAX_LINES:
        return True
    if _linkify_scan_ns(text) > MAX_LINKIFY_SCAN_NS:
        return True
    if _DEEP_NESTING_RE.search(text) or _LONG_DELIMITER_RUN_RE.search(text):
        return True
    if len(_FENCE_RE.findall(text)) * len(text) > MAX_FENCE_SCAN:
        return True
    split_scan = 0
    for paragraph in _PARAGRAPH_BREAK_RE.split(text):
        split_scan += len(_SPLITTING_LINE_RE.findall(paragraph)) * len(paragraph)
        if split_scan > MAX_SPLIT_SCAN:
            return True
    unclosed = 0
    for opener in _HTML_OPENER_RE.finditer(text):
        start = opener.start()
        if not _CLOSED_HTML_RE.match(text, start, start + _HTML_LOOKAHEAD):
            unclosed += 1
            if unclosed > MAX_UNCLOSED_HTML:
                return True
    return False


def _render_verbatim(text: str) -> str:
    """The text as escaped paragraphs, with no markup: too dense to format.

    Nothing from the text becomes a tag, so there is nothing for bleach to
    sanitise, and skipping it keeps this linear. Invisible characters are
    replaced as bleach would.
    """
    text = INVISIBLE_CHARACTERS_RE.sub(INVISIBLE_REPLACEMENT_CHAR, text)
    paragraphs = (p.strip("\n") for p in _PARAGRAPH_BREAK_RE.split(text))
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p.strip())


# Bounded replacements for the processors that scan in Python.


def _nested_brackets_re(depth: int) -> re.Pattern:
    """Link text: balanced `[...]` nested at most `depth` deep, then the closing `]`.

    Possessive quantifiers make a failed match give up without backtracking, so
    each attempt reads at most as far as its nesting allows.
    """
    inner = r"[^\[\]]*+"
    for _ in range(depth):
        inner = r"(?:[^\[\]]++|\[" + inner + r"\])*+"
    return re.compile(inner + r"\]")


_LINK_TEXT_RE = _nested_brackets_re(MAX_INLINE_NESTING)
_LINK_DESTINATION_MARK_RE = re.compile(r"""[()'"]""")


class _BoundedLinkMixin:
    """`getText` and `getLink` of Python-Markdown's link processors, without the
    per-character Python loops that made unmatched brackets quadratic."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        match = _LINK_TEXT_RE.match(data, index)
        if match is None:
            return "", len(data), False
        return data[index : match.end() - 1], match.end(), True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        # The stock loop, stepping from one parenthesis or quote to the next
        # instead of through every character. `last` (the last non-space
        # character before the current one) is recovered from the gap.
        m = self.RE_LINK.match(data, pos=index)
        if not m or m.group(1):
            return super().getLink(data, index)
        href = ""
        title = None
        bracket_count = 1
        backtrack_count = 1
        start_index = m.end()
        index = start_index
        last_bracket = -1
        quote = None
        start_quote = -1
        exit_quote = -1
        ignore_matches = False
        alt_quote = None
        start_alt_quote = -1
        exit_alt_quote = -1
        last = ""
        previous = start_index
        marks = _LINK_DESTINATION_MARK_RE.finditer(data, start_index)
        for count, mark in enumerate(marks, 1):
            if count > 4 * MAX_INLINE_NESTING:
                # A destination and title with more than this are not a link.
                return href, title, len(data), False
            pos = mark.start()
            gap = data[previous:pos].rstrip(" ")
            if gap:
                last = gap[-1]
            c = data[pos]
            if c == "(":
                if not ignore_matches:
                    bracket_count += 1
                    if bracket_count > MAX_INLINE_NESTING:
                        return href, title, len(data), False
                elif backtrack_count > 0:
                    backtrack_count -= 1
            elif c == ")":
                if (exit_quote != -1 and quote == last) or (
                    exit_alt_quote != -1 and alt_quote == last
                ):
                    bracket_count = 0
                elif not ignore_matches:
                    bracket_count -= 1
                elif backtrack_count > 0:
                    backtrack_count -= 1
                    if backtrack_count == 0:
                        last_bracket = pos + 1
            elif not quote:
                ignore_matches = True
                backtrack_count = bracket_count
                bracket_count = 1
                start_quote = pos + 1
                quote = c
            elif c != quote and not alt_quote:
                start_alt_quote = pos + 1
                alt_quote = c
            elif c == quote:
                exit_quote = pos + 1
            elif alt_quote and c == alt_quote:
                exit_alt_quote = pos + 1
            index = pos + 1
            previous = index
            if bracket_count == 0:
                if exit_quote >= 0 and quote == last:
                    href = data[start_index : start_quote - 1]
                    title = "".join(data[start_quote : exit_quote - 1])
                elif exit_alt_quote >= 0 and alt_quote == last:
                    href = data[start_index : start_alt_quote - 1]
                    title = "".join(data[start_alt_quote : exit_alt_quote - 1])
                else:
                    href = data[start_index : index - 1]
                break
            last = c
        else:
            index = len(data)
        if bracket_count != 0 and backtrack_count == 0:
            href = data[start_index : last_bracket - 1]
            index = last_bracket
            bracket_count = 0
        handled = bracket_count == 0
        if title is not None:
            title = self.RE_TITLE_CLEAN.sub(
                " ", inlinepatterns.dequote(self.unescape(title.strip()))
            )
        href = self.unescape(href).strip()
        return href, title, index, handled


class _BoundedLink(_BoundedLinkMixin, inlinepatterns.LinkInlineProcessor):
    pass


class _BoundedImage(_BoundedLinkMixin, inlinepatterns.ImageInlineProcessor):
    pass


class _BoundedReference(_BoundedLinkMixin, inlinepatterns.ReferenceInlineProcessor):
    pass


class _BoundedImageReference(_BoundedLinkMixin, inlinepatterns.ImageReferenceInlineProcessor):
    pass


class _BoundedShortReference(_BoundedLinkMixin, inlinepatterns.ShortReferenceInlineProcessor):
    pass


class _BoundedShortImageReference(
    _BoundedLinkMixin, inlinepatterns.ShortImageReferenceInlineProcessor
):
    pass


_BACKTICK_RUN_RE = re.compile(r"`+")


@lru_cache(maxsize=64)
def _backtick_run_of(ticks: int) -> re.Pattern:
    """A run of exactly `ticks` backticks."""
    return re.compile(rf"(?<!`)`{{{ticks}}}(?!`)")


class _BoundedBacktick(inlinepatterns.BacktickInlineProcessor):
    """Code spans found by regular expression, not a character loop."""

    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:
        # Same answers as the stock method: the first later run of exactly as
        # many backticks closes the span; failing that, the longest later run if
        # it is shorter than the opening one.
        opening = _BACKTICK_RUN_RE.match(text, start)
        max_ticks = opening.end() - start if opening else 0
        start += max_ticks
        closing = _backtick_run_of(max_ticks).search(text, start) if max_ticks else None
        if closing:
            return start, closing.start()
        longest = max(map(len, _BACKTICK_RUN_RE.findall(text, start)), default=0)
        if 0 < longest < max_ticks:
            end = _backtick_run_of(longest).search(text, start).end()
            return start - (max_ticks - longest), end - longest
        return start + max_ticks, None


class _BoundedDelimiters(inlinepatterns.DelimiterProcessor):
    """Emphasis delimiters found by regular expression, not a character loop."""

    def add(self, token: str, tags: str, smart: bool = False, double: bool = False) -> None:
        super().add(token, tags, smart, double)
        self._candidate = re.compile(f"[{re.escape(''.join(self.tokens))}]")

    def search(self, data: str, start: int) -> re.Match[str] | None:
        candidate = self._candidate.search(data, start)
        while candidate is not None:
            i = candidate.start()
            d = self.delimiters[data[i]]
            m = d.boundary.match(data, i)
            if m is not None and (d.stack or m.lastgroup[0] != "e"):
                return m
            candidate = self._candidate.search(data, i + 1)
        return None


class _BoundedTable(TableProcessor):
    """A table test that reads the rows it needs, not every line of the block."""

    def _piped(self, row: str) -> bool:
        row = row.strip(" ")
        return row.startswith("|") or self.RE_END_BORDER.search(row) is not None

    def test(self, parent, block: str) -> bool:
        # The stock test reads the header and separator rows, and, for a
        # one-column table, the rows after the header up to the first without a
        # pipe. Hand it exactly those.
        rows = block.split("\n", 2)
        if len(rows) > 2:
            rest = rows.pop()
            header0 = rows[0].strip(" ")
            # _split_row reads the border the stock test sets from the header.
            self.border = (PIPE_LEFT if header0.startswith("|") else PIPE_NONE) | (
                PIPE_RIGHT if self.RE_END_BORDER.search(header0) else PIPE_NONE
            )
            one_column = self.border and len(self._split_row(header0)) == 1
            if one_column and self._piped(rows[1]):
                for row in rest.split("\n"):
                    rows.append(row)
                    if not self._piped(row):
                        break
        return super().test(parent, "\n".join(rows))


class _FastInline(treeprocessors.InlineProcessor):
    """The inline tree processor, skipping patterns that cannot match.

    The stock loop calls every pattern on every text node; checking first with
    the pattern's own regular expression gives the same result without the
    per-call overhead, which dominated text-heavy documents. It overrides a
    private method of Python-Markdown 3.11 (pinned); the regression corpus
    catches an upgrade that renames it.
    """

    _patterns: list | None = None

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        patterns = self._patterns
        if patterns is None:
            patterns = self._patterns = list(self.inlinePatterns)
        apply = self._InlineProcessor__applyPattern
        start = 0
        while patternIndex < len(patterns):
            pattern = patterns[patternIndex]
            if (
                isinstance(pattern, inlinepatterns.InlineProcessor)
                and pattern.compiled_re.search(data, start) is None
            ):
                matched = False
                start = 0
            else:
                data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class _BoundsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        inline = md.inlinePatterns
        inline.register(_BoundedBacktick(inlinepatterns.BACKTICK_RE), "backtick", 190)
        for cls, pattern, name, priority in (
            (_BoundedReference, inlinepatterns.REFERENCE_RE, "reference", 170),
            (_BoundedLink, inlinepatterns.LINK_RE, "link", 160),
            (_BoundedImage, inlinepatterns.IMAGE_LINK_RE, "image_link", 150),
            (_BoundedImageReference, inlinepatterns.IMAGE_REFERENCE_RE, "image_reference", 140),
            (_BoundedShortReference, inlinepatterns.REFERENCE_RE, "short_reference", 130),
            (
                _BoundedShortImageReference,
                inlinepatterns.IMAGE_REFERENCE_RE,
                "short_image_ref",
                125,
            ),
        ):
            inline.register(cls(pattern, md), name, priority)
        delimiters = _BoundedDelimiters("*", "strong,em", md)
        delimiters.add("_", "strong,em", smart=True)
        inline.register(delimiters, "em_strong", 60)
        table = md.parser.blockprocessors["table"]
        md.parser.blockprocessors.register(_BoundedTable(md.parser, table.config), "table", 75)
        for name, priority in (("inline", 20), ("smarty", 6)):
            stock = md.treeprocessors[name]
            fast = _FastInline(md)
            fast.inlinePatterns = stock.inlinePatterns
            md.treeprocessors.register(fast, name, priority)


def _set_rel(attrs: dict, new: bool = False) -> dict:
    # Every link, typed or auto-linked, tells search engines and the browser
    # that it is user content.
    if (None, "href") not in attrs:
        return attrs
    attrs[(None, "rel")] = LINK_REL
    return attrs


# bleach's Cleaner and a Markdown instance are not thread-safe, and gunicorn
# threads or the test suite's concurrent writers may render at once: one of
# each per thread. Reusing the Markdown instance (reset between texts) saves
# building its processors for every text.
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


def _markdown() -> markdown.Markdown:
    md = getattr(_local, "markdown", None)
    if md is None:
        md = _local.markdown = markdown.Markdown(
            extensions=[*MARKDOWN_EXTENSIONS, _BoundsExtension()], output_format="html"
        )
    return md


def render_markdown(text: str) -> str:
    """Render untrusted Markdown to sanitised HTML safe to mark safe."""
    if not text:
        return ""
    if too_dense_to_format(text):
        return _render_verbatim(text)
    runs = independent_runs(text) if len(text) >= RUNS_FROM_LENGTH else None
    if runs is None:
        tokens, html = _render_run(text)
    else:
        tokens, html = _render_runs(runs)
    if tokens > MAX_HTML_TOKENS:
        return _render_verbatim(text)
    return html


def _render_run(text: str) -> tuple[int, str]:
    """The tags and entities Markdown made of `text` (what bleach pays for) and the clean HTML.

    Past MAX_HTML_TOKENS the HTML is not cleaned: the text will be shown verbatim.
    """
    md = _markdown()
    try:
        html = md.convert(text)
    finally:
        md.reset()
    tokens = html.count("<") + html.count("&")
    return tokens, (_cleaner().clean(html) if tokens <= MAX_HTML_TOKENS else "")


# A long text rendered whole for every edit is most of the cost of a save (a
# 1,500-word clause: ~15 ms) though an edit mostly changes a paragraph or
# two. So a long text is cut into runs of blocks that Markdown renders the
# same alone as together, and each run's HTML is kept in the shared cache under
# the hash of its source: an edit renders only the runs it changed.
RUNS_FROM_LENGTH = 2_000
RUN_MIN_LENGTH = 400
RUN_TIMEOUT = 7 * 24 * 60 * 60
RUN_PREFIX = "markdown-run:"
# One or more blank lines, kept with the text so every run is cut verbatim.
_BLOCK_BREAK_RE = re.compile(r"(\n(?:[ \t]*+\n)++)")
# A block that Markdown may join to the one before it: indented (a list item's
# paragraph, code), a quote (consecutive quotes merge), or a list item.
_JOINS_PREVIOUS_RE = re.compile(r"[ \t>]|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)")
# Constructs whose reach crosses blank lines: a reference definition serves
# the whole text; fences and raw HTML enclose blank lines.
_REFERENCE_DEFINITION_RE = re.compile(r"^[ ]{0,3}\[[^\]\n]*+\]:", re.MULTILINE)


def independent_runs(text: str) -> list[str] | None:
    """`text` cut where Markdown's output is the same cut or whole; None if nowhere is safe.

    Cuts fall only at blank lines before a block that starts a new element on
    its own (no indent, quote or list marker), and never in a text with
    fences, raw HTML, carriage returns or reference definitions.
    """
    if (
        "<" in text
        or "\r" in text
        or _FENCE_RE.search(text)
        or _REFERENCE_DEFINITION_RE.search(text)
    ):
        return None
    pieces = _BLOCK_BREAK_RE.split(text)
    runs = [pieces[0]]
    for separator, block in zip(pieces[1::2], pieces[2::2], strict=True):
        # A run starts only after RUN_MIN_LENGTH characters of text: blank lines
        # ahead of the first block stay with it, and short blocks go together
        # (each run costs Markdown and bleach a fixed overhead, so a text of
        # hundreds of one-line paragraphs would render slower cut than whole).
        if (
            block
            and runs[-1].strip()
            and len(runs[-1].strip()) >= RUN_MIN_LENGTH
            and not _JOINS_PREVIOUS_RE.match(block)
        ):
            runs.append(block)
        else:
            runs[-1] += separator + block
    return runs if len(runs) > 1 else None


def _render_runs(runs: list[str]) -> tuple[int, str]:
    """Render runs, reusing the cached ones; Markdown joins top-level blocks with a newline."""
    keys = [f"{RUN_PREFIX}{release()}:{hashlib.sha256(run.encode()).hexdigest()}" for run in runs]
    found = cache.get_many(keys)
    rendered = {}
    for key, run in zip(keys, runs, strict=True):
        if key not in found:
            found[key] = rendered[key] = _render_run(run)
    if rendered:
        cache.set_many(rendered, RUN_TIMEOUT)
    tokens = sum(found[key][0] for key in keys)
    return tokens, "\n".join(found[key][1] for key in keys)
